/**
 * net/core/net_namespace.c, the registration half: __register_pernet_operations() and
 * __unregister_pernet_operations() with register_pernet_operations()'s id handling, and the
 * subsys/device split around first_device. Expected traces are read off the C.
 */
import { describe, expect, it } from 'vitest';
import { ENOMEM } from '../../reference/include/errno.ts';
import { ida_exists } from '../../reference/include/idr.ts';
import { put_net } from '../../reference/include/net/net_namespace.ts';
import {
  register_pernet_device,
  register_pernet_subsys,
  unregister_pernet_device,
  unregister_pernet_subsys,
} from '../../reference/net/core/net_namespace_pernet.ts';
import { bench, op, pernetNames } from './helpers.ts';

describe('__register_pernet_operations', () => {
  it('a subsys goes just before first_device, a device at the tail', () => {
    const b = bench();
    expect(pernetNames(b.k)).toEqual(['netdev', 'loopback', 'default_device']);
    register_pernet_subsys(b.k, op('S1', []));
    register_pernet_device(b.k, op('D1', []));
    register_pernet_subsys(b.k, op('S2', []));
    expect(pernetNames(b.k)).toEqual(['netdev', 'S1', 'S2', 'loopback', 'default_device', 'D1']);
    expect(b.k.first_device.owner).toBe(b.k.loopback_net_ops);
  });

  it('on a bare boot the first device op becomes first_device', () => {
    const b = bench({ boot: 'bare' });
    expect(b.k.first_device).toBe(b.k.pernet_list);
    const d = op('D', []);
    register_pernet_device(b.k, d);
    register_pernet_subsys(b.k, op('S', []));
    expect(b.k.first_device.owner).toBe(d);
    expect(pernetNames(b.k)).toEqual(['S', 'D']);
  });

  it('inits every listed net in list order, queued nets included', () => {
    const b = bench();
    b.mustNet('n1');
    const n2 = b.mustNet('n2');
    put_net(b.k, n2); // queued: count 0, still on net_namespace_list until the work runs
    b.trace();
    b.k.counters.pernetLock = 0;
    expect(register_pernet_subsys(b.k, op('A', ['init'], true))).toBe(0);
    expect(b.trace()).toEqual([
      'alloc A init_net',
      'init A init_net',
      'alloc A n1',
      'init A n1',
      'alloc A n2',
      'init A n2',
    ]);
    expect(b.k.counters.pernetLock).toBe(1);
  });

  it('a failure at net k undoes the op on the nets before k only, then rcu_barrier', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    b.trace();
    const s = op('S', ['init', 'exit'], true);
    b.k.fail_function = { ops: s, net: n2 };
    expect(register_pernet_subsys(b.k, s)).toBe(-ENOMEM);
    expect(b.trace()).toEqual([
      'alloc S init_net',
      'init S init_net',
      'alloc S n1',
      'init S n1',
      'alloc S n2',
      'init_failed S n2',
      'free S n2',
      'synchronize_rcu',
      'exit S init_net',
      'exit S n1',
      'free S init_net',
      'free S n1',
      'rcu_barrier',
    ]);
    expect(pernetNames(b.k)).toEqual(['netdev', 'loopback', 'default_device']);
    expect(ida_exists(b.k.net_generic_ids, 3)).toBe(false);
    expect(n1.gen.ptr[3]).toBeTruthy(); // ops_free_list does not clear the slot
  });

  it('a failure at the first net undoes nothing but still calls exit_batch on no nets', () => {
    const b = bench({ boot: 'bare' });
    const r = op('R', ['init', 'exit_batch', 'exit_rtnl']);
    b.k.fail_function = { ops: r, net: b.k.init_net };
    expect(register_pernet_subsys(b.k, r)).toBe(-ENOMEM);
    expect(b.trace()).toEqual([
      'init_failed R init_net',
      'synchronize_rcu',
      'exit_batch R []',
      'rcu_barrier',
    ]);
    expect(b.k.counters).toMatchObject({ rtnl: 1, unregisterMany: 1, rcuBarriers: 1 });
  });

  it('B21d: the failing net is undone too (the op exits where its init failed)', () => {
    const b = bench({ boot: 'bare', bugs: ['B21d'] });
    const r = op('R', ['init', 'exit']);
    b.k.fail_function = { ops: r, net: b.k.init_net };
    register_pernet_subsys(b.k, r);
    expect(b.trace()).toEqual([
      'init_failed R init_net',
      'synchronize_rcu',
      'exit R init_net',
      'rcu_barrier',
    ]);
  });

  it('B21e: no rcu_barrier before the id is freed', () => {
    const b = bench({ boot: 'bare', bugs: ['B21e'] });
    const r = op('R', ['init'], true);
    b.k.fail_function = { ops: r, net: null };
    register_pernet_subsys(b.k, r);
    expect(b.trace()).not.toContain('rcu_barrier');
  });
});

describe('__unregister_pernet_operations', () => {
  it('undoes the op on every listed net on a private list, rcu_barrier, frees the id', () => {
    const b = bench();
    b.mustNet('n1');
    const all = ['init', 'pre_exit', 'exit', 'exit_batch', 'exit_rtnl'] as const;
    const a = op('A', [...all], true);
    register_pernet_subsys(b.k, a);
    b.trace();
    unregister_pernet_subsys(b.k, a);
    expect(b.trace()).toEqual([
      'pre_exit A init_net',
      'pre_exit A n1',
      'synchronize_rcu',
      'exit_rtnl A init_net',
      'exit_rtnl A n1',
      'exit A init_net',
      'exit A n1',
      'exit_batch A [init_net,n1]',
      'free A init_net',
      'free A n1',
      'rcu_barrier',
    ]);
    expect(pernetNames(b.k)).toEqual(['netdev', 'loopback', 'default_device']);
    expect(ida_exists(b.k.net_generic_ids, 3)).toBe(false);
    const again = op('B', [], true);
    register_pernet_subsys(b.k, again);
    expect(again.id?.value).toBe(3);
  });

  it('first_device advances past an unregistered first device op', () => {
    const b = bench({ boot: 'bare' });
    const d1 = op('D1', []);
    const d2 = op('D2', []);
    register_pernet_device(b.k, d1);
    register_pernet_device(b.k, d2);
    unregister_pernet_device(b.k, d1);
    expect(b.k.first_device.owner).toBe(d2);
    unregister_pernet_device(b.k, d2);
    expect(b.k.first_device).toBe(b.k.pernet_list);
    register_pernet_subsys(b.k, op('S', []));
    expect(pernetNames(b.k)).toEqual(['S']);
  });
});
