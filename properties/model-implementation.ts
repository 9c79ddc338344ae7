/**
 * The model itself as an Implementation: the harness's self-check, and the base of the
 * deliberately broken implementations that prove each property can fail.
 */
import type { Action } from '../model/actions.ts';
import { initialState, type InitOptions } from '../model/state.ts';
import { step } from '../model/step.ts';
import { viewOf } from './model-view.ts';
import type { Implementation, Outcome } from './implementation.ts';

/** Rewrites one outcome; identity by default. */
export type Distortion = (action: Action, outcome: Outcome) => Outcome;

/** The model as an implementation, its outcomes passed through `distort`. */
export function modelImplementation(
  opts: InitOptions = {},
  distort: Distortion = (_, o) => o,
): Implementation {
  let state = initialState(opts);
  return {
    apply(action) {
      const result = step(state, action);
      state = result.state;
      return distort(action, { ret: result.ret, events: result.events });
    },
    view: () => viewOf(state),
  };
}
