/**
 * include/linux/llist.h, lib/llist.c — the lock-less singly linked list: additions push at the
 * head, so a snapshot taken with llist_del_all() is newest first.
 */

/** struct llist_node, with its container (container_of). */
export class llist_node<T> {
  next: llist_node<T> | null = null;
  constructor(readonly owner: T) {}
}

/** struct llist_head. */
export class llist_head<T> {
  first: llist_node<T> | null = null;
}

/** llist_add(): push `n`; returns true when the list was empty before (lib/llist.c). */
export function llist_add<T>(n: llist_node<T>, head: llist_head<T>): boolean {
  return llist_add_batch(n, n, head);
}

/** llist_add_batch(): push the chain new_first..new_last; true when the list was empty. */
export function llist_add_batch<T>(
  new_first: llist_node<T>,
  new_last: llist_node<T>,
  head: llist_head<T>,
): boolean {
  new_last.next = head.first;
  head.first = new_first;
  return new_last.next === null;
}

/** llist_del_all(): atomically take the whole chain (newest first). */
export function llist_del_all<T>(head: llist_head<T>): llist_node<T> | null {
  const first = head.first;
  head.first = null;
  return first;
}

/** llist_empty(). */
export function llist_empty<T>(head: llist_head<T>): boolean {
  return head.first === null;
}

/** llist_reverse_order(): reverse a chain taken with llist_del_all(). */
export function llist_reverse_order<T>(head: llist_node<T> | null): llist_node<T> | null {
  let new_head: llist_node<T> | null = null;
  while (head) {
    const tmp = head;
    head = head.next;
    tmp.next = new_head;
    new_head = tmp;
  }
  return new_head;
}

/** llist_for_each_entry(): walk a chain; `pos->next` is read after the body. */
export function* llist_for_each_entry<T>(node: llist_node<T> | null): Generator<T> {
  for (let pos = node; pos; pos = pos.next) yield pos.owner;
}

/** llist_for_each_entry_safe(): walk a chain, fetching the next node before the body. */
export function* llist_for_each_entry_safe<T>(node: llist_node<T> | null): Generator<T> {
  for (let pos = node, n = pos?.next ?? null; pos; pos = n, n = pos?.next ?? null) yield pos.owner;
}
