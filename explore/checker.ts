/**
 * Checking the invariant families on the explored traces. Invariants are predicates over
 * whole traces, so every step is checked in the context of the shortest path to the state
 * it starts from: an edge as that path plus the edge, and all self-loops of a state
 * (rejected requests) chained after its path at once.
 */
import type { State } from '../model/state.ts';
import type { Invariant, Trace, TraceStep, Violation } from '../model/trace.ts';
import { type Phases, timed } from './phases.ts';

/** A broken property and the (shortest known) trace that breaks it. */
export interface Finding {
  readonly property: string;
  /** The explored trace, up to and including the broken step. */
  readonly steps: readonly TraceStep[];
  /** What an implementation under test answered instead (lockstep mode only). */
  readonly observed?: readonly TraceStep[];
  readonly message: string;
}

/** Checks traces from one boot state against a fixed list of invariants. */
export class Checker {
  /** Traces handed to the invariants so far. */
  checks = 0;
  private readonly first: (steps: readonly TraceStep[]) => Violation | null;

  constructor(
    private readonly invariants: readonly Invariant[],
    private readonly boot: Pick<State, 'kernel' | 'boot'>,
    phases?: Phases,
  ) {
    this.first = timed((steps) => this.earliest(steps), phases, 'check');
  }

  /** The first violation on `steps` (earliest step, then family order), or null. */
  private earliest(steps: readonly TraceStep[]): Violation | null {
    this.checks += 1;
    const trace: Trace = { kernel: this.boot.kernel, boot: this.boot.boot, steps };
    let first: Violation | null = null;
    for (const invariant of this.invariants) {
      for (const v of invariant.check(trace)) if (first === null || v.step < first.step) first = v;
    }
    return first;
  }

  /** Checks one trace; a finding names the trace up to the broken step. */
  trace(steps: readonly TraceStep[]): Finding | null {
    const v = this.first(steps);
    return v && { property: v.invariant, steps: steps.slice(0, v.step + 1), message: v.message };
  }

  /** Checks `path` followed by `edge` (`path` is borrowed and left as it was). */
  edge(path: TraceStep[], edge: TraceStep): Finding | null {
    path.push(edge);
    try {
      return this.trace(path);
    } finally {
      path.pop();
    }
  }

  /**
   * Checks the self-loops of a state chained after its path (a loop leaves the state as it
   * is, so the chain is a real run). On a violation, the first loop that breaks an invariant
   * on its own is the finding; if none does alone, the chain up to the broken step is.
   */
  loops(path: readonly TraceStep[], loops: readonly TraceStep[]): Finding | null {
    if (loops.length === 0) return null;
    const chained = this.trace([...path, ...loops]);
    if (chained === null) return null;
    for (const loop of loops) {
      const alone = this.trace([...path, loop]);
      if (alone) return alone;
    }
    return chained;
  }
}
