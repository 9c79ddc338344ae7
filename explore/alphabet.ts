/**
 * The action alphabet of a scope (TLC's Next with its ∃ over constants): every entry point
 * with every argument drawn from the scope's pools, fresh ids being the first unconsumed
 * ones. Arguments range over the whole pool, not only over what is live, so the rejections
 * (ENOENT, EINVAL, EEXIST, EAGAIN) are explored too.
 */
import type { Action, Hook, NewDevKind } from '../model/actions.ts';
import type { State } from '../model/state.ts';
import { freshIds, netsOf, type Pools } from './scope.ts';

/** The hook combinations registrations use: classic, every teardown phase, batch-only. */
export const HOOK_SETS: readonly (readonly Hook[])[] = [
  ['init', 'exit'],
  ['init', 'pre_exit', 'exit_batch', 'exit_rtnl'],
  ['exit_batch'],
];

/** Core ops an injected copy_net_ns failure may name (those with an init hook). */
const CORE_FAILABLE = ['netdev', 'loopback'];

/** Every device registers as `eth0` (a veth peer as `eth1`), so names clash across nets. */
export const DEV_NAME = 'eth0';
const PEER_NAME = 'eth1';
const SINGLE_KINDS: readonly NewDevKind[] = ['dummy', 'bridge', 'physical'];

const REGISTER = ['register_pernet_subsys', 'register_pernet_device'] as const;
const UNREGISTER = ['unregister_pernet_subsys', 'unregister_pernet_device'] as const;

function netns(nets: readonly string[], freshNet: string | undefined, ops: readonly string[]) {
  if (freshNet === undefined) return [];
  const failing = [...CORE_FAILABLE, ...ops].map((op): Action => ({
    type: 'copy_net_ns',
    net: freshNet,
    fail: { op },
  }));
  return [{ type: 'copy_net_ns', net: freshNet } as Action, ...failing];
}

function refcounts(nets: readonly string[]): Action[] {
  return [
    ...nets.map((net): Action => ({ type: 'get_net', net })),
    ...nets.map((net): Action => ({ type: 'put_net', net })),
    { type: 'cleanup_net' },
  ];
}

function pernet(nets: readonly string[], op: string | undefined, ops: readonly string[]) {
  const out: Action[] = [];
  for (const type of REGISTER) {
    if (op === undefined) break;
    for (const hooks of HOOK_SETS) {
      for (const generic of [false, true]) out.push({ type, op, hooks, generic });
    }
    for (const net of nets)
      out.push({ type, op, hooks: HOOK_SETS[0]!, generic: true, fail: { net } });
  }
  for (const type of UNREGISTER) for (const o of ops) out.push({ type, op: o });
  return out;
}

function netdevs(nets: readonly string[], devs: readonly string[]): Action[] {
  const [dev, peerDev] = devs;
  if (dev === undefined) return [];
  const out: Action[] = [];
  for (const net of nets) {
    for (const kind of SINGLE_KINDS)
      out.push({ type: 'register_netdev', dev, name: DEV_NAME, net, kind });
  }
  if (peerDev === undefined) return out;
  for (const net of nets) {
    for (const peerNet of nets) {
      const peer = { dev: peerDev, name: PEER_NAME, net: peerNet };
      out.push({ type: 'register_netdev', dev, name: DEV_NAME, net, kind: 'veth', peer });
    }
  }
  return out;
}

function devices(nets: readonly string[], devs: readonly string[]): Action[] {
  const out: Action[] = [];
  for (const dev of devs) {
    for (const net of nets) {
      out.push({ type: 'dev_change_net_namespace', dev, net });
      out.push({ type: 'dev_change_net_namespace', dev, net, name: 'dev%d' });
    }
  }
  for (const dev of devs) out.push({ type: 'unregister_netdev', dev });
  return out;
}

function nsids(nets: readonly string[]): Action[] {
  return nets.flatMap((net) =>
    nets.map((peer): Action => ({ type: 'peernet2id_alloc', net, peer })),
  );
}

/** The alphabet for the given fresh ids (see {@link alphabet}). */
function alphabetFor(free: Pools, pools: Pools): Action[] {
  const nets = netsOf(pools);
  return [
    ...netns(nets, free.nets[0], pools.ops),
    ...refcounts(nets),
    ...pernet(nets, free.ops[0], pools.ops),
    ...netdevs(nets, free.devices),
    ...devices(nets, pools.devices),
    ...nsids(nets),
  ];
}

/**
 * The actions enabled in the search from `state`, in a fixed order: copy_net_ns (plain and
 * failing at each init-bearing op), get/put, cleanup_net, registrations (each hook set,
 * generic off/on, and a failing one per net), unregistrations, register_netdev (each kind
 * on each net, veth pairs across each pair of nets), moves (keep the name or `dev%d`),
 * unregister_netdev and peernet2id_alloc.
 */
export const alphabet = (state: State, pools: Pools): Action[] =>
  alphabetFor(freshIds(state, pools), pools);

/**
 * {@link alphabet}, memoised by the fresh ids it depends on: the search asks for it once per
 * state, and there are only a few dozen distinct answers in a scope.
 */
export function alphabets(pools: Pools): (state: State) => readonly Action[] {
  const memo = new Map<string, readonly Action[]>();
  return (state) => {
    const free = freshIds(state, pools);
    const key = `${free.nets[0]}|${free.ops[0]}|${free.devices.join(',')}`;
    let actions = memo.get(key);
    if (actions === undefined) memo.set(key, (actions = alphabetFor(free, pools)));
    return actions;
  };
}
