/**
 * include/linux/notifier.h, kernel/notifier.c — raw notifier chains (the caller does the
 * locking): blocks are called in priority order, ties in registration order.
 */
import type { kernel } from '../../kernel.ts';

/** NOTIFY_DONE. */
export const NOTIFY_DONE = 0;

/** struct notifier_block. */
export interface notifier_block {
  readonly notifier_call: (k: kernel, action: number, data: unknown) => number;
  readonly priority: number;
}

/** struct raw_notifier_head. */
export interface raw_notifier_head {
  chain: notifier_block[];
}

/** RAW_NOTIFIER_HEAD(). */
export function RAW_NOTIFIER_HEAD(): raw_notifier_head {
  return { chain: [] };
}

/** raw_notifier_chain_register(): insert after the blocks of higher or equal priority. */
export function raw_notifier_chain_register(nh: raw_notifier_head, n: notifier_block): number {
  const at = nh.chain.findIndex((b) => n.priority > b.priority);
  nh.chain.splice(at < 0 ? nh.chain.length : at, 0, n);
  return 0;
}

/** raw_notifier_chain_unregister(). */
export function raw_notifier_chain_unregister(nh: raw_notifier_head, n: notifier_block): number {
  const at = nh.chain.indexOf(n);
  if (at >= 0) nh.chain.splice(at, 1);
  return 0;
}

/** raw_notifier_call_chain(): call every block; the last return value. */
export function raw_notifier_call_chain(
  k: kernel,
  nh: raw_notifier_head,
  action: number,
  data: unknown,
): number {
  let ret = NOTIFY_DONE;
  for (const nb of [...nh.chain]) ret = nb.notifier_call(k, action, data);
  return ret;
}
