/**
 * net/bridge/br_device.c and br_netlink.c (Linux v6.18): a bridge is a virtual device with
 * rtnl_link_ops (dellink = br_dev_delete) that cannot change namespace (netns_immutable).
 * @remarks Bridges have no ports here, so br_dev_delete() only queues the bridge itself.
 */
import type { kernel } from '../../kernel.ts';
import type { list_head } from '../../include/list.ts';
import type { net_device, rtnl_link_ops } from '../../include/linux/netdevice.ts';
import { unregister_netdevice_queue } from '../core/dev.ts';

/** br_dev_setup(): "dev->netns_immutable = true" (was NETIF_F_NETNS_LOCAL). */
function br_dev_setup(dev: net_device): void {
  dev.netns_immutable = true;
  dev.needs_free_netdev = true;
}

/** br_dev_delete(): delete the ports (none here), then queue the bridge. */
function br_dev_delete(k: kernel, dev: net_device, head: list_head<net_device> | null): void {
  unregister_netdevice_queue(k, dev, head);
}

/** br_link_ops. */
export const br_link_ops: rtnl_link_ops = Object.freeze({
  kind: 'bridge',
  setup: br_dev_setup,
  dellink: br_dev_delete,
  netns_refund: false,
});
