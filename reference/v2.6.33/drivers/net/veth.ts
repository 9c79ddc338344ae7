/**
 * drivers/net/veth.c of v2.6.33: veth_dellink() gained the kill-list argument but does not yet
 * clear the peer pointers (that came with the RCU peer in v3.x), so in one batch each end
 * queues itself and the other: list_move_tail() sorts it out.
 */
import type { kernel } from '../../../kernel.ts';
import { BUG_ON } from '../../../include/bug.ts';
import type { list_head } from '../../../include/list.ts';
import { netdev_priv, type net_device } from '../../../include/linux/netdevice.ts';
import { veth_newlink, veth_setup, type veth_priv } from '../../../drivers/net/veth.ts';
import { unregister_netdevice_queue } from '../../../net/core/dev.ts';
import type { rtnl_link_ops_newlink } from '../../../net/core/rtnetlink.ts';

/** veth_dellink(): queue the device, then its peer. */
function veth_dellink(k: kernel, dev: net_device, head: list_head<net_device> | null): void {
  const priv = netdev_priv<veth_priv>(dev);
  const peer = priv.peer;
  BUG_ON(!peer, 'veth_dellink: no peer');

  unregister_netdevice_queue(k, dev, head);
  unregister_netdevice_queue(k, peer!, head);
}

/** veth_link_ops of v2.6.33 (and, called with no list, of v2.6.32: two unregister_netdevice()). */
export const veth_link_ops: rtnl_link_ops_newlink = Object.freeze({
  kind: 'veth',
  setup: veth_setup,
  newlink: veth_newlink,
  dellink: veth_dellink,
  netns_refund: false,
});
