/**
 * Builders for hand-made traces in the invariant tests (no reducer): events, steps, and
 * edits that break a valid run.
 */
import type { Action } from '../../../model/actions.ts';
import type { Counters, Errno, Event, Ret } from '../../../model/events.ts';
import type { Trace, TraceStep } from '../../../model/trace.ts';
import type { View } from '../../../model/view.ts';

/** Event builders: the unit tests' own. */
export { E } from '../helpers.ts';

/** A successful ret with its payload. */
export const ok = (extra: { count?: number; id?: number; nets?: string[] } = {}): Ret => ({
  ok: true,
  ...extra,
});
/** A failed ret. */
export const fail = (errno: Errno): Ret => ({ ok: false, errno });
/** One step. */
export const st = (action: Action, ret: Ret, events: Event[] = []): TraceStep => ({
  action,
  ret,
  events,
});
/** A trace from `boot`. */
export const trace = (steps: TraceStep[], boot: 'full' | 'bare' = 'full'): Trace => ({
  kernel: '6.18',
  boot,
  steps,
});

/** A view carrying only counters (the only part the invariants read). */
export const withCounters = (step: TraceStep, counters: Counters): TraceStep => {
  const view: View = { nets: [], pernet: [], firstDevice: null, cleanupList: [], counters };
  return { ...step, view };
};

/** `trace` with the events of step `index` replaced by `f(events)`. */
export function edit(t: Trace, index: number, f: (events: Event[]) => Event[]): Trace {
  return {
    ...t,
    steps: t.steps.map((s, i) => (i === index ? { ...s, events: f([...s.events]) } : s)),
  };
}

/** `trace` with step `index`'s ret replaced. */
export function editRet(t: Trace, index: number, ret: Ret): Trace {
  return { ...t, steps: t.steps.map((s, i) => (i === index ? { ...s, ret } : s)) };
}

/** `events` without the events equal to `drop`. */
export const without = (events: Event[], ...drop: Event[]): Event[] =>
  events.filter((e) => !drop.some((d) => JSON.stringify(d) === JSON.stringify(e)));

/** `events` with the block starting at `from[0]` (as long as `from`) replaced by `to`. */
export function replace(events: Event[], from: Event[], to: Event[]): Event[] {
  const at = events.findIndex((e) => JSON.stringify(e) === JSON.stringify(from[0]));
  return [...events.slice(0, at), ...to, ...events.slice(at + from.length)];
}

/** `events` with `event` moved to position `to`. */
export function moveTo(events: Event[], event: Event, to: number): Event[] {
  const rest = without(events, event);
  return [...rest.slice(0, to), event, ...rest.slice(to)];
}
