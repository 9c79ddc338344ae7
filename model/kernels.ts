/**
 * The kernel profiles the model follows, and what distinguishes them: one table, read by
 * the reducers, so that an era is a row here rather than `if`s spread over the model.
 * docs/contract.md ("Kernel profiles") states each row's consequences; docs/eras.md ties
 * them to the kernel code.
 */
import type { Hook } from './actions.ts';

/** The kernel profiles, newest first; `6.18` is the default. */
export const KERNELS = ['6.18', '2.6.33', '2.6.32'] as const;

/** A kernel profile. */
export type Kernel = (typeof KERNELS)[number];

/** What a profile changes. */
export interface Profile {
  /** The pernet_operations callbacks struct pernet_operations has in this era. */
  readonly hooks: readonly Hook[];
  /** The first net_generic id (ida start), or null: no core-allocated per-net data. */
  readonly genericMin: number | null;
  /** cleanup_net takes the whole LIFO list (`batch`) or the oldest work item (`per-net`). */
  readonly cleanup: 'batch' | 'per-net';
  /** Undo paths (setup failure, registration) wait for a grace period before the exits. */
  readonly undoGracePeriod: boolean;
  /** (Un)registration ends with rcu_barrier(). */
  readonly registerBarrier: boolean;
  /** Unlink (cleanup) and publish (copy_net_ns) take RTNL; 6.18 uses net_rwsem instead. */
  readonly listRtnl: boolean;
  /** rtnl_dellink deletes through one kill list, or one unregister_netdevice per device. */
  readonly dellinkBatched: boolean;
  /** Netns ids (peernet2id_alloc) exist: since v3.19. */
  readonly nsid: boolean;
}

/**
 * Each profile.
 * @see net/core/net_namespace.c, net/core/dev.c, drivers/net/loopback.c,
 *   drivers/net/veth.c, net/ipv4/tcp_ipv4.c of v2.6.32, v2.6.33 and v6.18
 */
export const PROFILES: { readonly [K in Kernel]: Profile } = {
  '6.18': {
    hooks: ['init', 'pre_exit', 'exit', 'exit_batch', 'exit_rtnl'],
    genericMin: 3,
    cleanup: 'batch',
    undoGracePeriod: true,
    registerBarrier: true,
    listRtnl: false,
    dellinkBatched: true,
    nsid: true,
  },
  '2.6.33': {
    hooks: ['init', 'exit', 'exit_batch'],
    genericMin: 1,
    cleanup: 'batch',
    undoGracePeriod: false,
    registerBarrier: true,
    listRtnl: true,
    dellinkBatched: false,
    nsid: false,
  },
  '2.6.32': {
    hooks: ['init', 'exit'],
    genericMin: null,
    cleanup: 'per-net',
    undoGracePeriod: false,
    registerBarrier: false,
    listRtnl: true,
    dellinkBatched: false,
    nsid: false,
  },
};

/** The profile of `kernel`. */
export const profileOf = (kernel: Kernel): Profile => PROFILES[kernel];
