import { describe, expect, it } from 'vitest';
import type { Event } from '../../model/events.ts';
import { checkImplementation } from '../../properties/check.ts';
import { renderCoverage } from '../../properties/coverage.ts';
import { modelImplementation } from '../../properties/model-implementation.ts';
import { runSeed } from '../../properties/seed.ts';

const seed = runSeed();
console.log(`harness: NETNS_SEED=${seed}`);

/** Processes every batch oldest-first: the FIFO mutation of bug B22. */
const fifo = (events: readonly Event[]): Event[] =>
  events.map((e) => (e.type === 'batch' ? { ...e, nets: [...e.nets].reverse() } : e));

describe('checkImplementation', () => {
  it('passes the model against itself and reports coverage', async () => {
    const report = await checkImplementation((opts) => modelImplementation(opts), {
      seed,
      numRuns: 60,
    });
    console.log(renderCoverage(report.coverage));
    expect(report.properties.filter((p) => !p.ok)).toEqual([]);
    expect(report.coverage.runs).toBe(60);
  });

  it('catches a distorted trace and shrinks it to a short counterexample', async () => {
    const broken = (opts: { boot: 'full' | 'bare' }) =>
      modelImplementation(opts, (_, o) => ({ ...o, events: fifo(o.events) }));
    const report = await checkImplementation(broken, { seed, numRuns: 200, only: ['refinement'] });
    const [refinement] = report.properties;
    expect(refinement!.ok).toBe(false);
    expect(refinement!.message).toMatch(/event #0 is batch/);
    expect(refinement!.counterexample!.length).toBeLessThanOrEqual(6);
  });

  it('reports an implementation that throws as a failure, not a crash', async () => {
    const throwing = () => ({
      apply: () => {
        throw new Error('KASAN: use-after-free');
      },
    });
    const report = await checkImplementation(throwing, { seed, numRuns: 5, only: ['refinement'] });
    expect(report.properties[0]!.message).toContain(
      'the implementation threw: KASAN: use-after-free',
    );
  });
});
