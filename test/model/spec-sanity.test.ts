import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initialState,
  type State,
  step,
  type View,
  view,
  type TraceStep,
} from '../../model/index.ts';
import { INVARIANTS } from '../../model/invariants/index.ts';
import { choicesArb } from '../../properties/choices.ts';
import { decode } from '../../properties/decode.ts';
import { runSeed } from '../../properties/seed.ts';
import { freeze } from 'immer';

const seed = runSeed();
console.log(`spec sanity: NETNS_SEED=${seed}`);

function traceOf(boot: 'full' | 'bare', actions: ReturnType<typeof decode>): TraceStep[] {
  let state = initialState({ boot });
  return actions.map((action) => {
    const result = step(freeze(state, true), action);
    const rejected = !result.ret.ok && result.ret.errno !== 'ENOMEM';
    if (rejected) expect(result.state).toBe(state);
    if (rejected) expect(result.events).toEqual([]);
    state = result.state;
    return { action, ret: result.ret, events: result.events, view: view(state) };
  });
}

describe('the model on its own traces', () => {
  for (const boot of ['full', 'bare'] as const) {
    it(`satisfies every invariant family (${boot} boot)`, () => {
      fc.assert(
        fc.property(choicesArb(40), (choices) => {
          const steps = traceOf(boot, decode(choices, { boot }));
          const trace = { kernel: '6.18' as const, boot, steps };
          for (const invariant of INVARIANTS) {
            expect(invariant.check(trace), invariant.name).toEqual([]);
          }
        }),
        { seed, numRuns: 300 },
      );
    });
  }
});

describe('the view', () => {
  /** pernet_list, the ops with data and TIME_WAIT, as the view must show them, from the state. */
  const expected = (s: State) => ({
    ops: s.pernet.map((op) => [op.id, op.kind, op.genericId ?? undefined]),
    data: s.pernet.filter((op) => op.genericId !== null).map((op) => op.id),
    tw: Object.values(s.tw ?? {})
      .flatMap((bucket) => Object.values(bucket).map((e) => `${e.net} ${e.key}`))
      .sort(),
  });
  const shown = (v: View) => ({
    ops: v.pernet.map((op) => [op.op, op.kind, op.id]),
    data: v.nets[0]!.data,
    tw: (v.tw ?? []).map((e) => `${e.net} ${e.key}`),
  });

  it('reuses the last pernet_list view only for that very list, and shows TIME_WAIT sorted', () => {
    // Viewing the states before and after each step in turn switches the remembered list.
    fc.assert(
      fc.property(choicesArb(40), (choices) => {
        let state = initialState();
        for (const action of decode(choices, { boot: 'full' }, true)) {
          const before = state;
          state = step(state, action).state;
          expect(shown(view(state))).toEqual(expected(state));
          expect(shown(view(before))).toEqual(expected(before));
        }
      }),
      { seed, numRuns: 200 },
    );
  });
});
