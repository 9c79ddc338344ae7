/**
 * The actions of the v1 contract: each is one kernel entry point (DESIGN.md §2,
 * docs/contract.md). Plain JSON, so counterexample files and the stdio protocol speak it.
 */

/** A pernet_operations callback. */
export type Hook = 'init' | 'pre_exit' | 'exit' | 'exit_batch' | 'exit_rtnl';

/** The canonical hook order, used wherever hooks are listed. */
export const HOOKS: readonly Hook[] = ['init', 'pre_exit', 'exit', 'exit_batch', 'exit_rtnl'];

/** Device kinds a caller may register (`loopback` is created by the loopback op only). */
export type NewDevKind = 'dummy' | 'veth' | 'bridge' | 'physical';

/** Every device kind, including the per-net loopback. */
export type DevKind = NewDevKind | 'loopback';

/** The end of a veth pair registered first (veth_newlink registers the peer first). */
export interface PeerSpec {
  readonly dev: string;
  readonly name: string;
  readonly net: string;
}

/** A request to one kernel entry point. */
export type Action =
  | { readonly type: 'copy_net_ns'; readonly net: string; readonly fail?: { readonly op: string } }
  | { readonly type: 'get_net'; readonly net: string }
  | { readonly type: 'put_net'; readonly net: string }
  | { readonly type: 'cleanup_net' }
  | RegisterAction
  | UnregisterAction
  | {
      readonly type: 'register_netdev';
      readonly dev: string;
      readonly name: string;
      readonly net: string;
      readonly kind: NewDevKind;
      readonly peer?: PeerSpec;
    }
  | {
      readonly type: 'dev_change_net_namespace';
      readonly dev: string;
      readonly net: string;
      readonly name?: string;
    }
  | { readonly type: 'unregister_netdev'; readonly dev: string }
  | { readonly type: 'peernet2id_alloc'; readonly net: string; readonly peer: string }
  | { readonly type: 'tcp_v4_init' }
  | {
      readonly type: 'inet_twsk_hashdance' | 'inet_lookup_established';
      readonly net: string;
      readonly key: string;
    };

/** register_pernet_subsys / register_pernet_device. */
export interface RegisterAction {
  readonly type: 'register_pernet_subsys' | 'register_pernet_device';
  readonly op: string;
  readonly hooks: readonly Hook[];
  readonly generic: boolean;
  readonly fail?: { readonly net: string };
}

/** unregister_pernet_subsys / unregister_pernet_device. */
export interface UnregisterAction {
  readonly type: 'unregister_pernet_subsys' | 'unregister_pernet_device';
  readonly op: string;
}

/** The action type names, in contract order. */
export const ACTION_TYPES = [
  'copy_net_ns',
  'get_net',
  'put_net',
  'cleanup_net',
  'register_pernet_subsys',
  'register_pernet_device',
  'unregister_pernet_subsys',
  'unregister_pernet_device',
  'register_netdev',
  'dev_change_net_namespace',
  'unregister_netdev',
  'peernet2id_alloc',
  'tcp_v4_init',
  'inet_twsk_hashdance',
  'inet_lookup_established',
] as const satisfies readonly Action['type'][];
