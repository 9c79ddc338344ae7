/**
 * A test bench around a reference kernel: names for nets, short names for ops, and the trace
 * buffer drained into one-line records (`init op1 n1`), so that expected traces can be written
 * down by hand from the C.
 */
import { start_kernel, type boot_options, type kernel } from '../../reference/kernel.ts';
import type { trace_record } from '../../reference/include/trace/events/netns.ts';
import {
  CLONE_NEWNET,
  put_net,
  type net,
  type pernet_operations,
} from '../../reference/include/net/net_namespace.ts';
import type { net_device } from '../../reference/include/linux/netdevice.ts';
import { process_one_work } from '../../reference/kernel/workqueue.ts';
import { copy_net_ns } from '../../reference/net/core/net_namespace.ts';
import { test_netns_ops_create, type pernet_hook } from '../../reference/lib/test_netns_ops.ts';

const CORE: Record<string, string> = {
  tcp_sk_ops: 'tcp',
  netdev_net_ops: 'netdev',
  loopback_net_ops: 'loopback',
  default_device_ops: 'default_device',
};

/** A booted kernel with naming helpers. */
export interface Bench {
  readonly k: kernel;
  /** Name `n` for traces. */
  name(n: net, id: string): net;
  /** The name of `n` (the net being created by `net()` when it has none yet). */
  netName(n: net): string;
  /** copy_net_ns() a net called `id`; returns the net or -errno. */
  net(id: string): net | number;
  /** copy_net_ns() that must succeed. */
  mustNet(id: string): net;
  /** Drain the trace buffer as one-line records. */
  trace(): string[];
  /** Drop every reference (count to 0), then run one cleanup_net work item. */
  kill(...nets: net[]): void;
  /** Run one pending work item of netns_wq. */
  work(): boolean;
}

/** Boot a kernel (full by default) and wrap it. */
export function bench(opts: boot_options = {}): Bench {
  const k = start_kernel(opts);
  const names = new WeakMap<net, string>([[k.init_net, 'init_net']]);
  let pending = '?';
  const netName = (n: net): string => names.get(n) ?? pending;
  const symbolize = k.kasan.symbolize;
  k.kasan.symbolize = (obj) => ('dev_base_head' in obj ? netName(obj as net) : symbolize(obj));
  const opName = (o: pernet_operations): string => CORE[o.name ?? ''] ?? o.name ?? '?op';
  const devName = (d: net_device): string => d.name;
  const fmt = (r: trace_record): string => {
    switch (r.type) {
      case 'exit_batch':
        return `exit_batch ${opName(r.ops)} [${r.nets.map(netName).join(',')}]`;
      case 'batch':
        return `batch [${r.nets.map(netName).join(',')}]`;
      case 'publish':
      case 'queue':
      case 'unlink':
      case 'net_free':
        return `${r.type} ${netName(r.net)}`;
      case 'nsid_alloc':
      case 'nsid_unhash':
        return `${r.type} ${netName(r.in)} ${netName(r.peer)} ${r.id}`;
      case 'synchronize_rcu':
      case 'rcu_barrier':
        return r.type;
      case 'dev_register':
        return `dev_register ${r.name} ${netName(r.net)}`;
      case 'dev_move':
        return `dev_move ${r.name} ${netName(r.from)} ${netName(r.to)}`;
      case 'dev_unregister':
        return `dev_unregister ${devName(r.dev)} ${netName(r.net)}`;
      case 'tw_purge':
        return `tw_purge [${r.nets.map(netName).join(',')}] ${r.purged}`;
      default:
        return `${r.type} ${opName(r.ops)} ${netName(r.net)}`;
    }
  };
  const b: Bench = {
    k,
    name(n, id) {
      names.set(n, id);
      return n;
    },
    netName,
    net(id) {
      pending = id;
      const n = copy_net_ns(k, CLONE_NEWNET, k.init_net);
      if (typeof n !== 'number') names.set(n, id);
      return n;
    },
    mustNet(id) {
      const n = b.net(id);
      if (typeof n === 'number') throw new Error(`copy_net_ns(${id}) failed: ${n}`);
      return n;
    },
    trace: () => k.trace.splice(0).map(fmt),
    kill(...nets) {
      for (const n of nets) while (n.ns.count.refs > 0) put_net(k, n);
      b.work();
    },
    work: () => process_one_work(k, k.netns_wq),
  };
  return b;
}

/** An instrumented op (lib/test_netns_ops) named `name`. */
export function op(name: string, hooks: pernet_hook[], generic = false): pernet_operations {
  return test_netns_ops_create(name, hooks, generic);
}

/** The ops on pernet_list, by short name. */
export function pernetNames(k: kernel): string[] {
  const out: string[] = [];
  for (let p = k.pernet_list.next; p !== k.pernet_list; p = p.next) {
    const o = p.owner as pernet_operations;
    out.push(CORE[o.name ?? ''] ?? o.name ?? '?');
  }
  return out;
}

/** The device names of `n`, in list order. */
export function devNames(n: net): string[] {
  const out: string[] = [];
  for (let p = n.dev_base_head.next; p !== n.dev_base_head; p = p.next)
    out.push((p.owner as net_device).name);
  return out;
}
