/**
 * For StrykerJS: every bug switch of the reference still shows within a fixed sample of
 * runs (lockstep or an invariant family, or a thrown KASAN/BUG), stopping at the first
 * failing run. A mutant that disarms a switch survives test/mutation/lockstep.mutation.ts
 * but dies here. The user-facing detection test (CLI, shrinking) is test/reference/bugs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { BUG_IDS, referenceImplementation } from '../../properties/reference-implementation.ts';
import { firstViolation, inputs, RUNS, SEED } from './sample.ts';

/** The index of the first run on which the switch shows, or -1. */
async function firstFailure(bug: (typeof BUG_IDS)[number]): Promise<number> {
  const factory = referenceImplementation([bug]);
  for (const [i, input] of inputs.entries())
    if ((await firstViolation(factory, input)) !== null) return i;
  return -1;
}

describe(`bug switches show (seed ${SEED}, first ${RUNS} runs)`, () => {
  for (const bug of BUG_IDS)
    it(bug, async () => {
      expect(await firstFailure(bug)).toBeGreaterThanOrEqual(0);
    });
});
