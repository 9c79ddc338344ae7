import { describe, expect, it } from 'vitest';
import { checkAll, INVARIANTS } from '../../../model/invariants/index.ts';
import { E, edit, moveTo } from './traces.ts';
import { VALID_BARE, VALID_FULL } from './valid-runs.ts';

describe('the invariant families', () => {
  it('are families 2 to 9, once each, named and explained', () => {
    expect(INVARIANTS.map((i) => i.family)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(INVARIANTS.map((i) => i.name)).size).toBe(INVARIANTS.length);
    for (const invariant of INVARIANTS) {
      expect(invariant.statement.length).toBeGreaterThan(20);
      expect(invariant.why).toMatch(/\(\)/);
    }
  });

  it('all pass the valid runs', () => {
    expect(checkAll(VALID_FULL)).toEqual([]);
    expect(checkAll(VALID_BARE)).toEqual([]);
  });

  it('report a broken run under every family that catches it, in family order', () => {
    // The exit of the op whose init failed: a use after uninit and a wrong unwinding.
    const broken = edit(VALID_FULL, 14, (events) => moveTo(events, E.exitBatch('D', 'n3'), 8));
    expect(checkAll(broken).map((v) => [v.invariant, v.step])).toEqual([
      ['no-use-after-uninit', 14],
      ['unwinding', 14],
    ]);
  });
});
