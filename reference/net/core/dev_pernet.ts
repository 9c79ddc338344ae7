/**
 * net/core/dev.c (Linux v6.18), the pernet side: netdev_net_ops (the name hash and the empty
 * device list check), default_device_ops (migrate physical devices home, then delete the rest in
 * one batch) and net_dev_init(), which registers them with loopback_net_ops in between.
 */
import type { kernel } from '../../kernel.ts';
import { BUG, KernelBug, WARN_ON } from '../../include/bug.ts';
import {
  INIT_LIST_HEAD,
  LIST_HEAD,
  list_empty,
  list_for_each_entry,
  type list_head,
} from '../../include/list.ts';
import {
  for_each_netdev,
  for_each_netdev_reverse,
  for_each_netdev_safe,
  type net_device,
} from '../../include/linux/netdevice.ts';
import { PERNET_OPS, type net, type pernet_operations } from '../../include/net/net_namespace.ts';
import {
  dev_change_net_namespace,
  unregister_netdevice_many,
  unregister_netdevice_queue,
} from './dev.ts';
import { register_pernet_device, register_pernet_subsys } from './net_namespace_pernet.ts';
import { ASSERT_RTNL, rtnl_lock, rtnl_unlock } from './rtnetlink.ts';

/** netdev_init(): initialise the per-net device list and name hash. */
export function netdev_init(_k: kernel, net: net): number {
  INIT_LIST_HEAD(net.dev_base_head);
  net.dev_name_head = new Map();
  return 0;
}

/** netdev_exit(): free the hash; a dying net must have no devices left by now. */
function netdev_exit(k: kernel, net: net): void {
  net.dev_name_head = null;
  if (net !== k.init_net) {
    const left = [...for_each_netdev(net)].map((d) => d.name);
    WARN_ON(
      k,
      !list_empty(net.dev_base_head),
      `netdev_exit: net ${k.kasan.symbolize(net)} still has devices [${left.join(', ')}]`,
    );
  }
}

/** netdev_net_ops: { .init = netdev_init, .exit = netdev_exit } (one instance per kernel). */
export function netdev_net_ops_init(): pernet_operations {
  return PERNET_OPS({
    init: netdev_init,
    exit: netdev_exit,
    id: null,
    size: 0,
    name: 'netdev_net_ops',
  });
}

/**
 * default_device_exit_net(): push every movable device that is not virtual back to init_net,
 * in list order, renaming it "dev%d" on a name clash.
 * @remarks C first tries "dev<ifindex>"; without ifindex the reference goes straight to
 * "dev%d" (divergence D6, a contract simplification).
 */
function default_device_exit_net(k: kernel, net: net): void {
  /*
   * Push all migratable network devices back to the
   * initial network namespace
   */
  ASSERT_RTNL(k);
  for (const dev of for_each_netdev_safe(net)) {
    /* Ignore unmoveable devices (i.e. loopback) */
    if (dev.netns_immutable) continue;

    /* Leave virtual devices for the generic cleanup */
    if (dev.rtnl_link_ops && !dev.rtnl_link_ops.netns_refund) continue;

    /* Push remaining network devices to init_net */
    const fb_name = 'dev%d';

    const err = dev_change_net_namespace(k, dev, k.init_net, fb_name);
    if (err) BUG(`default_device_exit_net: failed to move ${dev.name} to init_net: ${err}`);
  }
}

/**
 * default_device_exit_batch(): under one RTNL, migrate the physical devices of every dying net,
 * then queue every remaining device (nets in batch order, devices in reverse list order) and
 * unregister them with one unregister_netdevice_many().
 */
function default_device_exit_batch(k: kernel, net_list: list_head<net>): void {
  /* At exit all network devices most be removed from a network
   * namespace.  Do this in the reverse order of registration.
   * Do this across as many network namespaces as possible to
   * improve batching efficiency.
   */
  const dev_kill_list = LIST_HEAD<net_device>();

  rtnl_lock(k);
  for (const net of list_for_each_entry(net_list)) default_device_exit_net(k, net);

  for (const net of list_for_each_entry(net_list)) {
    for (const dev of k.bugs.has('B22forward')
      ? for_each_netdev(net)
      : for_each_netdev_reverse(net)) {
      if (dev.rtnl_link_ops && dev.rtnl_link_ops.dellink)
        dev.rtnl_link_ops.dellink(k, dev, dev_kill_list);
      else unregister_netdevice_queue(k, dev, dev_kill_list);
    }
    if (k.bugs.has('B22pernet')) {
      unregister_netdevice_many(k, dev_kill_list);
      INIT_LIST_HEAD(dev_kill_list);
    }
  }
  if (!k.bugs.has('B22pernet')) unregister_netdevice_many(k, dev_kill_list);
  rtnl_unlock(k);
}

/** default_device_ops: { .exit_batch = default_device_exit_batch } (one instance per kernel). */
export function default_device_ops_init(): pernet_operations {
  return PERNET_OPS({
    exit_batch: default_device_exit_batch,
    id: null,
    size: 0,
    name: 'default_device_ops',
  });
}

/**
 * net_dev_init(): register netdev_net_ops (subsys), then — "keeping the loopback device as the
 * first device on the list of network devices" — loopback_net_ops, then default_device_ops.
 */
export function net_dev_init(k: kernel): void {
  if (register_pernet_subsys(k, k.netdev_net_ops))
    throw new KernelBug('net_dev_init: netdev_net_ops');

  k.dev_boot_phase = false;

  /* The loopback device is special if any other network devices
   * is present in a network namespace the loopback device must
   * be present. Since we now dynamically allocate and free the
   * loopback device ensure this invariant is maintained by
   * keeping the loopback device as the first device on the
   * list of network devices.  Ensuring the loopback devices
   * is the first device that appears and the last network device
   * that disappears.
   */
  const [first, second] = k.bugs.has('B9')
    ? [k.default_device_ops, k.loopback_net_ops]
    : [k.loopback_net_ops, k.default_device_ops];
  if (register_pernet_device(k, first)) throw new KernelBug('net_dev_init: device op');
  if (register_pernet_device(k, second)) throw new KernelBug('net_dev_init: device op');
}
