/**
 * A recorded run: what was asked, what came back, what was observed. Invariants read
 * traces, so they apply to any implementation, including ones that only produce traces.
 */
import type { Action } from './actions.ts';
import type { Event, Ret } from './events.ts';
import type { Kernel } from './state.ts';
import type { View } from './view.ts';

/** One step of a run. `view` is present when the implementation can show it. */
export interface TraceStep {
  readonly action: Action;
  readonly ret: Ret;
  readonly events: readonly Event[];
  readonly view?: View;
}

/** A whole run from boot. */
export interface Trace {
  readonly kernel: Kernel;
  readonly boot: 'full' | 'bare';
  readonly steps: readonly TraceStep[];
}

/** One broken rule: which invariant, at which step, and what happened. */
export interface Violation {
  readonly invariant: string;
  readonly step: number;
  readonly message: string;
}

/** What a {@link Monitor} makes of one step: what it remembers after it, and what is wrong. */
export interface Stepped<S> {
  readonly state: S;
  readonly violations: readonly Violation[];
}

/**
 * An invariant family read one step at a time: what it remembers of the past (`S`, never
 * modified: a step returns a new state, or the same one when it remembers nothing new), and
 * what each step, and the end of the trace, break given that past.
 */
export interface Monitor<S> {
  /** What the family knows before the first step of a run from this boot. */
  readonly init: (boot: Pick<Trace, 'kernel' | 'boot'>) => S;
  /** Step `index` of a run, given what the family remembers of the steps before it. */
  readonly step: (state: S, step: TraceStep, index: number) => Stepped<S>;
  /** What is wrong if the run stops after step `index` (-1: no steps). */
  readonly end?: (state: S, index: number) => readonly Violation[];
}

/** A named invariant family over traces (DESIGN.md §3). */
export interface Invariant {
  readonly name: string;
  /** The family number in DESIGN.md §3. */
  readonly family: number;
  /** One-line statement. */
  readonly statement: string;
  /** Why the kernel needs it. */
  readonly why: string;
  /** The family itself, one step at a time (its state type hidden). */
  readonly monitor: Monitor<unknown>;
  /** Every violation on `trace`, in step order: the monitor folded over the trace. */
  readonly check: (trace: Trace) => Violation[];
}
