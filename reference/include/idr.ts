/**
 * include/linux/idr.h, lib/idr.c — the IDA (id allocator) and the IDR (id → pointer map).
 * Both hand out the smallest free id in range, as the radix-tree/xarray versions do.
 * @remarks Backed by a bitmap / a Map instead of an xarray; ids and iteration order are the same.
 */
import { ENOSPC } from './errno.ts';
import { KernelBug } from './bug.ts';

const INT_MAX = 0x7fffffff;

/** struct ida. */
export interface ida {
  used: boolean[];
}

/** DEFINE_IDA(). */
export function DEFINE_IDA(): ida {
  // Stryker disable next-line ArrayDeclaration: equivalent: the IDA is only asked for ids >= MIN_PERNET_OPS_ID (3); slot 0 is never looked at
  return { used: [] };
}

/** ida_alloc_min(): the smallest free id >= min, or -ENOSPC. */
export function ida_alloc_min(ida: ida, min: number): number {
  for (let id = min; id <= INT_MAX; id++) {
    if (!ida.used[id]) {
      ida.used[id] = true;
      return id;
    }
  }
  return -ENOSPC;
}

/** ida_free(): WARNs (here: a bug) when the id is not allocated. */
export function ida_free(ida: ida, id: number): void {
  if (!ida.used[id]) throw new KernelBug(`ida_free called for id=${id} which is not allocated.`);
  ida.used[id] = false;
}

/** ida_exists(). */
export function ida_exists(ida: ida, id: number): boolean {
  return ida.used[id] === true;
}

/** struct idr. */
export interface idr<T> {
  entries: Map<number, T>;
}

/** idr_init(). */
export function idr_init<T>(): idr<T> {
  return { entries: new Map() };
}

/**
 * idr_alloc(): store `ptr` at the smallest free id in [start, end); `end <= 0` means no upper
 * limit. Returns the id, or -ENOSPC.
 */
export function idr_alloc<T>(idr: idr<T>, ptr: T, start: number, end: number): number {
  const max = end > 0 ? end - 1 : INT_MAX;
  for (let id = start; id <= max; id++) {
    if (!idr.entries.has(id)) {
      idr.entries.set(id, ptr);
      return id;
    }
  }
  return -ENOSPC;
}

/** idr_find(). */
export function idr_find<T>(idr: idr<T>, id: number): T | null {
  return idr.entries.get(id) ?? null;
}

/** idr_remove(): returns the removed pointer, or null. */
export function idr_remove<T>(idr: idr<T>, id: number): T | null {
  const p = idr.entries.get(id) ?? null;
  idr.entries.delete(id);
  return p;
}

/** idr_for_each(): call `fn(id, ptr)` in ascending id order; stops at the first non-zero return. */
export function idr_for_each<T>(idr: idr<T>, fn: (id: number, p: T) => number): number {
  for (const id of [...idr.entries.keys()].sort((a, b) => a - b)) {
    const ret = fn(id, idr.entries.get(id) as T);
    if (ret !== 0) return ret;
  }
  return 0;
}

/** idr_destroy(). */
export function idr_destroy<T>(idr: idr<T>): void {
  idr.entries.clear();
}
