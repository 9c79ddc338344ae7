/**
 * An instrumented pernet_operations, like a lib/test_*.c module: the ops the harness registers.
 * Each callback really uses what a pernet op may use at that point — its net, its own
 * net_generic data and the data of every op before it in pernet_list (those are initialised
 * first and torn down later) — so KASAN stops the kernel on a use-after-free or on a NULL slot
 * (use before init / after a cleared slot), whatever the trace says. The exit side and the
 * module's netdevice notifier also reach into data that is not the op's to own (later ops',
 * its own on a device's net), tolerating NULL as nfqnl_nf_hook_drop() does: that is where a
 * stale slot (B3) or early free (B20) is caught. Those cross readers (nfqnl_nf_hook_drop-style
 * modules) are enabled in the 6.18 era only: in 2.6.33–6.0 ops_init() left the stale slot (B3
 * was real there), and the contract's historical profiles do not model that bug.
 */
import type { kernel } from '../kernel.ts';
import { list_for_each_entry, type list_head } from '../include/list.ts';
import { NETDEV_UNREGISTER, dev_net, type net_device } from '../include/linux/netdevice.ts';
import {
  NOTIFY_DONE,
  raw_notifier_chain_register,
  raw_notifier_chain_unregister,
  type notifier_block,
} from '../include/linux/notifier.ts';
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

/**
 * The exit side also drops what later ops may have queued on `net`, like nf_unregister_net_hook()
 * reaching nfqnl_nf_hook_drop(): it reads the data of every op after `self` on pernet_list,
 * skipping a NULL slot ("called on net namespace error unwind, when pernet_ops->init() failed
 * and ->exit() functions of the previous pernet_ops gets called"). A stale slot is a
 * use-after-free (B3, d266935ac43d).
 */
function test_netns_hook_drop(
  k: kernel,
  self: pernet_operations,
  net: net,
  hook: pernet_hook,
): void {
  const where = `${hook} of op ${k.kasan.symbolize(self)} on net ${k.kasan.symbolize(net)} (hook drop)`;
  let after = false;
  for (const o of list_for_each_entry(k.pernet_list)) {
    if (after && o.id) {
      const data = net_generic(k, net, o.id.value);
      if (data) kasan_check(k, data, where);
    }
    after ||= o === self;
  }
}

/** An exit-side callback: touch what the op may use, then drop the later ops' queued work. */
function test_netns_exit_touch(
  k: kernel,
  self: pernet_operations,
  net: net,
  hook: pernet_hook,
): void {
  test_netns_touch(k, self, net, hook);
  /* the NULL-tolerant cross readers are modules of the 6.18 era (see the file's remarks) */
  if (k.era.version === '6.18') test_netns_hook_drop(k, self, net, hook);
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
      pre_exit: (k: kernel, net: net) => test_netns_exit_touch(k, ops, net, 'pre_exit'),
    }),
    ...(has('exit') && {
      exit: (k: kernel, net: net) => test_netns_exit_touch(k, ops, net, 'exit'),
    }),
    ...(has('exit_batch') && {
      exit_batch: (k: kernel, net_exit_list: list_head<net>) => {
        for (const net of list_for_each_entry(net_exit_list))
          test_netns_exit_touch(k, ops, net, 'exit_batch');
      },
    }),
    ...(has('exit_rtnl') && {
      exit_rtnl: (k: kernel, net: net, _dev_kill_list: list_head<net_device>) => {
        ASSERT_RTNL(k);
        test_netns_exit_touch(k, ops, net, 'exit_rtnl');
      },
    }),
  });
  return ops;
}

/** A test module: its pernet_operations, registered as `kind`, and its netdevice notifier. */
export interface test_netns_module {
  readonly ops: pernet_operations;
  readonly kind: 'subsys' | 'device';
  readonly nb: notifier_block;
}

/**
 * The module's netdevice notifier: on NETDEV_UNREGISTER it drops its per-device state, kept in
 * its per-net data of the device's net — NULL-tolerant, as the op may not be initialised there
 * (a net whose setup failed before reaching it). A stale slot is a use-after-free (B3).
 */
function test_netns_netdev_event(
  k: kernel,
  ops: pernet_operations,
  event: number,
  dev: net_device,
): number {
  if (event !== NETDEV_UNREGISTER || !ops.id || k.era.version !== '6.18') return NOTIFY_DONE;
  const net = dev_net(dev);
  const data = net_generic(k, net, ops.id.value);
  if (data) {
    const where = `NETDEV_UNREGISTER notifier of op ${k.kasan.symbolize(ops)} for ${dev.name} in net ${k.kasan.symbolize(net)}`;
    kasan_check(k, data, where);
  }
  return NOTIFY_DONE;
}

/** A module with an instrumented op (test_netns_ops_create) and a netdevice notifier. */
export function test_netns_module_create(
  name: string,
  hooks: readonly pernet_hook[],
  generic: boolean,
  kind: 'subsys' | 'device',
): test_netns_module {
  const ops = test_netns_ops_create(name, hooks, generic);
  const nb: notifier_block = {
    notifier_call: (k, event, dev) => test_netns_netdev_event(k, ops, event, dev as net_device),
    priority: 0,
  };
  return { ops, kind, nb };
}

/**
 * module_init(): register the pernet op, then the notifier.
 * @remarks register_netdevice_notifier() takes pernet_ops_rwsem and RTNL and replays
 * NETDEV_REGISTER; the harness's instrumentation is not part of the contract's cost model, so
 * the block goes straight onto netdev_chain.
 */
export function test_netns_module_init(k: kernel, mod: test_netns_module): number {
  const err =
    mod.kind === 'subsys'
      ? k.era.register_pernet_subsys(k, mod.ops)
      : k.era.register_pernet_device(k, mod.ops);
  if (err) return err;
  raw_notifier_chain_register(k.netdev_chain, mod.nb);
  return 0;
}

/** module_exit(): the notifier goes first, then the pernet op. */
export function test_netns_module_exit(k: kernel, mod: test_netns_module): void {
  raw_notifier_chain_unregister(k.netdev_chain, mod.nb);
  if (mod.kind === 'subsys') k.era.unregister_pernet_subsys(k, mod.ops);
  else k.era.unregister_pernet_device(k, mod.ops);
}
