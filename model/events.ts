/**
 * The observable trace (DESIGN.md §2 plus `nsid_alloc`, docs/contract.md), the `ret` of
 * every action and the cost counters.
 */

/** One observable thing the kernel did, in order. */
export type Event =
  | { readonly type: 'alloc'; readonly op: string; readonly net: string }
  | { readonly type: 'init'; readonly op: string; readonly net: string }
  | { readonly type: 'init_failed'; readonly op: string; readonly net: string }
  | { readonly type: 'free'; readonly op: string; readonly net: string }
  | { readonly type: 'publish'; readonly net: string }
  | { readonly type: 'queue'; readonly net: string }
  | { readonly type: 'batch'; readonly nets: readonly string[] }
  | { readonly type: 'unlink'; readonly net: string }
  | { readonly type: 'nsid_alloc'; readonly in: string; readonly peer: string; readonly id: number }
  | {
      readonly type: 'nsid_unhash';
      readonly in: string;
      readonly peer: string;
      readonly id: number;
    }
  | { readonly type: 'pre_exit'; readonly op: string; readonly net: string }
  | { readonly type: 'synchronize_rcu' }
  | { readonly type: 'exit_rtnl'; readonly op: string; readonly net: string }
  | { readonly type: 'exit'; readonly op: string; readonly net: string }
  | { readonly type: 'exit_batch'; readonly op: string; readonly nets: readonly string[] }
  | {
      readonly type: 'dev_register';
      readonly dev: string;
      readonly net: string;
      readonly name: string;
    }
  | {
      readonly type: 'dev_move';
      readonly dev: string;
      readonly from: string;
      readonly to: string;
      readonly name: string;
    }
  | { readonly type: 'dev_unregister'; readonly dev: string; readonly net: string }
  | { readonly type: 'tw_purge'; readonly nets: readonly string[]; readonly purged: number }
  | { readonly type: 'rcu_barrier' }
  | { readonly type: 'net_free'; readonly net: string };

/** The kernel errno names the contract uses. */
export type Errno = 'EINVAL' | 'EEXIST' | 'ENOENT' | 'ENOMEM' | 'EPERM' | 'EOPNOTSUPP' | 'EAGAIN';

/** What an action returned: success with its payload, or a negative errno by name. */
export type Ret =
  | {
      readonly ok: true;
      readonly count?: number;
      readonly id?: number;
      readonly nets?: readonly string[];
      readonly found?: boolean;
      readonly net?: string;
    }
  | { readonly ok: false; readonly errno: Errno };

/** Cost counters: the quantities the 2009 batching made O(1) per batch. */
export interface Counters {
  readonly workRuns: number;
  readonly pernetLock: number;
  readonly rtnl: number;
  readonly gracePeriods: number;
  readonly rcuBarriers: number;
  readonly unregisterMany: number;
}

/** All counters at zero (boot). */
export const ZERO_COUNTERS: Counters = {
  workRuns: 0,
  pernetLock: 0,
  rtnl: 0,
  gracePeriods: 0,
  rcuBarriers: 0,
  unregisterMany: 0,
};
