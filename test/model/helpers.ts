/** Builders for hand-derived traces in the model's unit tests. */
import {
  type Action,
  type Event,
  type Hook,
  initialState,
  type InitOptions,
  type Result,
  type State,
  step,
} from '../../model/index.ts';
import { freeze } from 'immer';

/** Runs `actions` from boot; returns every step's result and the final state. */
export function run(
  actions: readonly Action[],
  opts?: InitOptions,
): { results: Result[]; state: State } {
  let state = initialState(opts);
  const results: Result[] = [];
  for (const action of actions) {
    const result = step(freeze(state, true), action);
    results.push(result);
    state = result.state;
  }
  return { results, state };
}

/** The events of the last step of `actions`. */
export const lastEvents = (actions: readonly Action[], opts?: InitOptions): readonly Event[] =>
  run(actions, opts).results.at(-1)!.events;

/** Event builders, named after the event types. */
export const E = {
  alloc: (op: string, net: string): Event => ({ type: 'alloc', op, net }),
  init: (op: string, net: string): Event => ({ type: 'init', op, net }),
  initFailed: (op: string, net: string): Event => ({ type: 'init_failed', op, net }),
  free: (op: string, net: string): Event => ({ type: 'free', op, net }),
  publish: (net: string): Event => ({ type: 'publish', net }),
  queue: (net: string): Event => ({ type: 'queue', net }),
  batch: (...nets: string[]): Event => ({ type: 'batch', nets }),
  unlink: (net: string): Event => ({ type: 'unlink', net }),
  nsidAlloc: (inNet: string, peer: string, id: number): Event => ({
    type: 'nsid_alloc',
    in: inNet,
    peer,
    id,
  }),
  nsidUnhash: (inNet: string, peer: string, id: number): Event => ({
    type: 'nsid_unhash',
    in: inNet,
    peer,
    id,
  }),
  preExit: (op: string, net: string): Event => ({ type: 'pre_exit', op, net }),
  sync: { type: 'synchronize_rcu' } as Event,
  exitRtnl: (op: string, net: string): Event => ({ type: 'exit_rtnl', op, net }),
  exit: (op: string, net: string): Event => ({ type: 'exit', op, net }),
  exitBatch: (op: string, ...nets: string[]): Event => ({ type: 'exit_batch', op, nets }),
  reg: (dev: string, net: string, name: string): Event => ({
    type: 'dev_register',
    dev,
    net,
    name,
  }),
  move: (dev: string, from: string, to: string, name: string): Event => ({
    type: 'dev_move',
    dev,
    from,
    to,
    name,
  }),
  unreg: (dev: string, net: string): Event => ({ type: 'dev_unregister', dev, net }),
  barrier: { type: 'rcu_barrier' } as Event,
  netFree: (net: string): Event => ({ type: 'net_free', net }),
};

/** Action builders for the common cases. */
export const A = {
  create: (net: string, failOp?: string): Action =>
    failOp ? { type: 'copy_net_ns', net, fail: { op: failOp } } : { type: 'copy_net_ns', net },
  get: (net: string): Action => ({ type: 'get_net', net }),
  put: (net: string): Action => ({ type: 'put_net', net }),
  cleanup: { type: 'cleanup_net' } as Action,
  subsys: (op: string, hooks: Hook[], generic = false, failNet?: string): Action => ({
    type: 'register_pernet_subsys',
    op,
    hooks,
    generic,
    ...(failNet ? { fail: { net: failNet } } : {}),
  }),
  device: (op: string, hooks: Hook[], generic = false, failNet?: string): Action => ({
    type: 'register_pernet_device',
    op,
    hooks,
    generic,
    ...(failNet ? { fail: { net: failNet } } : {}),
  }),
  unSubsys: (op: string): Action => ({ type: 'unregister_pernet_subsys', op }),
  unDevice: (op: string): Action => ({ type: 'unregister_pernet_device', op }),
  dummy: (dev: string, net: string, name = dev): Action => ({
    type: 'register_netdev',
    dev,
    name,
    net,
    kind: 'dummy',
  }),
  physical: (dev: string, net: string, name = dev): Action => ({
    type: 'register_netdev',
    dev,
    name,
    net,
    kind: 'physical',
  }),
  bridge: (dev: string, net: string, name = dev): Action => ({
    type: 'register_netdev',
    dev,
    name,
    net,
    kind: 'bridge',
  }),
  veth: (dev: string, net: string, peer: string, peerNet: string): Action => ({
    type: 'register_netdev',
    dev,
    name: dev,
    net,
    kind: 'veth',
    peer: { dev: peer, name: peer, net: peerNet },
  }),
  move: (dev: string, net: string, name?: string): Action =>
    name === undefined
      ? { type: 'dev_change_net_namespace', dev, net }
      : { type: 'dev_change_net_namespace', dev, net, name },
  del: (dev: string): Action => ({ type: 'unregister_netdev', dev }),
  nsid: (net: string, peer: string): Action => ({ type: 'peernet2id_alloc', net, peer }),
};
