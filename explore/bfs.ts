/**
 * Breadth-first search over every action sequence of a scope, TLC style: one level at a
 * time, each new state fingerprinted (canonical under renaming of pool ids) and kept once,
 * every invariant checked on every explored step with its shortest path as context. The
 * first violation found is a shortest one.
 */
import { initialState, type State } from '../model/state.ts';
import { view as modelView, type View } from '../model/view.ts';
import type { Finding } from './checker.ts';
import { Expander, type ExpandOptions, loadStep, type ModuleExport } from './expand.ts';
import { exploreParallel } from './parallel.ts';
import { type Fingerprint, FingerprintSet } from './fingerprint.ts';
import { type Edge, type Node, root } from './tree.ts';

export type { StepFn } from './expand.ts';

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
export interface ExploreOptions extends ExpandOptions {
  /** Stop (incomplete) once this many distinct states are found. */
  readonly maxStates?: number;
  /** Called about every `progressMs` (default 1000) milliseconds. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressMs?: number;
  /** Called with each level before it is expanded; a finding stops the search. */
  readonly onLevel?: (level: Level) => Promise<Finding | null>;
  /** Hand the edges into known states and the self-loops of each level to `onLevel`. */
  readonly keepEdges?: boolean;
  /**
   * Worker threads (default 1: this thread alone). With more, explore/parallel.ts runs the
   * same search; `step`, `onLevel`, `keepEdges` and `phases` are for one thread only.
   */
  readonly workers?: number;
  /** The step function explored, as a module export (the way to give one to workers). */
  readonly stepModule?: ModuleExport;
}

/** What a search found. */
export interface ExploreResult extends Progress {
  readonly scope: ExpandOptions['scope'];
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
  readonly expander: Expander;
  readonly started = performance.now();
  readonly perDepth: number[] = [1];
  depth = 0;
  queue = 0;
  private lastReport = this.started;
  /** The sequential search's test of a new state: its seen set. */
  readonly admit = (fp: Fingerprint) => this.seen.add(fp);

  constructor(
    readonly opts: ExploreOptions,
    boot: State,
    rootView: View,
  ) {
    this.expander = new Expander(opts, boot, rootView, () => this.tick());
  }

  progress(): Progress {
    const { depth, queue } = this;
    const seconds = (performance.now() - this.started) / 1000;
    const { generated } = this.expander;
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
}

/** Expands one level; stops early on a finding or when the state budget is spent. */
function expandLevel(search: Search, level: readonly Node[], last: boolean) {
  const next: Node[] = [];
  const edges: Edge[] | null = search.opts.keepEdges ? [] : null;
  const keep = last && search.opts.onLevel !== undefined;
  for (const [i, node] of level.entries()) {
    search.queue = level.length - i + next.length;
    const before = search.seen.size;
    const finding = search.expander.expand(node, search.admit, next, edges, last && !keep);
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
  if ((opts.workers ?? 1) !== 1) return exploreParallel(opts);
  const { stepModule, ...rest } = opts;
  if (stepModule && opts.step) throw new Error('explore: give step or stepModule, not both');
  if (stepModule) return explore({ ...rest, step: await loadStep(stepModule) });
  const boot = initialState({ boot: opts.scope.boot ?? 'full' });
  const search = new Search(opts, boot, modelView(boot));
  search.admit(search.expander.fingerprint(boot));
  const start = search.expander.checker.start();
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
    checks: search.expander.checker.checks,
    finding,
  };
}
