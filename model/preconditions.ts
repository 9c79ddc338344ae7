/**
 * Every action's precondition table, by action type: what the spec reference prints.
 */
import type { Action } from './actions.ts';
import { CLEANUP_NET_RULES } from './cleanup/cleanup-net.ts';
import { DEV_CHANGE_NET_NAMESPACE_RULES } from './devices/dev-change-net-namespace.ts';
import { REGISTER_NETDEV_RULES } from './devices/register-netdev.ts';
import { UNREGISTER_NETDEV_RULES } from './devices/unregister-netdevice-many.ts';
import { PEERNET2ID_ALLOC_RULES } from './netns/peernet2id-alloc.ts';
import { GET_NET_RULES, PUT_NET_RULES } from './netns/refcount.ts';
import { COPY_NET_NS_RULES } from './netns/setup-net.ts';
import { REGISTER_RULES, UNREGISTER_RULES } from './pernet/register.ts';
import { HASHDANCE_RULES, LOOKUP_RULES, TCP_V4_INIT_RULES } from './inet/timewait.ts';
import type { Rule } from './rules.ts';

/** Action type → its rules, in the order they are checked. */
export const PRECONDITIONS: {
  readonly [T in Action['type']]: readonly Rule<Extract<Action, { type: T }>>[];
} = {
  copy_net_ns: COPY_NET_NS_RULES,
  get_net: GET_NET_RULES,
  put_net: PUT_NET_RULES,
  cleanup_net: CLEANUP_NET_RULES,
  register_pernet_subsys: REGISTER_RULES,
  register_pernet_device: REGISTER_RULES,
  unregister_pernet_subsys: UNREGISTER_RULES,
  unregister_pernet_device: UNREGISTER_RULES,
  register_netdev: REGISTER_NETDEV_RULES,
  dev_change_net_namespace: DEV_CHANGE_NET_NAMESPACE_RULES,
  unregister_netdev: UNREGISTER_NETDEV_RULES,
  peernet2id_alloc: PEERNET2ID_ALLOC_RULES,
  tcp_v4_init: TCP_V4_INIT_RULES,
  inet_twsk_hashdance: HASHDANCE_RULES,
  inet_lookup_established: LOOKUP_RULES,
};
