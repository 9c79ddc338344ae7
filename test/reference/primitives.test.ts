/**
 * The kernel primitives misused on purpose: each self-check (CONFIG_DEBUG_LIST, refcount_t
 * saturation, rwsem and WARN/BUG, IDA/IDR limits, KASAN) must stop the kernel with the report
 * that names the broken rule, and the edge cases of the helpers must behave like the C.
 */
import { describe, expect, it } from 'vitest';
import {
  LIST_HEAD,
  LIST_POISON1,
  LIST_POISON2,
  ListCorruption,
  list_add,
  list_add_tail,
  list_del,
  list_del_rcu,
  list_entry,
  list_first_entry,
  list_for_each_entry,
  list_for_each_entry_continue,
  list_for_each_entry_continue_reverse,
  list_for_each_entry_reverse,
  list_head,
  list_last_entry,
  list_replace_init,
} from '../../reference/include/list.ts';
import {
  llist_add,
  llist_add_batch,
  llist_del_all,
  llist_empty,
  llist_for_each_entry_safe,
  llist_head,
  llist_node,
} from '../../reference/include/llist.ts';
import {
  DEFINE_IDA,
  ida_alloc_min,
  ida_exists,
  ida_free,
  idr_alloc,
  idr_init,
  idr_remove,
} from '../../reference/include/idr.ts';
import {
  REFCOUNT_INIT,
  refcount_dec,
  refcount_dec_and_test,
  refcount_inc,
  refcount_inc_not_zero,
  refcount_read,
  refcount_set,
} from '../../reference/include/refcount.ts';
import {
  DECLARE_RWSEM,
  down_read,
  down_read_killable,
  down_write,
  up_read,
  up_write,
} from '../../reference/include/rwsem.ts';
import { BUG, BUG_ON, KernelBug, WARN_ON } from '../../reference/include/bug.ts';
import { ENOSPC, EINVAL, ENOENT, errname, IS_ERR } from '../../reference/include/errno.ts';
import {
  RAW_NOTIFIER_HEAD,
  raw_notifier_call_chain,
  raw_notifier_chain_register,
  raw_notifier_chain_unregister,
  type notifier_block,
} from '../../reference/include/linux/notifier.ts';
import {
  call_rcu,
  rcu_barrier,
  rcu_barrier_uncounted,
  synchronize_rcu,
  synchronize_rcu_expedited,
} from '../../reference/include/rcupdate.ts';
import {
  KasanReport,
  kasan_alloc,
  kasan_check,
  kasan_free,
  kasan_init,
  kasan_is_freed,
} from '../../reference/mm/kasan.ts';
import { kfree, kzalloc } from '../../reference/mm/slab.ts';
import {
  INIT_WORK,
  create_singlethread_workqueue,
  process_one_work,
  queue_work,
  workqueue_busy,
} from '../../reference/kernel/workqueue.ts';
import { net_generic } from '../../reference/include/net/netns/generic.ts';
import { start_kernel, type kernel } from '../../reference/kernel.ts';

const INT_MAX = 0x7fffffff;

interface item {
  name: string;
  node: list_head<item>;
}

function list(...names: string[]): { head: list_head<item>; xs: item[] } {
  const head = LIST_HEAD<item>();
  const xs = names.map((name) => {
    const it = { name } as item;
    it.node = new list_head(it);
    list_add_tail(it.node, head);
    return it;
  });
  return { head, xs };
}

const names = (g: Iterable<item>): string[] => [...g].map((i) => i.name);

describe('CONFIG_DEBUG_LIST (lib/list_debug.c)', () => {
  it('list_add: next->prev that is not prev is reported', () => {
    const { head, xs } = list('a', 'b');
    const fresh = new list_head<item>({ name: 'm' } as item);
    xs[0]!.node.prev = xs[1]!.node; // corrupt: head->next->prev != head
    expect(() => list_add(fresh, head)).toThrow(
      'list_add corruption. next->prev should be prev, but was not.',
    );
    expect(fresh.next).toBe(fresh);
  });

  it('list_add: prev->next that is not next is reported', () => {
    const { head, xs } = list('a', 'b');
    const fresh = new list_head<item>({ name: 'm' } as item);
    head.prev = xs[0]!.node; // corrupt: head->prev->next != head
    expect(() => list_add_tail(fresh, head)).toThrow(
      'list_add corruption. prev->next should be next, but was not.',
    );
  });

  it('list_add: adding an entry before itself (new == next) is a double add', () => {
    const { xs } = list('a', 'b');
    expect(() => list_add_tail(xs[1]!.node, xs[1]!.node.next)).toThrow(
      'list_add double add: new is already prev or next of its position.',
    );
    expect(() => list_add_tail(xs[0]!.node, xs[1]!.node)).toThrow(/double add/);
  });

  it('list_del of a deleted entry names the poison it found first', () => {
    const { xs } = list('a', 'b');
    list_del(xs[0]!.node);
    expect(() => list_del(xs[0]!.node)).toThrow('list_del corruption, entry->next is LIST_POISON1');
    list_del_rcu(xs[1]!.node); // keeps next for RCU readers, poisons prev
    expect(xs[1]!.node.prev).toBe(LIST_POISON2);
    expect(xs[1]!.node.next).not.toBe(LIST_POISON1);
    expect(() => list_del(xs[1]!.node)).toThrow('list_del corruption, entry->prev is LIST_POISON2');
  });

  it('list_del: a neighbour that does not point back is reported (prev side, then next side)', () => {
    const a = list('a', 'b', 'c');
    a.xs[0]!.node.next = a.xs[2]!.node; // a skips b: b->prev->next != b
    expect(() => list_del(a.xs[1]!.node)).toThrow(
      'list_del corruption. prev->next should be entry, but was not.',
    );
    const b = list('a', 'b', 'c');
    b.xs[2]!.node.prev = b.xs[0]!.node; // c skips b: b->next->prev != b
    expect(() => list_del(b.xs[1]!.node)).toThrow(
      'list_del corruption. next->prev should be entry, but was not.',
    );
  });

  it('list_entry of a head or of a poisoned pointer is reported', () => {
    const { head, xs } = list('a');
    expect(() => list_entry(head)).toThrow('list_entry() on a list head');
    expect(() => list_entry(LIST_POISON1 as list_head<item>)).toThrow(
      'list_entry() on a poisoned (deleted) entry',
    );
    expect(() => list_entry(LIST_POISON2 as list_head<item>)).toThrow(/poisoned/);
    expect(list_entry(xs[0]!.node).name).toBe('a');
  });

  it('iterating onto a deleted entry is reported, in every direction', () => {
    const s = list('a', 'b');
    expect(() => {
      for (const x of list_for_each_entry_continue(s.head, s.head))
        if (x === s.xs[0]) list_del(x.node);
    }).toThrow('list iteration reached a deleted entry');
    const { head, xs } = list('a', 'b');
    expect(() => {
      for (const x of list_for_each_entry(head)) if (x === xs[0]) list_del(x.node);
    }).toThrow('list iteration reached a deleted entry');
    const r = list('a', 'b');
    expect(() => {
      for (const x of list_for_each_entry_reverse(r.head)) if (x === r.xs[1]) list_del(x.node);
    }).toThrow('list iteration reached a deleted entry');
    const c = list('a', 'b');
    expect(() => {
      for (const x of list_for_each_entry_continue_reverse(c.head, c.head))
        if (x === c.xs[1]) list_del(x.node);
    }).toThrow('list iteration reached a deleted entry');
  });
});

describe('list helpers', () => {
  it('first/last entry, continue from an entry, replace_init of an empty list', () => {
    const { head, xs } = list('a', 'b', 'c');
    expect(list_first_entry(head).name).toBe('a');
    expect(list_last_entry(head).name).toBe('c');
    expect(names(list_for_each_entry_continue(xs[0]!.node, head))).toEqual(['b', 'c']);
    expect(names(list_for_each_entry_continue(xs[2]!.node, head))).toEqual([]);
    expect(names(list_for_each_entry_continue(head, head))).toEqual(['a', 'b', 'c']);
    const empty = LIST_HEAD<item>();
    const stale = list('x').head; // a head that still points at an entry
    list_replace_init(empty, stale);
    expect(stale.next).toBe(stale);
    expect(stale.prev).toBe(stale);
    expect(empty.next).toBe(empty);
  });

  it('list_replace_init relinks both neighbours to the new head', () => {
    const { head, xs } = list('a', 'b');
    const n = LIST_HEAD<item>();
    list_replace_init(head, n);
    expect(xs[0]!.node.prev).toBe(n);
    expect(xs[1]!.node.next).toBe(n);
    expect(n.prev).toBe(xs[1]!.node);
    expect(names(list_for_each_entry_reverse(n))).toEqual(['b', 'a']);
    expect(head.next).toBe(head);
    expect(head.prev).toBe(head);
  });
});

describe('llist', () => {
  it('llist_add_batch pushes a chain; _safe iteration survives relinking the current node', () => {
    const head = new llist_head<string>();
    expect(llist_empty(head)).toBe(true);
    const [a, b, c] = ['a', 'b', 'c'].map((s) => new llist_node(s));
    a!.next = b!;
    expect(llist_add_batch(a!, b!, head)).toBe(true);
    expect(llist_empty(head)).toBe(false);
    expect(llist_add(c!, head)).toBe(false);
    const snap = llist_del_all(head);
    const seen: string[] = [];
    for (const s of llist_for_each_entry_safe(snap)) {
      seen.push(s);
      if (s === 'c') c!.next = null; // the next node was fetched before the body
    }
    expect(seen).toEqual(['c', 'a', 'b']);
    expect([...llist_for_each_entry_safe(null)]).toEqual([]);
  });
});

describe('IDA / IDR limits', () => {
  it('ida_alloc_min: INT_MAX is the last id, then -ENOSPC', () => {
    const ida = DEFINE_IDA();
    expect(ida_exists(ida, 3)).toBe(false);
    expect(ida_alloc_min(ida, INT_MAX)).toBe(INT_MAX);
    expect(ida_exists(ida, INT_MAX)).toBe(true);
    expect(ida_alloc_min(ida, INT_MAX)).toBe(-ENOSPC);
    ida_free(ida, INT_MAX);
    expect(ida_exists(ida, INT_MAX)).toBe(false);
    expect(() => ida_free(ida, INT_MAX)).toThrow(
      `ida_free called for id=${INT_MAX} which is not allocated.`,
    );
  });

  it('idr_alloc: end <= 0 means up to INT_MAX; a full range is -ENOSPC', () => {
    const idr = idr_init<string>();
    expect(idr_alloc(idr, 'a', INT_MAX, 0)).toBe(INT_MAX);
    expect(idr_alloc(idr, 'b', INT_MAX, 0)).toBe(-ENOSPC);
    expect(idr_alloc(idr, 'c', INT_MAX, -1)).toBe(-ENOSPC);
    expect(idr_alloc(idr, 'd', 1, 2)).toBe(1);
    expect(idr_alloc(idr, 'e', 1, 2)).toBe(-ENOSPC);
    expect(idr_remove(idr, 7)).toBeNull();
  });
});

describe('refcount_t', () => {
  it('misuse stops the kernel with the refcount WARN text', () => {
    const r = REFCOUNT_INIT(0);
    expect(refcount_read(r)).toBe(0);
    expect(() => refcount_inc(r)).toThrow('refcount_t: addition on 0; use-after-free.');
    expect(() => refcount_dec_and_test(r)).toThrow('refcount_t: underflow; use-after-free.');
    expect(refcount_inc_not_zero(r)).toBe(false);
    expect(r.refs).toBe(0);
    refcount_set(r, 1);
    expect(() => refcount_dec(r)).toThrow('refcount_t: decrement hit 0; leaking memory.');
    expect(r.refs).toBe(1);
    refcount_inc(r);
    expect(refcount_read(r)).toBe(2);
    expect(refcount_inc_not_zero(r)).toBe(true);
    refcount_dec(r);
    expect(refcount_read(r)).toBe(2);
    expect(refcount_dec_and_test(r)).toBe(false);
    expect(refcount_dec_and_test(r)).toBe(true);
    expect(r.refs).toBe(0);
  });
});

describe('rw_semaphore', () => {
  const k = () => start_kernel({ boot: 'bare' });

  it('lock misuse is a BUG naming the lock', () => {
    const kk = k();
    const sem = DECLARE_RWSEM('test_sem', null);
    expect(() => up_read(kk, sem)).toThrow('kernel BUG: up_read(test_sem) without down_read');
    expect(() => up_write(kk, sem)).toThrow('kernel BUG: up_write(test_sem) without down_write');
    down_write(kk, sem);
    expect(() => down_read(kk, sem)).toThrow(
      'kernel BUG: down_read(test_sem) while write-locked: deadlock',
    );
    expect(() => down_write(kk, sem)).toThrow(
      'kernel BUG: down_write(test_sem) while held: deadlock',
    );
    up_write(kk, sem);
    expect(sem.writer).toBe(false);
    expect(down_read_killable(kk, sem)).toBe(0);
    down_read(kk, sem);
    expect(sem.readers).toBe(2);
    expect(() => down_write(kk, sem)).toThrow(/while held/);
    up_read(kk, sem);
    up_read(kk, sem);
    expect(sem.readers).toBe(0);
    down_write(kk, sem);
  });

  it('acquisitions of a counted lock feed its counter; an uncounted one feeds none', () => {
    const kk = k();
    const before = { ...kk.counters };
    const sem = DECLARE_RWSEM('counted', 'pernetLock');
    down_read(kk, sem);
    up_read(kk, sem);
    down_write(kk, sem);
    up_write(kk, sem);
    expect(kk.counters.pernetLock).toBe(before.pernetLock + 2);
    down_read(kk, DECLARE_RWSEM('free', null));
    expect(kk.counters).toEqual({ ...before, pernetLock: before.pernetLock + 2 });
  });
});

describe('BUG / WARN', () => {
  it('BUG_ON stops only when the condition holds; WARN_ON records, then panics on warn', () => {
    expect(() => BUG('x')).toThrow(new KernelBug('kernel BUG: x'));
    expect(() => BUG_ON(false, 'y')).not.toThrow();
    expect(() => BUG_ON(true, 'y')).toThrow('kernel BUG: y');
    const w = { panic_on_warn: false, warnings: [] as string[] };
    expect(WARN_ON(w, false, 'quiet')).toBe(false);
    expect(WARN_ON(w, true, 'loud')).toBe(true);
    expect(w.warnings).toEqual(['loud']);
    w.panic_on_warn = true;
    expect(() => WARN_ON(w, true, 'fatal')).toThrow('WARNING: fatal (panic_on_warn set)');
    expect(w.warnings).toEqual(['loud', 'fatal']);
    expect(new KernelBug('z').name).toBe('KernelBug');
    expect(new ListCorruption('z').name).toBe('ListCorruption');
    expect(new KasanReport('z').name).toBe('KasanReport');
  });
});

describe('errno', () => {
  it('errname prints either sign, and unknown errnos as E<n>', () => {
    expect(errname(-EINVAL)).toBe('EINVAL');
    expect(errname(ENOENT)).toBe('ENOENT');
    expect(errname(-99)).toBe('E99');
    expect(errname(99)).toBe('E99');
    expect(IS_ERR(-EINVAL)).toBe(true);
    expect(IS_ERR({})).toBe(false);
  });
});

describe('raw notifier chains', () => {
  it('higher priority first, ties in registration order; the last return value wins', () => {
    const kk = start_kernel({ boot: 'bare' });
    const nh = RAW_NOTIFIER_HEAD();
    const seen: string[] = [];
    const nb = (name: string, priority: number, ret = 0): notifier_block => ({
      priority,
      notifier_call: () => {
        seen.push(name);
        return ret;
      },
    });
    const blocks = [nb('a', 0), nb('b', 10), nb('c', 0), nb('d', 10, 5), nb('e', -1, 7)];
    for (const b of blocks) expect(raw_notifier_chain_register(nh, b)).toBe(0);
    expect(raw_notifier_call_chain(kk, nh, 1, null)).toBe(7);
    expect(seen).toEqual(['b', 'd', 'a', 'c', 'e']);
    seen.length = 0;
    expect(raw_notifier_chain_unregister(nh, blocks[4]!)).toBe(0);
    expect(raw_notifier_chain_unregister(nh, blocks[4]!)).toBe(0);
    expect(raw_notifier_call_chain(kk, nh, 1, null)).toBe(0);
    expect(seen).toEqual(['b', 'd', 'a', 'c']);
  });
});

describe('RCU', () => {
  it('callbacks wait for rcu_barrier (counted or not); grace periods are counted and traced', () => {
    const kk = start_kernel({ boot: 'bare' });
    kk.trace.splice(0);
    const before = { ...kk.counters };
    const ran: number[] = [];
    call_rcu(kk, () => ran.push(1));
    synchronize_rcu(kk);
    synchronize_rcu_expedited(kk);
    expect(ran).toEqual([]);
    rcu_barrier_uncounted(kk);
    expect(ran).toEqual([1]);
    call_rcu(kk, () => ran.push(2));
    rcu_barrier(kk);
    rcu_barrier(kk);
    expect(ran).toEqual([1, 2]);
    expect(kk.counters.gracePeriods).toBe(before.gracePeriods + 2);
    expect(kk.counters.rcuBarriers).toBe(before.rcuBarriers + 2);
    expect(kk.trace.map((r) => r.type)).toEqual([
      'synchronize_rcu',
      'synchronize_rcu',
      'rcu_barrier',
      'rcu_barrier',
    ]);
  });
});

describe('KASAN and the slab', () => {
  it('reports name the bug type, the site and the freeing function', () => {
    const k = { kasan: kasan_init() };
    const obj = kzalloc(k, { name: 'thing' }, () => 'a thing');
    expect(kasan_is_freed(k, obj)).toBe(false);
    kfree(k, null, 'nobody');
    kfree(k, obj, 'first_free');
    expect(kasan_is_freed(k, obj)).toBe(true);
    expect(() => kasan_check(k, obj, 'reader')).toThrow(
      'KASAN: use-after-free in reader: a thing freed by first_free',
    );
    expect(() => kfree(k, obj, 'second_free')).toThrow(
      'KASAN: double-free in second_free: a thing already freed by first_free',
    );
    // objects KASAN never saw (not from the slab) are not tracked
    const untracked = {};
    expect(() => kasan_free(k, untracked, 'x')).not.toThrow();
    expect(() => kasan_free(k, untracked, 'x')).not.toThrow();
    expect(kasan_is_freed(k, untracked)).toBe(false);
    kasan_alloc(k, untracked, () => 'late');
    expect(() => kasan_check(k, untracked, 'y')).not.toThrow();
  });

  it('the default symbolizer prints a name field, else the constructor name', () => {
    const { symbolize } = kasan_init();
    expect(symbolize({ name: 'eth0' })).toBe('eth0');
    expect(symbolize({ name: 3 })).toBe('Object');
    expect(symbolize(new (class thing {})())).toBe('thing');
  });

  it('net_generic out of bounds is a slab-out-of-bounds report', () => {
    const kk: kernel = start_kernel();
    const len = kk.init_net.gen.s.len;
    expect(() => net_generic(kk, kk.init_net, len - kk.era.generic_slot_offset)).toThrow(
      `KASAN: slab-out-of-bounds in net_generic: id ${len} of a net_generic of len ${len} (net`,
    );
    expect(() => net_generic(kk, kk.init_net, -1)).toThrow(/slab-out-of-bounds/);
    expect(net_generic(kk, kk.init_net, len - 1)).toBeNull();
  });
});

describe('workqueue', () => {
  it('queueing a pending work is a no-op; the pending bit clears before the function runs', () => {
    const kk = start_kernel({ boot: 'bare' });
    const wq = create_singlethread_workqueue('test_wq');
    const runs: boolean[] = [];
    const work = INIT_WORK((k, w) => {
      runs.push(w.pending);
      if (runs.length === 1) expect(queue_work(k, wq, w)).toBe(true);
    });
    expect(workqueue_busy(wq)).toBe(false);
    expect(process_one_work(kk, wq)).toBe(false);
    expect(queue_work(kk, wq, work)).toBe(true);
    expect(queue_work(kk, wq, work)).toBe(false);
    expect(workqueue_busy(wq)).toBe(true);
    const before = kk.counters.workRuns;
    expect(process_one_work(kk, wq)).toBe(true);
    expect(process_one_work(kk, wq)).toBe(true);
    expect(process_one_work(kk, wq)).toBe(false);
    expect(runs).toEqual([false, false]);
    expect(kk.counters.workRuns).toBe(before + 2);
  });
});

it('EINVAL is 22 (sanity for the messages above)', () => {
  expect(EINVAL).toBe(22);
});
