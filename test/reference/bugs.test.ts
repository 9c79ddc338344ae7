/**
 * Every bug switch of the reference is caught by the default check (100 runs) on any seed:
 * refinement fails, and the counterexample, shrunk by fast-check and minimised action by
 * action, has at most six actions. The seed is random unless NETNS_SEED fixes it, and
 * printed. The rarest switches fail about one generated run in seven (B23, B3; measured
 * per-run rates and the ten-seed table are in properties/README.md), so a miss in 100 runs
 * has a probability of about 1e-6.
 */
import { describe, expect, it } from 'vitest';
import { checkImplementation } from '../../properties/check.ts';
import { referenceImplementation } from '../../properties/reference-implementation.ts';
import { runSeed } from '../../properties/seed.ts';
import { BUGS } from '../../reference/bugs.ts';

const seed = runSeed();
/** The bound on a reported counterexample. */
const MAX_ACTIONS = 6;

describe(`bug switches: the default check catches each one (NETNS_SEED=${seed})`, () => {
  for (const { id } of BUGS)
    it(`${id}: refinement fails with at most ${MAX_ACTIONS} actions`, async () => {
      const report = await checkImplementation(referenceImplementation([id]), {
        seed,
        only: ['refinement'],
      });
      const [refinement] = report.properties;
      expect(refinement!.ok, `${id} not caught in ${refinement!.runs} runs`).toBe(false);
      expect(refinement!.counterexample!.length, refinement!.message).toBeLessThanOrEqual(
        MAX_ACTIONS,
      );
    });
});
