/**
 * pernet actions: register_pernet_subsys/device with an instrumented op (lib/test_netns_ops),
 * optionally failing its init on one net, and unregister_pernet_subsys/device.
 */
import type { Action, Ret } from '../contract.ts';
import { errname } from '../include/errno.ts';
import { test_netns_ops_create } from '../lib/test_netns_ops.ts';
import {
  register_pernet_device,
  register_pernet_subsys,
  unregister_pernet_device,
  unregister_pernet_subsys,
} from '../net/core/net_namespace_pernet.ts';
import type { Ctx } from './context.ts';
import { fail, listed, validHooks } from './validate.ts';

type A<T extends Action['type']> = Extract<Action, { type: T }>;

/** register_pernet_subsys / register_pernet_device {op, hooks, generic, fail?: {net}}. */
export function doRegisterPernet(
  { k, ids }: Ctx,
  a: A<'register_pernet_subsys' | 'register_pernet_device'>,
): Ret {
  if (ids.consumedOps.has(a.op)) return fail('EEXIST');
  if (!validHooks(a.hooks)) return fail('EINVAL');
  const failNet = a.fail ? ids.nets.get(a.fail.net) : undefined;
  if (a.fail && !listed(k, failNet)) return fail('ENOENT');
  if (a.fail && !a.hooks.includes('init')) return fail('EINVAL');

  ids.consumedOps.add(a.op);
  const ops = test_netns_ops_create(a.op, a.hooks, !!a.generic);
  const kind = a.type === 'register_pernet_subsys' ? 'subsys' : 'device';
  k.fail_function = failNet ? { ops, net: failNet } : null;
  const err = kind === 'subsys' ? register_pernet_subsys(k, ops) : register_pernet_device(k, ops);
  k.fail_function = null;
  if (err) return fail(errname(err));
  ids.bindOp(a.op, { ops, kind, core: false });
  return ops.id ? { ok: true, id: ops.id.value } : { ok: true };
}

/** unregister_pernet_subsys / unregister_pernet_device {op}. */
export function doUnregisterPernet(
  { k, ids, full }: Ctx,
  a: A<'unregister_pernet_subsys' | 'unregister_pernet_device'>,
): Ret {
  const entry = ids.ops.get(a.op);
  if (!entry) return fail('ENOENT');
  if (entry.core && full) return fail('EPERM');
  const kind = a.type === 'unregister_pernet_subsys' ? 'subsys' : 'device';
  if (entry.kind !== kind) return fail('EINVAL');

  if (kind === 'subsys') unregister_pernet_subsys(k, entry.ops);
  else unregister_pernet_device(k, entry.ops);
  ids.ops.delete(a.op);
  return { ok: true };
}
