/**
 * The killing test StrykerJS runs for each mutant of reference/ (not part of `npm test`,
 * whose lockstep check is test/properties/reference.test.ts): a fixed sample of generated
 * runs, each in lockstep with the model and then under every invariant family, stopping at
 * the first failure. No shrinking, so a mutant costs a fraction of a second.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVARIANTS } from '../../model/invariants/index.ts';
import { runArb } from '../../properties/choices.ts';
import { decode } from '../../properties/decode.ts';
import { runLockstep } from '../../properties/lockstep.ts';
import { referenceImplementation } from '../../properties/reference-implementation.ts';

const SEED = 1;
const RUNS = 400;
const inputs = fc
  .sample(runArb(40), { seed: SEED, numRuns: RUNS })
  .map(({ boot, choices }) => ({ boot, actions: decode(choices, { boot }) }));
const factory = referenceImplementation();

describe(`the reference in lockstep (seed ${SEED}, ${RUNS} runs)`, () => {
  it('agrees with the model and keeps every invariant', async () => {
    for (const [i, { boot, actions }] of inputs.entries()) {
      const run = await runLockstep(await factory({ boot }), actions, { boot });
      expect(run.mismatch?.message ?? null, `run #${i}`).toBeNull();
      const trace = { kernel: '6.18' as const, boot, steps: run.observed };
      for (const inv of INVARIANTS)
        expect(
          inv.check(trace).map((v) => v.message),
          `run #${i}: ${inv.name}`,
        ).toEqual([]);
    }
  });
});
