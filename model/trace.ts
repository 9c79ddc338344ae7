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

/** A named invariant family over traces (DESIGN.md §3). */
export interface Invariant {
  readonly name: string;
  /** The family number in DESIGN.md §3. */
  readonly family: number;
  /** One-line statement. */
  readonly statement: string;
  /** Why the kernel needs it. */
  readonly why: string;
  readonly check: (trace: Trace) => Violation[];
}
