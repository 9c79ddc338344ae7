/**
 * A physical NIC driver, reduced to its probe: alloc_etherdev() and register_netdev(). The
 * device has no rtnl_link_ops, so RTM_DELLINK cannot delete it and a dying netns hands it back
 * to init_net (default_device_exit_net).
 * @remarks Stands in for any hardware driver (drivers/net/ethernet/...). A real NIC is probed
 * in init_net and moved later; here it is allocated straight into the requested net.
 */
import type { kernel } from '../../kernel.ts';
import { dev_net_set, type net_device } from '../../include/linux/netdevice.ts';
import type { net } from '../../include/net/net_namespace.ts';
import { alloc_netdev, free_netdev, register_netdev } from '../../net/core/dev.ts';

/** ether_setup(). */
function ether_setup(dev: net_device): void {
  dev.needs_free_netdev = true;
}

/** A driver probe: allocate an Ethernet device named `name` in `net` and register it. */
export function ethernet_probe(k: kernel, net: net, name: string): net_device | number {
  const dev = alloc_netdev(k, name, ether_setup);
  dev_net_set(dev, net);

  const err = register_netdev(k, dev);
  if (err < 0) {
    free_netdev(k, dev);
    return err;
  }
  return dev;
}
