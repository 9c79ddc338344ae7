/**
 * drivers/net/veth.c (Linux v6.18): veth_newlink() registers the peer first, then the device,
 * and ties them together; veth_dellink() queues the device and then its peer, clearing both
 * peer pointers.
 * @remarks No queues, XDP, GRO or carrier handling.
 */
import type { kernel } from '../../kernel.ts';
import type { list_head } from '../../include/list.ts';
import { dev_net, netdev_priv, type net_device } from '../../include/linux/netdevice.ts';
import { kasan_check } from '../../mm/kasan.ts';
import {
  free_netdev,
  register_netdevice,
  unregister_netdevice,
  unregister_netdevice_queue,
} from '../../net/core/dev.ts';
import {
  rtnl_create_link,
  type rtnl_link_ops_newlink,
  type rtnl_newlink_params,
} from '../../net/core/rtnetlink.ts';

/** struct veth_priv. */
export interface veth_priv {
  peer: net_device | null;
}

/** veth_setup(). */
export function veth_setup(dev: net_device): void {
  dev.priv = { peer: null } satisfies veth_priv;
  dev.needs_free_netdev = true;
}

/** veth_newlink(): create and register the peer first, then `dev`, then tie them together. */
export function veth_newlink(k: kernel, dev: net_device, params: rtnl_newlink_params): number {
  const net = params.peer_net ?? dev_net(dev);
  const ifname = params.peer_ifname ?? 'veth%d';

  /*
   * create and register peer first
   */
  // &veth_link_ops: the module's own, i.e. the one `dev` was created with (v2.6.33 reuses this
  // function with its own ops table, so the peer must get that table, not v6.18's).
  const peer = rtnl_create_link(k, net, ifname, dev.rtnl_link_ops ?? veth_link_ops);

  let err = register_netdevice(k, peer);
  if (err < 0) {
    // err_register_peer:
    free_netdev(k, peer);
    return err;
  }

  /*
   * register dev last
   *
   * note, that since we've registered new device the dev's name
   * should be re-allocated
   */
  err = register_netdevice(k, dev);
  if (err < 0) {
    // err_register_dev: nothing to do; err_configure_peer:
    unregister_netdevice(k, peer);
    return err;
  }

  /*
   * tie the deviced together
   */
  netdev_priv<veth_priv>(dev).peer = peer;
  netdev_priv<veth_priv>(peer).peer = dev;
  return 0;
}

/** veth_dellink(): queue `dev`, then its peer if the peer pointer is still set. */
function veth_dellink(k: kernel, dev: net_device, head: list_head<net_device> | null): void {
  let priv = netdev_priv<veth_priv>(dev);
  const peer = priv.peer;

  /* Note : dellink() is called from default_device_exit_batch(),
   * before a rcu_synchronize() point. The devices are guaranteed
   * not being freed before one RCU grace period.
   */
  priv.peer = null;
  unregister_netdevice_queue(k, dev, head);

  if (peer) {
    kasan_check(k, peer, 'veth_dellink');
    priv = netdev_priv<veth_priv>(peer);
    priv.peer = null;
    unregister_netdevice_queue(k, peer, head);
  }
}

/** veth_link_ops. */
export const veth_link_ops: rtnl_link_ops_newlink = Object.freeze({
  kind: 'veth',
  setup: veth_setup,
  newlink: veth_newlink,
  dellink: veth_dellink,
  netns_refund: false,
});
