/**
 * Turning a failed property into a counterexample file: the model's and the
 * implementation's events for each step of the shrunk run.
 */
import type { Action } from '../model/actions.ts';
import type { Event } from '../model/events.ts';
import type { Kernel } from '../model/kernels.ts';
import { initialState } from '../model/state.ts';
import { step } from '../model/step.ts';
import type { PropertyReport } from './check.ts';
import { type Counterexample, FORMAT, type ImplementationRef } from './counterexample.ts';
import { bootOptions, type Factory } from './implementation.ts';

/** The model's events, step by step. */
export function modelEvents(
  actions: readonly Action[],
  boot: 'full' | 'bare',
  kernel: Kernel = '6.18',
): Event[][] {
  let state = initialState({ boot, kernel });
  return actions.map((action) => {
    const r = step(state, action);
    state = r.state;
    return [...r.events];
  });
}

/** The implementation's events, step by step, up to the step where it threw (if it did). */
export async function observedEvents(
  factory: Factory,
  actions: readonly Action[],
  boot: 'full' | 'bare',
  kernel: Kernel = '6.18',
): Promise<Event[][]> {
  const impl = await factory(bootOptions(boot, kernel));
  const out: Event[][] = [];
  try {
    for (const action of actions) out.push([...(await impl.apply(action)).events]);
  } catch {
    // the message of the failure says what was thrown; the events stop here
  } finally {
    await impl.close?.();
  }
  return out;
}

/** The counterexample of a failed property. */
export async function record(
  factory: Factory,
  p: PropertyReport,
  implementation: ImplementationRef,
): Promise<Counterexample> {
  const boot = p.boot!;
  const kernel = p.kernel ?? '6.18';
  const actions = p.counterexample!;
  return {
    format: FORMAT,
    kernel,
    property: p.name,
    seed: p.seed,
    path: p.path ?? null,
    boot,
    implementation,
    actions,
    expected: modelEvents(actions, boot, kernel),
    observed: await observedEvents(factory, actions, boot, kernel),
    message: p.message ?? '',
  };
}
