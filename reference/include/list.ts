/**
 * include/linux/list.h — the kernel's intrusive circular doubly linked list, with the
 * CONFIG_DEBUG_LIST checks of lib/list_debug.c.
 *
 * A node remembers the structure it is embedded in (`owner`), which stands in for
 * container_of(); a list head has no owner. Iteration helpers are generators that read
 * `pos->next` after the loop body, exactly like the C macros, so deleting the current entry
 * needs the `_safe` variant here too.
 */

/** struct list_head. */
export class list_head<T = unknown> {
  next: list_head<T>;
  prev: list_head<T>;
  /** The structure this node is embedded in (container_of); undefined for a list head. */
  readonly owner: T | undefined;

  constructor(owner?: T) {
    this.next = this;
    this.prev = this;
    this.owner = owner;
  }
}

/** Thrown by the CONFIG_DEBUG_LIST checks (CHECK_DATA_CORRUPTION with BUG_ON_DATA_CORRUPTION=y). */
export class ListCorruption extends Error {
  override name = 'ListCorruption';
}

/** LIST_POISON1/LIST_POISON2: what list_del() leaves in a deleted entry (frozen, never linked). */
export const LIST_POISON1: list_head<never> = Object.freeze(new list_head<never>());
export const LIST_POISON2: list_head<never> = Object.freeze(new list_head<never>());

function poison<T>(p: list_head<never>): list_head<T> {
  return p as unknown as list_head<T>;
}

function is_poison(p: list_head<unknown>): boolean {
  return p === LIST_POISON1 || p === LIST_POISON2;
}

/** LIST_HEAD(name): a new, empty list head. */
export function LIST_HEAD<T>(): list_head<T> {
  return new list_head<T>();
}

/** INIT_LIST_HEAD(). */
export function INIT_LIST_HEAD<T>(list: list_head<T>): void {
  list.next = list;
  list.prev = list;
}

/** __list_add_valid_or_report() from lib/list_debug.c. */
function __list_add_valid<T>(n: list_head<T>, prev: list_head<T>, next: list_head<T>): void {
  if (next.prev !== prev)
    throw new ListCorruption('list_add corruption. next->prev should be prev, but was not.');
  if (prev.next !== next)
    throw new ListCorruption('list_add corruption. prev->next should be next, but was not.');
  if (n === prev || n === next)
    throw new ListCorruption('list_add double add: new is already prev or next of its position.');
}

/** __list_del_entry_valid_or_report() from lib/list_debug.c. */
function __list_del_entry_valid<T>(entry: list_head<T>): void {
  if (entry.next === poison<T>(LIST_POISON1))
    throw new ListCorruption('list_del corruption, entry->next is LIST_POISON1');
  if (entry.prev === poison<T>(LIST_POISON2))
    throw new ListCorruption('list_del corruption, entry->prev is LIST_POISON2');
  if (entry.prev.next !== entry)
    throw new ListCorruption('list_del corruption. prev->next should be entry, but was not.');
  if (entry.next.prev !== entry)
    throw new ListCorruption('list_del corruption. next->prev should be entry, but was not.');
}

function __list_add<T>(n: list_head<T>, prev: list_head<T>, next: list_head<T>): void {
  __list_add_valid(n, prev, next);
  next.prev = n;
  n.next = next;
  n.prev = prev;
  prev.next = n;
}

/** list_add(): insert `n` right after `head` (stack order). */
export function list_add<T>(n: list_head<T>, head: list_head<T>): void {
  __list_add(n, head, head.next);
}

/** list_add_tail(): insert `n` right before `head` (queue order). */
export function list_add_tail<T>(n: list_head<T>, head: list_head<T>): void {
  __list_add(n, head.prev, head);
}

/** list_add_tail_rcu(): list_add_tail() with the publication barrier (a no-op here). */
export const list_add_tail_rcu = list_add_tail;

function __list_del_entry<T>(entry: list_head<T>): void {
  __list_del_entry_valid(entry);
  entry.next.prev = entry.prev;
  entry.prev.next = entry.next;
}

/** list_del(): unlink `entry` and poison it. */
export function list_del<T>(entry: list_head<T>): void {
  __list_del_entry(entry);
  entry.next = poison<T>(LIST_POISON1);
  entry.prev = poison<T>(LIST_POISON2);
}

/** list_del_rcu(): unlink `entry`, keep `next` for concurrent RCU readers, poison `prev`. */
export function list_del_rcu<T>(entry: list_head<T>): void {
  __list_del_entry(entry);
  entry.prev = poison<T>(LIST_POISON2);
}

/** list_del_init(): unlink `entry` and make it an empty list again. */
export function list_del_init<T>(entry: list_head<T>): void {
  __list_del_entry(entry);
  INIT_LIST_HEAD(entry);
}

/** list_move_tail(): unlink `list` from wherever it is and add it before `head`. */
export function list_move_tail<T>(list: list_head<T>, head: list_head<T>): void {
  __list_del_entry(list);
  list_add_tail(list, head);
}

/**
 * list_replace_init(): list_replace() then INIT_LIST_HEAD(old): move all entries of `old` to
 * `n`, leaving `old` empty. An empty `old` leaves `n` empty too (n->prev = old->prev = n).
 */
export function list_replace_init<T>(old: list_head<T>, n: list_head<T>): void {
  n.next = old.next;
  n.next.prev = n;
  n.prev = old.prev;
  n.prev.next = n;
  INIT_LIST_HEAD(old);
}

/** list_empty(). */
export function list_empty<T>(head: list_head<T>): boolean {
  return head.next === head;
}

/** list_entry() / container_of(): the structure a node is embedded in. */
export function list_entry<T>(pos: list_head<T>): T {
  if (is_poison(pos)) throw new ListCorruption('list_entry() on a poisoned (deleted) entry');
  if (pos.owner === undefined) throw new ListCorruption('list_entry() on a list head');
  return pos.owner;
}

/** list_first_entry(). */
export function list_first_entry<T>(head: list_head<T>): T {
  return list_entry(head.next);
}

/** list_last_entry(). */
export function list_last_entry<T>(head: list_head<T>): T {
  return list_entry(head.prev);
}

function step<T>(pos: list_head<T>): list_head<T> {
  if (is_poison(pos)) throw new ListCorruption('list iteration reached a deleted entry');
  return pos;
}

/** list_for_each_entry(): forward; `pos->next` is read after the body. */
export function* list_for_each_entry<T>(head: list_head<T>): Generator<T> {
  for (let pos = step(head.next); pos !== head; pos = step(pos.next)) yield list_entry(pos);
}

/** list_for_each_entry_reverse(). */
export function* list_for_each_entry_reverse<T>(head: list_head<T>): Generator<T> {
  for (let pos = step(head.prev); pos !== head; pos = step(pos.prev)) yield list_entry(pos);
}

/** list_for_each_entry_safe(): forward; the next node is fetched before the body runs. */
export function* list_for_each_entry_safe<T>(head: list_head<T>): Generator<T> {
  for (let pos = step(head.next), n = step(pos.next); pos !== head; pos = n, n = step(pos.next))
    yield list_entry(pos);
}

/**
 * list_for_each_entry_continue_reverse(): from the entry before `pos` back to the head.
 * Passing the head itself as `pos` walks the whole list in reverse (C: the
 * `list_entry(ops_list, typeof(*ops), list)` trick of ops_undo_list()).
 */
export function* list_for_each_entry_continue_reverse<T>(
  pos: list_head<T>,
  head: list_head<T>,
): Generator<T> {
  for (let p = step(pos.prev); p !== head; p = step(p.prev)) yield list_entry(p);
}

/** list_for_each_entry_continue(): from the entry after `pos` to the end. */
export function* list_for_each_entry_continue<T>(
  pos: list_head<T>,
  head: list_head<T>,
): Generator<T> {
  for (let p = step(pos.next); p !== head; p = step(p.next)) yield list_entry(p);
}
