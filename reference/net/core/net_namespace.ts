/**
 * net/core/net_namespace.c (Linux v6.18): the generic array, ops_init() and the teardown
 * phases (ops_undo_list), creation (copy_net_ns/setup_net) and batched destruction
 * (__put_net/cleanup_net). Registration is in net_namespace_pernet.ts, nsids in
 * net_namespace_nsid.ts (the same C file).
 */
import type { kernel } from '../../kernel.ts';
import { BUG_ON, KernelBug } from '../../include/bug.ts';
import { ENOMEM } from '../../include/errno.ts';
import { idr_init } from '../../include/idr.ts';
import {
  LIST_HEAD,
  list_add,
  list_add_tail,
  list_add_tail_rcu,
  list_del,
  list_del_init,
  list_del_rcu,
  list_entry,
  list_for_each_entry,
  list_for_each_entry_continue_reverse,
  list_for_each_entry_safe,
  list_head,
  list_last_entry,
} from '../../include/list.ts';
import {
  llist_add,
  llist_add_batch,
  llist_del_all,
  llist_empty,
  llist_for_each_entry,
  llist_for_each_entry_safe,
  llist_node,
  llist_reverse_order,
} from '../../include/llist.ts';
import type { net_device } from '../../include/linux/netdevice.ts';
import {
  CLONE_NEWNET,
  get_net,
  type net,
  type pernet_operations,
} from '../../include/net/net_namespace.ts';
import { net_generic, type net_generic as net_generic_t } from '../../include/net/netns/generic.ts';
import { REFCOUNT_INIT, refcount_dec_and_test, refcount_set } from '../../include/refcount.ts';
import {
  call_rcu,
  rcu_barrier,
  synchronize_rcu,
  synchronize_rcu_expedited,
} from '../../include/rcupdate.ts';
import {
  down_read,
  down_read_killable,
  down_write,
  up_read,
  up_write,
} from '../../include/rwsem.ts';
import { trace_netns, trace_pernet } from '../../include/trace/events/netns.ts';
import { queue_work, type work_struct } from '../../kernel/workqueue.ts';
import type { kasan_state } from '../../mm/kasan.ts';
import { kfree, kmem_cache_free, kzalloc } from '../../mm/slab.ts';
import { unregister_netdevice_many } from './dev.ts';
import { unhash_nsid } from './net_namespace_nsid.ts';
import { __rtnl_net_lock, __rtnl_net_unlock, rtnl_lock, rtnl_unlock } from './rtnetlink.ts';

/** ((sizeof(struct net_generic) + sizeof(void *) - 1) / sizeof(void *)) on 64-bit: 24 bytes. */
export const MIN_PERNET_OPS_ID = 3;
/** INITIAL_NET_GEN_PTRS: "+1 for len +2 for rcu_head". */
export const INITIAL_NET_GEN_PTRS = 13;

/** net_alloc_generic(): reads max_gen_ptrs once, for both the size and s.len (CVE-2024-36883). */
function net_alloc_generic(k: kernel): net_generic_t {
  const gen_ptrs = k.max_gen_ptrs;
  const ng: net_generic_t = {
    s: { len: gen_ptrs },
    ptr: new Array<object | null>(gen_ptrs).fill(null),
  };
  return kzalloc(k, ng, () => 'a net_generic array');
}

/** net_assign_generic(): publish `data` in slot `id`, growing the array by copy if needed. */
function net_assign_generic(k: kernel, net: net, id: number, data: object): number {
  BUG_ON(id < MIN_PERNET_OPS_ID, `net_assign_generic: id ${id} < MIN_PERNET_OPS_ID`);

  const old_ng = net.gen;
  if (old_ng.s.len > id) {
    old_ng.ptr[id] = data;
    return 0;
  }

  const ng = net_alloc_generic(k);
  /*
   * The net_generic explores the net->gen array inside rcu read section. Besides once set the
   * net->gen->ptr[x] pointer never changes. That said, we simply duplicate this array and
   * schedule the old copy for kfree after a grace period.
   */
  for (let i = MIN_PERNET_OPS_ID; i < old_ng.s.len; i++) ng.ptr[i] = old_ng.ptr[i] ?? null;
  ng.ptr[id] = data;

  net.gen = ng;
  call_rcu(k, () => kfree(k, old_ng, 'kfree_rcu (net_assign_generic)'));
  return 0;
}

/** `ops->init(net)` behind its fentry tracepoint and the fail_function error-injection point. */
export function pernet_init_call(
  k: kernel,
  ops: pernet_operations,
  init: (k: kernel, net: net) => number,
  net: net,
): number {
  const f = k.fail_function;
  if (f && f.ops === ops && (f.net === null || f.net === net)) {
    trace_pernet(k, 'init_failed', ops, net);
    return -ENOMEM;
  }
  trace_pernet(k, 'init', ops, net);
  return init(k, net);
}

/** ops_init(): allocate and publish the op's data, then call its init; undo both on failure. */
export function ops_init(k: kernel, ops: pernet_operations, net: net): number {
  let err = -ENOMEM;
  let data: object | null = null;

  cleanup: {
    if (ops.id) {
      const id = ops.id.value;
      data = kzalloc(k, {}, () => `data of op ${k.kasan.symbolize(ops)} (id ${id})`);
      err = net_assign_generic(k, net, id, data);
      if (err) break cleanup;
      trace_pernet(k, 'alloc', ops, net);
    }
    err = 0;
    if (ops.init) err = pernet_init_call(k, ops, ops.init, net);
    if (!err) return 0;

    if (ops.id && !k.bugs.has('B3')) {
      const ng = net.gen;
      ng.ptr[ops.id.value] = null;
    }
  }
  // cleanup:
  if (data) trace_pernet(k, 'free', ops, net);
  kfree(k, data, 'ops_init');
  return err;
}

export function net_list(net_exit_list: list_head<net>): net[] {
  return [...list_for_each_entry(net_exit_list)];
}

/** ops_pre_exit_list(). */
function ops_pre_exit_list(k: kernel, ops: pernet_operations, net_exit_list: list_head<net>): void {
  if (ops.pre_exit) {
    for (const net of list_for_each_entry(net_exit_list)) {
      trace_pernet(k, 'pre_exit', ops, net);
      ops.pre_exit(k, net);
    }
  }
}

/** ops_exit_rtnl_list(): one RTNL section, nets outer, ops inner (reverse). */
function ops_exit_rtnl_list(
  k: kernel,
  ops_list: list_head<pernet_operations>,
  saved_ops: list_head<pernet_operations>,
  net_exit_list: list_head<net>,
): void {
  const dev_kill_list = LIST_HEAD<net_device>();

  rtnl_lock(k);

  for (const net of list_for_each_entry(net_exit_list)) {
    __rtnl_net_lock(net);

    for (const ops of list_for_each_entry_continue_reverse(saved_ops, ops_list)) {
      if (ops.exit_rtnl) {
        trace_pernet(k, 'exit_rtnl', ops, net);
        ops.exit_rtnl(k, net, dev_kill_list);
      }
    }

    __rtnl_net_unlock(net);
  }

  unregister_netdevice_many(k, dev_kill_list);

  rtnl_unlock(k);
}

/** ops_exit_list(): the per-net exits, then the op's exit_batch (called even for no nets). */
function ops_exit_list(k: kernel, ops: pernet_operations, net_exit_list: list_head<net>): void {
  if (ops.exit) {
    for (const net of list_for_each_entry(net_exit_list)) {
      trace_pernet(k, 'exit', ops, net);
      ops.exit(k, net);
    }
  }

  if (ops.exit_batch) {
    trace_netns(k, { type: 'exit_batch', ops, nets: net_list(net_exit_list) });
    ops.exit_batch(k, net_exit_list);
  }
}

/** ops_free_list(): kfree(net_generic(net, *ops->id)) for each net (the slot is not cleared). */
function ops_free_list(k: kernel, ops: pernet_operations, net_exit_list: list_head<net>): void {
  if (ops.id) {
    for (const net of list_for_each_entry(net_exit_list)) {
      trace_pernet(k, 'free', ops, net);
      kfree(k, net_generic(k, net, ops.id.value), 'ops_free_list');
    }
  }
}

/** B21c: a partial unwinding walked in registration order (head up to, not including, `pos`). */
function* forward_until<T>(head: list_head<T>, pos: list_head<T>): Generator<T> {
  for (let p = head.next; p !== pos; p = p.next) yield list_entry(p);
}

/**
 * ops_undo_list(): undo the ops before `ops` (all of `ops_list` when null) for the nets of
 * `net_exit_list`: pre_exit; one grace period; exit_rtnl under RTNL; exit + exit_batch; free.
 */
export function ops_undo_list(
  k: kernel,
  ops_list: list_head<pernet_operations>,
  ops: pernet_operations | null,
  net_exit_list: list_head<net>,
  expedite_rcu: boolean,
): void {
  let hold_rtnl = false;
  /* ops == NULL: start at the head itself (C: list_entry(ops_list, typeof(*ops), list)) */
  const saved_ops = ops ? ops.list : ops_list;
  const undo = (): Generator<pernet_operations> =>
    k.bugs.has('B21c') && ops
      ? forward_until(ops_list, saved_ops)
      : list_for_each_entry_continue_reverse(saved_ops, ops_list);

  for (const o of undo()) {
    hold_rtnl ||= !!o.exit_rtnl;
    if (!k.bugs.has('B18')) ops_pre_exit_list(k, o, net_exit_list);
  }

  /* Another CPU might be rcu-iterating the list, wait for it.
   * This needs to be before calling the exit() notifiers, so the
   * rcu_barrier() after ops_undo_list() isn't sufficient alone.
   * Also the pre_exit() and exit() methods need this barrier.
   */
  if (expedite_rcu) {
    if (!k.bugs.has('B17')) synchronize_rcu_expedited(k);
  } else synchronize_rcu(k);

  if (hold_rtnl) ops_exit_rtnl_list(k, ops_list, saved_ops, net_exit_list);

  for (const o of undo()) {
    if (k.bugs.has('B18')) ops_pre_exit_list(k, o, net_exit_list);
    ops_exit_list(k, o, net_exit_list);
    if (k.bugs.has('B20')) ops_free_list(k, o, net_exit_list);
  }

  for (const o of undo()) if (!k.bugs.has('B20')) ops_free_list(k, o, net_exit_list);
}

/** ops_undo_single(): ops_undo_list() for one op, on a private one-element ops list. */
export function ops_undo_single(
  k: kernel,
  ops: pernet_operations,
  net_exit_list: list_head<net>,
): void {
  const ops_list = LIST_HEAD<pernet_operations>();

  list_add(ops.list, ops_list);
  ops_undo_list(k, ops_list, null, net_exit_list, false);
  list_del(ops.list);
}

/** kmem_cache_zalloc(net_cachep): a zeroed struct net (init_net is the static one). */
export function net_zalloc(k: { kasan: kasan_state }, inum: number): net {
  const net = {
    ns: { count: REFCOUNT_INIT(0), inum },
    passive: REFCOUNT_INIT(0),
    gen: { s: { len: 0 }, ptr: [] },
    netns_ids: idr_init<net>(),
    dev_name_head: null,
    loopback_dev: null,
    ipv4: { tcp_death_row: null },
    v2632_work: null,
  } as unknown as net;
  Object.assign(net, {
    list: new list_head(net),
    exit_list: new list_head(net),
    cleanup_list: new llist_node(net),
    defer_free_list: new llist_node(net),
    dev_base_head: new list_head<net_device>(),
    v2633_cleanup_list: new list_head(net),
  });
  return kzalloc(k, net, () => `net ${k.kasan.symbolize(net)}`);
}

/** preinit_net(): init code that must occur even if setup_net() is not called. */
function preinit_net(_k: kernel, net: net): number {
  /* ns_common_init(): the namespace starts with one active reference */
  refcount_set(net.ns.count, 1);
  refcount_set(net.passive, 1);
  net.netns_ids = idr_init();
  return 0;
}

/** setup_net(): run every op's init in list order; publish the net only if all succeed. */
function setup_net(k: kernel, net: net): number {
  /* Must be called with pernet_ops_rwsem held */
  let ops: pernet_operations | null = null;
  const net_exit_list = LIST_HEAD<net>();
  let error = 0;

  out_undo: {
    for (ops of list_for_each_entry(k.pernet_list)) {
      error = ops_init(k, ops, net);
      if (error < 0) break out_undo;
    }
    down_write(k, k.net_rwsem);
    list_add_tail_rcu(net.list, k.net_namespace_list);
    up_write(k, k.net_rwsem);
    trace_netns(k, { type: 'publish', net });
    return error;
  }
  // out_undo:
  /* Walk through the list backwards calling the exit functions
   * for the pernet modules whose init functions did not fail.
   */
  list_add(net.exit_list, net_exit_list);
  const from = k.bugs.has('B21a') ? (ops?.list.next.owner ?? null) : ops;
  if (!k.bugs.has('B21b')) ops_undo_list(k, k.pernet_list, from, net_exit_list, false);
  rcu_barrier(k);
  return error;
}

/** net_alloc(): the generic array (len = max_gen_ptrs) and a zeroed struct net. */
function net_alloc(k: kernel): net {
  const ng = net_alloc_generic(k);
  // Stryker disable next-line AssignmentOperator: equivalent: inums are only a hash salt (net_hash_mix); decreasing ones are as distinct
  k.last_inum += 1;
  const net = net_zalloc(k, k.last_inum);
  net.gen = ng;
  return net;
}

/** net_complete_free(): free the struct nets queued by earlier passive drops. */
function net_complete_free(k: kernel): void {
  /* Get the list of namespaces to free from last round. */
  const kill_list = llist_del_all(k.defer_free_list);

  for (const net of llist_for_each_entry_safe(kill_list))
    kmem_cache_free(k, net, 'net_complete_free');
}

/** net_passive_dec(): the last passive reference frees net->gen and defers the struct free. */
export function net_passive_dec(k: kernel, net: net): void {
  if (refcount_dec_and_test(net.passive)) {
    kfree(k, net.gen, 'net_passive_dec');

    /* Wait for an extra rcu_barrier() before final free. */
    llist_add(net.defer_free_list, k.defer_free_list);
  }
}

/**
 * copy_net_ns(): a new namespace (CLONE_NEWNET) set up under pernet_ops_rwsem (read); returns
 * the net or -errno.
 * @remarks ucounts, user namespaces, keys and ns_common/ns tree are not modelled.
 */
export function copy_net_ns(k: kernel, flags: number, old_net: net): net | number {
  if (!(flags & CLONE_NEWNET)) return get_net(old_net);

  const net = net_alloc(k);
  let rv = preinit_net(k, net);
  if (rv < 0) return rv;

  rv = down_read_killable(k, k.pernet_ops_rwsem);
  if (rv === 0) {
    rv = setup_net(k, net);
    up_read(k, k.pernet_ops_rwsem);
  }

  if (rv < 0) {
    // put_userns:
    net_passive_dec(k, net);
    return rv;
  }
  return net;
}

/** pre-batching (2.6.32 profile): a run takes only the oldest queued net, the rest stay queued. */
function pre_batching_take_oldest(
  k: kernel,
  first: llist_node<net> | null,
): llist_node<net> | null {
  let prev: llist_node<net> | null = null;
  let last = first;
  // Stryker disable next-line OptionalChaining: equivalent: `last` is the non-null first node here
  while (last?.next) [prev, last] = [last, last.next];
  if (first && prev) {
    prev.next = null;
    llist_add_batch(first, prev, k.cleanup_list);
  }
  return last;
}

/** cleanup_net(): net_cleanup_work — tear down every net queued since the last run, as a batch. */
export function cleanup_net(k: kernel, _work: work_struct): void {
  const net_exit_list = LIST_HEAD<net>();

  // Stryker disable next-line BooleanLiteral: equivalent: cleanup_net_task is written and never read
  k.cleanup_net_task = true;

  /* Atomically snapshot the list of namespaces to cleanup */
  let net_kill_list = llist_del_all(k.cleanup_list);
  if (k.bugs.has('B22fifo')) net_kill_list = llist_reverse_order(net_kill_list);
  if (k.bugs.has('pre-batching')) net_kill_list = pre_batching_take_oldest(k, net_kill_list);
  trace_netns(k, { type: 'batch', nets: [...llist_for_each_entry(net_kill_list)] });

  down_read(k, k.pernet_ops_rwsem);

  /* Don't let anyone else find us. */
  down_write(k, k.net_rwsem);
  for (const net of llist_for_each_entry(net_kill_list)) {
    list_del_rcu(net.list);
    trace_netns(k, { type: 'unlink', net });
  }
  /* Cache last net. After we unlock rtnl, no one new net added to net_namespace_list can
   * assign nsid pointer to a net from net_kill_list (see peernet2id_alloc()). So, we skip
   * them in unhash_nsid().
   */
  const last = list_last_entry(k.net_namespace_list);
  up_write(k, k.net_rwsem);

  for (const net of llist_for_each_entry(net_kill_list)) {
    unhash_nsid(k, net, last);
    list_add_tail(net.exit_list, net_exit_list);
  }

  ops_undo_list(k, k.pernet_list, null, net_exit_list, true);

  up_read(k, k.pernet_ops_rwsem);

  /* Ensure there are no outstanding rcu callbacks using this network namespace. */
  rcu_barrier(k);

  net_complete_free(k);

  /* Finally it is safe to free my network namespace structure */
  for (const net of list_for_each_entry_safe(net_exit_list)) {
    list_del_init(net.exit_list);
    trace_netns(k, { type: 'net_free', net });
    net_passive_dec(k, net);
  }
  // Stryker disable next-line BooleanLiteral: equivalent: cleanup_net_task is written and never read
  k.cleanup_net_task = false;
  // pre-batching: in 2.6.32 every net had its own work item, so more work is still pending
  if (k.bugs.has('pre-batching') && !llist_empty(k.cleanup_list))
    queue_work(k, k.netns_wq, k.net_cleanup_work);
}

/** __put_net(): the last active reference is gone; queue the net for cleanup (LIFO). */
export function __put_net(k: kernel, net: net): void {
  /* Cleanup the network namespace in process context */
  trace_netns(k, { type: 'queue', net });
  if (llist_add(net.cleanup_list, k.cleanup_list)) queue_work(k, k.netns_wq, k.net_cleanup_work);
}

/** net_ns_init(): set up init_net with the (still empty) pernet_list. */
export function net_ns_init(k: kernel): void {
  k.init_net.gen = net_alloc_generic(k);

  if (preinit_net(k, k.init_net))
    throw new KernelBug('Could not preinitialize the initial network namespace');

  down_write(k, k.pernet_ops_rwsem);
  if (setup_net(k, k.init_net))
    throw new KernelBug('Could not setup the initial network namespace');

  // Stryker disable next-line BooleanLiteral: equivalent: init_net_initialized is written and never read
  k.init_net_initialized = true;
  up_write(k, k.pernet_ops_rwsem);
}
