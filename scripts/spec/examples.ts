/**
 * Short example runs found by search: for each coverage tag, a fast-check property "no run
 * hits this tag" whose shrunk counterexample is a short run that does (fixed seed, so the
 * generated docs are reproducible).
 */
import fc from 'fast-check';
import type { Action } from '../../model/actions.ts';
import { initialState } from '../../model/state.ts';
import { step } from '../../model/step.ts';
import type { TraceStep } from '../../model/trace.ts';
import { view } from '../../model/view.ts';
import { runArb } from '../../properties/choices.ts';
import type { Tag } from '../../properties/coverage.ts';
import { decode } from '../../properties/decode.ts';

/** A run from boot: its actions and the model's trace. */
export interface Example {
  readonly boot: 'full' | 'bare';
  readonly steps: readonly TraceStep[];
  /** The step that hits the tag. */
  readonly at: number;
}

function trace(actions: readonly Action[], boot: 'full' | 'bare'): TraceStep[] {
  let state = initialState({ boot });
  return actions.map((action) => {
    const r = step(state, action);
    state = r.state;
    return { action, ret: r.ret, events: r.events, view: view(state) };
  });
}

function hitAt(tag: Tag, steps: readonly TraceStep[], boot: 'full' | 'bare'): number {
  let before = view(initialState({ boot }));
  for (const [i, s] of steps.entries()) {
    if (tag.hit(s, before)) return i;
    before = s.view!;
  }
  return -1;
}

/** A short run that hits `tag`, or null if 3000 generated runs never did. */
export function shortExample(tag: Tag): Example | null {
  const details = fc.check(
    fc.property(
      runArb(40),
      ({ boot, choices }) => hitAt(tag, trace(decode(choices, { boot }, true), boot), boot) < 0,
    ),
    { seed: 20261123, numRuns: 3000 },
  );
  if (!details.counterexample) return null;
  const [{ boot, choices }] = details.counterexample;
  const steps = trace(decode(choices, { boot }, true), boot);
  return { boot, steps, at: hitAt(tag, steps, boot) };
}
