/**
 * net/core/net_namespace.c after Eric W. Biederman's 2009 series (v2.6.33): generic data
 * allocated by the core (ids from 1, `ptr[id - 1]`), ops_exit_list (exit then exit_batch) and
 * ops_free_list, a spinlocked cleanup_list taken whole by one net_cleanup_work run, all under
 * net_mutex; no pre_exit, no exit_rtnl, no nsids.
 * @remarks Written from the 2.6.33–4.x shape of the file (the stored tree is v4.0, whose
 * functions here differ from 2.6.33 only by the nsid code left out). Two details may postdate
 * 2.6.33 and are UNVERIFIED for it: ops_init() freeing the data of a failed init (`cleanup:`),
 * and the rcu_barrier() of register/unregister_pernet_operations(); both agree with the
 * contract. As in v4.0, a failed init leaves its slot pointing at the freed data (B3).
 */
import type { kernel } from '../../../kernel.ts';
import { BUG_ON, KernelBug } from '../../../include/bug.ts';
import { ENOMEM } from '../../../include/errno.ts';
import {
  LIST_HEAD,
  list_add,
  list_add_tail,
  list_add_tail_rcu,
  list_del_init,
  list_del_rcu,
  list_for_each_entry,
  list_for_each_entry_continue_reverse,
  list_for_each_entry_reverse,
  list_for_each_entry_safe,
  list_replace_init,
  type list_head,
} from '../../../include/list.ts';
import {
  CLONE_NEWNET,
  get_net,
  type net,
  type pernet_operations,
} from '../../../include/net/net_namespace.ts';
import {
  net_generic,
  type net_generic as net_generic_t,
} from '../../../include/net/netns/generic.ts';
import { refcount_dec_and_test, refcount_set } from '../../../include/refcount.ts';
import { call_rcu, rcu_barrier, synchronize_rcu } from '../../../include/rcupdate.ts';
import { down_write, up_write } from '../../../include/rwsem.ts';
import { trace_netns, trace_pernet } from '../../../include/trace/events/netns.ts';
import { queue_work, type work_struct } from '../../../kernel/workqueue.ts';
import { kfree, kmem_cache_free, kzalloc } from '../../../mm/slab.ts';
import { net_list, net_zalloc, pernet_init_call } from '../../../net/core/net_namespace.ts';
import { rtnl_lock, rtnl_unlock } from '../../../net/core/rtnetlink.ts';

/** net_alloc_generic(): `len` usable pointers, ptr[0..len-1]. */
function net_alloc_generic(k: kernel): net_generic_t {
  const len = k.max_gen_ptrs;
  const ng: net_generic_t = { s: { len }, ptr: new Array<object | null>(len).fill(null) };
  return kzalloc(k, ng, () => 'a net_generic array');
}

/** net_assign_generic(): `ptr[id - 1] = data`, growing the array by copy when id > len. */
function net_assign_generic(k: kernel, net: net, id: number, data: object): number {
  BUG_ON(!k.net_mutex.writer, 'net_assign_generic: net_mutex not held');
  BUG_ON(id === 0, 'net_assign_generic: id 0');

  let ng = net.gen;
  const old_ng = ng;
  if (old_ng.s.len < id) {
    ng = net_alloc_generic(k);
    /* memcpy(&ng->ptr, &old_ng->ptr, old_ng->len * sizeof(void*)); */
    for (let i = 0; i < old_ng.s.len; i++) ng.ptr[i] = old_ng.ptr[i] ?? null;
    net.gen = ng;
    call_rcu(k, () => kfree(k, old_ng, 'kfree_rcu (net_assign_generic)'));
  }
  // assign:
  ng.ptr[id - 1] = data;
  return 0;
}

/** ops_init(): allocate and assign the op's data, then call its init. */
export function ops_init(k: kernel, ops: pernet_operations, net: net): number {
  let err = -ENOMEM;
  let data: object | null = null;

  cleanup: {
    if (ops.id && ops.size) {
      const id = ops.id.value;
      data = kzalloc(k, {}, () => `data of op ${k.kasan.symbolize(ops)} (id ${id})`);
      err = net_assign_generic(k, net, id, data);
      if (err) break cleanup;
      trace_pernet(k, 'alloc', ops, net);
    }
    err = 0;
    if (ops.init) err = pernet_init_call(k, ops, ops.init, net);
    if (!err) return 0;
  }
  // cleanup:
  if (data) trace_pernet(k, 'free', ops, net);
  kfree(k, data, 'ops_init');
  return err;
}

/** ops_free(). */
function ops_free(k: kernel, ops: pernet_operations, net: net): void {
  if (ops.id && ops.size) {
    trace_pernet(k, 'free', ops, net);
    kfree(k, net_generic(k, net, ops.id.value), 'ops_free');
  }
}

/** ops_exit_list(): exit for each net, then exit_batch once. */
export function ops_exit_list(
  k: kernel,
  ops: pernet_operations,
  net_exit_list: list_head<net>,
): void {
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

/** ops_free_list(). */
export function ops_free_list(
  k: kernel,
  ops: pernet_operations,
  net_exit_list: list_head<net>,
): void {
  if (ops.size && ops.id)
    for (const net of list_for_each_entry(net_exit_list)) ops_free(k, ops, net);
}

/** setup_net(): inits in order; on failure the ops before undo in reverse, then frees. */
function setup_net(k: kernel, net: net): number {
  /* Must be called with net_mutex held */
  let ops: pernet_operations | null = null;
  const net_exit_list = LIST_HEAD<net>();
  let error = 0;

  refcount_set(net.ns.count, 1);
  refcount_set(net.passive, 1);

  out_undo: {
    for (ops of list_for_each_entry(k.pernet_list)) {
      error = ops_init(k, ops, net);
      if (error < 0) break out_undo;
    }
    return error;
  }
  /* Walk through the list backwards calling the exit functions
   * for the pernet modules whose init functions did not fail.
   */
  list_add(net.exit_list, net_exit_list);
  const saved_ops = ops!.list;
  for (const o of list_for_each_entry_continue_reverse(saved_ops, k.pernet_list))
    ops_exit_list(k, o, net_exit_list);
  for (const o of list_for_each_entry_continue_reverse(saved_ops, k.pernet_list))
    ops_free_list(k, o, net_exit_list);

  rcu_barrier(k);
  return error;
}

/** net_alloc(). */
function net_alloc(k: kernel): net {
  const ng = net_alloc_generic(k);
  // Stryker disable next-line AssignmentOperator: equivalent: inums are only a hash salt (net_hash_mix); decreasing ones are as distinct
  k.last_inum += 1;
  const net = net_zalloc(k, k.last_inum);
  net.gen = ng;
  return net;
}

/** net_free(): the generic array and the struct net go at once (no deferred free yet). */
function net_free(k: kernel, net: net): void {
  kfree(k, net.gen, 'net_free');
  kmem_cache_free(k, net, 'net_free');
}

/** net_drop_ns(): drop the passive reference; the last one frees. */
function net_drop_ns(k: kernel, net: net): void {
  if (refcount_dec_and_test(net.passive)) net_free(k, net);
}

/** copy_net_ns(): set up under net_mutex; the list is joined under RTNL. */
export function copy_net_ns(k: kernel, flags: number, old_net: net): net | number {
  if (!(flags & CLONE_NEWNET)) return get_net(old_net);

  const net = net_alloc(k);

  down_write(k, k.net_mutex);
  const rv = setup_net(k, net);
  if (rv === 0) {
    rtnl_lock(k);
    list_add_tail_rcu(net.list, k.net_namespace_list);
    trace_netns(k, { type: 'publish', net });
    rtnl_unlock(k);
  }
  up_write(k, k.net_mutex);
  if (rv < 0) {
    net_drop_ns(k, net);
    return rv;
  }
  return net;
}

/** cleanup_net(): net_cleanup_work — snapshot cleanup_list, unlink under RTNL, exit, free. */
export function cleanup_net(k: kernel, _work: work_struct): void {
  const net_kill_list = LIST_HEAD<net>();
  const net_exit_list = LIST_HEAD<net>();

  /* Atomically snapshot the list of namespaces to cleanup */
  list_replace_init(k.v2633_cleanup_list, net_kill_list);
  trace_netns(k, { type: 'batch', nets: [...list_for_each_entry(net_kill_list)] });

  down_write(k, k.net_mutex);

  /* Don't let anyone else find us. */
  rtnl_lock(k);
  for (const net of list_for_each_entry(net_kill_list)) {
    list_del_rcu(net.list);
    trace_netns(k, { type: 'unlink', net });
    list_add_tail(net.exit_list, net_exit_list);
  }
  rtnl_unlock(k);

  /*
   * Another CPU might be rcu-iterating the list, wait for it.
   * This needs to be before calling the exit() notifiers, so
   * the rcu_barrier() below isn't sufficient alone.
   */
  synchronize_rcu(k);

  /* Run all of the network namespace exit methods */
  for (const ops of list_for_each_entry_reverse(k.pernet_list))
    ops_exit_list(k, ops, net_exit_list);

  /* Free the net generic variables */
  for (const ops of list_for_each_entry_reverse(k.pernet_list))
    ops_free_list(k, ops, net_exit_list);

  up_write(k, k.net_mutex);

  /* Ensure there are no outstanding rcu callbacks using this
   * network namespace.
   */
  rcu_barrier(k);

  /* Finally it is safe to free my network namespace structure */
  for (const net of list_for_each_entry_safe(net_exit_list)) {
    list_del_init(net.exit_list);
    trace_netns(k, { type: 'net_free', net });
    net_drop_ns(k, net);
  }
}

/** __put_net(): put the net on death row (list_add: newest first) and kick the work. */
export function __put_net(k: kernel, net: net): void {
  trace_netns(k, { type: 'queue', net });
  list_add(net.v2633_cleanup_list, k.v2633_cleanup_list);
  queue_work(k, k.netns_wq, k.net_cleanup_work);
}

/** net_ns_init(). */
export function net_ns_init(k: kernel): void {
  k.init_net.gen = net_alloc_generic(k);

  down_write(k, k.net_mutex);
  if (setup_net(k, k.init_net))
    throw new KernelBug('Could not setup the initial network namespace');

  rtnl_lock(k);
  list_add_tail_rcu(k.init_net.list, k.net_namespace_list);
  rtnl_unlock(k);

  up_write(k, k.net_mutex);
  // Stryker disable next-line BooleanLiteral: equivalent: init_net_initialized is written and never read
  k.init_net_initialized = true;
}
