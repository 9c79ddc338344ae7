/**
 * The invariant families 2–8 of DESIGN.md §3 as named predicates over traces (family 1,
 * refinement, compares two implementations and lives in properties/).
 */
import type { Invariant, Trace, Violation } from '../trace.ts';
import { batching } from './batching.ts';
import { reverseOrderDeviceRemoval } from './device-order.ts';
import { freeAfterAllExits } from './free-after-exit.ts';
import { lifecycleRefcount } from './lifecycle.ts';
import { noUseAfterUninit } from './no-use-after-uninit.ts';
import { nsid } from './nsid.ts';
import { unwinding } from './unwinding.ts';

export {
  batching,
  freeAfterAllExits,
  lifecycleRefcount,
  noUseAfterUninit,
  nsid,
  reverseOrderDeviceRemoval,
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
];

/** Every violation of every family on `trace`, in family order. */
export const checkAll = (trace: Trace): Violation[] =>
  INVARIANTS.flatMap((invariant) => invariant.check(trace));
