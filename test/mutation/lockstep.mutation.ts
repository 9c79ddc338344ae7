/**
 * The killing test StrykerJS runs for each mutant of reference/ (not part of `npm test`,
 * whose lockstep check is test/properties/reference.test.ts): a fixed sample of generated
 * runs, each in lockstep with the model and then under every invariant family, stopping at
 * the first failure. No shrinking, so a mutant costs a fraction of a second.
 */
import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../../properties/reference-implementation.ts';
import { firstViolation, inputs, RUNS, SEED } from './sample.ts';

const factory = referenceImplementation();

describe(`the reference in lockstep (seed ${SEED}, ${RUNS} runs)`, () => {
  it('agrees with the model and keeps every invariant', async () => {
    for (const [i, input] of inputs.entries())
      expect(await firstViolation(factory, input), `run #${i}`).toBeNull();
  });
});
