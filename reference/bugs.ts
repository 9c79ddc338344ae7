/**
 * Bug switches: each reintroduces one entry of the bug catalogue
 * (shared/reference/kernel-semantics.md §3) as a guarded change in the real code path,
 * `if (k.bugs.has('B..'))`. The table says which fix it undoes, where the change is, and how it
 * becomes observable through the contract (events, view, counters) or from the inside (KASAN,
 * CONFIG_DEBUG_LIST, panic_on_warn).
 */

/** The switchable bugs. */
export type BugId =
  | 'B3'
  | 'B9'
  | 'B17'
  | 'B18'
  | 'B20'
  | 'B21a'
  | 'B21b'
  | 'B21c'
  | 'B21d'
  | 'B21e'
  | 'B22fifo'
  | 'B22pernet'
  | 'B22forward'
  | 'B23'
  | 'pre-batching';

/** One row of the bug-switch table. */
export interface BugInfo {
  readonly id: BugId;
  /** The fix (or design rule) that the switch undoes. */
  readonly undoes: string;
  /** Where the guarded change sits (TS file: kernel function). */
  readonly where: string;
  /** How the change shows: events, view, counters, or an internal check that fires. */
  readonly observable: string;
}

/** The bug-switch table (also rendered in reference/README.md). */
export const BUGS: readonly BugInfo[] = [
  {
    id: 'B3',
    undoes: 'd266935ac43d "net: fix UAF issue in nfqnl_nf_hook_drop() when ops_init() failed"',
    where: 'net/core/net_namespace.ts: ops_init() keeps ng->ptr[id] after kfree(data)',
    observable:
      "KASAN use-after-free, not the trace: the stale slot is read by the harness module's NETDEV_UNREGISTER notifier when the unwinding of a failed copy_net_ns deletes lo (failing op registered after default_device), or by an earlier op's exit-side hook drop (lib/test_netns_ops.ts), both NULL-tolerant like nfqnl_nf_hook_drop().",
  },
  {
    id: 'B9',
    undoes: 'ae33bc40c0d9 "net: Guaranetee the proper ordering of the loopback device."',
    where:
      'net/core/dev_pernet.ts: net_dev_init() registers default_device_ops before loopback_net_ops',
    observable:
      'view: pernet order [netdev, default_device, loopback] and firstDevice = default_device.',
  },
  {
    id: 'B17',
    undoes: 'the synchronize_rcu() between unlink and the exit methods in cleanup_net()',
    where: 'net/core/net_namespace.ts: ops_undo_list() skips the expedited grace period',
    observable: 'events: no synchronize_rcu in a cleanup_net run; counters: gracePeriods.',
  },
  {
    id: 'B18',
    undoes: 'd7d99872c144 (pre_exit, then one grace period, then exit)',
    where:
      "net/core/net_namespace.ts: ops_undo_list() calls each op's pre_exit right before its exit",
    observable: "events: pre_exit events move after synchronize_rcu, next to each op's exit.",
  },
  {
    id: 'B20',
    undoes: '72ad937abd0a (ops_free_list only after all ops_exit_list)',
    where: "net/core/net_namespace.ts: ops_undo_list() frees each op's data right after its exits",
    observable:
      "events: free events interleave with earlier ops' exits; KASAN use-after-free when an earlier op's exit-side hook drop, or a later device op's netdevice notifier during default_device_exit_batch, reads the freed data.",
  },
  {
    id: 'B21a',
    undoes: 'setup_net() unwinds only the ops strictly before the failing one',
    where: 'net/core/net_namespace.ts: setup_net() out_undo starts after the failing op',
    observable:
      'events: pre_exit/exit/free of the failing op; KASAN null-ptr-deref when that op has an exit-side hook (its slot was cleared by ops_init).',
  },
  {
    id: 'B21b',
    undoes: 'setup_net() unwinds the ops that were initialised',
    where: 'net/core/net_namespace.ts: setup_net() skips ops_undo_list()',
    observable:
      'events: no unwinding at all (no synchronize_rcu, no exits, no frees); counters: gracePeriods.',
  },
  {
    id: 'B21c',
    undoes: 'reverse order of the unwinding in setup_net()',
    where: 'net/core/net_namespace.ts: ops_undo_list() walks a partial list forward',
    observable:
      'events: the unwinding of a failed copy_net_ns runs in registration order; once lo exists, netdev_exit() runs before default_device deletes lo and WARNs (panic_on_warn).',
  },
  {
    id: 'B21d',
    undoes: 'no exit for the (op, net) whose init failed at registration',
    where:
      'net/core/net_namespace_pernet.ts: __register_pernet_operations() queues the failing net for undo',
    observable:
      'events: exit-side hooks and free of the new op for the failing net; KASAN null-ptr-deref when it has an exit-side hook.',
  },
  {
    id: 'B21e',
    undoes: 'rcu_barrier() before ida_free() when registration fails',
    where: 'net/core/net_namespace_pernet.ts: register_pernet_operations()',
    observable: 'events: no rcu_barrier after a failed registration; counters: rcuBarriers.',
  },
  {
    id: 'B22fifo',
    undoes: 'LIFO batch order (no llist_reverse_order() in cleanup_net())',
    where: 'net/core/net_namespace.ts: cleanup_net() reverses the snapshot',
    observable: 'events and ret: batch order oldest first; unlink/nsid/exit/net_free order follow.',
  },
  {
    id: 'B22pernet',
    undoes: '2b035b399707 (one unregister_netdevice_many per batch)',
    where: 'net/core/dev_pernet.ts: default_device_exit_batch() flushes the kill list per net',
    observable: 'counters: unregisterMany grows by one per dying net instead of one per batch.',
  },
  {
    id: 'B22forward',
    undoes: 'for_each_netdev_reverse in default_device_exit_batch() (lo last)',
    where: 'net/core/dev_pernet.ts: default_device_exit_batch() walks the device list forward',
    observable: 'events: dev_unregister order within a net is registration order, lo first.',
  },
  {
    id: 'B23',
    undoes: 'list_move_tail() in unregister_netdevice_queue()',
    where: 'net/core/dev.ts: unregister_netdevice_queue() uses list_add_tail()',
    observable:
      'CONFIG_DEBUG_LIST "list_add double add" when a queued device is queued again at the tail (both veth ends in one net); otherwise the kill list silently loses entries (veth ends in two nets of one batch): events miss dev_unregister, and netdev_exit()\'s WARN fires (panic_on_warn).',
  },
  {
    id: 'pre-batching',
    undoes:
      '2b035b399707 "net: Batch network namespace destruction." (only the batching of 2.6.32; the whole profile is createReferenceKernel({ kernel: "2.6.32" }))',
    where: 'net/core/net_namespace.ts: cleanup_net() takes only the oldest net and requeues itself',
    observable:
      'events and ret: one net per cleanup_net run, oldest first; counters: workRuns, pernetLock, gracePeriods, rcuBarriers, rtnl and unregisterMany per net.',
  },
];
