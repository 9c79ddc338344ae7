/**
 * The canonical form of a model state under renaming of pool ids: two states get the same
 * string exactly when a permutation of the consumed ids of each pool (nets, ops, devices;
 * `lo@N` following N) maps one onto the other. See explore/README.md for why that is sound.
 */
import type { Device, State } from '../model/state.ts';
import { CORE_OPS, INIT_NET, loopbackId } from '../model/state.ts';
import { get, has, type Table } from '../model/table.ts';
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

/** Canonical names handed out in traversal order; ids outside the pools print raw (`!id`). */
class Names {
  readonly nets = new Map<string, string>([[INIT_NET, 'I']]);
  readonly ops = new Map<string, string>(CORE_OPS.map((op) => [op.id, op.id]));
  readonly devs = new Map<string, string>();
  /** Pool ids printed raw, which therefore keep their identity. */
  readonly raw = new Set<string>();
  /** How many pool ids each map has named. */
  private readonly counts = new Map<Map<string, string>, number>();

  constructor(
    readonly pool: ReadonlySet<string>,
    readonly symmetric: boolean,
  ) {}

  /** Names pool id `id` by its order of appearance (itself without symmetry). */
  name(map: Map<string, string>, id: string, tag: string): void {
    if (map.has(id) || !this.pool.has(id)) return;
    const n = (this.counts.get(map) ?? 0) + 1;
    this.counts.set(map, n);
    map.set(id, this.symmetric ? tag + n : id);
  }
  net(id: string): string {
    return this.nets.get(id) ?? this.rawId(id);
  }
  op(id: string): string {
    return this.ops.get(id) ?? this.rawId(id);
  }
  dev(id: string): string {
    const named = this.devs.get(id);
    if (named !== undefined) return named;
    return id.startsWith(LO) ? LO + this.net(id.slice(LO.length)) : this.rawId(id);
  }
  rawId(id: string): string {
    this.raw.add(id);
    return `!${id}`;
  }
}

const poolSets = new WeakMap<Pools, ReadonlySet<string>>();

/** Every id of `pools` (their prefixes keep them distinct). */
function poolSet(pools: Pools): ReadonlySet<string> {
  let set = poolSets.get(pools);
  if (set === undefined) {
    set = new Set([...pools.nets, ...pools.ops, ...pools.devices]);
    poolSets.set(pools, set);
  }
  return set;
}

/** Names every listed net, registered op and listed device, in the state's own order. */
function nameAll(s: State, c: Names): void {
  for (const net of s.netList) c.name(c.nets, net, 'N');
  for (const op of s.pernet) c.name(c.ops, op.id, 'O');
  for (const net of s.netList) {
    const n = get(s.nets, net);
    if (n !== undefined) for (const dev of n.devices) c.name(c.devs, dev, 'D');
  }
}

const devicePart = (c: Names, d: Device): string =>
  `${c.dev(d.id)}:${d.name}:${d.kind}@${c.net(d.net)}${d.peer === null ? '' : `~${c.dev(d.peer)}`}`;

/** A net's nsid table as a sorted map (its insertion order means nothing). */
function nsidPart(c: Names, nsids: Readonly<Record<string, number>>): string {
  let one = '';
  let many: string[] | null = null;
  for (const peer in nsids) {
    const item = `${c.net(peer)}=${nsids[peer]}`;
    if (one === '') one = item;
    else (many ??= [one]).push(item);
  }
  return many === null ? one : many.sort().join(',');
}

/** Each listed net: name, lo consumed, count, devices in order, nsids. Collects devices. */
function netsPart(s: State, c: Names, listed: Set<string>): string {
  let out = '';
  for (const id of s.netList) {
    const n = get(s.nets, id);
    if (n === undefined) {
      out += ` ${c.net(id)}?`;
      continue;
    }
    out += ` ${c.net(id)}${has(s.used.devs, loopbackId(id)) ? 'L' : ''}#${n.count}[`;
    for (const dev of n.devices) {
      listed.add(dev);
      const d = get(s.devices, dev);
      out += d === undefined ? `${c.dev(dev)}?,` : `${devicePart(c, d)},`;
    }
    out += `]{${nsidPart(c, n.nsids)}}`;
  }
  return out;
}

/** Devices of the table that no listed net holds (only a broken step makes them). */
function orphans(s: State, c: Names, listed: ReadonlySet<string>): string {
  let found = 0;
  for (const dev of listed) if (has(s.devices, dev)) found += 1;
  let size = 0;
  for (const b in s.devices) size += Object.keys(s.devices[b]!).length;
  if (found === size) return '';
  const out: string[] = [];
  for (const b in s.devices) {
    for (const id in s.devices[b]) if (!listed.has(id)) out.push(devicePart(c, s.devices[b]![id]!));
  }
  return out.sort().join(',');
}

function pernetPart(s: State, c: Names): string {
  let out = '';
  for (const op of s.pernet) {
    out += `${c.op(op.id)}:${op.kind}:${op.hooks.join('+')}:${op.genericId ?? '-'},`;
  }
  return `${out}>${s.firstDevice === null ? '-' : c.op(s.firstDevice)}`;
}

/**
 * The used-id facts of one pool, in pool order: a named id that is not consumed is marked
 * (`N1^`); an unconsumed unnamed id prints raw (the fresh ids to come depend on which);
 * a consumed unnamed id prints raw if it was referenced raw (or without symmetry), else it
 * is only counted per `flag`, such ids being interchangeable.
 */
function poolPart(
  c: Names,
  ids: readonly string[],
  named: ReadonlyMap<string, string>,
  used: (id: string) => boolean,
  flag: (id: string) => string,
): string {
  let raw = '';
  const gone: string[] = [];
  for (const id of ids) {
    const name = named.get(id);
    const u = used(id);
    if (name !== undefined) {
      if (!u) raw += `${name}^,`;
    } else if (!u) raw += `${id}${flag(id)},`;
    else if (!c.symmetric || c.raw.has(id)) raw += `!${id}${flag(id)},`;
    else gone.push(`*${flag(id)}`);
  }
  return `${raw}|${gone.sort().join('')}`;
}

/** Ids of `table` that `known` rejects, sorted: ids no pool accounts for (broken steps). */
function strays<T>(table: Table<T>, known: (id: string) => boolean): string {
  let out: string[] | null = null;
  for (const b in table) for (const id in table[b]) if (!known(id)) (out ??= []).push(id);
  return out === null ? '' : out.sort().join(',');
}

/** The used-id facts of every pool, and the consumed ids outside every pool. */
function usedPart(s: State, pools: Pools, c: Names): string {
  const { used } = s;
  const lo = (net: string): string => (has(used.devs, loopbackId(net)) ? 'L' : '');
  const none = () => '';
  const nets = poolPart(c, pools.nets, c.nets, (id) => has(used.nets, id), lo);
  const ops = poolPart(c, pools.ops, c.ops, (id) => used.ops[id] === true, none);
  const devs = poolPart(c, pools.devices, c.devs, (id) => has(used.devs, id), none);
  let core = has(used.nets, INIT_NET) ? 'I' : '';
  for (const op of CORE_OPS) core += used.ops[op.id] === true ? '1' : '0';
  const known = knownIds(pools);
  const extra = [strays(used.nets, known.net), strays(used.devs, known.dev)];
  for (const op in used.ops) if (!known.op(op)) extra.push(`+${op}`);
  return `${core}${lo(INIT_NET)};${nets};${ops};${devs};${extra.join(';')}`;
}

const knownSets = new WeakMap<Pools, ReturnType<typeof makeKnown>>();

/** Membership tests for the ids a state of `pools` may consume. */
function makeKnown(pools: Pools) {
  const nets = new Set([INIT_NET, ...pools.nets]);
  const ops = new Set([...pools.ops, ...CORE_OPS.map((op) => op.id)]);
  const devs = new Set([...pools.devices, ...[...nets].map(loopbackId)]);
  return {
    net: (id: string) => nets.has(id),
    op: (id: string) => ops.has(id),
    dev: (id: string) => devs.has(id),
  };
}

/** {@link makeKnown}, once per pools. */
function knownIds(pools: Pools): ReturnType<typeof makeKnown> {
  let known = knownSets.get(pools);
  if (known === undefined) knownSets.set(pools, (known = makeKnown(pools)));
  return known;
}

/** Non-null fields of `state` this encoding does not know, as JSON (or '' if none). */
function unknownFields(state: State): string {
  let out = '';
  for (const key in state) {
    const value = (state as unknown as Record<string, unknown>)[key];
    if (!KNOWN.has(key) && value !== null && value !== undefined)
      out += ` ${key}=${JSON.stringify(value)}`;
  }
  return out;
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
  const c = new Names(poolSet(pools), symmetric && extra === '');
  nameAll(state, c);
  const listed = new Set<string>();
  const k = state.counters;
  let out = `${state.kernel}/${state.boot} ${k.workRuns},${k.pernetLock},${k.rtnl},`;
  out += `${k.gracePeriods},${k.rcuBarriers},${k.unregisterMany}`;
  out += netsPart(state, c, listed);
  out += ` <${state.cleanupList.map((net) => c.net(net)).join(',')}> `;
  out += `${pernetPart(state, c)} ${orphans(state, c, listed)} `;
  return out + usedPart(state, pools, c) + extra;
}
