/**
 * Deliberately broken versions of the model's step, for checking that the explorer finds
 * each bug with a shortest counterexample.
 */
import type { Action } from '../../model/actions.ts';
import type { Result } from '../../model/context.ts';
import type { Event } from '../../model/events.ts';
import type { State } from '../../model/state.ts';
import { step } from '../../model/step.ts';

/** The model's step with `f` applied to the events of every `type` step. */
const onEvents =
  (type: Action['type'], f: (events: readonly Event[]) => Event[]) =>
  (state: State, action: Action): Result => {
    const r = step(state, action);
    return action.type === type ? { ...r, events: f(r.events) } : r;
  };

/** Each batch unregisters devices in order of entry instead of reverse order (lo first). */
export const forwardDeviceOrder = onEvents('cleanup_net', (events) => {
  const kills = events.filter((e) => e.type === 'dev_unregister').reverse();
  return events.map((e) => (e.type === 'dev_unregister' ? kills.shift()! : e));
});

/** cleanup_net skips its grace period (no synchronize_rcu between unlink and the exits). */
export const noGracePeriod = onEvents('cleanup_net', (events) =>
  events.filter((e) => e.type !== 'synchronize_rcu'),
);

/** cleanup_net forgets to unhash the nsids survivors hold for the dying nets. */
export const keepNsids = onEvents('cleanup_net', (events) =>
  events.filter((e) => e.type !== 'nsid_unhash'),
);

/** A step function that crashes on cleanup_net (for the parallel search's error path). */
export const crashOnCleanup = onEvents('cleanup_net', () => {
  throw new Error('crashOnCleanup: cleanup_net is not supported');
});
