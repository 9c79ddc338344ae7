/**
 * Breadth-first search over every action sequence of a scope, TLC style: one level at a
 * time, each new state fingerprinted (canonical under renaming of pool ids) and kept once,
 * every invariant checked on every explored step with its shortest path as context. The
 * first violation found is a shortest one.
 */
import type { Action } from '../model/actions.ts';
import type { Result } from '../model/context.ts';
import { INVARIANTS } from '../model/invariants/index.ts';
import { initialState, type State } from '../model/state.ts';
import { step as modelStep } from '../model/step.ts';
import type { Invariant, TraceStep } from '../model/trace.ts';
import { view as modelView, type View } from '../model/view.ts';
import { alphabets } from './alphabet.ts';
import { canonical } from './canonical.ts';
import { Checker, type Finding } from './checker.ts';
import { fingerprint, FingerprintSet } from './fingerprint.ts';
import { type Phases, timed } from './phases.ts';
import { poolsOf, type Scope } from './scope.ts';
import { child, type Edge, type Node, pathSteps, root } from './tree.ts';

/** A step function: the model's, or a wrapped (e.g. deliberately broken) one. */
export type StepFn = (state: State, action: Action) => Result;

/** How far a search has got (TLC's progress line). */
export interface Progress {
  readonly depth: number;
  readonly generated: number;
  readonly distinct: number;
  readonly queue: number;
  readonly seconds: number;
}

/** One explored level: its new states, and (with `keepEdges`) its other transitions. */
export interface Level {
  readonly nodes: readonly Node[];
  readonly edges: readonly Edge[];
}

/** Options of {@link explore}. */
export interface ExploreOptions {
  readonly scope: Scope;
  /** The step function explored (default: the model's). */
  readonly step?: StepFn;
  /** The invariants checked (default: every family of model/invariants). */
  readonly invariants?: readonly Invariant[];
  /** Canonicalise states under renaming of pool ids (default true). */
  readonly symmetry?: boolean;
  /** Check edges into known states too (`all`, default) or only edges to new states. */
  readonly edges?: 'all' | 'new';
  /** Stop (incomplete) once this many distinct states are found. */
  readonly maxStates?: number;
  /** Called about every `progressMs` (default 1000) milliseconds. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressMs?: number;
  /** Called with each level before it is expanded; a finding stops the search. */
  readonly onLevel?: (level: Level) => Promise<Finding | null>;
  /** Hand the edges into known states and the self-loops of each level to `onLevel`. */
  readonly keepEdges?: boolean;
  /** Accumulates the milliseconds spent in each phase (costs two clock reads a call). */
  readonly phases?: Phases;
}

/** What a search found. */
export interface ExploreResult extends Progress {
  readonly scope: Scope;
  /** Whether every state up to the depth bound was explored. */
  readonly complete: boolean;
  /** Distinct states first found at each depth (index 0: boot). */
  readonly perDepth: readonly number[];
  /** Traces handed to the invariants. */
  readonly checks: number;
  readonly finding: Finding | null;
}

/** One search in progress. */
class Search {
  readonly seen = new FingerprintSet();
  readonly checker: Checker;
  readonly alphabet: (state: State) => readonly Action[];
  readonly step: StepFn;
  readonly view: (state: State) => View;
  readonly key: (state: State) => boolean;
  readonly checkAll: boolean;
  readonly started = performance.now();
  readonly perDepth: number[] = [1];
  generated = 0;
  depth = 0;
  queue = 0;
  private lastReport = this.started;

  constructor(
    readonly opts: ExploreOptions,
    boot: State,
    readonly rootView: View,
  ) {
    const pools = poolsOf(opts.scope);
    const symmetric = opts.symmetry ?? true;
    const p = opts.phases;
    this.checker = new Checker(opts.invariants ?? INVARIANTS, boot, p);
    this.alphabet = alphabets(pools);
    this.step = timed(opts.step ?? modelStep, p, 'step');
    this.view = timed(modelView, p, 'view');
    this.key = timed((s) => this.seen.add(fingerprint(canonical(s, pools, symmetric))), p, 'fp');
    this.checkAll = (opts.edges ?? 'all') === 'all';
  }

  progress(): Progress {
    const { depth, generated, queue } = this;
    const seconds = (performance.now() - this.started) / 1000;
    return { depth, generated, distinct: this.seen.size, queue, seconds };
  }

  tick(): void {
    const now = performance.now();
    if (this.opts.onProgress && now - this.lastReport >= (this.opts.progressMs ?? 1000)) {
      this.lastReport = now;
      this.opts.onProgress(this.progress());
    }
  }

  full(): boolean {
    return this.opts.maxStates !== undefined && this.seen.size >= this.opts.maxStates;
  }

  /**
   * Steps every action of the alphabet from `node`: new states become children (kept in
   * `next` unless `last`), every non-loop edge is checked after the node's path (edges into
   * known states only with `edges: 'all'`), and the self-loops are checked chained.
   */
  expand(node: Node, next: Node[], edges: Edge[] | null, last: boolean): Finding | null {
    const state = node.state!;
    const books = node.books!;
    const path = () => pathSteps(node);
    const here = node.step?.view ?? this.rootView;
    const loops: TraceStep[] = [];
    for (const action of this.alphabet(state)) {
      if ((this.generated += 1) % 256 === 0) this.tick();
      const { state: after, ret, events } = this.step(state, action);
      if (after === state) {
        loops.push({ action, ret, events, view: here });
        continue;
      }
      const isNew = this.key(after);
      if (!isNew && !this.checkAll && edges === null) continue;
      const s: TraceStep = { action, ret, events, view: this.view(after) };
      const checked = isNew || this.checkAll ? this.checker.edge(books, path, s, node.depth) : null;
      if (checked?.finding) return checked.finding;
      if (isNew && !last) next.push(child(node, s, after, checked!.books));
      else if (!isNew) edges?.push({ from: node, step: s, loop: false });
    }
    node.state = null;
    node.books = null;
    if (edges !== null) for (const s of loops) edges.push({ from: node, step: s, loop: true });
    return this.checker.loops(books, path, loops, node.depth);
  }
}

/** Expands one level; stops early on a finding or when the state budget is spent. */
function expandLevel(search: Search, level: readonly Node[], last: boolean) {
  const next: Node[] = [];
  const edges: Edge[] | null = search.opts.keepEdges ? [] : null;
  const keep = last && search.opts.onLevel !== undefined;
  for (const [i, node] of level.entries()) {
    search.queue = level.length - i + next.length;
    const before = search.seen.size;
    const finding = search.expand(node, next, edges, last && !keep);
    if (last && !keep) search.perDepth[search.depth]! += search.seen.size - before;
    if (finding || search.full()) return { next, edges, finding, stopped: !finding };
  }
  return { next, edges, finding: null, stopped: false };
}

/**
 * Explores every action sequence of `opts.scope` up to its depth, breadth first, checking
 * every invariant on every step; stops at the first (hence shortest) violation.
 */
export async function explore(opts: ExploreOptions): Promise<ExploreResult> {
  const boot = initialState({ boot: opts.scope.boot ?? 'full' });
  const search = new Search(opts, boot, modelView(boot));
  search.key(boot);
  const start = search.checker.start();
  let finding = start.finding;
  let level = [root(boot, start.books)];
  let complete = true;
  while (!finding && level.length > 0 && search.depth < opts.scope.depth) {
    search.depth += 1;
    const last = search.depth === opts.scope.depth;
    search.perDepth.push(0);
    const r = expandLevel(search, level, last);
    if (r.next.length > 0) search.perDepth[search.depth] = r.next.length;
    for (const n of last ? r.next : []) [n.state, n.books] = [null, null];
    const hook = opts.onLevel;
    finding = r.finding ?? (hook ? await hook({ nodes: r.next, edges: r.edges ?? [] }) : null);
    if (r.stopped) complete = false;
    if (r.stopped) break;
    level = r.next;
  }
  search.queue = 0;
  return {
    ...search.progress(),
    scope: opts.scope,
    complete: complete && !finding,
    perDepth: search.perDepth,
    checks: search.checker.checks,
    finding,
  };
}
