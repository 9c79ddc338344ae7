/**
 * drivers/net/dummy.c (Linux v6.18): dummy_link_ops. It sets no dellink of its own;
 * rtnl_link_register() fills in unregister_netdevice_queue ("if (!ops->dellink) ops->dellink =
 * unregister_netdevice_queue;"), which is written out here.
 */
import type { net_device, rtnl_link_ops } from '../../include/linux/netdevice.ts';
import { unregister_netdevice_queue } from '../../net/core/dev.ts';

/** dummy_setup(). */
function dummy_setup(dev: net_device): void {
  dev.needs_free_netdev = true;
}

/** dummy_link_ops, as left by rtnl_link_register(). */
export const dummy_link_ops: rtnl_link_ops = Object.freeze({
  kind: 'dummy',
  setup: dummy_setup,
  dellink: unregister_netdevice_queue,
  netns_refund: false,
});
