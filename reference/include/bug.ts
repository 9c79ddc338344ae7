/**
 * include/asm-generic/bug.h — BUG(), BUG_ON(), WARN_ON(). A BUG always stops the kernel (it
 * throws); a WARN is recorded, and stops the kernel when `panic_on_warn` is set (the default
 * here, as on syzkaller/KASAN test machines).
 */

/** What a BUG(), an oops or a panic_on_warn WARN turns into: the kernel stops. */
export class KernelBug extends Error {
  override name = 'KernelBug';
}

/** The part of the kernel object the WARN machinery needs. */
export interface warn_state {
  panic_on_warn: boolean;
  warnings: string[];
}

/** BUG(): report and stop. */
export function BUG(msg: string): never {
  throw new KernelBug(`kernel BUG: ${msg}`);
}

/** BUG_ON(). */
export function BUG_ON(cond: boolean, msg: string): void {
  if (cond) BUG(msg);
}

/** WARN_ON(): record a warning (and panic when panic_on_warn is set); returns `cond`. */
export function WARN_ON(k: warn_state, cond: boolean, msg: string): boolean {
  if (!cond) return false;
  k.warnings.push(msg);
  if (k.panic_on_warn) throw new KernelBug(`WARNING: ${msg} (panic_on_warn set)`);
  return true;
}
