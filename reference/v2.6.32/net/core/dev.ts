/**
 * net/core/dev.c of v2.6.32, the pernet side: default_device_ops has only an `exit`, run per
 * net, that restarts its walk after every change — a virtual device is deleted at once
 * (`dellink(dev)`: unregister_netdevice(), each its own unregistration), anything else movable
 * migrates to init_net — so devices leave in forward order. lo stays for loopback_net_exit().
 * @remarks Bridges: 2.6.32 skips them here (NETIF_F_NETNS_LOCAL) and the bridge module's own
 * subsys exit (br_net_exit) deletes them later; without a bridge module the contract deletes
 * them in this walk, and so does the reference (reference/README.md, departures).
 */
import type { kernel } from '../../../kernel.ts';
import { BUG } from '../../../include/bug.ts';
import {
  IFF_LOOPBACK,
  for_each_netdev,
  type net_device,
} from '../../../include/linux/netdevice.ts';
import {
  PERNET_OPS,
  type net,
  type pernet_operations,
} from '../../../include/net/net_namespace.ts';
import { dev_change_net_namespace } from '../../../net/core/dev.ts';
import { netdev_init } from '../../../net/core/dev_pernet.ts';
import { rtnl_lock, rtnl_unlock } from '../../../net/core/rtnetlink.ts';
import { register_pernet_device, register_pernet_subsys } from './net_namespace.ts';

/** netdev_exit(): free the hashes. */
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

/** Ignore unmoveable devices: loopback (and, in 2.6.32, bridges — see the file's remarks). */
function netns_local_skipped(dev: net_device): boolean {
  return !!(dev.flags & IFF_LOOPBACK);
}

/** The first device of `net` the restart walk acts on: for_each_netdev_safe() minus the skips. */
function restart_first(net: net): net_device | undefined {
  for (const dev of for_each_netdev(net)) if (!netns_local_skipped(dev)) return dev;
  return undefined;
}

/**
 * default_device_exit(): delete or migrate the first device, restart, until only lo is left.
 * @remarks The C's `goto restart` is the loop's next pass: every branch that acts on a device
 * restarts the walk, so each pass acts on the first device that is not skipped (a labelled
 * `continue restart` would do the same, but StrykerJS's instrumentation cannot compile it).
 */
function default_device_exit(k: kernel, net: net): void {
  rtnl_lock(k);
  for (let dev = restart_first(net); dev; dev = restart_first(net)) {
    /* Delete virtual devices */
    if (dev.rtnl_link_ops?.dellink) {
      dev.rtnl_link_ops.dellink(k, dev, null);
      continue; /* goto restart */
    }

    /* Push remaing network devices to init_net */
    const err = dev_change_net_namespace(k, dev, k.init_net, 'dev%d');
    if (err) BUG(`default_device_exit: failed to move ${dev.name} to init_net: ${err}`);
    /* goto restart */
  }
  rtnl_unlock(k);
}

/** default_device_ops: { .exit = default_device_exit }. */
export function default_device_ops_init(): pernet_operations {
  return PERNET_OPS({ exit: default_device_exit, id: null, size: 0, name: 'default_device_ops' });
}

/** net_dev_init(). */
export function net_dev_init(k: kernel): void {
  if (register_pernet_subsys(k, k.netdev_net_ops)) BUG('net_dev_init: netdev_net_ops');
  k.dev_boot_phase = false;
  if (register_pernet_device(k, k.loopback_net_ops)) BUG('net_dev_init: loopback_net_ops');
  if (register_pernet_device(k, k.default_device_ops)) BUG('net_dev_init: default_device_ops');
}
