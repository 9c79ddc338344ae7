/**
 * The canonical form of a model state under renaming of pool ids: two states get the same
 * string exactly when a permutation of the consumed ids of each pool (nets, ops, devices;
 * `lo@N` following N) maps one onto the other. See explore/README.md for why that is sound.
 *
 * The search computes it for every successor (explore/README.md "Figures"), so it works on
 * scratch structures prepared once per pools ({@link Scratch}) instead of fresh maps, closures
 * and strings per call: ids are looked up in a precomputed table that knows their slot and
 * their table bucket, names live in arrays indexed by slot, the text is written into a byte
 * buffer that becomes one flat string at the end, closed sets print as one-letter codes, and
 * the ops' part, which few steps change, is memoised by the pernet list ({@link OpsPart}).
 */
import type { Device, Op, State } from '../model/state.ts';
import { CORE_OPS, INIT_NET, loopbackId } from '../model/state.ts';
import { bucketOf, type Table } from '../model/table.ts';
import type { Pools } from './scope.ts';

const LO = 'lo@';

/** The State fields this encoding knows; any other non-null field turns symmetry off. */
const KNOWN: ReadonlySet<string> = new Set([
  'kernel',
  'boot',
  'pernet',
  'firstDevice',
  'netList',
  'nets',
  'cleanupList',
  'devices',
  'used',
  'counters',
]);

const CORE_IDS: ReadonlySet<string> = new Set(CORE_OPS.map((op) => op.id));

/**
 * One-letter codes for the closed sets some fields draw from (model/actions.ts), which
 * shortens the text to write and hash; {@link code} quotes a value outside them.
 */
const DEV_KINDS = codes({ loopback: 'l', dummy: 'u', bridge: 'b', physical: 'p', veth: 'v' });
const OP_KINDS = codes({ subsys: 's', device: 'd' });
const HOOKS = codes({ init: 'i', pre_exit: 'p', exit: 'e', exit_batch: 'b', exit_rtnl: 'r' });

/** `table` as a map from value to code. */
function codes(table: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  return new Map(Object.entries(table));
}

/** What is precomputed about an id a state of the pools may hold. */
interface Info {
  readonly id: string;
  /** Its index in {@link Scratch.pool} (the pools' ids), or -1 for any other id. */
  readonly slot: number;
  /** `bucketOf(id)`, so that table lookups do not hash the id. */
  readonly bucket: string;
  /** The id printed raw: `!id`. */
  readonly raw: string;
  /** For a net: the id of its loopback device and that id's bucket. */
  readonly lo: string;
  readonly loBucket: string;
  /** For a loopback device `lo@N`: N; else null. */
  readonly loNet: string | null;
}

/**
 * Everything fixed by the pools, and the state of one call (reset by {@link begin}): the
 * names each kind of id got so far, how many, which pool ids were printed raw, and the
 * output written so far. One per pools, reused by every call: the search is single-threaded
 * and a call never re-enters.
 */
interface Scratch {
  /** Every id of the pools (their prefixes keep them distinct), in pools order. */
  readonly pool: readonly Info[];
  /** The Info of init_net, the core ops, the pools' ids and their nets' loopbacks. */
  readonly info: ReadonlyMap<string, Info>;
  /** Slots of each pool's ids, in pool order. */
  readonly slots: { readonly [K in PoolKind]: readonly number[] };
  /** The name of rank r (from 1) of each kind with symmetry: `N1`, `O1`, `D1`…, at r - 1. */
  readonly tags: { readonly [K in PoolKind]: readonly string[] };
  /** Ids a state of the pools may consume: anything else is a stray. */
  readonly knownNets: ReadonlySet<string>;
  readonly knownOps: ReadonlySet<string>;
  readonly knownDevs: ReadonlySet<string>;
  /** The canonical names handed out this call, by kind and slot (undefined: none yet). */
  readonly names: { readonly [K in PoolKind]: (string | undefined)[] };
  /** How many names of each kind were handed out this call. */
  readonly counts: { [K in PoolKind]: number };
  /** Pool ids printed raw this call (1), which therefore keep their identity. */
  readonly raw: Uint8Array;
  symmetric: boolean;
  /** {@link OpsPart}s by pernet list. */
  readonly opsParts: WeakMap<readonly Op[], OpsPart>;
  /** The output so far: `buf[0…n)`, one byte a character (see {@link text}). */
  buf: Buffer;
  n: number;
}

/** The three pools. */
type PoolKind = 'nets' | 'ops' | 'devs';

/** The {@link Info} of `id`, whose pool slot is `slot`. */
function infoOf(id: string, slot: number): Info {
  const lo = loopbackId(id);
  const loNet = id.startsWith(LO) ? id.slice(LO.length) : null;
  return { id, slot, bucket: bucketOf(id), raw: `!${id}`, lo, loBucket: bucketOf(lo), loNet };
}

/** The scratch for `pools`, built once. */
function makeScratch(pools: Pools): Scratch {
  const ids = [...new Set([...pools.nets, ...pools.ops, ...pools.devices])];
  const pool = ids.map(infoOf);
  const info = new Map<string, Info>();
  for (const id of [INIT_NET, ...CORE_IDS]) info.set(id, infoOf(id, -1));
  for (const i of pool) info.set(i.id, i);
  const knownNets = new Set([INIT_NET, ...pools.nets]);
  for (const net of knownNets) info.set(loopbackId(net), infoOf(loopbackId(net), -1));
  const slots = (ids: readonly string[]) => ids.map((id) => info.get(id)!.slot);
  const tags = (tag: string) => ids.map((_, i) => `${tag}${i + 1}`);
  const unnamed = () => ids.map((): string | undefined => undefined);
  return {
    pool,
    info,
    slots: { nets: slots(pools.nets), ops: slots(pools.ops), devs: slots(pools.devices) },
    tags: { nets: tags('N'), ops: tags('O'), devs: tags('D') },
    knownNets,
    knownOps: new Set([...pools.ops, ...CORE_IDS]),
    knownDevs: new Set([...pools.devices, ...[...knownNets].map(loopbackId)]),
    names: { nets: unnamed(), ops: unnamed(), devs: unnamed() },
    counts: { nets: 0, ops: 0, devs: 0 },
    raw: new Uint8Array(ids.length),
    symmetric: true,
    opsParts: new WeakMap(),
    buf: Buffer.alloc(1 << 12),
    n: 0,
  };
}

const scratches = new WeakMap<Pools, Scratch>();

/** The scratch of `pools`, reset for a new call. */
function begin(pools: Pools, symmetric: boolean): Scratch {
  let k = scratches.get(pools);
  if (k === undefined) scratches.set(pools, (k = makeScratch(pools)));
  k.names.nets.fill(undefined);
  k.names.ops.fill(undefined);
  k.names.devs.fill(undefined);
  k.counts.nets = k.counts.ops = k.counts.devs = 0;
  k.raw.fill(0);
  k.symmetric = symmetric;
  k.n = 0;
  return k;
}

/** Makes room for `bytes` more bytes of output. */
function room(k: Scratch, bytes: number): void {
  if (k.n + bytes <= k.buf.length) return;
  const bigger = Buffer.alloc(2 * (k.n + bytes));
  k.buf.copy(bigger, 0, 0, k.n);
  k.buf = bigger;
}

/**
 * Appends `s` to the output, each UTF-16 code unit as one byte below 0x80, else as two or
 * three bytes, UTF-8 style (the lead byte says how many, so distinct texts stay distinct).
 * The output of a state whose strings are ASCII is therefore its text itself.
 */
function text(k: Scratch, s: string): void {
  room(k, 3 * s.length);
  const { buf } = k;
  let n = k.n;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      buf[n++] = c;
    } else if (c < 0x800) {
      buf[n++] = 0xc0 | (c >> 6);
      buf[n++] = 0x80 | (c & 0x3f);
    } else {
      buf[n++] = 0xe0 | (c >> 12);
      buf[n++] = 0x80 | ((c >> 6) & 0x3f);
      buf[n++] = 0x80 | (c & 0x3f);
    }
  }
  k.n = n;
}

/** Appends the one ASCII character `c` (always a literal here, so `charCodeAt` folds). */
function ch(k: Scratch, c: string): void {
  room(k, 1);
  k.buf[k.n++] = c.charCodeAt(0);
}

/**
 * Appends the code of `value` in `codes`, else `value` quoted: a code is one letter and a
 * quoted value starts with `"`, so a sequence of them reads one way only.
 */
function code(k: Scratch, codes: ReadonlyMap<string, string>, value: string): void {
  const c = codes.get(value);
  if (c !== undefined) return text(k, c);
  ch(k, '"');
  text(k, value);
  ch(k, '"');
}

const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));

/** Appends a number in decimal (a digit without converting it, the common case). */
function num(k: Scratch, x: number): void {
  text(k, x >= 0 && x <= 9 && Number.isInteger(x) ? DIGITS[x]! : String(x));
}

/** The output written since `start`, as a string, which it then unwrites. */
function cut(k: Scratch, start: number): string {
  const s = k.buf.toString('latin1', start, k.n);
  k.n = start;
  return s;
}

/** Appends what {@link cut} returned (one byte a character, as it was). */
function paste(k: Scratch, s: string): void {
  room(k, s.length);
  k.n += k.buf.write(s, k.n, 'latin1');
}

/** The {@link Info} of `id`: precomputed, or made now for an id outside the pools. */
function infoFor(k: Scratch, id: string): Info {
  return k.info.get(id) ?? infoOf(id, -1);
}

/** The entry of `table` for the id of `i`. */
function lookup<T>(table: Table<T>, i: Info): T | undefined {
  return table[i.bucket]?.[i.id];
}

/** Whether the loopback device of net `i` was ever consumed. */
function loUsed(s: State, i: Info): boolean {
  return s.used.devs[i.loBucket]?.[i.lo] !== undefined;
}

/**
 * Names the pool id of `i` as a `kind` by order of appearance: its tag and rank (itself
 * without symmetry), unless it is named already or is not a pool id.
 */
function name(k: Scratch, kind: PoolKind, i: Info): void {
  const names = k.names[kind];
  if (i.slot < 0 || names[i.slot] !== undefined) return;
  names[i.slot] = k.symmetric ? k.tags[kind][k.counts[kind]] : i.id;
  k.counts[kind] += 1;
}

/** Names every listed net and listed device, in the state's own order. */
function nameAll(s: State, k: Scratch): void {
  for (const id of s.netList) name(k, 'nets', infoFor(k, id));
  for (const id of s.netList) {
    const n = lookup(s.nets, infoFor(k, id));
    if (n !== undefined) for (const dev of n.devices) name(k, 'devs', infoFor(k, dev));
  }
}

/** `!id`, marking a pool id as printed raw. */
function rawId(k: Scratch, i: Info): string {
  if (i.slot >= 0) k.raw[i.slot] = 1;
  return i.raw;
}

/** The name `kind` gave the pool id of `i` this call, if any. */
function named(k: Scratch, kind: PoolKind, i: Info): string | undefined {
  return i.slot >= 0 ? k.names[kind][i.slot] : undefined;
}

/** The canonical name of net `i` (init_net is `I`; an unnamed id prints raw). */
function net(k: Scratch, i: Info): string {
  return i.id === INIT_NET ? 'I' : (named(k, 'nets', i) ?? rawId(k, i));
}

/** The canonical name of op `id` (core ops are themselves; an unnamed id prints raw). */
function op(k: Scratch, id: string): string {
  if (CORE_IDS.has(id)) return id;
  const i = infoFor(k, id);
  return named(k, 'ops', i) ?? rawId(k, i);
}

/** Appends the canonical name of device `id` (`lo@N` follows N; unnamed ids print raw). */
function dev(k: Scratch, id: string): void {
  const i = infoFor(k, id);
  const name = named(k, 'devs', i);
  if (name !== undefined) {
    text(k, name);
  } else if (i.loNet !== null) {
    text(k, LO);
    text(k, net(k, infoFor(k, i.loNet)));
  } else {
    text(k, rawId(k, i));
  }
}

/** Appends `name:kind@net`, with `~peer` for a veth end that has one. */
function device(k: Scratch, d: Device): void {
  dev(k, d.id);
  ch(k, ':');
  text(k, d.name);
  ch(k, ':');
  code(k, DEV_KINDS, d.kind);
  ch(k, '@');
  text(k, net(k, infoFor(k, d.net)));
  if (d.peer === null) return;
  ch(k, '~');
  dev(k, d.peer);
}

/** Appends a net's nsid table as a sorted map (its insertion order means nothing). */
function nsids(k: Scratch, table: Readonly<Record<string, number>>): void {
  let items: string[] | null = null;
  const start = k.n;
  for (const peer in table) {
    if (k.n > start) (items ??= []).push(cut(k, start));
    text(k, net(k, infoFor(k, peer)));
    ch(k, '=');
    num(k, table[peer]!);
  }
  if (items === null) return;
  items.push(cut(k, start));
  items.sort();
  for (const [i, item] of items.entries()) {
    if (i > 0) ch(k, ',');
    paste(k, item);
  }
}

/** Appends each listed net: name, lo consumed, count, devices in order, nsids. */
function nets(s: State, k: Scratch, listed: string[]): void {
  for (const id of s.netList) {
    const i = infoFor(k, id);
    const n = lookup(s.nets, i);
    ch(k, ' ');
    text(k, net(k, i));
    if (n === undefined) {
      ch(k, '?');
      continue;
    }
    if (loUsed(s, i)) ch(k, 'L');
    ch(k, '#');
    num(k, n.count);
    ch(k, '[');
    for (const id of n.devices) {
      if (!listed.includes(id)) listed.push(id);
      const d = lookup(s.devices, infoFor(k, id));
      if (d === undefined) {
        dev(k, id);
        ch(k, '?');
      } else {
        device(k, d);
      }
      ch(k, ',');
    }
    text(k, ']{');
    nsids(k, n.nsids);
    ch(k, '}');
  }
}

/** Appends the devices of the table that no listed net holds (only broken steps make them). */
function orphans(s: State, k: Scratch, listed: readonly string[]): void {
  let items: string[] | null = null;
  for (const b in s.devices) {
    for (const id in s.devices[b]) {
      if (listed.includes(id)) continue;
      const start = k.n;
      device(k, s.devices[b]![id]!);
      (items ??= []).push(cut(k, start));
    }
  }
  if (items === null) return;
  items.sort();
  for (const [i, item] of items.entries()) {
    if (i > 0) ch(k, ',');
    paste(k, item);
  }
}

/** Appends the cleanup list, newest first. */
function cleanup(s: State, k: Scratch): void {
  const list = s.cleanupList;
  for (let i = 0; i < list.length; i += 1) {
    if (i > 0) ch(k, ',');
    text(k, net(k, infoFor(k, list[i]!)));
  }
}

/** Appends pernet_list (each op: name, kind, hooks, generic id) and first_device. */
function pernet(s: State, k: Scratch): void {
  for (const o of s.pernet) {
    text(k, op(k, o.id));
    ch(k, ':');
    code(k, OP_KINDS, o.kind);
    ch(k, ':');
    for (const hook of o.hooks) code(k, HOOKS, hook);
    ch(k, ':');
    if (o.genericId === null) ch(k, '-');
    else num(k, o.genericId);
    ch(k, ',');
  }
  ch(k, '>');
  text(k, s.firstDevice === null ? '-' : op(k, s.firstDevice));
}

/**
 * What the ops of a state come to, given the pools: the names of the registered ops, the
 * pool ids printed raw (a first_device that is no registered op) and the text of
 * pernet_list and first_device. It is a function of the pernet list, first_device and
 * whether symmetry is on, nothing else (ops are named in pernet order, apart from the
 * other kinds), so it is memoised by the pernet list, which steps share while they leave
 * it alone and never change in place (model/context.ts), with the other two checked.
 */
interface OpsPart {
  readonly firstDevice: string | null;
  readonly symmetric: boolean;
  /** The op names by slot and their count, as {@link Scratch} holds them. */
  readonly names: readonly (string | undefined)[];
  readonly count: number;
  /** Slots printed raw. */
  readonly raw: readonly number[];
  /** The text, as {@link cut} returns it. */
  readonly text: string;
}

/**
 * The {@link OpsPart} of `s`, its names and raw marks set in the scratch. Must come first
 * in a call (after {@link begin}): when it computes the part, every raw mark is its own.
 */
function opsPart(s: State, k: Scratch): OpsPart {
  const part = k.opsParts.get(s.pernet);
  if (part === undefined || part.firstDevice !== s.firstDevice || part.symmetric !== k.symmetric) {
    const fresh = makeOpsPart(s, k);
    k.opsParts.set(s.pernet, fresh);
    return fresh;
  }
  for (let slot = 0; slot < part.names.length; slot += 1) k.names.ops[slot] = part.names[slot];
  k.counts.ops = part.count;
  for (const slot of part.raw) k.raw[slot] = 1;
  return part;
}

/** Names the ops of `s` and writes pernet_list, then takes the text back (see {@link opsPart}). */
function makeOpsPart(s: State, k: Scratch): OpsPart {
  for (const op of s.pernet) name(k, 'ops', infoFor(k, op.id));
  const start = k.n;
  pernet(s, k);
  const text = cut(k, start);
  const raw: number[] = [];
  for (let slot = 0; slot < k.raw.length; slot += 1) if (k.raw[slot] === 1) raw.push(slot);
  const { firstDevice } = s;
  const names = [...k.names.ops];
  return { firstDevice, symmetric: k.symmetric, names, count: k.counts.ops, raw, text };
}

/** Whether the pool id of `i` (of pool `kind`) was ever consumed. */
function consumed(s: State, kind: PoolKind, i: Info): boolean {
  if (kind === 'ops') return s.used.ops[i.id] === true;
  return lookup(kind === 'nets' ? s.used.nets : s.used.devs, i) !== undefined;
}

/**
 * Appends the used-id facts of one pool, in pool order: a named id that is not consumed is
 * marked (`N1^`); an unconsumed unnamed id prints raw (the fresh ids to come depend on
 * which); a consumed unnamed id prints raw if it was referenced raw (or without symmetry),
 * else it is only counted (`*`, or `*L` for a net whose loopback was consumed), such ids
 * being interchangeable; the counts print sorted, `*` before `*L`.
 */
function pool(s: State, k: Scratch, kind: PoolKind): void {
  let gone = 0;
  let goneL = 0;
  for (const slot of k.slots[kind]) {
    const name = k.names[kind][slot];
    const i = k.pool[slot]!;
    const used = consumed(s, kind, i);
    if (name !== undefined) {
      if (!used) {
        text(k, name);
        text(k, '^,');
      }
      continue;
    }
    const lo = kind === 'nets' && loUsed(s, i);
    if (used && k.symmetric && k.raw[slot] === 0) {
      if (lo) goneL += 1;
      else gone += 1;
      continue;
    }
    text(k, used ? i.raw : i.id);
    text(k, lo ? 'L,' : ',');
  }
  ch(k, '|');
  for (let i = 0; i < gone; i += 1) ch(k, '*');
  for (let i = 0; i < goneL; i += 1) text(k, '*L');
}

/** Appends the ids of `table` that `known` lacks, sorted: ids no pool accounts for. */
function strays<T>(k: Scratch, table: Table<T>, known: ReadonlySet<string>): void {
  let out: string[] | null = null;
  for (const b in table) for (const id in table[b]) if (!known.has(id)) (out ??= []).push(id);
  if (out !== null) text(k, out.sort().join(','));
}

/** Appends the used-id facts of every pool, and the consumed ids outside every pool. */
function used(s: State, k: Scratch): void {
  const { used } = s;
  const init = infoFor(k, INIT_NET);
  if (lookup(used.nets, init) !== undefined) ch(k, 'I');
  for (const o of CORE_OPS) text(k, used.ops[o.id] === true ? '1' : '0');
  if (loUsed(s, init)) ch(k, 'L');
  ch(k, ';');
  pool(s, k, 'nets');
  ch(k, ';');
  pool(s, k, 'ops');
  ch(k, ';');
  pool(s, k, 'devs');
  ch(k, ';');
  strays(k, used.nets, k.knownNets);
  ch(k, ';');
  strays(k, used.devs, k.knownDevs);
  for (const o in used.ops) {
    if (k.knownOps.has(o)) continue;
    text(k, ';+');
    text(k, o);
  }
}

/** Non-null fields of `state` this encoding does not know, as JSON (or '' if none). */
function unknownFields(state: State): string {
  let out = '';
  for (const key in state) {
    if (KNOWN.has(key)) continue;
    const value = (state as unknown as Record<string, unknown>)[key];
    if (value !== null && value !== undefined) out += ` ${key}=${JSON.stringify(value)}`;
  }
  return out;
}

/** Appends the kernel, the boot and the cost counters. */
function header(s: State, k: Scratch): void {
  const c = s.counters;
  text(k, s.kernel);
  ch(k, '/');
  text(k, s.boot);
  ch(k, ' ');
  num(k, c.workRuns);
  ch(k, ',');
  num(k, c.pernetLock);
  ch(k, ',');
  num(k, c.rtnl);
  ch(k, ',');
  num(k, c.gracePeriods);
  ch(k, ',');
  num(k, c.rcuBarriers);
  ch(k, ',');
  num(k, c.unregisterMany);
}

/**
 * The canonical string of `state`. With `symmetric`, listed nets, registered ops and
 * listed devices are renamed by their position in the state's own lists, and consumed ids
 * that nothing names are counted instead of listed; without it, ids are kept as they are.
 * A state with fields this encoding does not know is encoded without symmetry, those
 * fields as JSON.
 */
export function canonical(state: State, pools: Pools, symmetric = true): string {
  const extra = unknownFields(state);
  const k = begin(pools, symmetric && extra === '');
  const ops = opsPart(state, k);
  nameAll(state, k);
  const listed: string[] = [];
  header(state, k);
  nets(state, k, listed);
  text(k, ' <');
  cleanup(state, k);
  text(k, '> ');
  paste(k, ops.text);
  ch(k, ' ');
  orphans(state, k, listed);
  ch(k, ' ');
  used(state, k);
  text(k, extra);
  return k.buf.toString('latin1', 0, k.n);
}
