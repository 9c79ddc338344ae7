/**
 * Lockstep refinement (DESIGN.md §3 family 1): the implementation and the model take the
 * same actions; after every step `ret`, the events and (if shown) the view must agree.
 */
import type { Action } from '../model/actions.ts';
import { initialState, type InitOptions } from '../model/state.ts';
import { step } from '../model/step.ts';
import { view } from '../model/view.ts';
import type { TraceStep } from '../model/trace.ts';
import { firstDifference, jsonEqual } from './equal.ts';
import type { Implementation } from './implementation.ts';
import { renderAction, renderEvent } from './render.ts';

/** Where an implementation first left the model. */
export interface Mismatch {
  readonly step: number;
  readonly field: 'ret' | 'events' | 'view';
  readonly message: string;
}

/** Both traces of a lockstep run, and the first mismatch if there was one. */
export interface LockstepRun {
  readonly expected: TraceStep[];
  readonly observed: TraceStep[];
  readonly mismatch: Mismatch | null;
}

function context(actions: readonly Action[], at: number): string {
  const from = Math.max(0, at - 3);
  return actions
    .slice(from, at + 1)
    .map((a, i) => `  ${from + i === at ? '>' : ' '} #${from + i} ${renderAction(a)}`)
    .join('\n');
}

function compare(
  e: TraceStep,
  o: TraceStep,
  at: number,
  actions: readonly Action[],
): Mismatch | null {
  const where = () => `step #${at} ${renderAction(e.action)}`;
  if (!jsonEqual(e.ret, o.ret)) {
    return {
      step: at,
      field: 'ret',
      message: `${where()}: ret ${JSON.stringify(o.ret)}, model says ${JSON.stringify(e.ret)}\n${context(actions, at)}`,
    };
  }
  const i = firstDifference(e.events, o.events);
  if (i >= 0) {
    const msg = `${where()}: event #${i} is ${renderEvent(o.events[i])}, model says ${renderEvent(e.events[i])}`;
    return { step: at, field: 'events', message: `${msg}\n${context(actions, at)}` };
  }
  if (o.view !== undefined && !jsonEqual(e.view, o.view)) {
    const keys = Object.keys(e.view!).filter(
      (k) => !jsonEqual((e.view as never)[k], (o.view as never)[k]),
    );
    return {
      step: at,
      field: 'view',
      message: `${where()}: view differs in ${keys.join(', ')}: ${JSON.stringify(keys.map((k) => (o.view as never)[k]))}, model says ${JSON.stringify(keys.map((k) => (e.view as never)[k]))}\n${context(actions, at)}`,
    };
  }
  return null;
}

/** Runs `actions` on the model and `impl` side by side, stopping at the first mismatch. */
export async function runLockstep(
  impl: Implementation,
  actions: readonly Action[],
  opts: InitOptions = {},
): Promise<LockstepRun> {
  let state = initialState(opts);
  let shownState = view(state);
  const expected: TraceStep[] = [];
  const observed: TraceStep[] = [];
  for (const [at, action] of actions.entries()) {
    const result = step(state, action);
    if (result.state !== state) shownState = view(result.state);
    state = result.state;
    const e: TraceStep = { action, ret: result.ret, events: result.events, view: shownState };
    const outcome = await impl.apply(action);
    const shown = impl.view ? await impl.view() : undefined;
    const o: TraceStep = {
      action,
      ret: outcome.ret,
      events: outcome.events,
      ...(shown ? { view: shown } : {}),
    };
    expected.push(e);
    observed.push(o);
    const mismatch = compare(e, o, at, actions);
    if (mismatch) return { expected, observed, mismatch };
  }
  return { expected, observed, mismatch: null };
}
