/**
 * Tracepoints of the netns lifecycle (in the spirit of include/trace/events/*.h): the kernel
 * emits a record at the place where it does the thing, into the kernel's trace buffer. Records
 * hold kernel objects (nets, pernet_operations, devices), like a trace entry holds pointers;
 * the adapter prints them with the contract's ids. Cost counters live next to the buffer.
 */
import type { net, pernet_operations } from '../../net/net_namespace.ts';
import type { net_device } from '../../linux/netdevice.ts';

/** One trace record (the contract's events, before ids are attached). */
export type trace_record =
  | {
      type: 'alloc' | 'init' | 'init_failed' | 'free' | 'pre_exit' | 'exit' | 'exit_rtnl';
      ops: pernet_operations;
      net: net;
    }
  | { type: 'exit_batch'; ops: pernet_operations; nets: net[] }
  | { type: 'publish' | 'queue' | 'unlink' | 'net_free'; net: net }
  | { type: 'batch'; nets: net[] }
  | { type: 'nsid_alloc' | 'nsid_unhash'; in: net; peer: net; id: number }
  | { type: 'synchronize_rcu' | 'rcu_barrier' }
  | { type: 'dev_register'; dev: net_device; net: net; name: string }
  | { type: 'dev_move'; dev: net_device; from: net; to: net; name: string }
  | { type: 'dev_unregister'; dev: net_device; net: net }
  | { type: 'tw_purge'; nets: net[]; purged: number };

/** The contract's cost counters, bumped by the primitives that incur the cost. */
export interface netns_counters {
  workRuns: number;
  pernetLock: number;
  rtnl: number;
  gracePeriods: number;
  rcuBarriers: number;
  unregisterMany: number;
}

/** The part of the kernel object that tracing needs. */
export interface trace_state {
  trace: trace_record[];
  counters: netns_counters;
}

/** A zeroed counter set. */
export function netns_counters_init(): netns_counters {
  return {
    workRuns: 0,
    pernetLock: 0,
    rtnl: 0,
    gracePeriods: 0,
    rcuBarriers: 0,
    unregisterMany: 0,
  };
}

/** Emit one record into the trace buffer. */
export function trace_netns(k: trace_state, rec: trace_record): void {
  k.trace.push(rec);
}

/** Emit a per-(op, net) record: alloc, init, init_failed, free, pre_exit, exit, exit_rtnl. */
export function trace_pernet(
  k: trace_state,
  type: 'alloc' | 'init' | 'init_failed' | 'free' | 'pre_exit' | 'exit' | 'exit_rtnl',
  ops: pernet_operations,
  net: net,
): void {
  k.trace.push({ type, ops, net });
}
