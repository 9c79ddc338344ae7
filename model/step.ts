/**
 * Next: one step of the model. One line per action, each handled by the case reducer named
 * after the kernel function it models.
 */
import { match } from 'ts-pattern';
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

/** Applies one action; invalid requests return an errno and leave the state unchanged. */
export function step(state: State, action: Action): Result {
  return match(action)
    .with({ type: 'copy_net_ns' }, (a) => copyNetNs(state, a))
    .with({ type: 'get_net' }, (a) => getNet(state, a))
    .with({ type: 'put_net' }, (a) => putNet(state, a))
    .with({ type: 'cleanup_net' }, () => cleanupNet(state))
    .with({ type: 'register_pernet_subsys' }, (a) => registerPernetOperations(state, a))
    .with({ type: 'register_pernet_device' }, (a) => registerPernetOperations(state, a))
    .with({ type: 'unregister_pernet_subsys' }, (a) => unregisterPernetOperations(state, a))
    .with({ type: 'unregister_pernet_device' }, (a) => unregisterPernetOperations(state, a))
    .with({ type: 'register_netdev' }, (a) => registerNetdev(state, a))
    .with({ type: 'dev_change_net_namespace' }, (a) => devChangeNetNamespace(state, a))
    .with({ type: 'unregister_netdev' }, (a) => unregisterNetdev(state, a))
    .with({ type: 'peernet2id_alloc' }, (a) => peernet2idAlloc(state, a))
    .with({ type: 'tcp_v4_init' }, (a) => tcpV4Init(state, a))
    .with({ type: 'inet_twsk_hashdance' }, (a) => inetTwskHashdance(state, a))
    .with({ type: 'inet_lookup_established' }, (a) => inetLookupEstablished(state, a))
    .exhaustive();
}
