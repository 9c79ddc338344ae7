/**
 * For StrykerJS: the era trees (reference/v2.6.33/, reference/v2.6.32/) and the shared code
 * they call, in lockstep with the model's 2.6.33 and 2.6.32 profiles on a pinned sample per
 * profile, then under every invariant family, stopping at the first failure.
 */
import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../../properties/reference-implementation.ts';
import { firstViolation, sample, SEED } from './sample.ts';

const ERA_RUNS = 200;
const factory = referenceImplementation();

for (const kernel of ['2.6.33', '2.6.32'] as const) {
  const inputs = sample(kernel, ERA_RUNS);
  describe(`the ${kernel} reference in lockstep (seed ${SEED}, ${ERA_RUNS} runs)`, () => {
    it('agrees with the model and keeps every invariant', async () => {
      for (const [i, input] of inputs.entries())
        expect(await firstViolation(factory, input), `run #${i}`).toBeNull();
    });
  });
}
