/**
 * net/core/net_namespace.c (Linux v6.18), the registration part: register_pernet_subsys/device
 * and their unregister counterparts, all under pernet_ops_rwsem (write).
 */
import type { kernel } from '../../kernel.ts';
import { WARN_ON } from '../../include/bug.ts';
import { EINVAL } from '../../include/errno.ts';
import { ida_alloc_min, ida_free } from '../../include/idr.ts';
import { LIST_HEAD, list_add_tail, list_del, type list_head } from '../../include/list.ts';
import { for_each_net, type net, type pernet_operations } from '../../include/net/net_namespace.ts';
import { rcu_barrier } from '../../include/rcupdate.ts';
import { down_write, up_write } from '../../include/rwsem.ts';
import { MIN_PERNET_OPS_ID, ops_init, ops_undo_single } from './net_namespace.ts';

/** __register_pernet_operations(): link the op in, init it on every listed net; undo on failure. */
function __register_pernet_operations(
  k: kernel,
  list: list_head<pernet_operations>,
  ops: pernet_operations,
): number {
  const net_exit_list = LIST_HEAD<net>();
  let error = 0;

  list_add_tail(ops.list, list);
  out_undo: {
    if (ops.init || ops.id) {
      /* We held write locked pernet_ops_rwsem, and parallel
       * setup_net() and cleanup_net() are not possible.
       */
      for (const net of for_each_net(k)) {
        error = ops_init(k, ops, net);
        if (error) {
          if (k.bugs.has('B21d')) list_add_tail(net.exit_list, net_exit_list);
          break out_undo;
        }
        list_add_tail(net.exit_list, net_exit_list);
      }
    }
    return 0;
  }
  // out_undo:
  /* If I have an error cleanup all namespaces I initialized */
  list_del(ops.list);
  ops_undo_single(k, ops, net_exit_list);
  return error;
}

/** __unregister_pernet_operations(): unlink the op and undo it on every listed net. */
function __unregister_pernet_operations(k: kernel, ops: pernet_operations): void {
  const net_exit_list = LIST_HEAD<net>();

  /* See comment in __register_pernet_operations() */
  for (const net of for_each_net(k)) list_add_tail(net.exit_list, net_exit_list);

  list_del(ops.list);
  ops_undo_single(k, ops, net_exit_list);
}

/** register_pernet_operations(): take a generic id (smallest free >= 3), then register. */
function register_pernet_operations(
  k: kernel,
  list: list_head<pernet_operations>,
  ops: pernet_operations,
): number {
  let error: number;

  if (WARN_ON(k, !!ops.id !== !!ops.size, 'register_pernet_operations: id without size'))
    return -EINVAL;

  if (ops.id) {
    error = ida_alloc_min(k.net_generic_ids, MIN_PERNET_OPS_ID);
    if (error < 0) return error;
    ops.id.value = error;
    /* This does not require READ_ONCE as writers already hold
     * pernet_ops_rwsem. But WRITE_ONCE is needed to protect
     * net_alloc_generic.
     */
    k.max_gen_ptrs = Math.max(k.max_gen_ptrs, ops.id.value + 1);
  }
  error = __register_pernet_operations(k, list, ops);
  if (error) {
    if (!k.bugs.has('B21e')) rcu_barrier(k);
    if (ops.id) ida_free(k.net_generic_ids, ops.id.value);
  }

  return error;
}

/** unregister_pernet_operations(). */
function unregister_pernet_operations(k: kernel, ops: pernet_operations): void {
  __unregister_pernet_operations(k, ops);
  rcu_barrier(k);
  if (ops.id) ida_free(k.net_generic_ids, ops.id.value);
}

/**
 * register_pernet_subsys(): register a subsystem, inserted just before first_device (so after
 * every subsys and before every device op). Its init runs for every existing net now, and for
 * every new net in registration order; its exits run in reverse order.
 */
export function register_pernet_subsys(k: kernel, ops: pernet_operations): number {
  down_write(k, k.pernet_ops_rwsem);
  const error = register_pernet_operations(k, k.first_device, ops);
  up_write(k, k.pernet_ops_rwsem);
  return error;
}

/** unregister_pernet_subsys(): run the exit side for all existing nets and remove the op. */
export function unregister_pernet_subsys(k: kernel, ops: pernet_operations): void {
  down_write(k, k.pernet_ops_rwsem);
  unregister_pernet_operations(k, ops);
  up_write(k, k.pernet_ops_rwsem);
}

/** register_pernet_device(): register at the tail; the first device op becomes first_device. */
export function register_pernet_device(k: kernel, ops: pernet_operations): number {
  down_write(k, k.pernet_ops_rwsem);
  const error = register_pernet_operations(k, k.pernet_list, ops);
  if (!error && k.first_device === k.pernet_list) k.first_device = ops.list;
  up_write(k, k.pernet_ops_rwsem);
  return error;
}

/** unregister_pernet_device(): first_device advances past the op if it was first_device. */
export function unregister_pernet_device(k: kernel, ops: pernet_operations): void {
  down_write(k, k.pernet_ops_rwsem);
  if (ops.list === k.first_device) k.first_device = k.first_device.next;
  unregister_pernet_operations(k, ops);
  up_write(k, k.pernet_ops_rwsem);
}
