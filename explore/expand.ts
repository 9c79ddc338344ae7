/**
 * Expanding one BFS node: every action of its alphabet stepped, each successor either a
 * self-loop, an edge into a known state or a new state, and the invariant families checked
 * on every explored step. Shared by the sequential search (explore/bfs.ts) and each worker
 * of the parallel one (explore/worker.ts), which differ only in how they tell a new state.
 */
import type { Action } from '../model/actions.ts';
import type { Result } from '../model/context.ts';
import { INVARIANTS } from '../model/invariants/index.ts';
import type { State } from '../model/state.ts';
import { step as modelStep } from '../model/step.ts';
import type { Invariant, TraceStep } from '../model/trace.ts';
import { view as modelView, type View } from '../model/view.ts';
import { alphabets } from './alphabet.ts';
import { canonical } from './canonical.ts';
import { Checker, type Finding } from './checker.ts';
import { type Fingerprint, fingerprint } from './fingerprint.ts';
import { type Phases, timed } from './phases.ts';
import { poolsOf, type Scope } from './scope.ts';
import { child, type Edge, type Node, pathSteps } from './tree.ts';

/** A step function: the model's, or a wrapped (e.g. deliberately broken) one. */
export type StepFn = (state: State, action: Action) => Result;

/** A named export of a module (a function cannot cross to a worker thread; this can). */
export interface ModuleExport {
  /** The module's URL (e.g. `new URL('./mutants.ts', import.meta.url).href`). */
  readonly module: string;
  readonly name: string;
}

/** The step function `ref` names. */
export async function loadStep(ref: ModuleExport): Promise<StepFn> {
  const f = ((await import(ref.module)) as Record<string, unknown>)[ref.name];
  if (typeof f !== 'function') throw new Error(`${ref.module} exports no function ${ref.name}`);
  return f as StepFn;
}

/** What an expansion needs to know of the search. */
export interface ExpandOptions {
  readonly scope: Scope;
  /** The step function explored (default: the model's). */
  readonly step?: StepFn;
  /** The invariants checked (default: every family of model/invariants). */
  readonly invariants?: readonly Invariant[];
  /** Canonicalise states under renaming of pool ids (default true). */
  readonly symmetry?: boolean;
  /** Check edges into known states too (`all`, default) or only edges to new states. */
  readonly edges?: 'all' | 'new';
  /** Accumulates the milliseconds spent in each phase (costs two clock reads a call). */
  readonly phases?: Phases;
}

/**
 * Says whether the successor with fingerprint `fp`, reached by the action at `index` of the
 * expanded node's alphabet, is a new state (and records it as seen).
 */
export type Admit = (fp: Fingerprint, index: number) => boolean;

/** Expands nodes of one search; counts the actions stepped. */
export class Expander {
  readonly checker: Checker;
  readonly alphabet: (state: State) => readonly Action[];
  readonly step: StepFn;
  readonly view: (state: State) => View;
  readonly fingerprint: (state: State) => Fingerprint;
  readonly checkAll: boolean;
  /** Actions stepped so far (TLC's "states generated"). */
  generated = 0;
  /**
   * Where the last expansion's finding broke: the alphabet index of the broken edge, or
   * the alphabet's length for its self-loops (which are checked after every edge).
   */
  brokenAt = -1;

  constructor(
    opts: ExpandOptions,
    boot: State,
    readonly rootView: View,
    private readonly tick: () => void = () => {},
  ) {
    const pools = poolsOf(opts.scope);
    const symmetric = opts.symmetry ?? true;
    const p = opts.phases;
    this.checker = new Checker(opts.invariants ?? INVARIANTS, boot, p);
    this.alphabet = alphabets(pools);
    this.step = timed(opts.step ?? modelStep, p, 'step');
    this.view = timed(modelView, p, 'view');
    this.fingerprint = timed((s: State) => fingerprint(canonical(s, pools, symmetric)), p, 'fp');
    this.checkAll = (opts.edges ?? 'all') === 'all';
  }

  /**
   * Steps every action of the alphabet from `node`: new states (as `admit` tells) become
   * children (kept in `next` unless `last`), every non-loop edge is checked after the
   * node's path (edges into known states only with `edges: 'all'`), and the self-loops are
   * checked chained. Drops the node's state and books.
   */
  expand(
    node: Node,
    admit: Admit,
    next: Node[],
    edges: Edge[] | null,
    last: boolean,
  ): Finding | null {
    const state = node.state!;
    const books = node.books!;
    const path = () => pathSteps(node);
    const here = node.step?.view ?? this.rootView;
    const loops: TraceStep[] = [];
    const alphabet = this.alphabet(state);
    for (let i = 0; i < alphabet.length; i += 1) {
      const action = alphabet[i]!;
      if ((this.generated += 1) % 256 === 0) this.tick();
      const { state: after, ret, events } = this.step(state, action);
      if (after === state) {
        loops.push({ action, ret, events, view: here });
        continue;
      }
      const isNew = admit(this.fingerprint(after), i);
      if (!isNew && !this.checkAll && edges === null) continue;
      const s: TraceStep = { action, ret, events, view: this.view(after) };
      const checked = isNew || this.checkAll ? this.checker.edge(books, path, s, node.depth) : null;
      if (checked?.finding) {
        this.brokenAt = i;
        return checked.finding;
      }
      if (isNew && !last) next.push(child(node, s, after, checked!.books));
      else if (!isNew) edges?.push({ from: node, step: s, loop: false });
    }
    node.state = null;
    node.books = null;
    if (edges !== null) for (const s of loops) edges.push({ from: node, step: s, loop: true });
    this.brokenAt = alphabet.length;
    return this.checker.loops(books, path, loops, node.depth);
  }
}
