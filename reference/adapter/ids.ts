/**
 * The adapter's id table: the kernel has no ids, the contract does. Each contract id is bound to
 * the kernel object it names (net, pernet_operations, net_device), and ids are consumed for good
 * (the contract never reuses one). Loopback devices, which the kernel creates on its own, are
 * named `lo@<net>` when they first show up.
 */
import type { kernel } from '../kernel.ts';
import { IFF_LOOPBACK, dev_net, type net_device } from '../include/linux/netdevice.ts';
import type { net, pernet_operations } from '../include/net/net_namespace.ts';
import type { test_netns_module } from '../lib/test_netns_ops.ts';

/** A registered op as the adapter knows it. */
export interface OpEntry {
  ops: pernet_operations;
  kind: 'subsys' | 'device';
  core: boolean;
  /** The test module that registered it (user ops); core ops have none. */
  module?: test_netns_module;
}

/** Bidirectional maps between contract ids and kernel objects. */
export class IdTable {
  readonly consumedNets = new Set<string>();
  readonly consumedOps = new Set<string>();
  readonly consumedDevs = new Set<string>();
  /** Nets by id (kept after they die; whether one is listed is asked of the kernel). */
  readonly nets = new Map<string, net>();
  /** Ops currently registered. */
  readonly ops = new Map<string, OpEntry>();
  /** Devices currently registered. */
  readonly devs = new Map<string, net_device>();
  /** The id a copy_net_ns in progress gives to the net it creates. */
  pendingNet: string | null = null;

  private readonly netIds = new WeakMap<net, string>();
  private readonly opIds = new WeakMap<pernet_operations, string>();
  private readonly devIds = new WeakMap<net_device, string>();

  bindNet(id: string, n: net): void {
    this.consumedNets.add(id);
    this.nets.set(id, n);
    this.netIds.set(n, id);
  }

  bindOp(id: string, entry: OpEntry): void {
    this.consumedOps.add(id);
    this.ops.set(id, entry);
    this.opIds.set(entry.ops, id);
  }

  bindDev(id: string, dev: net_device): void {
    this.consumedDevs.add(id);
    this.devs.set(id, dev);
    this.devIds.set(dev, id);
  }

  /** The id of `n`; an unknown net during copy_net_ns is the one being created. */
  netId(n: net): string {
    const id = this.netIds.get(n);
    if (id !== undefined) return id;
    if (this.pendingNet === null) return '?net';
    this.bindNet(this.pendingNet, n);
    return this.pendingNet;
  }

  opId(o: pernet_operations): string {
    return this.opIds.get(o) ?? o.name ?? '?op';
  }

  /** The id of `dev`; an unknown loopback device is `lo@<its net>`. */
  devId(dev: net_device): string {
    const id = this.devIds.get(dev);
    if (id !== undefined) return id;
    if (!(dev.flags & IFF_LOOPBACK)) return '?dev';
    const lo = `lo@${this.netId(dev_net(dev))}`;
    this.bindDev(lo, dev);
    return lo;
  }

  /** A KASAN symbolizer printing contract ids. */
  symbolizer(k: kernel): (obj: object) => string {
    const fallback = k.kasan.symbolize;
    const isNet = (obj: object): obj is net => obj === k.init_net || 'dev_base_head' in obj;
    return (obj) =>
      (isNet(obj) ? this.netId(obj) : undefined) ??
      this.opIds.get(obj as pernet_operations) ??
      this.devIds.get(obj as net_device) ??
      fallback(obj);
  }
}
