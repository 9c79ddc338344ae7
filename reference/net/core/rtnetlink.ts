/**
 * net/core/rtnetlink.c (Linux v6.18) — the RTNL mutex and the three link requests the
 * contract issues: RTM_NEWLINK (rtnl_newlink), RTM_SETLINK with a target netns (the
 * IFLA_NET_NS_* part of do_setlink) and RTM_DELLINK (rtnl_dellink).
 * @remarks No netlink parsing: the handlers take the already-resolved objects.
 */
import type { kernel } from '../../kernel.ts';
import { BUG_ON } from '../../include/bug.ts';
import { EOPNOTSUPP } from '../../include/errno.ts';
import { LIST_HEAD } from '../../include/list.ts';
import { dev_net_set, type net_device, type rtnl_link_ops } from '../../include/linux/netdevice.ts';
import type { net } from '../../include/net/net_namespace.ts';
import {
  __dev_change_net_namespace,
  alloc_netdev,
  free_netdev,
  netdev_run_todo,
  register_netdevice,
  unregister_netdevice_many,
} from './dev.ts';

/** rtnl_lock(): the RTNL mutex; every acquisition is one contract `rtnl` section. */
export function rtnl_lock(k: kernel): void {
  BUG_ON(k.rtnl_mutex.locked, 'rtnl_lock: RTNL already held (recursive locking deadlock)');
  k.rtnl_mutex.locked = true;
  k.counters.rtnl += 1;
}

/** __rtnl_unlock(): release RTNL without running the netdev todo list. */
export function __rtnl_unlock(k: kernel): void {
  BUG_ON(!k.rtnl_mutex.locked, '__rtnl_unlock: RTNL not held');
  k.rtnl_mutex.locked = false;
}

/** rtnl_unlock(): release RTNL and finish pending unregistrations (netdev_run_todo). */
export function rtnl_unlock(k: kernel): void {
  netdev_run_todo(k);
}

/** ASSERT_RTNL(). */
export function ASSERT_RTNL(k: kernel): void {
  BUG_ON(!k.rtnl_mutex.locked, 'RTNL: assertion failed');
}

/**
 * rtnl_net_lock(): with CONFIG_DEBUG_NET_SMALL_RTNL=n this is rtnl_lock(), one RTNL section
 * (its caller here is register_netdev(), from loopback_net_init()).
 */
export function rtnl_net_lock(k: kernel, _net: net): void {
  rtnl_lock(k);
}

/** rtnl_net_unlock(). */
export function rtnl_net_unlock(k: kernel, _net: net): void {
  rtnl_unlock(k);
}

/** __rtnl_net_lock(): the per-netns RTNL nested in rtnl_lock() (a no-op here). */
export function __rtnl_net_lock(_net: net): void {}

/** __rtnl_net_unlock(). */
export function __rtnl_net_unlock(_net: net): void {}

/** rtnl_create_link(): allocate a device of `ops` named `ifname` in `net`. */
export function rtnl_create_link(
  k: kernel,
  net: net,
  ifname: string,
  ops: rtnl_link_ops,
): net_device {
  const dev = alloc_netdev(k, ifname, ops.setup);
  dev_net_set(dev, net);
  dev.rtnl_link_ops = ops;
  return dev;
}

/** struct rtnl_newlink_params (the members veth uses). */
export interface rtnl_newlink_params {
  peer_net: net | null;
  peer_ifname: string | null;
}

/** The link ops that have a newlink() of their own (veth). */
export interface rtnl_link_ops_newlink extends rtnl_link_ops {
  readonly newlink: (k: kernel, dev: net_device, params: rtnl_newlink_params) => number;
}

/** rtnl_newlink() → rtnl_newlink_create(): create a device under RTNL; returns it or -errno. */
export function rtnl_newlink(
  k: kernel,
  net: net,
  ops: rtnl_link_ops | rtnl_link_ops_newlink,
  ifname: string,
  params: rtnl_newlink_params,
): net_device | number {
  rtnl_lock(k);
  const dev = rtnl_create_link(k, net, ifname, ops);
  const err = 'newlink' in ops ? ops.newlink(k, dev, params) : register_netdevice(k, dev);
  if (err < 0) free_netdev(k, dev);
  rtnl_unlock(k);
  return err < 0 ? err : dev;
}

/** rtnl_delete_link(): the link's dellink() onto a fresh kill list, then one unregister_many. */
export function rtnl_delete_link(k: kernel, dev: net_device): number {
  const list_kill = LIST_HEAD<net_device>();

  const ops = dev.rtnl_link_ops;
  if (!ops || !ops.dellink) return -EOPNOTSUPP;

  ops.dellink(k, dev, list_kill);
  unregister_netdevice_many(k, list_kill);

  return 0;
}

/** rtnl_dellink(): RTM_DELLINK. */
export function rtnl_dellink(k: kernel, dev: net_device): number {
  rtnl_lock(k);
  const err = rtnl_delete_link(k, dev);
  rtnl_unlock(k);
  return err;
}

/** do_setlink() with IFLA_NET_NS_PID/FD: move `dev` to `net`, `pat` naming it on a clash. */
export function rtnl_setlink_netns(
  k: kernel,
  dev: net_device,
  net: net,
  pat: string | null,
): number {
  rtnl_lock(k);
  const err = __dev_change_net_namespace(k, dev, net, pat);
  rtnl_unlock(k);
  return err;
}
