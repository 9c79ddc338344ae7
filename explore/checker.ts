/**
 * Checking the invariant families on the explored steps. Each family is a monitor, so a
 * node keeps what every family remembers of its shortest path (its books), and a step from
 * it is checked with one monitor step per family, as the whole path plus the step would be:
 * an edge alone, and all self-loops of a state (rejected requests) chained at once.
 */
import type { State } from '../model/state.ts';
import type { Invariant, Monitor, TraceStep, Violation } from '../model/trace.ts';
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

/** What each family (in the checker's order) remembers of the path to a node. */
export type Books = readonly unknown[];

/** Books after a step, and the first violation of the step (family order), if any. */
interface Checked {
  readonly books: Books;
  readonly violation: Violation | null;
}

/** A finding of `v` on `steps`, cut after the broken step. */
const finding = (v: Violation, steps: readonly TraceStep[]): Finding => ({
  property: v.invariant,
  steps: steps.slice(0, v.step + 1),
  message: v.message,
});

/** Checks steps from one boot state against a fixed list of invariants. */
export class Checker {
  /** Traces checked so far (an edge, a chain of loops, a loop alone). */
  checks = 0;
  private readonly monitors: readonly Monitor<unknown>[];
  readonly step: (books: Books, step: TraceStep, index: number, end: boolean) => Checked;

  constructor(
    invariants: readonly Invariant[],
    private readonly boot: Pick<State, 'kernel' | 'boot'>,
    phases?: Phases,
  ) {
    this.monitors = invariants.map((i) => i.monitor);
    this.step = timed((b, s, i, end) => this.stepAll(b, s, i, end), phases, 'check');
  }

  /**
   * Steps every family; the first violation is the first family's (with `end`, its
   * end-of-trace violations after its step's), which is the earliest of the whole trace
   * when the path before is clean. Books no family changed stay the same array (a chain of
   * self-loops mostly changes nothing).
   */
  private stepAll(books: Books, step: TraceStep, index: number, end: boolean): Checked {
    const { monitors } = this;
    let after: unknown[] | null = null;
    let violation: Violation | null = null;
    for (let i = 0; i < monitors.length; i += 1) {
      const monitor = monitors[i]!;
      const next = monitor.step(books[i], step, index);
      if (next.state !== books[i]) (after ??= [...books])[i] = next.state;
      if (violation !== null) continue;
      violation = next.violations[0] ?? (end ? monitor.end?.(next.state, index)[0] : null) ?? null;
    }
    return { books: after ?? books, violation };
  }

  /** The books at boot, and the finding on the empty trace (an end-of-trace violation). */
  start(): { readonly books: Books; readonly finding: Finding | null } {
    this.checks += 1;
    const books = this.monitors.map((monitor) => monitor.init(this.boot));
    const ends = this.monitors.flatMap((monitor, i) => monitor.end?.(books[i], -1) ?? []);
    return { books, finding: ends[0] ? finding(ends[0], []) : null };
  }

  /** Checks `edge` from a node with `books` and shortest path `path()`; the books after it. */
  edge(books: Books, path: () => TraceStep[], edge: TraceStep, index: number) {
    this.checks += 1;
    const r = this.step(books, edge, index, true);
    return { books: r.books, finding: r.violation && finding(r.violation, [...path(), edge]) };
  }

  /**
   * Checks the self-loops of a node chained after its path (a loop leaves the state as it
   * is, so the chain is a real run). On a violation, the first loop that breaks an invariant
   * on its own is the finding; if none does alone, the chain up to the broken step is.
   */
  loops(books: Books, path: () => TraceStep[], loops: readonly TraceStep[], index: number) {
    if (loops.length === 0) return null;
    this.checks += 1;
    let b = books;
    let broken: Violation | null = null;
    for (let i = 0; i < loops.length; i += 1) {
      const r = this.step(b, loops[i]!, index + i, i === loops.length - 1);
      if ((broken = r.violation)) break;
      b = r.books;
    }
    if (broken === null) return null;
    const steps = path();
    for (const loop of loops) {
      const alone = this.edge(books, () => steps, loop, index).finding;
      if (alone) return alone;
    }
    return finding(broken, [...steps, ...loops]);
  }
}
