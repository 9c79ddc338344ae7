/**
 * net/core/dev.c after the 2009 series (v2.6.33), the pernet side: default_device_ops gets an
 * `exit` that migrates the physical devices of one net home and an `exit_batch` that queues
 * every remaining device of the batch (reverse order) and unregisters them with one
 * unregister_netdevice_many(); loopback_net_ops has no exit any more (lo goes in the batch).
 * @remarks The device core (register_netdevice, unregister_netdevice_many,
 * dev_change_net_namespace) is reference/net/core/dev.ts; rtnl_lock_unregistering() (B10,
 * v3.15) did not exist yet.
 */
import type { kernel } from '../../../kernel.ts';
import { BUG } from '../../../include/bug.ts';
import { LIST_HEAD, list_for_each_entry, type list_head } from '../../../include/list.ts';
import {
  for_each_netdev_reverse,
  for_each_netdev_safe,
  type net_device,
} from '../../../include/linux/netdevice.ts';
import {
  PERNET_OPS,
  type net,
  type pernet_operations,
} from '../../../include/net/net_namespace.ts';
import {
  dev_change_net_namespace,
  unregister_netdevice_many,
  unregister_netdevice_queue,
} from '../../../net/core/dev.ts';
import { netdev_init } from '../../../net/core/dev_pernet.ts';
import { rtnl_lock, rtnl_unlock } from '../../../net/core/rtnetlink.ts';
import { register_pernet_device, register_pernet_subsys } from './net_namespace_pernet.ts';

/** netdev_exit(): free the name and index hashes (no check that the list is empty yet). */
function netdev_exit(_k: kernel, net: net): void {
  net.dev_name_head = null;
}

/** netdev_net_ops: { .init = netdev_init, .exit = netdev_exit }. */
export function netdev_net_ops_init(): pernet_operations {
  return PERNET_OPS({
    init: netdev_init,
    exit: netdev_exit,
    id: null,
    size: 0,
    name: 'netdev_net_ops',
  });
}

/** default_device_exit(): push every device without rtnl_link_ops back to init_net ("dev%d"). */
function default_device_exit(k: kernel, net: net): void {
  /*
   * Push all migratable network devices back to the
   * initial network namespace
   */
  rtnl_lock(k);
  for (const dev of for_each_netdev_safe(net)) {
    /* Ignore unmoveable devices (i.e. loopback) */
    if (dev.netns_immutable) continue;

    /* Leave virtual devices for the generic cleanup */
    if (dev.rtnl_link_ops) continue;

    /* Push remaing network devices to init_net */
    const err = dev_change_net_namespace(k, dev, k.init_net, 'dev%d');
    if (err) BUG(`default_device_exit: failed to move ${dev.name} to init_net: ${err}`);
  }
  rtnl_unlock(k);
}

/** default_device_exit_batch(): every remaining device of the batch, in one kill list. */
function default_device_exit_batch(k: kernel, net_list: list_head<net>): void {
  /* At exit all network devices most be removed from a network
   * namespace.  Do this in the reverse order of registeration.
   * Do this across as many network namespaces as possible to
   * improve batching efficiency.
   */
  const dev_kill_list = LIST_HEAD<net_device>();

  rtnl_lock(k);
  for (const net of list_for_each_entry(net_list)) {
    for (const dev of for_each_netdev_reverse(net)) {
      if (dev.rtnl_link_ops?.dellink) dev.rtnl_link_ops.dellink(k, dev, dev_kill_list);
      else unregister_netdevice_queue(k, dev, dev_kill_list);
    }
  }
  unregister_netdevice_many(k, dev_kill_list);
  rtnl_unlock(k);
}

/** default_device_ops: { .exit = default_device_exit, .exit_batch = default_device_exit_batch }. */
export function default_device_ops_init(): pernet_operations {
  return PERNET_OPS({
    exit: default_device_exit,
    exit_batch: default_device_exit_batch,
    id: null,
    size: 0,
    name: 'default_device_ops',
  });
}

/** net_dev_init(): netdev_net_ops, then loopback_net_ops and default_device_ops as devices. */
export function net_dev_init(k: kernel): void {
  if (register_pernet_subsys(k, k.netdev_net_ops)) BUG('net_dev_init: netdev_net_ops');
  k.dev_boot_phase = false;
  if (register_pernet_device(k, k.loopback_net_ops)) BUG('net_dev_init: loopback_net_ops');
  if (register_pernet_device(k, k.default_device_ops)) BUG('net_dev_init: default_device_ops');
}
