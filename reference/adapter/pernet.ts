/**
 * pernet actions: register_pernet_subsys/device by loading a test module (lib/test_netns_ops),
 * optionally failing its init on one net, and unregister_pernet_subsys/device.
 */
import type { Action, Ret } from '../contract.ts';
import { errname } from '../include/errno.ts';
import {
  test_netns_module_create,
  test_netns_module_exit,
  test_netns_module_init,
} from '../lib/test_netns_ops.ts';
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
  if (!a.hooks.every((h) => k.era.hooks.includes(h))) return fail('EINVAL');
  if (a.generic && !k.era.generic) return fail('EINVAL');
  const failNet = a.fail ? ids.nets.get(a.fail.net) : undefined;
  if (a.fail && !listed(k, failNet)) return fail('ENOENT');
  if (a.fail && !a.hooks.includes('init')) return fail('EINVAL');

  ids.consumedOps.add(a.op);
  const kind = a.type === 'register_pernet_subsys' ? 'subsys' : 'device';
  const module = test_netns_module_create(a.op, a.hooks, !!a.generic, kind);
  const ops = module.ops;
  k.fail_function = failNet ? { ops, net: failNet } : null;
  const err = test_netns_module_init(k, module);
  k.fail_function = null;
  if (err) return fail(errname(err));
  ids.bindOp(a.op, { ops, kind, core: false, module });
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

  /* only core ops (EPERM above) come without a module */
  if (entry.module) test_netns_module_exit(k, entry.module);
  ids.ops.delete(a.op);
  return { ok: true };
}
