/**
 * include/linux/netdevice.h and include/net/rtnetlink.h — struct net_device, struct
 * rtnl_link_ops and the device-list iterators.
 * @remarks Only the lifecycle fields: no ifindex, altnames, queues, features or flags but
 * IFF_LOOPBACK (reference/README.md, departures).
 */
import type { kernel } from '../../kernel.ts';
import {
  list_for_each_entry,
  list_for_each_entry_reverse,
  list_for_each_entry_safe,
  type list_head,
} from '../list.ts';
import type { net } from '../net/net_namespace.ts';

/** IFNAMSIZ: names are at most IFNAMSIZ - 1 bytes. */
export const IFNAMSIZ = 16;

/** enum netdev_cmd: the notifications the lifecycle sends. */
export const NETDEV_REGISTER = 0x0005;
export const NETDEV_UNREGISTER = 0x0006;

/** IFF_LOOPBACK. */
export const IFF_LOOPBACK = 0x8;

/** enum netdev_reg_state (dev->reg_state). */
export type netdev_reg_state =
  | 'NETREG_UNINITIALIZED'
  | 'NETREG_REGISTERED'
  | 'NETREG_UNREGISTERING'
  | 'NETREG_UNREGISTERED'
  | 'NETREG_RELEASED';

/** struct netdev_name_node: the entry of the per-net name hash; `name` aliases dev->name. */
export interface netdev_name_node {
  readonly dev: net_device;
  readonly name: string;
}

/** struct rtnl_link_ops (the members the lifecycle uses). */
export interface rtnl_link_ops {
  readonly kind: string;
  readonly setup: (dev: net_device) => void;
  readonly dellink?: (k: kernel, dev: net_device, head: list_head<net_device> | null) => void;
  /** Physical devices with link ops that still go back to init_net (CAN). */
  readonly netns_refund: boolean;
}

/** struct net_device. */
export interface net_device {
  name: string;
  readonly dev_list: list_head<net_device>;
  readonly unreg_list: list_head<net_device>;
  readonly todo_list: list_head<net_device>;
  /** possible_net_t nd_net: a plain pointer, holds no reference. */
  nd_net: net;
  reg_state: netdev_reg_state;
  rtnl_link_ops: rtnl_link_ops | null;
  /** dev->netns_immutable (formerly NETIF_F_NETNS_LOCAL / netns_local). */
  netns_immutable: boolean;
  flags: number;
  dismantle: boolean;
  needs_free_netdev: boolean;
  name_node: netdev_name_node | null;
  /** The driver-private area behind netdev_priv(). */
  priv: object | null;
}

/** dev_net(). */
export function dev_net(dev: net_device): net {
  return dev.nd_net;
}

/** dev_net_set(). */
export function dev_net_set(dev: net_device, net: net): void {
  dev.nd_net = net;
}

/** netdev_priv(). */
export function netdev_priv<T extends object>(dev: net_device): T {
  return dev.priv as T;
}

/** for_each_netdev(): the devices of `net` in list order. */
export function for_each_netdev(net: net): Generator<net_device> {
  return list_for_each_entry(net.dev_base_head);
}

/** for_each_netdev_reverse(). */
export function for_each_netdev_reverse(net: net): Generator<net_device> {
  return list_for_each_entry_reverse(net.dev_base_head);
}

/** for_each_netdev_safe(): the current device may leave the list in the body. */
export function for_each_netdev_safe(net: net): Generator<net_device> {
  return list_for_each_entry_safe(net.dev_base_head);
}
