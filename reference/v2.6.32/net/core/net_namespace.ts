/**
 * net/core/net_namespace.c of v2.6.32, before the batching series: pernet_operations has only
 * init and exit (generic data is the op's own business), every dying net has its own work item
 * on the single-threaded netns_wq (FIFO), and each run tears down that one net under net_mutex:
 * unlink under RTNL, one grace period, the exits in reverse, rcu_barrier, free.
 * @remarks Written from a 2.6.32 tree (a vendor one: the functions here match mainline 2.6.32;
 * its setns/proc-inode additions are left out).
 */
import type { kernel } from '../../../kernel.ts';
import { KernelBug } from '../../../include/bug.ts';
import {
  list_add_tail,
  list_add_tail_rcu,
  list_del,
  list_del_rcu,
  list_for_each_entry,
  list_for_each_entry_continue_reverse,
  list_for_each_entry_reverse,
  type list_head,
} from '../../../include/list.ts';
import {
  CLONE_NEWNET,
  for_each_net,
  get_net,
  net_eq,
  type net,
  type pernet_operations,
} from '../../../include/net/net_namespace.ts';
import type { net_generic as net_generic_t } from '../../../include/net/netns/generic.ts';
import { refcount_set } from '../../../include/refcount.ts';
import { rcu_barrier, synchronize_rcu } from '../../../include/rcupdate.ts';
import { down_write, up_write } from '../../../include/rwsem.ts';
import { trace_netns, trace_pernet } from '../../../include/trace/events/netns.ts';
import { INIT_WORK, queue_work, type work_struct } from '../../../kernel/workqueue.ts';
import { kfree, kmem_cache_free, kzalloc } from '../../../mm/slab.ts';
import { net_zalloc, pernet_init_call } from '../../../net/core/net_namespace.ts';
import { rtnl_lock, rtnl_unlock } from '../../../net/core/rtnetlink.ts';

/** `ops->init(net)` if the op has one (behind the same fault-injection point as 6.18). */
function ops_init(k: kernel, ops: pernet_operations, net: net): number {
  return ops.init ? pernet_init_call(k, ops, ops.init, net) : 0;
}

/** `ops->exit(net)` if the op has one. */
function ops_exit(k: kernel, ops: pernet_operations, net: net): void {
  if (ops.exit) {
    trace_pernet(k, 'exit', ops, net);
    ops.exit(k, net);
  }
}

/** setup_net(): inits in order; on failure the exits of the ops before, reverse, rcu_barrier. */
function setup_net(k: kernel, net: net): number {
  /* Must be called with net_mutex held */
  let ops: pernet_operations | null = null;
  let error = 0;

  refcount_set(net.ns.count, 1);

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
  for (const o of list_for_each_entry_continue_reverse(ops!.list, k.pernet_list))
    ops_exit(k, o, net);

  rcu_barrier(k);
  return error;
}

/** net_alloc_generic(): the (empty) generic array every net still carries. */
function net_alloc_generic(k: kernel): net_generic_t {
  const ng: net_generic_t = { s: { len: k.max_gen_ptrs }, ptr: [] };
  return kzalloc(k, ng, () => 'a net_generic array');
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

/** net_free(). */
function net_free(k: kernel, net: net): void {
  kfree(k, net.gen, 'net_free');
  kmem_cache_free(k, net, 'net_free');
}

/** net_create(): set up under net_mutex; the list is joined under RTNL. */
function net_create(k: kernel): net | number {
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
    net_free(k, net);
    return rv;
  }
  return net;
}

/** copy_net_ns(). */
export function copy_net_ns(k: kernel, flags: number, old_net: net): net | number {
  if (!(flags & CLONE_NEWNET)) return get_net(old_net);
  return net_create(k);
}

/** cleanup_net(): the work item of one dying net. */
export function cleanup_net(k: kernel, work: work_struct): void {
  const net = work.container as net;
  trace_netns(k, { type: 'batch', nets: [net] });

  down_write(k, k.net_mutex);

  /* Don't let anyone else find us. */
  rtnl_lock(k);
  list_del_rcu(net.list);
  trace_netns(k, { type: 'unlink', net });
  rtnl_unlock(k);

  /*
   * Another CPU might be rcu-iterating the list, wait for it.
   * This needs to be before calling the exit() notifiers, so
   * the rcu_barrier() below isn't sufficient alone.
   */
  synchronize_rcu(k);

  /* Run all of the network namespace exit methods */
  for (const ops of list_for_each_entry_reverse(k.pernet_list)) ops_exit(k, ops, net);

  up_write(k, k.net_mutex);

  /* Ensure there are no outstanding rcu callbacks using this
   * network namespace.
   */
  rcu_barrier(k);

  /* Finally it is safe to free my network namespace structure */
  trace_netns(k, { type: 'net_free', net });
  net_free(k, net);
}

/** __put_net(): cleanup the network namespace in process context, on its own work item. */
export function __put_net(k: kernel, net: net): void {
  trace_netns(k, { type: 'queue', net });
  net.v2632_work = INIT_WORK(cleanup_net, net);
  queue_work(k, k.netns_wq, net.v2632_work);
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

/** register_pernet_operations(): init every net; on failure exit the nets before (no barrier). */
function register_pernet_operations(
  k: kernel,
  list: list_head<pernet_operations>,
  ops: pernet_operations,
): number {
  let error = 0;
  let failed: net | null = null;

  list_add_tail(ops.list, list);
  out_undo: {
    if (ops.init) {
      for (const net of for_each_net(k)) {
        error = ops_init(k, ops, net);
        if (error) {
          failed = net;
          break out_undo;
        }
      }
    }
    return 0;
  }
  /* If I have an error cleanup all namespaces I initialized */
  list_del(ops.list);
  if (ops.exit) {
    for (const undo_net of for_each_net(k)) {
      if (failed && net_eq(undo_net, failed)) break; // goto undone
      ops_exit(k, ops, undo_net);
    }
  }
  // undone:
  return error;
}

/** unregister_pernet_operations(): exit on every net. */
function unregister_pernet_operations(k: kernel, ops: pernet_operations): void {
  list_del(ops.list);
  if (ops.exit) for (const net of for_each_net(k)) ops_exit(k, ops, net);
}

/** register_pernet_subsys(). */
export function register_pernet_subsys(k: kernel, ops: pernet_operations): number {
  down_write(k, k.net_mutex);
  const error = register_pernet_operations(k, k.first_device, ops);
  up_write(k, k.net_mutex);
  return error;
}

/** unregister_pernet_subsys(). */
export function unregister_pernet_subsys(k: kernel, ops: pernet_operations): void {
  down_write(k, k.net_mutex);
  unregister_pernet_operations(k, ops);
  up_write(k, k.net_mutex);
}

/** register_pernet_device(). */
export function register_pernet_device(k: kernel, ops: pernet_operations): number {
  down_write(k, k.net_mutex);
  const error = register_pernet_operations(k, k.pernet_list, ops);
  if (!error && k.first_device === k.pernet_list) k.first_device = ops.list;
  up_write(k, k.net_mutex);
  return error;
}

/** unregister_pernet_device(). */
export function unregister_pernet_device(k: kernel, ops: pernet_operations): void {
  down_write(k, k.net_mutex);
  if (ops.list === k.first_device) k.first_device = k.first_device.next;
  unregister_pernet_operations(k, ops);
  up_write(k, k.net_mutex);
}
