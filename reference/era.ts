/**
 * Which kernel is booted: the v1 contract's profiles `6.18` (default), `2.6.33` (Eric W.
 * Biederman's 2009 batching series) and `2.6.32` (the kernel before it). Each era is its own
 * tree of kernel-shaped files — reference/ for 6.18, reference/v2.6.33/ and reference/v2.6.32/
 * for the functions that differ — and this table lists the entry points the adapter and the
 * boot call, like the symbols of one build. Shared pieces (list.h, the device core of dev.c,
 * veth_newlink, loopback_net_init) are reused where those functions did not change in
 * substance for what the contract observes.
 */
import type { kernel } from './kernel.ts';
import type { net, pernet_operations } from './include/net/net_namespace.ts';
import type { net_device } from './include/linux/netdevice.ts';
import type { work_struct } from './kernel/workqueue.ts';
import type { pernet_hook } from './lib/test_netns_ops.ts';
import type { rtnl_link_ops_newlink } from './net/core/rtnetlink.ts';

/** A kernel profile. */
export type kernel_version = '6.18' | '2.6.33' | '2.6.32';

/** The era-specific entry points and features of one kernel. */
export interface kernel_era {
  readonly version: kernel_version;
  /** The hooks struct pernet_operations has in this kernel. */
  readonly hooks: readonly pernet_hook[];
  /** Core-allocated per-net data (`id`/`size`, from 2.6.33). */
  readonly generic: boolean;
  /** Netns ids (v3.19+). */
  readonly nsid: boolean;
  /** The first generic id (ida_alloc_min's `min`). */
  readonly first_generic_id: number;
  /** net_generic(net, id) reads ptr[id + offset] (2.6.33: ptr[id - 1]). */
  readonly generic_slot_offset: number;
  netdev_net_ops_init(): pernet_operations;
  loopback_net_ops_init(): pernet_operations;
  default_device_ops_init(): pernet_operations;
  tcp_sk_ops_init(): pernet_operations;
  /** The netns_wq work function. */
  cleanup_net(k: kernel, work: work_struct): void;
  /** The last active reference is gone: queue the net for cleanup. */
  __put_net(k: kernel, net: net): void;
  net_ns_init(k: kernel): void;
  net_dev_init(k: kernel): void;
  copy_net_ns(k: kernel, flags: number, old_net: net): net | number;
  register_pernet_subsys(k: kernel, ops: pernet_operations): number;
  register_pernet_device(k: kernel, ops: pernet_operations): number;
  unregister_pernet_subsys(k: kernel, ops: pernet_operations): void;
  unregister_pernet_device(k: kernel, ops: pernet_operations): void;
  rtnl_dellink(k: kernel, dev: net_device): number;
  veth_link_ops(): rtnl_link_ops_newlink;
  tcp_v4_init(k: kernel): void;
  /** The nets queued for cleanup and not yet taken, newest first. */
  cleanup_queue(k: kernel): net[];
}
