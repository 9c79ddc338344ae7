/**
 * From the kernel's trace buffer to the contract's events: each record's kernel objects are
 * printed with their contract ids. Devices leaving the kernel (dev_unregister) are dropped from
 * the adapter's table of registered devices.
 */
import type { Event } from '../contract.ts';
import type { trace_record } from '../include/trace/events/netns.ts';
import type { IdTable } from './ids.ts';

function toEvent(ids: IdTable, r: trace_record): Event {
  switch (r.type) {
    case 'alloc':
    case 'init':
    case 'init_failed':
    case 'free':
    case 'pre_exit':
    case 'exit':
    case 'exit_rtnl':
      return { type: r.type, op: ids.opId(r.ops), net: ids.netId(r.net) };
    case 'exit_batch':
      return { type: r.type, op: ids.opId(r.ops), nets: r.nets.map((n) => ids.netId(n)) };
    case 'publish':
    case 'queue':
    case 'unlink':
    case 'net_free':
      return { type: r.type, net: ids.netId(r.net) };
    case 'batch':
      return { type: r.type, nets: r.nets.map((n) => ids.netId(n)) };
    case 'nsid_alloc':
    case 'nsid_unhash':
      return { type: r.type, in: ids.netId(r.in), peer: ids.netId(r.peer), id: r.id };
    case 'synchronize_rcu':
    case 'rcu_barrier':
      return { type: r.type };
    case 'dev_register':
      return { type: r.type, dev: ids.devId(r.dev), net: ids.netId(r.net), name: r.name };
    case 'dev_move':
      return {
        type: r.type,
        dev: ids.devId(r.dev),
        from: ids.netId(r.from),
        to: ids.netId(r.to),
        name: r.name,
      };
    case 'tw_purge':
      return { type: r.type, nets: r.nets.map((n) => ids.netId(n)), purged: r.purged };
    case 'dev_unregister': {
      const dev = ids.devId(r.dev);
      ids.devs.delete(dev);
      return { type: r.type, dev, net: ids.netId(r.net) };
    }
  }
}

/** Drain the kernel's trace buffer into contract events. */
export function drainEvents(ids: IdTable, trace: trace_record[]): Event[] {
  return trace.splice(0).map((r) => toEvent(ids, r));
}
