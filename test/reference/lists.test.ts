/**
 * include/linux/list.h (with CONFIG_DEBUG_LIST), include/linux/llist.h and lib/idr.c, checked
 * against what the C macros do: expected orders are read off the C, not computed.
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
  list_del_init,
  list_empty,
  list_for_each_entry,
  list_for_each_entry_continue_reverse,
  list_for_each_entry_reverse,
  list_for_each_entry_safe,
  list_head,
  list_move_tail,
  list_replace_init,
} from '../../reference/include/list.ts';
import {
  llist_add,
  llist_del_all,
  llist_for_each_entry,
  llist_head,
  llist_node,
  llist_reverse_order,
} from '../../reference/include/llist.ts';
import {
  DEFINE_IDA,
  ida_alloc_min,
  ida_free,
  idr_alloc,
  idr_destroy,
  idr_find,
  idr_for_each,
  idr_init,
  idr_remove,
} from '../../reference/include/idr.ts';

interface item {
  name: string;
  node: list_head<item>;
}

function items(...names: string[]): item[] {
  return names.map((name) => {
    const it = { name } as item;
    it.node = new list_head(it);
    return it;
  });
}

const names = (g: Iterable<item>): string[] => [...g].map((i) => i.name);

describe('list_add / list_add_tail', () => {
  it('list_add pushes at the head (stack order), list_add_tail appends (queue order)', () => {
    const [a, b, c] = items('a', 'b', 'c');
    const stack = LIST_HEAD<item>();
    list_add(a!.node, stack);
    list_add(b!.node, stack);
    list_add(c!.node, stack);
    expect(names(list_for_each_entry(stack))).toEqual(['c', 'b', 'a']);

    const [d, e, f] = items('d', 'e', 'f');
    const queue = LIST_HEAD<item>();
    for (const x of [d!, e!, f!]) list_add_tail(x.node, queue);
    expect(names(list_for_each_entry(queue))).toEqual(['d', 'e', 'f']);
    expect(names(list_for_each_entry_reverse(queue))).toEqual(['f', 'e', 'd']);
  });

  it('CONFIG_DEBUG_LIST: adding an entry next to itself is a double add', () => {
    const [a] = items('a');
    const head = LIST_HEAD<item>();
    list_add_tail(a!.node, head);
    expect(() => list_add_tail(a!.node, head)).toThrow(/list_add double add/);
  });
});

describe('list_del / list_del_init', () => {
  it('list_del poisons the entry; a second list_del reports LIST_POISON1', () => {
    const [a, b] = items('a', 'b');
    const head = LIST_HEAD<item>();
    list_add_tail(a!.node, head);
    list_add_tail(b!.node, head);
    list_del(a!.node);
    expect(names(list_for_each_entry(head))).toEqual(['b']);
    expect(a!.node.next).toBe(LIST_POISON1);
    expect(a!.node.prev).toBe(LIST_POISON2);
    expect(() => list_del(a!.node)).toThrow(ListCorruption);
  });

  it('list_del_init leaves an empty list that can be deleted again', () => {
    const [a] = items('a');
    const head = LIST_HEAD<item>();
    list_add_tail(a!.node, head);
    list_del_init(a!.node);
    expect(list_empty(head)).toBe(true);
    expect(list_empty(a!.node)).toBe(true);
    expect(() => list_del_init(a!.node)).not.toThrow();
  });

  it('list_for_each_entry_safe survives deleting the current entry', () => {
    const head = LIST_HEAD<item>();
    for (const x of items('a', 'b', 'c')) list_add_tail(x.node, head);
    const seen: string[] = [];
    for (const x of list_for_each_entry_safe(head)) {
      seen.push(x.name);
      list_del(x.node);
    }
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(list_empty(head)).toBe(true);
  });
});

describe('list_move_tail', () => {
  it('moves an already queued entry to the tail instead of queueing it twice', () => {
    const head = LIST_HEAD<item>();
    const [a, b, c] = items('a', 'b', 'c');
    for (const x of [a!, b!, c!]) list_add_tail(x.node, head);
    list_move_tail(a!.node, head);
    expect(names(list_for_each_entry(head))).toEqual(['b', 'c', 'a']);
  });

  it('moves an entry from one list to the tail of another', () => {
    const from = LIST_HEAD<item>();
    const to = LIST_HEAD<item>();
    const [a, b] = items('a', 'b');
    list_add_tail(a!.node, from);
    list_add_tail(b!.node, to);
    list_move_tail(a!.node, to);
    expect(list_empty(from)).toBe(true);
    expect(names(list_for_each_entry(to))).toEqual(['b', 'a']);
  });
});

describe('list_for_each_entry_continue_reverse', () => {
  it('walks from the entry before pos back to the head; pos = head walks the whole list', () => {
    const head = LIST_HEAD<item>();
    const xs = items('a', 'b', 'c', 'd');
    for (const x of xs) list_add_tail(x.node, head);
    expect(names(list_for_each_entry_continue_reverse(xs[2]!.node, head))).toEqual(['b', 'a']);
    expect(names(list_for_each_entry_continue_reverse(head, head))).toEqual(['d', 'c', 'b', 'a']);
    expect(names(list_for_each_entry_continue_reverse(xs[0]!.node, head))).toEqual([]);
  });
});

describe('list_replace_init', () => {
  it('moves all entries to the new head and empties the old one', () => {
    const old = LIST_HEAD<item>();
    for (const x of items('a', 'b')) list_add_tail(x.node, old);
    const n = LIST_HEAD<item>();
    list_replace_init(old, n);
    expect(list_empty(old)).toBe(true);
    expect(names(list_for_each_entry(n))).toEqual(['a', 'b']);
  });
});

describe('llist_add / llist_del_all / llist_reverse_order', () => {
  it('pushes at the head, reports the first add, and snapshots newest first', () => {
    const head = new llist_head<string>();
    const [a, b, c] = ['a', 'b', 'c'].map((s) => new llist_node(s));
    expect(llist_add(a!, head)).toBe(true);
    expect(llist_add(b!, head)).toBe(false);
    expect(llist_add(c!, head)).toBe(false);
    const snap = llist_del_all(head);
    expect(head.first).toBeNull();
    expect([...llist_for_each_entry(snap)]).toEqual(['c', 'b', 'a']);
    expect([...llist_for_each_entry(llist_reverse_order(snap))]).toEqual(['a', 'b', 'c']);
  });
});

describe('ida_alloc_min / ida_free', () => {
  it('hands out the smallest free id >= min and reuses freed ids', () => {
    const ida = DEFINE_IDA();
    expect([3, 3, 3].map((m) => ida_alloc_min(ida, m))).toEqual([3, 4, 5]);
    ida_free(ida, 4);
    expect(ida_alloc_min(ida, 3)).toBe(4);
    expect(ida_alloc_min(ida, 10)).toBe(10);
  });

  it('freeing an id that is not allocated is reported', () => {
    const ida = DEFINE_IDA();
    expect(() => ida_free(ida, 3)).toThrow(/not allocated/);
  });
});

describe('idr_alloc / idr_find / idr_remove / idr_for_each', () => {
  it('stores at the smallest free id in range, iterates in ascending order', () => {
    const idr = idr_init<string>();
    expect(idr_alloc(idr, 'x', 0, 0)).toBe(0);
    expect(idr_alloc(idr, 'y', 0, 0)).toBe(1);
    expect(idr_alloc(idr, 'z', 5, 6)).toBe(5);
    expect(idr_alloc(idr, 'w', 5, 6)).toBeLessThan(0); // -ENOSPC
    expect(idr_remove(idr, 0)).toBe('x');
    expect(idr_alloc(idr, 'v', 0, 0)).toBe(0);
    expect(idr_find(idr, 5)).toBe('z');
    const seen: string[] = [];
    idr_for_each(idr, (id, p) => {
      seen.push(`${id}:${p}`);
      return 0;
    });
    expect(seen).toEqual(['0:v', '1:y', '5:z']);
    expect(idr_for_each(idr, (id) => (id === 1 ? 7 : 0))).toBe(7);
    idr_destroy(idr);
    expect(idr_find(idr, 1)).toBeNull();
  });
});
