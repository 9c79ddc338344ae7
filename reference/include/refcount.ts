/**
 * include/linux/refcount.h — refcount_t. The kernel saturates and WARNs on misuse
 * ("addition on 0; use-after-free", "underflow; use-after-free"); here misuse is a KernelBug.
 */
import { KernelBug } from './bug.ts';

/** refcount_t. */
export interface refcount_t {
  refs: number;
}

/** REFCOUNT_INIT(). */
export function REFCOUNT_INIT(n: number): refcount_t {
  return { refs: n };
}

/** refcount_set(). */
export function refcount_set(r: refcount_t, n: number): void {
  r.refs = n;
}

/** refcount_read(). */
export function refcount_read(r: refcount_t): number {
  return r.refs;
}

/** refcount_inc(): must not be called on 0. */
export function refcount_inc(r: refcount_t): void {
  if (r.refs === 0) throw new KernelBug('refcount_t: addition on 0; use-after-free.');
  r.refs += 1;
}

/** refcount_inc_not_zero(): increment unless the count is 0; returns whether it did. */
export function refcount_inc_not_zero(r: refcount_t): boolean {
  if (r.refs === 0) return false;
  r.refs += 1;
  return true;
}

/** refcount_dec_and_test(): decrement; true when the count reached 0. */
export function refcount_dec_and_test(r: refcount_t): boolean {
  if (r.refs === 0) throw new KernelBug('refcount_t: underflow; use-after-free.');
  r.refs -= 1;
  return r.refs === 0;
}

/** refcount_dec(): decrement; reaching 0 here is a leak-or-bug ("decrement hit 0; leaking memory"). */
export function refcount_dec(r: refcount_t): void {
  if (r.refs <= 1) throw new KernelBug('refcount_t: decrement hit 0; leaking memory.');
  r.refs -= 1;
}
