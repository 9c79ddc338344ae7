/**
 * The contract's request validation (docs/contract.md), kept out of the kernel-shaped code: the
 * kernel has no ids, and some checks the contract makes up front are made by the kernel under
 * a lock it has already counted (reference/README.md, divergences D7–D9). The predicates ask the
 * kernel's own structures and helpers (dev_valid_name, netdev_name_in_use).
 */
import type { Hook, Ret } from '../contract.ts';
import type { kernel } from '../kernel.ts';
import { for_each_net, type net } from '../include/net/net_namespace.ts';
import { refcount_read } from '../include/refcount.ts';
import { PERNET_HOOKS } from '../lib/test_netns_ops.ts';
import { dev_valid_name } from '../net/core/dev.ts';

/** A failed request: no event, no change. */
export function fail(errno: string): Ret {
  return { ok: false, errno };
}

/** On net_namespace_list (live, or queued but not yet unlinked). */
export function listed(k: kernel, n: net | undefined): n is net {
  if (!n) return false;
  for (const m of for_each_net(k)) if (m === n) return true;
  return false;
}

/** Listed with a non-zero count. */
export function live(k: kernel, n: net | undefined): n is net {
  return listed(k, n) && refcount_read(n.ns.count) > 0;
}

/** The contract's device name: dev_valid_name() and no '%' (no patterns at registration). */
export function validName(name: unknown): name is string {
  return typeof name === 'string' && dev_valid_name(name) && !name.includes('%');
}

/** A pattern: a valid name but for exactly one "%d". */
export function validPattern(name: unknown): name is string {
  if (typeof name !== 'string' || !dev_valid_name(name)) return false;
  const p = name.indexOf('%');
  return p >= 0 && name[p + 1] === 'd' && name.indexOf('%', p + 1) < 0;
}

/** Known hooks, none repeated. */
export function validHooks(hooks: unknown): hooks is Hook[] {
  if (!Array.isArray(hooks)) return false;
  const known = new Set<unknown>(PERNET_HOOKS);
  return hooks.every((h) => known.has(h)) && new Set(hooks).size === hooks.length;
}
