/**
 * The model's view, memoised by state identity: a rejected step returns the very same state,
 * and the model-backed implementation shares states with the lockstep driver.
 */
import type { State } from '../model/state.ts';
import { view, type View } from '../model/view.ts';

const views = new WeakMap<State, View>();

/** `view(state)`, computed once per state object. */
export function viewOf(state: State): View {
  let v = views.get(state);
  if (v === undefined) views.set(state, (v = view(state)));
  return v;
}
