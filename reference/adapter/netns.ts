/**
 * Namespace actions: copy_net_ns, get_net (maybe_get_net), put_net, cleanup_net (one run of
 * netns_wq) and peernet2id_alloc — contract validation first, then the kernel call.
 */
import type { Action, Ret } from '../contract.ts';
import { errname, IS_ERR } from '../include/errno.ts';
import { CLONE_NEWNET, maybe_get_net, put_net } from '../include/net/net_namespace.ts';
import { refcount_read } from '../include/refcount.ts';
import { process_one_work, workqueue_busy } from '../kernel/workqueue.ts';
import { peernet2id_alloc } from '../net/core/net_namespace_nsid.ts';
import type { Ctx } from './context.ts';
import { fail, listed, live } from './validate.ts';

type A<T extends Action['type']> = Extract<Action, { type: T }>;

/** copy_net_ns {net, fail?: {op}}: a new net, or ENOMEM when the injected init fails. */
export function doCopyNetNs({ k, ids }: Ctx, a: A<'copy_net_ns'>): Ret {
  if (ids.consumedNets.has(a.net)) return fail('EEXIST');
  const failOp = a.fail ? ids.ops.get(a.fail.op) : undefined;
  if (a.fail && !failOp) return fail('ENOENT');
  if (failOp && !failOp.ops.init) return fail('EINVAL');

  ids.consumedNets.add(a.net);
  ids.pendingNet = a.net;
  k.fail_function = failOp ? { ops: failOp.ops, net: null } : null;
  const net = k.era.copy_net_ns(k, CLONE_NEWNET, k.init_net);
  k.fail_function = null;
  if (IS_ERR(net)) return fail(errname(net));
  ids.bindNet(a.net, net);
  return { ok: true };
}

/** get_net {net}: maybe_get_net(). */
export function doGetNet({ k, ids }: Ctx, a: A<'get_net'>): Ret {
  const net = ids.nets.get(a.net);
  if (!listed(k, net)) return fail('ENOENT');
  if (refcount_read(net.ns.count) === 0) return fail('ENOENT');
  maybe_get_net(net);
  return { ok: true, count: refcount_read(net.ns.count) };
}

/** put_net {net}: the last reference queues the net (init_net never dies). */
export function doPutNet({ k, ids }: Ctx, a: A<'put_net'>): Ret {
  const net = ids.nets.get(a.net);
  if (!listed(k, net)) return fail('ENOENT');
  const count = refcount_read(net.ns.count);
  if (count === 0) return fail('EINVAL');
  if (net === k.init_net && count === 1) return fail('EINVAL');
  put_net(k, net);
  return { ok: true, count: refcount_read(net.ns.count) };
}

/** cleanup_net {}: run the pending net_cleanup_work once; EAGAIN when none is queued. */
export function doCleanupNet({ k, ids }: Ctx): Ret {
  if (!workqueue_busy(k.netns_wq)) return fail('EAGAIN');
  process_one_work(k, k.netns_wq);
  const batch = k.trace.find((r) => r.type === 'batch');
  return { ok: true, nets: batch?.type === 'batch' ? batch.nets.map((n) => ids.netId(n)) : [] };
}

/** peernet2id_alloc {net, peer}: the existing id, or the lowest free one (RTM_NEWNSID). */
export function doPeernet2idAlloc({ k, ids }: Ctx, a: A<'peernet2id_alloc'>): Ret {
  if (!k.era.nsid) return fail('EOPNOTSUPP');
  const net = ids.nets.get(a.net);
  const peer = ids.nets.get(a.peer);
  if (!live(k, net)) return fail('ENOENT');
  if (!live(k, peer)) return fail('ENOENT');
  const id = peernet2id_alloc(k, net, peer);
  if (id < 0) return fail('ENOSPC');
  return { ok: true, id };
}
