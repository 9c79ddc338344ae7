/**
 * net/core/net_namespace.c: ops_init, setup_net (through copy_net_ns), ops_undo_list and
 * cleanup_net. Each expected trace is read off the C by hand: statement order, the undo labels,
 * and the phases of ops_undo_list (pre_exit; one grace period; exit_rtnl under RTNL; exit and
 * exit_batch; free).
 */
import { describe, expect, it } from 'vitest';
import { ENOMEM } from '../../reference/include/errno.ts';
import { LIST_HEAD, list_add_tail } from '../../reference/include/list.ts';
import { net_generic } from '../../reference/include/net/netns/generic.ts';
import { for_each_net, put_net, type net } from '../../reference/include/net/net_namespace.ts';
import { kasan_is_freed } from '../../reference/mm/kasan.ts';
import {
  INITIAL_NET_GEN_PTRS,
  ops_init,
  ops_undo_list,
} from '../../reference/net/core/net_namespace.ts';
import { peernet2id_alloc } from '../../reference/net/core/net_namespace_nsid.ts';
import {
  register_pernet_device,
  register_pernet_subsys,
} from '../../reference/net/core/net_namespace_pernet.ts';
import { bench, devNames, op } from './helpers.ts';

describe('ops_init', () => {
  it('publishes the generic slot before calling init', () => {
    const b = bench({ boot: 'bare' });
    const a = op('A', ['init'], true);
    expect(register_pernet_subsys(b.k, a)).toBe(0);
    expect(b.trace()).toEqual(['alloc A init_net', 'init A init_net']);
    expect(a.id?.value).toBe(3); // MIN_PERNET_OPS_ID on 64-bit
    expect(net_generic(b.k, b.k.init_net, 3)).not.toBeNull();
  });

  it('on init failure frees the data at once and clears the slot (d266935ac43d)', () => {
    const b = bench({ boot: 'bare' });
    const a = op('A', ['init', 'exit'], true);
    register_pernet_subsys(b.k, a);
    const n1 = b.mustNet('n1');
    b.trace();
    b.k.fail_function = { ops: a, net: null };
    expect(ops_init(b.k, a, n1)).toBe(-ENOMEM);
    expect(b.trace()).toEqual(['alloc A n1', 'init_failed A n1', 'free A n1']);
    expect(n1.gen.ptr[3]).toBeNull();
  });

  it('B3: the failed op leaves a stale pointer to freed data in its slot', () => {
    const b = bench({ boot: 'bare', bugs: ['B3'] });
    const a = op('A', ['init'], true);
    register_pernet_subsys(b.k, a);
    const n1 = b.mustNet('n1');
    b.k.fail_function = { ops: a, net: null };
    ops_init(b.k, a, n1);
    const stale = n1.gen.ptr[3];
    expect(stale).toBeTruthy();
    expect(kasan_is_freed(b.k, stale as object)).toBe(true);
  });

  it('an op without init or generic data emits nothing', () => {
    const b = bench({ boot: 'bare' });
    const n1 = b.mustNet('n1');
    b.trace();
    expect(ops_init(b.k, op('E', ['exit']), n1)).toBe(0);
    expect(b.trace()).toEqual([]);
  });

  it('net_assign_generic grows the array by copy and frees the old one after a grace period', () => {
    const b = bench({ boot: 'bare' });
    const ops = Array.from({ length: INITIAL_NET_GEN_PTRS - 3 + 1 }, (_, i) =>
      op(`G${i}`, [], true),
    );
    const old = b.k.init_net.gen;
    for (const o of ops) expect(register_pernet_subsys(b.k, o)).toBe(0);
    // ids 3..13: id 13 does not fit an array of 13 pointers
    expect(ops.at(-1)?.id?.value).toBe(INITIAL_NET_GEN_PTRS);
    expect(b.k.init_net.gen).not.toBe(old);
    expect(b.k.init_net.gen.s.len).toBe(INITIAL_NET_GEN_PTRS + 1);
    for (let id = 3; id <= INITIAL_NET_GEN_PTRS; id++)
      expect(b.k.init_net.gen.ptr[id]).toBeTruthy();
    // kfree_rcu: the old array is still readable until the next rcu_barrier()
    expect(kasan_is_freed(b.k, old)).toBe(false);
    b.mustNet('n1');
    expect(kasan_is_freed(b.k, old)).toBe(false);
    register_pernet_subsys(b.k, op('F', ['init'], true));
    expect(kasan_is_freed(b.k, old)).toBe(false);
    // the failed registration's rcu_barrier() runs the queued kfree
    const failing = op('H', ['init'], true);
    b.k.fail_function = { ops: failing, net: null };
    register_pernet_subsys(b.k, failing);
    expect(kasan_is_freed(b.k, old)).toBe(true);
  });
});

describe('setup_net (copy_net_ns)', () => {
  it('full boot: netdev init, loopback init registers lo (one RTNL section), publish', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    expect(b.trace()).toEqual([
      'init netdev n1',
      'init loopback n1',
      'dev_register lo n1',
      'publish n1',
    ]);
    expect(devNames(n1)).toEqual(['lo']);
    expect(b.k.counters).toMatchObject({ pernetLock: 1, rtnl: 1, gracePeriods: 0 });
  });

  it('a failure unwinds the ops strictly before the failing one, in reverse', () => {
    const b = bench();
    const a = op('A', ['init', 'exit'], true);
    register_pernet_subsys(b.k, a); // [netdev, A, loopback, default_device]
    b.trace();
    b.k.fail_function = { ops: b.k.loopback_net_ops, net: null };
    expect(b.net('n1')).toBe(-ENOMEM);
    expect(b.trace()).toEqual([
      'init netdev n1',
      'alloc A n1',
      'init A n1',
      'init_failed loopback n1',
      'synchronize_rcu',
      'exit A n1',
      'exit netdev n1',
      'free A n1',
      'rcu_barrier',
    ]);
    expect([...for_each_net(b.k)].map(b.netName)).toEqual(['init_net']);
  });

  it('a failure after loopback deletes lo through default_device_exit_batch', () => {
    const b = bench();
    const x = op('X', ['init']);
    register_pernet_device(b.k, x); // [netdev, loopback, default_device, X]
    b.trace();
    const before = { ...b.k.counters };
    b.k.fail_function = { ops: x, net: null };
    expect(b.net('n1')).toBe(-ENOMEM);
    expect(b.trace()).toEqual([
      'init netdev n1',
      'init loopback n1',
      'dev_register lo n1',
      'init_failed X n1',
      'synchronize_rcu',
      'exit_batch default_device [n1]',
      'dev_unregister lo n1',
      'exit netdev n1',
      'rcu_barrier',
    ]);
    expect({
      pernetLock: b.k.counters.pernetLock - before.pernetLock,
      rtnl: b.k.counters.rtnl - before.rtnl,
      unregisterMany: b.k.counters.unregisterMany - before.unregisterMany,
    }).toEqual({ pernetLock: 1, rtnl: 2, unregisterMany: 1 });
  });

  it('B21a: the unwinding also undoes the failing op (its exit sees a NULL slot)', () => {
    const b = bench({ boot: 'bare', bugs: ['B21a'] });
    const a = op('A', ['init', 'exit'], true);
    register_pernet_subsys(b.k, a);
    b.k.fail_function = { ops: a, net: null };
    expect(() => b.net('n1')).toThrow(/KASAN: null-ptr-deref in exit of op A/);
  });
});

/** Bare boot with P (subsys) and Q (device), both with every hook and generic data. */
function twoOps(): { b: ReturnType<typeof bench>; n1: net; n2: net } {
  const all = ['init', 'pre_exit', 'exit', 'exit_batch', 'exit_rtnl'] as const;
  const b = bench({ boot: 'bare' });
  register_pernet_subsys(b.k, op('P', [...all], true));
  register_pernet_device(b.k, op('Q', [...all], true));
  const n1 = b.mustNet('n1');
  const n2 = b.mustNet('n2');
  b.trace();
  return { b, n1, n2 };
}

describe('ops_undo_list', () => {
  it('runs the five phases over all ops in reverse and all nets in list order', () => {
    const { b, n1, n2 } = twoOps();
    const nets = LIST_HEAD<net>();
    list_add_tail(n1.exit_list, nets);
    list_add_tail(n2.exit_list, nets);
    const before = { ...b.k.counters };
    ops_undo_list(b.k, b.k.pernet_list, null, nets, false);
    expect(b.trace()).toEqual([
      'pre_exit Q n1',
      'pre_exit Q n2',
      'pre_exit P n1',
      'pre_exit P n2',
      'synchronize_rcu',
      // nets outer, ops inner (reverse)
      'exit_rtnl Q n1',
      'exit_rtnl P n1',
      'exit_rtnl Q n2',
      'exit_rtnl P n2',
      'exit Q n1',
      'exit Q n2',
      'exit_batch Q [n1,n2]',
      'exit P n1',
      'exit P n2',
      'exit_batch P [n1,n2]',
      'free Q n1',
      'free Q n2',
      'free P n1',
      'free P n2',
    ]);
    expect(b.k.counters.rtnl - before.rtnl).toBe(1);
    expect(b.k.counters.unregisterMany - before.unregisterMany).toBe(1);
    expect(b.k.counters.gracePeriods - before.gracePeriods).toBe(1);
  });

  it('calls exit_batch even for an empty net list, and takes RTNL only for exit_rtnl ops', () => {
    const b = bench({ boot: 'bare' });
    register_pernet_subsys(b.k, op('R', ['exit_batch']));
    b.trace();
    ops_undo_list(b.k, b.k.pernet_list, null, LIST_HEAD(), false);
    expect(b.trace()).toEqual(['synchronize_rcu', 'exit_batch R []']);
    expect(b.k.counters.rtnl).toBe(0);
  });

  it('B18: pre_exit moves after the grace period, next to each exit', () => {
    const all = ['init', 'pre_exit', 'exit'] as const;
    const b = bench({ boot: 'bare', bugs: ['B18'] });
    register_pernet_subsys(b.k, op('P', [...all]));
    const n1 = b.mustNet('n1');
    b.trace();
    const nets = LIST_HEAD<net>();
    list_add_tail(n1.exit_list, nets);
    ops_undo_list(b.k, b.k.pernet_list, null, nets, false);
    expect(b.trace()).toEqual(['synchronize_rcu', 'pre_exit P n1', 'exit P n1']);
  });
});

describe('cleanup_net', () => {
  it('takes the whole cleanup list newest first as one batch', () => {
    const { b, n1, n2 } = twoOps();
    b.kill(n1); // an earlier batch: the next one takes only what was queued since
    const n3 = b.mustNet('n3');
    b.trace();
    b.k.counters.workRuns = 0;
    b.kill(n2, n3);
    expect(b.trace()).toEqual([
      'queue n2',
      'queue n3',
      'batch [n3,n2]',
      'unlink n3',
      'unlink n2',
      'pre_exit Q n3',
      'pre_exit Q n2',
      'pre_exit P n3',
      'pre_exit P n2',
      'synchronize_rcu',
      'exit_rtnl Q n3',
      'exit_rtnl P n3',
      'exit_rtnl Q n2',
      'exit_rtnl P n2',
      'exit Q n3',
      'exit Q n2',
      'exit_batch Q [n3,n2]',
      'exit P n3',
      'exit P n2',
      'exit_batch P [n3,n2]',
      'free Q n3',
      'free Q n2',
      'free P n3',
      'free P n2',
      'rcu_barrier',
      'net_free n3',
      'net_free n2',
    ]);
    expect(b.k.counters.workRuns).toBe(1);
  });

  it('__put_net queues the work only when the cleanup list was empty', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    b.trace();
    put_net(b.k, n1);
    expect(b.k.net_cleanup_work.pending).toBe(true);
    put_net(b.k, n2); // llist_add() returns false: the work is already queued
    expect(b.trace()).toEqual(['queue n1', 'queue n2']);
    expect(b.work()).toBe(true);
    expect(b.trace().slice(0, 1)).toEqual(['batch [n2,n1]']);
    expect(b.work()).toBe(false);
  });

  it('unhashes the ids survivors hold for a dying net before any exit', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    expect(peernet2id_alloc(b.k, b.k.init_net, n1)).toBe(0);
    expect(peernet2id_alloc(b.k, n2, n2)).toBe(0);
    expect(peernet2id_alloc(b.k, n2, n1)).toBe(1);
    b.trace();
    b.kill(n1);
    expect(b.trace()).toEqual([
      'queue n1',
      'batch [n1]',
      'unlink n1',
      'nsid_unhash init_net n1 0',
      'nsid_unhash n2 n1 1',
      'synchronize_rcu',
      'exit_batch default_device [n1]',
      'dev_unregister lo n1',
      'exit netdev n1',
      'rcu_barrier',
      'net_free n1',
    ]);
  });

  it('B22fifo: the batch is processed oldest first', () => {
    const b = bench({ bugs: ['B22fifo'] });
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    b.trace();
    b.kill(n1, n2);
    expect(b.trace().filter((l) => l.startsWith('batch'))).toEqual(['batch [n1,n2]']);
  });

  it('pre-batching: one net per run, oldest first, and the work requeues itself', () => {
    const b = bench({ bugs: ['pre-batching'] });
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    b.trace();
    b.kill(n1, n2);
    expect(b.trace().filter((l) => /^(batch|net_free)/.test(l))).toEqual([
      'batch [n1]',
      'net_free n1',
    ]);
    expect(b.work()).toBe(true);
    expect(b.trace().filter((l) => /^(batch|net_free)/.test(l))).toEqual([
      'batch [n2]',
      'net_free n2',
    ]);
    expect(b.work()).toBe(false);
  });
});
