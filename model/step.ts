/**
 * Next: one step of the model. One entry per action, each the case reducer named after the
 * kernel function it models.
 */
import type { Action } from './actions.ts';
import { cleanupNet } from './cleanup/cleanup-net.ts';
import type { Result } from './context.ts';
import { devChangeNetNamespace } from './devices/dev-change-net-namespace.ts';
import { registerNetdev } from './devices/register-netdev.ts';
import { unregisterNetdev } from './devices/unregister-netdevice-many.ts';
import { peernet2idAlloc } from './netns/peernet2id-alloc.ts';
import { getNet, putNet } from './netns/refcount.ts';
import { copyNetNs } from './netns/setup-net.ts';
import { inetLookupEstablished, inetTwskHashdance, tcpV4Init } from './inet/timewait.ts';
import { registerPernetOperations, unregisterPernetOperations } from './pernet/register.ts';
import type { State } from './state.ts';

/**
 * The case reducer of every action type. A mapped type, so the compiler rejects a missing
 * one, as an exhaustive match would; a property lookup, because ts-pattern's object patterns
 * cost about 3 µs a step here, more than a third of the step (model/README.md "Cost").
 */
const REDUCERS: {
  readonly [T in Action['type']]: (state: State, a: Extract<Action, { type: T }>) => Result;
} = {
  copy_net_ns: copyNetNs,
  get_net: getNet,
  put_net: putNet,
  cleanup_net: cleanupNet,
  register_pernet_subsys: registerPernetOperations,
  register_pernet_device: registerPernetOperations,
  unregister_pernet_subsys: unregisterPernetOperations,
  unregister_pernet_device: unregisterPernetOperations,
  register_netdev: registerNetdev,
  dev_change_net_namespace: devChangeNetNamespace,
  unregister_netdev: unregisterNetdev,
  peernet2id_alloc: peernet2idAlloc,
  tcp_v4_init: tcpV4Init,
  inet_twsk_hashdance: inetTwskHashdance,
  inet_lookup_established: inetLookupEstablished,
};

/** Applies one action; invalid requests return an errno and leave the state unchanged. */
export function step(state: State, action: Action): Result {
  const reducer = REDUCERS[action.type] as (state: State, a: Action) => Result;
  return reducer(state, action);
}
