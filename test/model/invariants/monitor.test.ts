import { describe, expect, it } from 'vitest';
import { MapDraft, SetDraft } from '../../../model/invariants/monitor.ts';
import { INVARIANTS } from '../../../model/invariants/index.ts';
import type { Trace } from '../../../model/trace.ts';
import { E, edit, moveTo } from './traces.ts';
import { VALID_BARE, VALID_FULL } from './valid-runs.ts';

/** A printable copy of a monitor state: maps and sets become arrays in insertion order. */
const snapshot = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v instanceof Map ? { map: [...v] } : v instanceof Set ? { set: [...v] } : v,
  );

const TRACES: readonly Trace[] = [
  VALID_FULL,
  VALID_BARE,
  edit(VALID_FULL, 14, (events) => moveTo(events, E.exitBatch('D', 'n3'), 8)),
];

describe('the invariant monitors', () => {
  it('never modify the state they step from, and step it the same way twice', () => {
    for (const trace of TRACES) {
      for (const { name, monitor } of INVARIANTS) {
        let state = monitor.init(trace);
        trace.steps.forEach((step, index) => {
          const before = snapshot(state);
          const first = monitor.step(state, step, index);
          const again = monitor.step(state, step, index);
          expect(snapshot(state), `${name} at step ${index}`).toBe(before);
          expect(snapshot(again)).toBe(snapshot(first));
          state = first.state;
        });
      }
    }
  });

  it('check a branch from a shared prefix as a whole trace (the explorer relies on it)', () => {
    const cut = 10;
    const branch = edit(VALID_FULL, 14, (events) => moveTo(events, E.exitBatch('D', 'n3'), 8));
    for (const invariant of INVARIANTS) {
      const { monitor } = invariant;
      let state = monitor.init(VALID_FULL);
      VALID_FULL.steps
        .slice(0, cut)
        .forEach((step, i) => (state = monitor.step(state, step, i).state));
      const shared = state;
      for (const trace of [VALID_FULL, branch]) {
        let s = shared;
        const found = trace.steps.slice(cut).flatMap((step, i) => {
          const next = monitor.step(s, step, cut + i);
          s = next.state;
          return next.violations;
        });
        const whole = invariant.check(trace).filter((v) => v.step >= cut);
        expect([...found, ...(monitor.end?.(s, trace.steps.length - 1) ?? [])]).toEqual(whole);
      }
    }
  });
});

describe('MapDraft and SetDraft', () => {
  it('copy on the first real change only, and never touch what they were given', () => {
    const map: ReadonlyMap<string, number> = new Map([['a', 1]]);
    const m = new MapDraft(map);
    m.set('a', 1);
    m.delete('b');
    expect(m.current).toBe(map);
    m.set('a', 2);
    m.delete('a');
    expect([...m.current]).toEqual([]);
    expect([...map]).toEqual([['a', 1]]);

    const set: ReadonlySet<string> = new Set(['x']);
    const s = new SetDraft(set);
    s.add('x');
    s.delete('y');
    expect(s.current).toBe(set);
    s.add('y');
    s.delete('x');
    expect([...s.current]).toEqual(['y']);
    expect([...set]).toEqual(['x']);
  });
});
