/**
 * An instrumented pernet_operations, like a lib/test_*.c module: the ops the harness registers.
 * Each callback really uses what a pernet op may use at that point — its net, its own
 * net_generic data and the data of every op before it in pernet_list (those are initialised
 * first and torn down later) — so KASAN stops the kernel on a use-after-free or on a NULL slot
 * (use before init / after a cleared slot), whatever the trace says.
 */
import type { kernel } from '../kernel.ts';
import { list_for_each_entry, type list_head } from '../include/list.ts';
import type { net_device } from '../include/linux/netdevice.ts';
import { PERNET_OPS, type net, type pernet_operations } from '../include/net/net_namespace.ts';
import { net_generic } from '../include/net/netns/generic.ts';
import { kasan_check, kasan_report } from '../mm/kasan.ts';
import { ASSERT_RTNL } from '../net/core/rtnetlink.ts';

/** The hooks an instrumented op may have, in the contract's canonical order. */
export const PERNET_HOOKS = ['init', 'pre_exit', 'exit', 'exit_batch', 'exit_rtnl'] as const;

/** One pernet hook name. */
export type pernet_hook = (typeof PERNET_HOOKS)[number];

/** Dereference `o`'s generic data on `net` from `where` (KASAN-checked). */
export function test_netns_deref(k: kernel, o: pernet_operations, net: net, where: string): void {
  if (!o.id) return;
  const data = net_generic(k, net, o.id.value);
  if (!data)
    kasan_report(
      'null-ptr-deref',
      where,
      `net_generic() data of op ${k.kasan.symbolize(o)} is NULL (never initialised on this net, or cleared)`,
    );
  kasan_check(k, data, where);
}

/** What a callback of `self` touches on `net`: the net, then ops before it, then its own data. */
function test_netns_touch(k: kernel, self: pernet_operations, net: net, hook: pernet_hook): void {
  const where = `${hook} of op ${k.kasan.symbolize(self)} on net ${k.kasan.symbolize(net)}`;
  kasan_check(k, net, where);
  /* An op being unregistered sits on a private list: every op on pernet_list is then still up. */
  for (const o of list_for_each_entry(k.pernet_list)) {
    if (o === self) break;
    test_netns_deref(k, o, net, where);
  }
  test_netns_deref(k, self, net, where);
}

/** test_netns_ops_create(): an op named `name` with the given hooks and optional generic data. */
export function test_netns_ops_create(
  name: string,
  hooks: readonly pernet_hook[],
  generic: boolean,
): pernet_operations {
  const has = (h: pernet_hook): boolean => hooks.includes(h);
  const ops: pernet_operations = PERNET_OPS({
    name,
    id: generic ? { value: 0 } : null,
    size: generic ? 64 : 0,
    ...(has('init') && {
      init: (k: kernel, net: net): number => {
        test_netns_touch(k, ops, net, 'init');
        return 0;
      },
    }),
    ...(has('pre_exit') && {
      pre_exit: (k: kernel, net: net) => test_netns_touch(k, ops, net, 'pre_exit'),
    }),
    ...(has('exit') && { exit: (k: kernel, net: net) => test_netns_touch(k, ops, net, 'exit') }),
    ...(has('exit_batch') && {
      exit_batch: (k: kernel, net_exit_list: list_head<net>) => {
        for (const net of list_for_each_entry(net_exit_list))
          test_netns_touch(k, ops, net, 'exit_batch');
      },
    }),
    ...(has('exit_rtnl') && {
      exit_rtnl: (k: kernel, net: net, _dev_kill_list: list_head<net_device>) => {
        ASSERT_RTNL(k);
        test_netns_touch(k, ops, net, 'exit_rtnl');
      },
    }),
  });
  return ops;
}
