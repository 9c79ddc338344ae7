/**
 * The cost model: the growth of every quantity with the number of nets torn down together,
 * per profile, checked by a fast-check property over batch sizes (seed printed) against
 * model/cost.ts GROWTH; the per-batch counters independent of the batch size in 2.6.33 and
 * 6.18 and exactly linear in it in 2.6.32; each property fails on a broken variant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { teardown } from '../../bench/teardown.ts';
import {
  type Cost,
  costOf,
  COSTS,
  type Costs,
  estimate,
  GROWTH,
  growthOf,
  PER_BATCH,
  QUANTITIES,
} from '../../model/cost.ts';
import { initialState, type Kernel, KERNELS, step } from '../../model/index.ts';
import { runSeed } from '../../properties/seed.ts';

const seed = runSeed();
console.log(`eras cost: NETNS_SEED=${seed}`);

/** The teardown cost of n nets in `kernel` (the seed scenario, one batch). */
const costAt =
  (kernel: Kernel) =>
  (nets: number): Cost =>
    teardown({ kernel, nets }).cost;

/** Where the growth of `costs` (a kernel's or a broken variant's) differs from GROWTH[kernel]. */
function growthMismatches(kernel: Kernel, costs: (n: number) => Cost, n: number): string[] {
  const [c0, c1, c2] = [costs(n), costs(n + 1), costs(n + 2)];
  return QUANTITIES.flatMap((q) => {
    const got = growthOf(c0[q], c1[q], c2[q]);
    const want = GROWTH[kernel][q];
    return got === want
      ? []
      : [`${q}: ${c0[q]}, ${c1[q]}, ${c2[q]} at n=${n}.. is ${got}, expected ${want}`];
  });
}

/** Where the per-batch counters are not independent of n (batched) or not n × their cost at 1. */
function perBatchMismatches(kernel: Kernel, costs: (n: number) => Cost, n: number): string[] {
  const [one, many] = [costs(1), costs(n)];
  const linear = kernel === '2.6.32';
  return PER_BATCH.flatMap((q) => {
    const want = linear ? n * one[q] : one[q];
    return many[q] === want ? [] : [`${q} is ${many[q]} for ${n} nets, expected ${want}`];
  });
}

const sizes = fc.integer({ min: 1, max: 24 });

describe('growth with the number of nets torn down together', () => {
  for (const kernel of KERNELS) {
    it(`matches GROWTH in ${kernel}`, () => {
      fc.assert(
        fc.property(sizes, (n) => {
          expect(growthMismatches(kernel, costAt(kernel), n)).toEqual([]);
        }),
        { seed, numRuns: 8 },
      );
    });

    it(`keeps the per-batch counters ${kernel === '2.6.32' ? 'linear in' : 'independent of'} the batch size in ${kernel}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 2, max: 40 }), (n) => {
          expect(perBatchMismatches(kernel, costAt(kernel), n)).toEqual([]);
        }),
        { seed, numRuns: 8 },
      );
    });
  }

  it('fails on broken variants: a per-net teardown claimed as batched, and the reverse', () => {
    // 2.6.32's model judged as 6.18: the per-batch counters grow.
    const asBatched = fc.check(
      fc.property(sizes, (n) => perBatchMismatches('6.18', costAt('2.6.32'), n + 1).length === 0),
      { seed, numRuns: 5 },
    );
    expect(asBatched.failed).toBe(true);
    expect(perBatchMismatches('6.18', costAt('2.6.32'), 4)).toContain(
      'gracePeriods is 4 for 4 nets, expected 1',
    );
    // 6.18 torn down one net per run (batches of one) judged as 6.18 fails the growth table.
    const oneByOne = (n: number) => teardown({ kernel: '6.18', nets: n, batch: 1 }).cost;
    expect(growthMismatches('6.18', oneByOne, 3)).toContain(
      'workRuns: 3, 4, 5 at n=3.. is O(n), expected O(1)',
    );
    // 2.6.33's model judged as 2.6.32: not linear.
    expect(perBatchMismatches('2.6.32', costAt('2.6.33'), 5)).toContain(
      'workRuns is 1 for 5 nets, expected 5',
    );
    expect(growthMismatches('2.6.32', costAt('2.6.33'), 2)).toContain(
      'twVisited: 4, 6, 8 at n=2.. is O(n), expected O(n²)',
    );
  });
});

describe('costOf and estimate', () => {
  it('count callbacks, walks, entries visited, devices and frees from the events', () => {
    const t = teardown({ kernel: '2.6.32', nets: 3, tw: 2 });
    expect(t.cost).toEqual({
      workRuns: 3,
      pernetLock: 3,
      rtnl: 9,
      gracePeriods: 3,
      rcuBarriers: 3,
      unregisterMany: 9,
      callbacks: 12,
      twWalks: 3,
      twVisited: 6 + 4 + 2,
      devices: 9,
      netFrees: 3,
    });
    expect(t.events).toBeGreaterThan(0);
  });

  it('counts nothing for no steps, and entries added during the run', () => {
    const s = initialState();
    expect(costOf(s, [])).toMatchObject({ callbacks: 0, twWalks: 0, workRuns: 0 });
    const actions = [
      { type: 'tcp_v4_init' },
      { type: 'copy_net_ns', net: 'n1' },
      { type: 'inet_twsk_hashdance', net: 'n1', key: 'k' },
      { type: 'inet_twsk_hashdance', net: 'n1', key: 'k' },
      { type: 'put_net', net: 'n1' },
      { type: 'cleanup_net' },
    ] as const;
    let state = s;
    const steps = actions.map((action) => {
      const result = step(state, action);
      state = result.state;
      return { action, result };
    });
    expect(costOf(s, steps)).toMatchObject({ twWalks: 1, twVisited: 1, callbacks: 8 });
  });

  it('estimates time linearly in the per-operation costs', () => {
    const c = teardown({ kernel: '6.18', nets: 2 }).cost;
    const e = estimate(c);
    expect(e['grace periods']).toBeCloseTo(COSTS.gracePeriod);
    expect(e['unregister calls']).toBeCloseTo(2 * COSTS.gracePeriod);
    expect(e['tw walks']).toBeCloseTo(COSTS.ehashBuckets * COSTS.bucket + 4 * COSTS.twEntry);
    const sum = Object.entries(e)
      .filter(([k]) => k !== 'total')
      .reduce((a, [, v]) => a + v, 0);
    expect(e.total).toBeCloseTo(sum);
    const zero = Object.fromEntries(Object.keys(COSTS).map((k) => [k, 0])) as unknown as Costs;
    expect(estimate(c, zero).total).toBe(0);
  });

  it('classifies growth from three consecutive values', () => {
    expect(growthOf(1, 1, 1)).toBe('O(1)');
    expect(growthOf(1, 2, 3)).toBe('O(n)');
    expect(growthOf(1, 3, 6)).toBe('O(n²)');
    expect(growthOf(3, 2, 1)).toBeNull();
  });
});
