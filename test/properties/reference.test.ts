/**
 * The harness's verdict on the reference with no bug switch: every property holds and every
 * coverage tag clears its minimum. The run count is the default `check`'s gate size. The
 * reference has the TIME_WAIT table, so its 6.18 runs have the TIME_WAIT actions too.
 */
import { describe, expect, it } from 'vitest';
import { checkImplementation } from '../../properties/check.ts';
import { renderCoverage } from '../../properties/coverage.ts';
import { referenceImplementation } from '../../properties/reference-implementation.ts';
import { runSeed } from '../../properties/seed.ts';

const seed = runSeed();

describe('the reference against the model', () => {
  it(`passes every property with full coverage (NETNS_SEED=${seed})`, async () => {
    const report = await checkImplementation(referenceImplementation(), {
      seed,
      numRuns: 300,
      timewait: true,
    });
    console.log(renderCoverage(report.coverage));
    const failed = report.properties.filter((p) => !p.ok);
    expect(failed.map((p) => `${p.name}: ${p.message}`)).toEqual([]);
    expect(report.shortfalls).toEqual([]);
  });

  for (const kernel of ['2.6.33', '2.6.32'] as const)
    it(`passes every property in the ${kernel} profile (NETNS_SEED=${seed})`, async () => {
      const report = await checkImplementation(referenceImplementation(), {
        seed,
        numRuns: 100,
        kernel,
      });
      const failed = report.properties.filter((p) => !p.ok);
      expect(failed.map((p) => `${p.name}: ${p.message}`)).toEqual([]);
      expect(report.shortfalls).toEqual([]);
    });
});
