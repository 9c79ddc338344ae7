/**
 * net/core/net_namespace.c of v2.6.33, the registration part: register_pernet_subsys/device
 * and their unregister counterparts under net_mutex (see net_namespace.ts for the remarks).
 */
import type { kernel } from '../../../kernel.ts';
import { ida_alloc_min, ida_free } from '../../../include/idr.ts';
import { LIST_HEAD, list_add_tail, list_del, type list_head } from '../../../include/list.ts';
import {
  for_each_net,
  type net,
  type pernet_operations,
} from '../../../include/net/net_namespace.ts';
import { rcu_barrier } from '../../../include/rcupdate.ts';
import { down_write, up_write } from '../../../include/rwsem.ts';
import { ops_exit_list, ops_free_list, ops_init } from './net_namespace.ts';

/** __register_pernet_operations(): init on every net; on failure undo the nets before. */
function __register_pernet_operations(
  k: kernel,
  list: list_head<pernet_operations>,
  ops: pernet_operations,
): number {
  const net_exit_list = LIST_HEAD<net>();
  let error = 0;

  list_add_tail(ops.list, list);
  out_undo: {
    if (ops.init || (ops.id && ops.size)) {
      for (const net of for_each_net(k)) {
        error = ops_init(k, ops, net);
        if (error) break out_undo;
        list_add_tail(net.exit_list, net_exit_list);
      }
    }
    return 0;
  }
  /* If I have an error cleanup all namespaces I initialized */
  list_del(ops.list);
  ops_exit_list(k, ops, net_exit_list);
  ops_free_list(k, ops, net_exit_list);
  return error;
}

/** __unregister_pernet_operations(). */
function __unregister_pernet_operations(k: kernel, ops: pernet_operations): void {
  const net_exit_list = LIST_HEAD<net>();

  list_del(ops.list);
  for (const net of for_each_net(k)) list_add_tail(net.exit_list, net_exit_list);
  ops_exit_list(k, ops, net_exit_list);
  ops_free_list(k, ops, net_exit_list);
}

/** register_pernet_operations(): ida_get_new_above(&net_generic_ids, 1, ops->id). */
function register_pernet_operations(
  k: kernel,
  list: list_head<pernet_operations>,
  ops: pernet_operations,
): number {
  let error: number;

  if (ops.id) {
    error = ida_alloc_min(k.net_generic_ids, 1);
    if (error < 0) return error;
    ops.id.value = error;
    k.max_gen_ptrs = Math.max(k.max_gen_ptrs, ops.id.value);
  }
  error = __register_pernet_operations(k, list, ops);
  if (error) {
    rcu_barrier(k);
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
