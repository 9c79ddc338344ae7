/**
 * include/net/net_namespace.h — struct net, struct pernet_operations and the reference helpers
 * (get_net, maybe_get_net, put_net, check_net, for_each_net).
 * @remarks Only the fields the lifecycle uses. `ns.count` is `ns_common.__ns_ref` (6.18
 * ns_ref_*), a refcount_t in 5.x–6.17; `ns.inum` stands for the proc inode number.
 */
import type { kernel } from '../../kernel.ts';
import type { idr } from '../idr.ts';
import { list_for_each_entry, list_head } from '../list.ts';
import type { llist_node } from '../llist.ts';
import {
  refcount_dec_and_test,
  refcount_inc,
  refcount_inc_not_zero,
  refcount_read,
  type refcount_t,
} from '../refcount.ts';
import type { net_device, netdev_name_node } from '../linux/netdevice.ts';
import type { net_generic } from './netns/generic.ts';
import type { work_struct } from '../../kernel/workqueue.ts';
import type { inet_timewait_death_row } from './inet_timewait_sock.ts';

/** struct ns_common (the part the lifecycle uses). */
export interface ns_common {
  /** The active reference count ("count"): tasks, nsfs files, user sockets. */
  count: refcount_t;
  readonly inum: number;
}

/** struct net. */
export interface net {
  ns: ns_common;
  /** Keeps the memory (and net->gen) alive, not the namespace. */
  passive: refcount_t;
  /** Membership of net_namespace_list. */
  readonly list: list_head<net>;
  /** Membership of a batch list (setup undo, registration, cleanup). */
  readonly exit_list: list_head<net>;
  /** Membership of cleanup_list (LIFO llist). */
  readonly cleanup_list: llist_node<net>;
  /** Membership of defer_free_list. */
  readonly defer_free_list: llist_node<net>;
  /** RCU pointer to the per-net generic array. */
  gen: net_generic;
  /** The nsids this net assigned to its peers. */
  netns_ids: idr<net>;
  /** Devices of this net, in order of entry (registration or move-in). */
  readonly dev_base_head: list_head<net_device>;
  /** The device-name hash (dev_name_head), created by netdev_init(). */
  dev_name_head: Map<string, netdev_name_node> | null;
  loopback_dev: net_device | null;
  /** 2.6.33–4.x: `struct list_head cleanup_list`, membership of the spinlocked cleanup_list. */
  readonly v2633_cleanup_list: list_head<net>;
  /** 2.6.32: `struct work_struct work`, the net's own cleanup work item. */
  v2632_work: work_struct | null;
  /** struct netns_ipv4, the part TIME_WAIT uses (net->ipv4.tcp_death_row). */
  ipv4: { tcp_death_row: inet_timewait_death_row | null };
}

/** struct pernet_operations. */
export interface pernet_operations {
  readonly list: list_head<pernet_operations>;
  readonly init?: (k: kernel, net: net) => number;
  readonly pre_exit?: (k: kernel, net: net) => void;
  readonly exit?: (k: kernel, net: net) => void;
  readonly exit_batch?: (k: kernel, net_exit_list: list_head<net>) => void;
  /** Called with RTNL held (v6.16+). */
  readonly exit_rtnl?: (k: kernel, net: net, dev_kill_list: list_head<net_device>) => void;
  /** `unsigned int *id`: where register_pernet_operations() stores the generic slot. */
  readonly id: { value: number } | null;
  readonly size: number;
  /** Debugging name for reports (a kallsyms stand-in; not in the C struct). */
  readonly name?: string;
}

/** CLONE_NEWNET. */
export const CLONE_NEWNET = 0x40000000;

/** net_eq(). */
export function net_eq(a: net, b: net): boolean {
  return a === b;
}

/** get_net(): take an active reference. */
export function get_net(net: net): net {
  refcount_inc(net.ns.count);
  return net;
}

/** maybe_get_net(): take an active reference unless the count already dropped to 0. */
export function maybe_get_net(net: net): net | null {
  return refcount_inc_not_zero(net.ns.count) ? net : null;
}

/** check_net(): whether the net is still alive (count != 0). */
export function check_net(net: net): boolean {
  return refcount_read(net.ns.count) !== 0;
}

/** put_net(): drop an active reference; the last one queues the net for cleanup. */
export function put_net(k: kernel, net: net): void {
  if (refcount_dec_and_test(net.ns.count)) k.era.__put_net(k, net);
}

/** for_each_net(): the nets on net_namespace_list, in list (creation) order. */
export function for_each_net(k: kernel): Generator<net> {
  return list_for_each_entry(k.net_namespace_list);
}

/** A `static struct pernet_operations foo = { ... }` initialiser: the list node is embedded. */
export function PERNET_OPS(fields: Omit<pernet_operations, 'list'>): pernet_operations {
  const ops = { ...fields } as pernet_operations;
  return Object.assign(ops, { list: new list_head(ops) });
}
