/**
 * Replaying a stored run against the model and an implementation, step by step: what each
 * side answered, what the step changed in the model, and where they first diverged.
 */
import type { Action } from '../model/actions.ts';
import type { Event, Ret } from '../model/events.ts';
import type { Kernel } from '../model/kernels.ts';
import { initialState } from '../model/state.ts';
import { step } from '../model/step.ts';
import { view } from '../model/view.ts';
import { firstDifference, jsonEqual } from './equal.ts';
import { bootOptions, type Factory } from './implementation.ts';
import { renderAction } from './render.ts';
import { viewDiff } from './view-diff.ts';

/** One replayed step. */
export interface ReplayStep {
  readonly index: number;
  readonly call: string;
  readonly action: Action;
  readonly ret: Ret;
  readonly events: readonly Event[];
  readonly diff: readonly string[];
  /** The implementation's answer where it differs from the model's, else null. */
  readonly observed: {
    readonly ret: Ret;
    readonly events: readonly Event[];
    readonly firstEvent: number;
  } | null;
  /** What the implementation threw at this step, if it did. */
  readonly thrown: string | null;
}

/** A whole replay; `divergedAt` is the first step whose answer differs, or null. */
export interface Replay {
  readonly steps: readonly ReplayStep[];
  readonly divergedAt: number | null;
}

/** Replays `actions` from `boot` on the model and `factory`'s implementation. */
export async function replay(
  factory: Factory,
  actions: readonly Action[],
  boot: 'full' | 'bare',
  kernel: Kernel = '6.18',
): Promise<Replay> {
  const impl = await factory(bootOptions(boot, kernel));
  let state = initialState({ boot, kernel });
  let divergedAt: number | null = null;
  let dead = false;
  const steps: ReplayStep[] = [];
  for (const [index, action] of actions.entries()) {
    const before = view(state);
    const r = step(state, action);
    state = r.state;
    let observed: ReplayStep['observed'] = null;
    let thrown: string | null = null;
    if (!dead) {
      try {
        const o = await impl.apply(action);
        const firstEvent = firstDifference(r.events, o.events);
        if (!jsonEqual(r.ret, o.ret) || firstEvent >= 0)
          observed = { ret: o.ret, events: o.events, firstEvent };
      } catch (e) {
        thrown = e instanceof Error ? e.message : String(e);
        dead = true;
      }
    }
    if (divergedAt === null && (observed || thrown)) divergedAt = index;
    steps.push({
      index,
      call: renderAction(action),
      action,
      ret: r.ret,
      events: r.events,
      diff: viewDiff(before, view(state)),
      observed,
      thrown,
    });
  }
  await impl.close?.();
  return { steps, divergedAt };
}
