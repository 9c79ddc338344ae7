/**
 * The reference behind the v1 contract: `createReferenceKernel()` boots a kernel
 * (reference/kernel.ts) and returns `{ apply, view }` as docs/contract.md specifies. `apply`
 * validates the request the way the contract says (ids, liveness, names: the adapter layer in
 * reference/adapter/), turns it into kernel calls, and prints the kernel's trace records and
 * errnos with the contract's ids and errno names. Validation failures touch nothing.
 * KASAN reports, list corruption and BUG()s are not caught: they propagate as exceptions.
 */
import type {
  Action,
  Event,
  ReferenceImplementation,
  ReferenceOptions,
  Ret,
  View,
} from './contract.ts';
import { start_kernel, type kernel } from './kernel.ts';
import type { Ctx } from './adapter/context.ts';
import {
  doDevChangeNetNamespace,
  doRegisterNetdev,
  doUnregisterNetdev,
} from './adapter/devices.ts';
import { drainEvents } from './adapter/events.ts';
import { doInetLookupEstablished, doInetTwskHashdance, doTcpV4Init } from './adapter/inet.ts';
import { IdTable } from './adapter/ids.ts';
import {
  doCleanupNet,
  doCopyNetNs,
  doGetNet,
  doPeernet2idAlloc,
  doPutNet,
} from './adapter/netns.ts';
import { doRegisterPernet, doUnregisterPernet } from './adapter/pernet.ts';
import { fail } from './adapter/validate.ts';
import { referenceView } from './adapter/view.ts';

export type * from './contract.ts';
export type { BugId } from './bugs.ts';

function dispatch(c: Ctx, a: Action): Ret {
  switch (a.type) {
    case 'copy_net_ns':
      return doCopyNetNs(c, a);
    case 'get_net':
      return doGetNet(c, a);
    case 'put_net':
      return doPutNet(c, a);
    case 'cleanup_net':
      return doCleanupNet(c);
    case 'register_pernet_subsys':
    case 'register_pernet_device':
      return doRegisterPernet(c, a);
    case 'unregister_pernet_subsys':
    case 'unregister_pernet_device':
      return doUnregisterPernet(c, a);
    case 'register_netdev':
      return doRegisterNetdev(c, a);
    case 'dev_change_net_namespace':
      return doDevChangeNetNamespace(c, a);
    case 'unregister_netdev':
      return doUnregisterNetdev(c, a);
    case 'peernet2id_alloc':
      return doPeernet2idAlloc(c, a);
    case 'tcp_v4_init':
      return doTcpV4Init(c);
    case 'inet_twsk_hashdance':
      return doInetTwskHashdance(c, a);
    case 'inet_lookup_established':
      return doInetLookupEstablished(c, a);
    default:
      return fail('EINVAL');
  }
}

/** Bind the ids of what boot created: init_net, its lo, and the three core ops. */
function bindBoot(k: kernel, ids: IdTable): void {
  ids.bindNet('init_net', k.init_net);
  if (k.init_net.loopback_dev) ids.bindDev('lo@init_net', k.init_net.loopback_dev);
  ids.bindOp('netdev', { ops: k.netdev_net_ops, kind: 'subsys', core: true });
  ids.bindOp('loopback', { ops: k.loopback_net_ops, kind: 'device', core: true });
  ids.bindOp('default_device', { ops: k.default_device_ops, kind: 'device', core: true });
}

/** A booted reference kernel, with the contract's `apply` and `view` (and the kernel, for tests). */
export interface ReferenceKernel extends ReferenceImplementation {
  readonly kernel: kernel;
}

/**
 * Boot a reference kernel: `full` (default) with netdev, loopback and default_device registered
 * and `lo@init_net`, or `bare` with init_net alone; `bugs` switches on catalogue bugs
 * (reference/bugs.ts).
 */
export function createReferenceKernel(opts: ReferenceOptions = {}): ReferenceKernel {
  const full = (opts.boot ?? 'full') === 'full';
  const k = start_kernel({
    boot: full ? 'full' : 'bare',
    bugs: opts.bugs ?? [],
    ...(opts.kernel && { kernel: opts.kernel }),
  });
  const ids = new IdTable();
  if (full) bindBoot(k, ids);
  else ids.bindNet('init_net', k.init_net);
  k.kasan.symbolize = ids.symbolizer(k);
  const c: Ctx = { k, ids, full };

  return {
    kernel: k,
    apply(action: Action): { ret: Ret; events: Event[] } {
      const ret = dispatch(c, action);
      const events = drainEvents(ids, k.trace);
      ids.pendingNet = null;
      return { ret, events };
    },
    view(): View {
      return referenceView(k, ids);
    },
  };
}
