/**
 * The cost model: what a run of steps costs in the quantities of DESIGN.md §2 (the view's
 * counters) plus pernet callback invocations and TIME_WAIT table walks, how each grows with
 * the number of dying nets per profile, and a parametric time estimate. Every per-operation
 * cost lives in {@link COSTS}, each with its source or rationale (docs/eras.md explains the
 * figures they give).
 */
import type { Action } from './actions.ts';
import type { Result } from './context.ts';
import type { Counters } from './events.ts';
import type { Kernel } from './kernels.ts';
import type { State } from './state.ts';
import { values } from './table.ts';

/** What a run costs: the view's counters (deltas) and what the events tell. */
export interface Cost extends Counters {
  /** Pernet callback invocations: init, pre_exit, exit_rtnl, exit, and one per exit_batch. */
  readonly callbacks: number;
  /** Walks of the whole TIME_WAIT table (inet_twsk_purge). */
  readonly twWalks: number;
  /** TIME_WAIT entries those walks went past (the table's size at each walk). */
  readonly twVisited: number;
  /** Devices unregistered (dev_unregister events). */
  readonly devices: number;
  /** Nets freed. */
  readonly netFrees: number;
}

/** The quantities of {@link Cost}, in table order. */
export const QUANTITIES = [
  'workRuns',
  'pernetLock',
  'rtnl',
  'gracePeriods',
  'rcuBarriers',
  'unregisterMany',
  'twWalks',
  'callbacks',
  'devices',
  'twVisited',
  'netFrees',
] as const satisfies readonly (keyof Cost)[];

/** One quantity. */
export type Quantity = (typeof QUANTITIES)[number];

const CALLBACKS = new Set(['init', 'init_failed', 'pre_exit', 'exit_rtnl', 'exit', 'exit_batch']);

/** The cost of `steps`, run from `before`. */
export function costOf(
  before: State,
  steps: readonly { readonly action: Action; readonly result: Result }[],
): Cost {
  const after = steps.at(-1)?.result.state ?? before;
  let size = before.tw === null ? 0 : values(before.tw).length;
  const tally = { callbacks: 0, twWalks: 0, twVisited: 0, devices: 0, netFrees: 0 };
  for (const { action, result } of steps) {
    if (action.type === 'inet_twsk_hashdance' && result.ret.ok) size += 1;
    for (const e of result.events) {
      if (CALLBACKS.has(e.type)) tally.callbacks += 1;
      if (e.type === 'dev_unregister') tally.devices += 1;
      if (e.type === 'net_free') tally.netFrees += 1;
      if (e.type !== 'tw_purge') continue;
      tally.twWalks += 1;
      tally.twVisited += size;
      size -= e.purged;
    }
  }
  const c = (k: keyof Counters): number => after.counters[k] - before.counters[k];
  return {
    workRuns: c('workRuns'),
    pernetLock: c('pernetLock'),
    rtnl: c('rtnl'),
    gracePeriods: c('gracePeriods'),
    rcuBarriers: c('rcuBarriers'),
    unregisterMany: c('unregisterMany'),
    ...tally,
  };
}

/** How a quantity grows with the number of nets torn down together. */
export type Growth = 'O(1)' | 'O(n)' | 'O(n²)';

/** The growth of a batched teardown (one batch, 6.18). */
const BATCHED: { readonly [Q in Quantity]: Growth } = {
  workRuns: 'O(1)',
  pernetLock: 'O(1)',
  rtnl: 'O(1)',
  gracePeriods: 'O(1)',
  rcuBarriers: 'O(1)',
  unregisterMany: 'O(1)',
  twWalks: 'O(1)',
  callbacks: 'O(n)',
  devices: 'O(n)',
  twVisited: 'O(n)',
  netFrees: 'O(n)',
};

/**
 * How each quantity grows in the seed scenario (docs/eras.md: n nets, each with a veth into
 * init_net and TIME_WAIT entries, all put, then cleanup_net until nothing is queued), per
 * profile. The eras property checks these against the model.
 */
export const GROWTH: { readonly [K in Kernel]: { readonly [Q in Quantity]: Growth } } = {
  '6.18': BATCHED,
  // default_device_exit() still took RTNL per net for migration, until v5.18.
  '2.6.33': { ...BATCHED, rtnl: 'O(n)' },
  // Everything per net; each per-net walk goes past every entry still in the table.
  '2.6.32': {
    ...(Object.fromEntries(Object.keys(BATCHED).map((q) => [q, 'O(n)'])) as Record<
      Quantity,
      Growth
    >),
    twVisited: 'O(n²)',
  },
};

/**
 * How a quantity grows, read off its values at three consecutive sizes n, n+1, n+2: constant,
 * constant first difference, or constant non-zero second difference; null otherwise.
 */
export function growthOf(q0: number, q1: number, q2: number): Growth | null {
  const d1 = q1 - q0;
  const d2 = q2 - 2 * q1 + q0;
  if (d1 === 0 && d2 === 0) return 'O(1)';
  if (d1 > 0 && d2 === 0) return 'O(n)';
  return d2 > 0 ? 'O(n²)' : null;
}

/** The quantities the 2009 series made per batch: O(1) from 2.6.33 on, O(n) before. */
export const PER_BATCH: readonly Quantity[] = [
  'workRuns',
  'pernetLock',
  'gracePeriods',
  'rcuBarriers',
  'unregisterMany',
  'twWalks',
];

/**
 * Per-operation costs, in seconds. Order-of-magnitude figures for a 2009 SMP server
 * (HZ=250, 4 GB of RAM), each with its rationale; the time estimate is linear in them, so
 * docs/eras.md can be re-derived for other values with {@link estimate}.
 */
export const COSTS = {
  /**
   * One synchronize_rcu(): every CPU must pass a quiescent state; on a HZ=250 kernel of
   * 2009 that takes a few 4 ms ticks. 10 ms.
   */
  gracePeriod: 10e-3,
  /** One rcu_barrier(): a grace period plus running the queued callbacks. 10 ms. */
  rcuBarrier: 10e-3,
  /**
   * Grace periods inside one unregister_netdevice(_many)() call: rollback_registered_many()
   * calls synchronize_net() twice (v2.6.34 net/core/dev.c, read for this model; 2.6.32's
   * rollback_registered() likewise), whatever the number of devices.
   */
  unregisterGracePeriods: 2,
  /** Per device unregistered: notifiers, sysfs, kobject removal. 50 µs. */
  device: 50e-6,
  /** One pernet callback that does little (proc entries, sysctls, control sockets). 20 µs. */
  callback: 20e-6,
  /** One uncontended mutex round (net_mutex, pernet_ops_rwsem). 1 µs. */
  lock: 1e-6,
  /** One RTNL section (rtnl_lock() … rtnl_unlock(), netdev_run_todo() included). 5 µs. */
  rtnl: 5e-6,
  /** One work item run on netns_wq: a wake-up and a context switch. 10 µs. */
  workRun: 10e-6,
  /**
   * Buckets of tcp_hashinfo's ehash: alloc_large_system_hash() sizes it from RAM; 2^19
   * (524288, "TCP established hash table entries" at boot) on a 4 GB machine.
   */
  ehashBuckets: 524_288,
  /**
   * Per bucket walked by inet_twsk_purge(): a cache miss on the bucket head (2.6.32 also
   * took the bucket's spinlock). 20 ns.
   */
  bucket: 20e-9,
  /** Per TIME_WAIT entry the walk goes past (and deschedules if it is dying). 100 ns. */
  twEntry: 100e-9,
  /** Per net freed: net_free()/net_drop_ns(), the slab and the generic array. 5 µs. */
  netFree: 5e-6,
} as const;

/** Per-operation costs, {@link COSTS} or others of the same shape. */
export type Costs = { readonly [K in keyof typeof COSTS]: number };

/** The time estimate of `cost`, by term, in seconds. */
export function estimate(cost: Cost, c: Costs = COSTS): Readonly<Record<string, number>> {
  const terms: Record<string, number> = {
    'grace periods': cost.gracePeriods * c.gracePeriod,
    rcu_barrier: cost.rcuBarriers * c.rcuBarrier,
    'unregister calls': cost.unregisterMany * c.unregisterGracePeriods * c.gracePeriod,
    devices: cost.devices * c.device,
    callbacks: cost.callbacks * c.callback,
    'tw walks': cost.twWalks * c.ehashBuckets * c.bucket + cost.twVisited * c.twEntry,
    'locks, RTNL, work': cost.pernetLock * c.lock + cost.rtnl * c.rtnl + cost.workRuns * c.workRun,
    'net frees': cost.netFrees * c.netFree,
  };
  return { ...terms, total: Object.values(terms).reduce((a, b) => a + b, 0) };
}
