/**
 * Turns choices into concrete actions by reading the model state as the run goes: ids are
 * picked by index into the live sets (`live[i % live.length]`), so most actions are valid,
 * and a small share is invalid on purpose.
 */
import { get, values } from '../model/table.ts';
import { HOOKS, type Action, type Hook, type NewDevKind } from '../model/actions.ts';
import { profileOf } from '../model/kernels.ts';
import { initialState, type InitOptions, type State } from '../model/state.ts';
import { step } from '../model/step.ts';
import type { Choice } from './choices.ts';

/** Names drawn from a small pool, so that clashes (and renames on migration) happen. */
const NAMES = ['eth0', 'eth1', 'veth0', 'dev0'];
const KINDS: readonly NewDevKind[] = ['veth', 'dummy', 'physical', 'veth', 'bridge'];
const CORE = new Set(['netdev', 'loopback', 'default_device']);

const pick = <T>(items: readonly T[], i: number): T | undefined =>
  items[i % Math.max(items.length, 1)];

/** Fresh-id counters for one run. */
interface Fresh {
  net: number;
  op: number;
  dev: number;
}

const liveNets = (s: State): string[] => s.netList.filter((n) => get(s.nets, n)!.count > 0);
const listed = (s: State): readonly string[] => s.netList;
const userOps = (s: State) => s.pernet.filter((op) => s.boot === 'bare' || !CORE.has(op.id));
const reachableDevices = (s: State): string[] =>
  values(s.devices)
    .filter((d) => d.kind !== 'loopback' && get(s.nets, d.net)!.count > 0)
    .map((d) => d.id);

function hooksOf(mask: number): Hook[] {
  return HOOKS.filter((_, bit) => (mask >> bit) & 1);
}

function name(s: State, net: string | undefined, c: Choice, salt: number): string {
  const pooled = pick(NAMES, c.k + salt)!;
  if (net === undefined || c.bit) return pooled;
  const used = new Set(get(s.nets, net)!.devices.map((d) => get(s.devices, d)!.name));
  return used.has(pooled) ? `x${c.k}${salt}` : pooled;
}

/**
 * A new net. Its setup fails half the time once a user op has an init (one time in four
 * before), three times in four at the newest such op: the undo then runs every op registered
 * before it, and a generic one leaves its data slot to the undo's readers (B3).
 */
function create(s: State, c: Choice, fresh: Fresh): Action {
  const net = `n${++fresh.net}`;
  const failing = s.pernet.filter((op) => op.hooks.includes('init'));
  const newest = userOps(s).findLast((op) => op.hooks.includes('init'));
  const chosen = newest && c.k % 4 !== 0 ? newest : pick(failing, c.k);
  const op = c.bit && (newest !== undefined || c.mask % 2 === 0) ? chosen : undefined;
  return op ? { type: 'copy_net_ns', net, fail: { op: op.id } } : { type: 'copy_net_ns', net };
}

function register(s: State, c: Choice, fresh: Fresh, kind: 'subsys' | 'device'): Action {
  const op = `op${++fresh.op}`;
  const profile = profileOf(s.kernel);
  let hooks = hooksOf(c.mask).filter((h) => profile.hooks.includes(h));
  const failNet = c.bit && c.k % 4 === 0 ? pick(listed(s), c.j) : undefined;
  if (failNet !== undefined && !hooks.includes('init')) hooks = ['init', ...hooks];
  const generic = c.i % 3 !== 0 && profile.genericMin !== null;
  const type = kind === 'subsys' ? 'register_pernet_subsys' : 'register_pernet_device';
  return { type, op, hooks, generic, ...(failNet === undefined ? {} : { fail: { net: failNet } }) };
}

/**
 * A device, three times in four in a user net (which may die with it). A veth pair always
 * has an end in a user net (with none, make one first); one pair in three has both ends in
 * it, whose teardown then meets each end twice, the others span two nets.
 */
function netdev(s: State, c: Choice, fresh: Fresh): Action {
  const nets = liveNets(s);
  const users = nets.slice(1); // init_net comes first
  const kind = pick(KINDS, c.mask)!;
  if (kind === 'veth' && users.length === 0) return create(s, { ...c, bit: false }, fresh);
  const net = pick(users.length > 0 && c.i % 4 !== 0 ? users : nets, c.i)!;
  const dev = `d${++fresh.dev}`;
  const base = { type: 'register_netdev', dev, name: name(s, net, c, 0), net, kind } as const;
  if (kind !== 'veth') return base;
  const others = users.filter((n) => n !== net);
  const same = net !== 'init_net' && (c.j % 3 === 0 || others.length === 0);
  const peerNet = same ? net : pick(others, c.j)!;
  const peerName = name(s, peerNet, { ...c, bit: false }, 1);
  const clash = peerNet === net && peerName === base.name;
  return {
    ...base,
    peer: { dev: `d${++fresh.dev}`, name: clash ? `${peerName}p` : peerName, net: peerNet },
  };
}

/** Keys drawn from a small pool, so that two nets often hold the same 4-tuple. */
const KEYS = ['10.0.0.1:80', '10.0.0.2:80', '10.0.0.1:22'];

/**
 * The TIME_WAIT table (historical profiles, also in place of nsids; 6.18 on request): set it
 * up, add entries (two times in three), or look up a held key in its own net or in another.
 */
function timewait(s: State, c: Choice): Action {
  if (s.tw === null) return s.boot === 'bare' ? { type: 'cleanup_net' } : { type: 'tcp_v4_init' };
  const nets = liveNets(s);
  if (c.mask % 3 !== 2) {
    const mortal = nets.length > 1 ? nets.slice(1) : nets; // init_net never dies
    return { type: 'inet_twsk_hashdance', net: pick(mortal, c.i)!, key: pick(KEYS, c.k)! };
  }
  const held = pick(values(s.tw), c.i);
  const net = held && c.bit ? held.net : pick(nets, c.j)!;
  return { type: 'inet_lookup_established', net, key: held?.key ?? pick(KEYS, c.k)! };
}

/**
 * The nets a put may drop: any but init_net; two times in three, one holding a veth end
 * whose peer is in a queued net, so that pairs spanning one batch are common; else half the
 * time one holding a veth end, so that pairs die with their nets.
 */
function putCandidates(s: State, nets: readonly string[], c: Choice): readonly string[] {
  if (nets.length < 2) return nets;
  const queued = new Set(s.cleanupList);
  const mortal = (n: string) => n !== 'init_net' && get(s.nets, n)!.count > 0;
  const ends = values(s.devices).filter((d) => d.peer !== null && mortal(d.net));
  const partners = ends.filter((d) => queued.has(get(s.devices, d.peer!)!.net)).map((d) => d.net);
  if (partners.length > 0 && c.i % 3 !== 0) return partners;
  return ends.length > 0 && c.j % 2 === 0 ? ends.map((d) => d.net) : nets.slice(1);
}

/**
 * The peer of an nsid request: a live net, or one time in eight a net queued for cleanup
 * (count 0), which peernet2id_alloc must refuse without hashing it.
 */
function nsidPeer(s: State, nets: readonly string[], c: Choice): string {
  const dying = c.bit && c.mask % 4 === 0 ? s.cleanupList : [];
  return dying.length > 0 ? pick(dying, c.j)! : pick(nets, c.j)!;
}

function invalid(s: State, c: Choice): Action {
  const all: Action[] = [
    { type: 'put_net', net: 'nope' },
    { type: 'get_net', net: pick(s.cleanupList, c.i) ?? 'nope' },
    { type: 'unregister_pernet_device', op: 'loopback' },
    { type: 'register_netdev', dev: 'lo@init_net', name: 'lo', net: 'init_net', kind: 'dummy' },
    { type: 'dev_change_net_namespace', dev: 'lo@init_net', net: pick(liveNets(s), c.j)! },
    { type: 'unregister_netdev', dev: 'lo@init_net' },
    { type: 'copy_net_ns', net: pick(listed(s), c.j)! },
  ];
  return pick(all, c.k)!;
}

/**
 * The action one choice means in state `s`. `withTimewait`: TIME_WAIT choices become TIME_WAIT
 * actions in 6.18 too (not part of v1); otherwise there they request nsids.
 */
export function decodeOne(s: State, c: Choice, fresh: Fresh, withTimewait = false): Action {
  const nets = liveNets(s);
  const ops = userOps(s);
  const devs = reachableDevices(s);
  switch (c.kind) {
    case 'create':
      return create(s, c, fresh);
    case 'get':
      return { type: 'get_net', net: pick(nets, c.i)! };
    case 'put':
      return { type: 'put_net', net: pick(putCandidates(s, nets, c), c.i)! };
    case 'cleanup':
      return s.cleanupList.length > 0 || nets.length < 2
        ? { type: 'cleanup_net' }
        : { type: 'put_net', net: pick(nets.slice(1), c.i)! };
    case 'subsys':
    case 'device':
      return register(s, c, fresh, c.kind);
    case 'unregister': {
      const op = pick(ops, c.i);
      if (!op) return { type: 'cleanup_net' };
      return {
        type: op.kind === 'subsys' ? 'unregister_pernet_subsys' : 'unregister_pernet_device',
        op: op.id,
      };
    }
    case 'netdev':
      return s.boot === 'bare' ? { type: 'cleanup_net' } : netdev(s, c, fresh);
    case 'move': {
      const dev = pick(devs, c.i);
      if (!dev) return { type: 'cleanup_net' };
      const to = pick(nets, c.j)!;
      return c.bit
        ? { type: 'dev_change_net_namespace', dev, net: to, name: 'dev%d' }
        : { type: 'dev_change_net_namespace', dev, net: to };
    }
    case 'del':
      return { type: 'unregister_netdev', dev: pick(devs, c.i) ?? 'nope' };
    case 'timewait':
    case 'nsid':
      if (!profileOf(s.kernel).nsid || (c.kind === 'timewait' && withTimewait))
        return timewait(s, c);
      return { type: 'peernet2id_alloc', net: pick(nets, c.i)!, peer: nsidPeer(s, nets, c) };
    case 'invalid':
      return invalid(s, c);
  }
}

/**
 * Decodes a whole run from boot, stepping the model to keep the live sets current. A run
 * ends as the workqueue would: nets still queued are cleaned up by a last `cleanup_net`.
 */
export function decode(
  choices: readonly Choice[],
  opts: InitOptions = {},
  withTimewait = false,
): Action[] {
  const fresh: Fresh = { net: 0, op: 0, dev: 0 };
  let s = initialState(opts);
  const actions: Action[] = [];
  for (const c of choices) {
    const action = decodeOne(s, c, fresh, withTimewait);
    actions.push(action);
    s = step(s, action).state;
  }
  if (s.cleanupList.length > 0) actions.push({ type: 'cleanup_net' });
  return actions;
}
