/**
 * The invariant families 2–8 of DESIGN.md §3, and 9 (the TIME_WAIT table, docs/contract.md),
 * each written once as a monitor (one step at a time, see monitor.ts) whose fold is its
 * predicate over traces (family 1, refinement, compares two implementations and lives in
 * properties/). Families 2 and 6 read `trace.kernel`: their statements differ per profile
 * (docs/eras.md).
 */
import type { Invariant, Trace, Violation } from '../trace.ts';
import { batching } from './batching.ts';
import { reverseOrderDeviceRemoval } from './device-order.ts';
import { freeAfterAllExits } from './free-after-exit.ts';
import { lifecycleRefcount } from './lifecycle.ts';
import { noUseAfterUninit } from './no-use-after-uninit.ts';
import { nsid } from './nsid.ts';
import { timewait } from './timewait.ts';
import { unwinding } from './unwinding.ts';

export {
  batching,
  freeAfterAllExits,
  lifecycleRefcount,
  noUseAfterUninit,
  nsid,
  reverseOrderDeviceRemoval,
  timewait,
  unwinding,
};

/** Every trace invariant, in family order. */
export const INVARIANTS: readonly Invariant[] = [
  reverseOrderDeviceRemoval,
  freeAfterAllExits,
  noUseAfterUninit,
  unwinding,
  batching,
  lifecycleRefcount,
  nsid,
  timewait,
];

/** Every violation of every family on `trace`, in family order. */
export const checkAll = (trace: Trace): Violation[] =>
  INVARIANTS.flatMap((invariant) => invariant.check(trace));
