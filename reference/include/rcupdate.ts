/**
 * include/linux/rcupdate.h, kernel/rcu — grace periods and callbacks, for a single-threaded
 * kernel: there are no concurrent readers, so a grace period completes at once; queued
 * callbacks (call_rcu/kfree_rcu) run at the next rcu_barrier().
 */
import { trace_netns, type trace_state } from './trace/events/netns.ts';

/** The RCU callbacks queued by call_rcu()/kfree_rcu() and not yet invoked. */
export interface rcu_state {
  callbacks: (() => void)[];
}

interface has_rcu extends trace_state {
  rcu: rcu_state;
}

/** call_rcu(): run `fn` after a grace period (here: at the next rcu_barrier()). */
export function call_rcu(k: has_rcu, fn: () => void): void {
  k.rcu.callbacks.push(fn);
}

/** synchronize_rcu(): wait for a normal grace period. Traced and counted. */
export function synchronize_rcu(k: has_rcu): void {
  k.counters.gracePeriods += 1;
  trace_netns(k, { type: 'synchronize_rcu' });
}

/** synchronize_rcu_expedited(): the same wait, faster; the contract does not tell them apart. */
export function synchronize_rcu_expedited(k: has_rcu): void {
  k.counters.gracePeriods += 1;
  trace_netns(k, { type: 'synchronize_rcu' });
}

function rcu_run_callbacks(k: has_rcu): void {
  const cbs = k.rcu.callbacks.splice(0);
  for (const cb of cbs) cb();
}

/** rcu_barrier(): wait until every queued RCU callback has run. Traced and counted. */
export function rcu_barrier(k: has_rcu): void {
  rcu_run_callbacks(k);
  k.counters.rcuBarriers += 1;
  trace_netns(k, { type: 'rcu_barrier' });
}

/**
 * rcu_barrier() at a call site that the v1 contract does not count (reference/README.md,
 * divergences D2 and D3): same effect, no event, no counter.
 */
export function rcu_barrier_uncounted(k: has_rcu): void {
  rcu_run_callbacks(k);
}
