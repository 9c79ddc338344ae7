/**
 * The search against an independent brute-force enumeration of every action sequence:
 * the same distinct states at each depth, with and without symmetry, and canonical forms
 * that partition the states exactly as the renaming orbits do.
 */
import { describe, expect, it } from 'vitest';
import { explore, type Progress } from '../../explore/bfs.ts';
import { canonical } from '../../explore/canonical.ts';
import { describeScope, poolsOf, type Scope } from '../../explore/scope.ts';
import { enumerate } from './brute-force.ts';

const SCOPES: readonly Scope[] = [
  { nets: 2, ops: 1, devices: 2, depth: 2 },
  { nets: 3, ops: 0, devices: 0, depth: 3 },
];

describe('breadth-first search', () => {
  for (const scope of SCOPES) {
    it(`agrees with brute force on ${describeScope(scope)}`, async () => {
      const e = enumerate(scope);
      const raw = await explore({ scope, symmetry: false });
      const sym = await explore({ scope });
      expect(raw.perDepth).toEqual(e.raw);
      expect(sym.perDepth).toEqual(e.orbits);
      expect([raw.complete, sym.complete, raw.finding, sym.finding]).toEqual([
        true,
        true,
        null,
        null,
      ]);
      const pools = poolsOf(scope);
      const classes = new Set(e.states.map(({ state }) => canonical(state, pools)));
      const pairs = new Set(e.states.map(({ state, orbit }) => canonical(state, pools) + orbit));
      const orbits = new Set(e.states.map(({ orbit }) => orbit));
      expect([classes.size, pairs.size]).toEqual([orbits.size, orbits.size]);
    });
  }

  it('stops at the state budget, incomplete, and reports progress', async () => {
    const seen: Progress[] = [];
    const scope = { nets: 2, ops: 1, devices: 1, depth: 6 };
    const r = await explore({
      scope,
      maxStates: 300,
      progressMs: 0,
      onProgress: (p) => seen.push(p),
    });
    expect(r.complete).toBe(false);
    expect(r.distinct).toBeGreaterThanOrEqual(300);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)!.generated).toBeLessThanOrEqual(r.generated);
  });

  it('checks fewer traces with edges: new, and finds the same states', async () => {
    const scope = { nets: 1, ops: 1, devices: 1, depth: 3 };
    const all = await explore({ scope });
    const fresh = await explore({ scope, edges: 'new' });
    expect(fresh.perDepth).toEqual(all.perDepth);
    expect(fresh.checks).toBeLessThan(all.checks);
  });
});
