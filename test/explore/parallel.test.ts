/**
 * The search on worker threads is the sequential search: the same levels, counts and
 * checks on a complete scope, and the same shortest counterexample, step for step, on
 * deliberately broken models (which only the merge's earliest-discovery rule guarantees).
 */
import { describe, expect, it } from 'vitest';
import { explore, type ExploreOptions, type Progress } from '../../explore/bfs.ts';
import { INVARIANTS } from '../../model/invariants/index.ts';
import type { Invariant } from '../../model/trace.ts';
import * as mutants from './mutants.ts';

const MUTANTS = new URL('./mutants.ts', import.meta.url).href;

/** The parts of a result that do not depend on timing. */
const outcome = ({
  perDepth,
  generated,
  distinct,
  checks,
  complete,
  finding,
}: ExploreResultLike) => ({ perDepth, generated, distinct, checks, complete, finding });
type ExploreResultLike = Awaited<ReturnType<typeof explore>>;

describe('the parallel search', () => {
  const scope = { nets: 3, ops: 3, devices: 2, depth: 3 };

  it('explores what the sequential search explores, with 2 and 3 workers', async () => {
    const one = await explore({ scope });
    expect(outcome(await explore({ scope, workers: 2 }))).toEqual(outcome(one));
    expect(outcome(await explore({ scope, workers: 3 }))).toEqual(outcome(one));
  });

  it('agrees without symmetry, and finds the same states checking new edges only', async () => {
    const small = { nets: 2, ops: 1, devices: 2, depth: 3 };
    const raw: ExploreOptions = { scope: small, symmetry: false };
    expect(outcome(await explore({ ...raw, workers: 2 }))).toEqual(outcome(await explore(raw)));
    const fresh: ExploreOptions = { scope: small, edges: 'new' };
    const [seq, par] = [await explore(fresh), await explore({ ...fresh, workers: 2 })];
    expect(par.perDepth).toEqual(seq.perDepth);
    expect(par.complete).toBe(true);
  });

  const broken = [
    { name: 'forwardDeviceOrder', scope: { nets: 2, ops: 1, devices: 2, depth: 5 } },
    { name: 'noGracePeriod', scope: { nets: 2, ops: 2, devices: 1, depth: 5 } },
    { name: 'keepNsids', scope: { nets: 3, ops: 1, devices: 1, depth: 5 } },
  ] as const;
  for (const { name, scope: s } of broken) {
    it(`reports the sequential search's counterexample for ${name}`, async () => {
      const seq = await explore({ scope: s, step: mutants[name] });
      const par = await explore({ scope: s, stepModule: { module: MUTANTS, name }, workers: 2 });
      expect(seq.finding).not.toBeNull();
      expect(par.finding).toEqual(seq.finding);
      expect(par.complete).toBe(false);
    });
  }

  it('checks only the families it is given, and stops at the state budget', async () => {
    const some: readonly Invariant[] = INVARIANTS.slice(0, 2);
    const r = await explore({ scope, invariants: some, maxStates: 500, workers: 2 });
    expect(r.complete).toBe(false);
    expect(r.distinct).toBeGreaterThanOrEqual(500);
    const none: ExploreOptions = { scope: { ...scope, depth: 2 }, invariants: some };
    expect(outcome(await explore({ ...none, workers: 2 }))).toEqual(outcome(await explore(none)));
  });

  it('reports progress while it runs', async () => {
    const seen: Progress[] = [];
    const r = await explore({ scope, workers: 2, progressMs: 0, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)!.generated).toBeLessThanOrEqual(r.generated);
    expect(seen.at(-1)!.distinct).toBeLessThanOrEqual(r.distinct);
  });

  it('fails with the error of a worker, and the next search gets sound workers', async () => {
    const crash = { module: MUTANTS, name: 'crashOnCleanup' };
    const small = { nets: 1, ops: 0, devices: 0, depth: 3 };
    await expect(explore({ scope: small, stepModule: crash, workers: 2 })).rejects.toThrow(
      'crashOnCleanup: cleanup_net is not supported',
    );
    const again = await explore({ scope: small, workers: 2 });
    expect(outcome(again)).toEqual(outcome(await explore({ scope: small })));
  });

  it('refuses what cannot cross to a worker thread, and bad worker counts', async () => {
    const own = { ...INVARIANTS[0]!, name: 'mine' };
    await expect(explore({ scope, workers: 2, invariants: [own] })).rejects.toThrow(
      'invariant mine is not one of model/invariants',
    );
    await expect(explore({ scope, workers: 2, step: mutants.keepNsids })).rejects.toThrow(
      'step only work on one thread',
    );
    await expect(explore({ scope, workers: 2, keepEdges: true })).rejects.toThrow('keepEdges');
    await expect(explore({ scope, workers: 0 })).rejects.toThrow('from 2 to 64, got 0');
    const missing = { module: MUTANTS, name: 'noSuchMutant' };
    await expect(explore({ scope, workers: 2, stepModule: missing })).rejects.toThrow(
      'exports no function noSuchMutant',
    );
  });
});
