/**
 * For StrykerJS: every bug switch of the reference still shows within a fixed sample of
 * runs (lockstep or an invariant family, or a thrown KASAN/BUG), stopping at the first
 * failing run. A mutant that disarms a switch survives test/mutation/lockstep.mutation.ts
 * but dies here. The user-facing detection test (CLI, shrinking) is test/reference/bugs.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVARIANTS } from '../../model/invariants/index.ts';
import { runArb } from '../../properties/choices.ts';
import { decode } from '../../properties/decode.ts';
import { runLockstep } from '../../properties/lockstep.ts';
import { BUG_IDS, referenceImplementation } from '../../properties/reference-implementation.ts';

const SEED = 1;
const RUNS = 400;
const inputs = fc
  .sample(runArb(40), { seed: SEED, numRuns: RUNS })
  .map(({ boot, choices }) => ({ boot, actions: decode(choices, { boot }) }));

/** The index of the first run on which the switch shows, or -1. */
async function firstFailure(bug: (typeof BUG_IDS)[number]): Promise<number> {
  const factory = referenceImplementation([bug]);
  for (const [i, { boot, actions }] of inputs.entries()) {
    try {
      const run = await runLockstep(await factory({ boot }), actions, { boot });
      if (run.mismatch) return i;
      const trace = { kernel: '6.18' as const, boot, steps: run.observed };
      if (INVARIANTS.some((inv) => inv.check(trace).length > 0)) return i;
    } catch {
      return i;
    }
  }
  return -1;
}

describe(`bug switches show (seed ${SEED}, first ${RUNS} runs)`, () => {
  for (const bug of BUG_IDS)
    it(bug, async () => {
      expect(await firstFailure(bug)).toBeGreaterThanOrEqual(0);
    });
});
