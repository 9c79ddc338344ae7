/**
 * The lockstep harness per profile, with the model as the implementation (the reference
 * gets its profiles later): every property holds in every profile; and the pre-batching
 * profile run through the 6.18 harness fails with a short counterexample.
 */
import { describe, expect, it } from 'vitest';
import { KERNELS } from '../../model/index.ts';
import { checkImplementation } from '../../properties/check.ts';
import type { BootOptions } from '../../properties/implementation.ts';
import { modelImplementation } from '../../properties/model-implementation.ts';
import { renderAction } from '../../properties/render.ts';
import { runSeed } from '../../properties/seed.ts';

const seed = runSeed();
console.log(`eras harness: NETNS_SEED=${seed}`);

describe('the harness per profile', () => {
  for (const kernel of KERNELS) {
    it(`passes the model against itself in ${kernel}`, async () => {
      let booted: BootOptions | undefined;
      const report = await checkImplementation(
        (opts) => ((booted = opts), modelImplementation(opts)),
        { seed, numRuns: 25, kernel },
      );
      expect(report.properties.filter((p) => !p.ok)).toEqual([]);
      expect(booted?.kernel).toBe(kernel === '6.18' ? undefined : kernel);
    });
  }

  it('catches 2.6.32 posing as 6.18: FIFO one-net batches, a grace period per net', async () => {
    // The view would give it away at once (kernel, core ops); compare what it does instead.
    const prebatching = (opts: BootOptions) => {
      const impl = modelImplementation({ ...opts, kernel: '2.6.32' });
      return { apply: impl.apply };
    };
    const report = await checkImplementation(prebatching, {
      seed,
      numRuns: 200,
      only: ['batching'],
    });
    const [batching] = report.properties;
    expect(batching!.ok).toBe(false);
    expect(batching!.message).toMatch(/expected batch\{\[n\d+,n\d+]}/);
    expect(batching!.counterexample!.length).toBeLessThanOrEqual(6);
    console.log(
      `2.6.32 as 6.18, caught by ${batching!.name}: ${batching!.message}\n` +
        batching!.counterexample!.map((a, i) => `  #${i} ${renderAction(a)}`).join('\n'),
    );
  });
});
