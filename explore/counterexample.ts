/**
 * A finding as a kernel-call listing and as a counterexample file (the v1 format of
 * properties/counterexample.ts), so that `netns-model replay` can re-run it.
 */
import { initialState } from '../model/state.ts';
import { step } from '../model/step.ts';
import type { Event } from '../model/events.ts';
import {
  type Counterexample,
  FORMAT,
  type ImplementationRef,
} from '../properties/counterexample.ts';
import { renderAction, renderEvent } from '../properties/render.ts';
import type { Finding } from './checker.ts';

/** The model's events for each of `finding`'s actions. */
function modelEvents(finding: Finding, boot: 'full' | 'bare'): Event[][] {
  let state = initialState({ boot });
  return finding.steps.map(({ action }) => {
    const r = step(state, action);
    state = r.state;
    return [...r.events];
  });
}

/** Whether the explored events are the model's own (not a wrapped step's). */
const sameEvents = (a: readonly (readonly Event[])[], b: readonly (readonly Event[])[]) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * The counterexample file for `finding`: `expected` holds the model's events; `observed`
 * the implementation's (lockstep) or the explored step function's when it is not the
 * model's, else null.
 */
export function toCounterexample(
  finding: Finding,
  boot: 'full' | 'bare',
  implementation: ImplementationRef,
): Counterexample {
  const expected = modelEvents(finding, boot);
  const explored = finding.steps.map((s) => [...s.events]);
  const observed = finding.observed
    ? finding.observed.map((s) => [...s.events])
    : sameEvents(expected, explored)
      ? null
      : explored;
  return {
    format: FORMAT,
    kernel: '6.18',
    property: finding.property,
    seed: null,
    path: null,
    boot,
    implementation,
    actions: finding.steps.map((s) => s.action),
    expected,
    observed,
    message: finding.message,
  };
}

/** The finding as numbered kernel calls, the last one with its ret and events. */
export function renderFinding(finding: Finding): string {
  const lines = finding.steps.map((s, i) => `  #${i} ${renderAction(s.action)}`);
  const last = finding.observed?.at(-1) ?? finding.steps.at(-1);
  if (last) {
    lines.push(`     ret ${JSON.stringify(last.ret)}`);
    for (const e of last.events) lines.push(`     ${renderEvent(e)}`);
  }
  return lines.join('\n');
}
