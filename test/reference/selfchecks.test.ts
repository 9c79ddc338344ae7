/**
 * The kernel's own assertions, provoked on purpose: each BUG_ON/WARN_ON of the device core,
 * RTNL and pernet registration stops the kernel with a message naming the broken rule, and
 * each KASAN report names the function that freed the object. No generated run reaches these
 * (the contract never misuses the kernel), so they are checked here one by one.
 */
import { describe, expect, it } from 'vitest';
import {
  EEXIST,
  EINTR,
  EIO,
  EAGAIN,
  EBUSY,
  EINVAL,
  ENFILE,
  ENOENT,
  ENOMEM,
  ENOSPC,
  EOPNOTSUPP,
  EPERM,
  errname,
} from '../../reference/include/errno.ts';
import { LIST_HEAD, list_add_tail } from '../../reference/include/list.ts';
import { PERNET_OPS, put_net } from '../../reference/include/net/net_namespace.ts';
import { net_generic } from '../../reference/include/net/netns/generic.ts';
import { dummy_link_ops } from '../../reference/drivers/net/dummy.ts';
import { ethernet_probe } from '../../reference/drivers/net/ethernet.ts';
import { kasan_check } from '../../reference/mm/kasan.ts';
import { rcu_barrier } from '../../reference/include/rcupdate.ts';
import { start_kernel, type kernel } from '../../reference/kernel.ts';
import {
  __dev_change_net_namespace,
  alloc_netdev,
  free_netdev,
  netdev_run_todo,
  register_netdevice,
  unregister_netdevice_many,
  unregister_netdevice_queue,
} from '../../reference/net/core/dev.ts';
import { ops_init } from '../../reference/net/core/net_namespace.ts';
import { register_pernet_subsys } from '../../reference/net/core/net_namespace_pernet.ts';
import {
  ASSERT_RTNL,
  __rtnl_unlock,
  rtnl_lock,
  rtnl_newlink,
  rtnl_unlock,
} from '../../reference/net/core/rtnetlink.ts';
import type { net_device } from '../../reference/include/linux/netdevice.ts';
import { bench, op } from './helpers.ts';

const NO_PEER = { peer_net: null, peer_ifname: null };

function dummy(k: kernel, name: string): net_device {
  const d = rtnl_newlink(k, k.init_net, dummy_link_ops, name, NO_PEER);
  if (typeof d === 'number') throw new Error(`rtnl_newlink(${name}): ${d}`);
  return d;
}

describe('errno names (lib/errname.c)', () => {
  it('every errno the netns paths return prints as its symbol', () => {
    const all = { EPERM, ENOENT, EINTR, EIO, EAGAIN, ENOMEM, EBUSY, EEXIST, EINVAL, ENFILE };
    for (const [name, value] of Object.entries({ ...all, ENOSPC, EOPNOTSUPP }))
      expect(errname(-value), name).toBe(name);
  });
});

describe('RTNL', () => {
  it('recursive locking, unlocking an unlocked RTNL and ASSERT_RTNL are BUGs', () => {
    const k = start_kernel();
    expect(() => ASSERT_RTNL(k)).toThrow('kernel BUG: RTNL: assertion failed');
    expect(() => __rtnl_unlock(k)).toThrow('kernel BUG: __rtnl_unlock: RTNL not held');
    rtnl_lock(k);
    expect(() => rtnl_lock(k)).toThrow(
      'kernel BUG: rtnl_lock: RTNL already held (recursive locking deadlock)',
    );
    expect(() => ASSERT_RTNL(k)).not.toThrow();
    rtnl_unlock(k);
    expect(k.rtnl_mutex.locked).toBe(false);
  });
});

describe('the device core', () => {
  it('register_netdevice: during dev_boot_phase, and of a device registered before, is a BUG', () => {
    const k = start_kernel();
    const d = dummy(k, 'd0');
    rtnl_lock(k);
    expect(() => register_netdevice(k, d)).toThrow('kernel BUG: register_netdevice: d0 reused');
    const fresh = alloc_netdev(k, 'd1', () => {});
    k.dev_boot_phase = true;
    expect(() => register_netdevice(k, fresh)).toThrow(
      'kernel BUG: register_netdevice during dev_boot_phase',
    );
    k.dev_boot_phase = false;
    rtnl_unlock(k);
  });

  it('free_netdev: a registered device is a BUG; an unregistering one is freed later', () => {
    const k = start_kernel();
    const d = dummy(k, 'd0');
    expect(() => free_netdev(k, d)).toThrow('kernel BUG: free_netdev: d0 still registered');
    d.reg_state = 'NETREG_UNREGISTERING';
    rtnl_lock(k);
    free_netdev(k, d);
    rtnl_unlock(k);
    expect(d.needs_free_netdev).toBe(true);
    expect(() => kasan_check(k, d, 'test')).not.toThrow();
    const never = alloc_netdev(k, 'd1', () => {});
    free_netdev(k, never);
    expect(never.reg_state).toBe('NETREG_UNINITIALIZED');
    expect(() => kasan_check(k, never, 'test')).toThrow(
      'KASAN: use-after-free in test: net_device d1 freed by free_netdev',
    );
  });

  it('a NIC whose registration fails is freed by its probe', () => {
    const b = bench();
    const err = ethernet_probe(b.k, b.k.init_net, 'lo');
    expect(err).toBe(-EEXIST);
  });

  it('unregister_netdevice_many: a never registered device WARNs and is skipped', () => {
    const k = start_kernel({ panic_on_warn: false });
    const d = dummy(k, 'd0');
    const never = alloc_netdev(k, 'ghost', () => {});
    const kill = LIST_HEAD<net_device>();
    rtnl_lock(k);
    list_add_tail(never.unreg_list, kill);
    unregister_netdevice_queue(k, d, kill);
    unregister_netdevice_many(k, kill);
    rtnl_unlock(k);
    expect(k.warnings).toEqual(['unregister_netdevice: device ghost never was registered']);
    expect(d.reg_state).toBe('NETREG_RELEASED'); // unregistered, then freed (needs_free_netdev)
    expect(never.reg_state).toBe('NETREG_UNINITIALIZED');
    const panics = start_kernel();
    const g = alloc_netdev(panics, 'ghost', () => {});
    const l = LIST_HEAD<net_device>();
    rtnl_lock(panics);
    list_add_tail(g.unreg_list, l);
    expect(() => unregister_netdevice_many(panics, l)).toThrow(
      'WARNING: unregister_netdevice: device ghost never was registered (panic_on_warn set)',
    );
  });

  it('unregister_netdevice_many: a device that is not registered any more is a BUG', () => {
    const k = start_kernel();
    const d = dummy(k, 'd0');
    d.reg_state = 'NETREG_UNREGISTERED';
    const kill = LIST_HEAD<net_device>();
    rtnl_lock(k);
    list_add_tail(d.unreg_list, kill);
    expect(() => unregister_netdevice_many(k, kill)).toThrow(
      'kernel BUG: unregister_netdevice: d0 not registered',
    );
  });

  it('netdev_run_todo: a device on the todo list that is not unregistering WARNs', () => {
    const k = start_kernel({ panic_on_warn: false });
    const d = dummy(k, 'd0');
    rtnl_lock(k);
    list_add_tail(d.todo_list, k.net_todo_list);
    netdev_run_todo(k);
    expect(k.warnings).toEqual(['run_todo but not unregistering: d0']);
    expect(d.reg_state).toBe('NETREG_REGISTERED');
  });

  it('__dev_change_net_namespace: a device that is not registered is EINVAL', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const d = dummy(b.k, 'd0');
    d.reg_state = 'NETREG_UNREGISTERING';
    rtnl_lock(b.k);
    expect(__dev_change_net_namespace(b.k, d, n1, null)).toBe(-EINVAL);
    rtnl_unlock(b.k);
  });
});

describe('pernet registration and net_generic', () => {
  it('an id without a size WARNs and is EINVAL; with panic_on_warn it stops the kernel', () => {
    const k = start_kernel({ panic_on_warn: false });
    const bad = PERNET_OPS({ id: { value: 0 }, size: 0, name: 'bad' });
    expect(register_pernet_subsys(k, bad)).toBe(-EINVAL);
    expect(k.warnings).toEqual(['register_pernet_operations: id without size']);
    const sized = PERNET_OPS({ id: null, size: 8, name: 'sized' });
    expect(register_pernet_subsys(k, sized)).toBe(-EINVAL);
    const panics = start_kernel();
    expect(() => register_pernet_subsys(panics, bad)).toThrow(
      'WARNING: register_pernet_operations: id without size (panic_on_warn set)',
    );
  });

  it('net_assign_generic below MIN_PERNET_OPS_ID is a BUG', () => {
    const b = bench();
    const o = op('low', ['init'], true);
    o.id!.value = 2;
    expect(() => ops_init(b.k, o, b.k.init_net)).toThrow(
      'kernel BUG: net_assign_generic: id 2 < MIN_PERNET_OPS_ID',
    );
  });

  it('the old generic array is freed by kfree_rcu once the array grew; net->gen by net_passive_dec', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const old = n1.gen;
    for (let i = 0; i < old.s.len; i++) register_pernet_subsys(b.k, op(`g${i}`, ['init'], true));
    expect(n1.gen).not.toBe(old);
    expect(() => kasan_check(b.k, old, 'reader')).not.toThrow(); // readers may still hold it
    rcu_barrier(b.k);
    expect(() => kasan_check(b.k, old, 'reader')).toThrow(
      'KASAN: use-after-free in reader: a net_generic array freed by kfree_rcu (net_assign_generic)',
    );
    const gen = n1.gen;
    while (n1.ns.count.refs > 0) put_net(b.k, n1);
    b.work();
    expect(() => kasan_check(b.k, gen, 'reader')).toThrow(/freed by net_passive_dec/);
    expect(() => net_generic(b.k, n1, 3)).toThrow(/KASAN: use-after-free in net_generic/);
  });
});
