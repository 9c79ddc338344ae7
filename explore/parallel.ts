/**
 * The breadth-first search on several worker threads, level by level. Each worker keeps a
 * share of the level and expands it exactly as the sequential search would; the coordinator
 * merges the new states they offer, giving each to its earliest discovery in the
 * sequential order (explore/merge.ts), so the levels, their order, every node's shortest
 * path and the finding reported are the sequential search's. Between levels it evens out
 * the shares: a worker hands over paths, and the other rebuilds the nodes by replaying them.
 */
import { Worker } from 'node:worker_threads';
import { INVARIANTS } from '../model/invariants/index.ts';
import { initialState } from '../model/state.ts';
import type { ExploreOptions, ExploreResult, Progress } from './bfs.ts';
import { Checker, type Finding } from './checker.ts';
import { LevelTable } from './merge.ts';
import { LIMIT, type Order, type Report, STOP } from './protocol.ts';

/** Options of {@link explore} that only the search on this thread has. */
const SINGLE_THREAD = ['step', 'onLevel', 'keepEdges', 'phases'] as const;

/** Names of the invariant families checked; only model/invariants' own can cross threads. */
function invariantNames(opts: ExploreOptions): string[] {
  return (opts.invariants ?? INVARIANTS).map((inv) => {
    if (!INVARIANTS.includes(inv))
      throw new Error(`parallel search: invariant ${inv.name} is not one of model/invariants`);
    return inv.name;
  });
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);
const WORKER = new URL('./worker.ts', import.meta.url).href;

/**
 * Workers of finished searches, kept for the next one: starting a worker costs about 0.7 s
 * (its loader compiles the model's TypeScript again), more than a small search. Idle ones
 * are unreferenced, so they never keep the process alive.
 */
const idle: Worker[] = [];

/** An idle worker, or a new one. */
function hire(): Worker {
  const worker = idle.pop();
  if (worker === undefined) return new Worker(BOOT, { workerData: { module: WORKER } });
  worker.ref();
  return worker;
}

type Offers = Extract<Report, { type: 'offers' }>;

/** The workers of one search, each answering one order at a time; offers go to `onOffers`. */
class Crew {
  readonly workers: Worker[];
  private readonly waiting: { resolve: (r: Report) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;
  private readonly detach: (() => void)[] = [];

  constructor(count: number, onOffers: (worker: number, r: Offers) => void) {
    this.workers = Array.from({ length: count }, (_, id) => {
      const worker = hire();
      const message = (r: Report) => {
        if (r.type === 'offers') onOffers(id, r);
        else if (r.type === 'failed') this.waiting[id]?.reject(new Error(r.message));
        else this.waiting[id]?.resolve(r);
      };
      const error = (e: Error) => this.fail(e);
      const exit = (code: number) =>
        this.fail(new Error(`explore worker exited with code ${code}`));
      worker.on('message', message).on('error', error).on('exit', exit);
      this.detach.push(() => worker.off('message', message).off('error', error).off('exit', exit));
      return worker;
    });
  }

  /** Posts `order` to worker `w`; its answer. */
  ask(w: number, order: Order): Promise<Report> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiting[w] = { resolve, reject };
      this.workers[w]!.postMessage(order);
    });
  }

  /** Posts `order` to every worker; their answers. */
  all(order: (w: number) => Order): Promise<Report[]> {
    return Promise.all(this.workers.map((_, w) => this.ask(w, order(w))));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting) w?.reject(e);
  }

  /**
   * Returns the workers to the idle pool; ends them instead if one failed or the search
   * was abandoned (`broken`), when some may still be busy with an order.
   */
  async dismiss(broken: boolean): Promise<void> {
    for (const detach of this.detach) detach();
    if (this.failure || broken) {
      await Promise.all(this.workers.map((w) => w.terminate()));
      return;
    }
    for (const worker of this.workers) {
      worker.unref();
      idle.push(worker);
    }
  }
}

/** One parallel search in progress: the coordinator's books. */
class Coordinator {
  readonly control = new SharedArrayBuffer(8);
  readonly cells = new Int32Array(this.control);
  readonly table: LevelTable;
  readonly crew: Crew;
  readonly perDepth: number[] = [1];
  readonly started = performance.now();
  distinct = 1;
  depth = 0;
  frontier = 1;
  /** Per worker: actions stepped, traces checked, nodes of this level expanded so far. */
  readonly generated: number[];
  readonly checks: number[];
  readonly expanded: number[];
  /** Offers taken from each worker this level. */
  private offered: number[] = [];

  constructor(
    readonly opts: ExploreOptions,
    readonly workers: number,
    /** Names of the invariant families every worker checks. */
    private readonly invariants: readonly string[],
  ) {
    this.table = new LevelTable(workers);
    this.generated = Array<number>(workers).fill(0);
    this.checks = Array<number>(workers).fill(0);
    this.expanded = Array<number>(workers).fill(0);
    this.crew = new Crew(workers, (w, r) => this.offers(w, r));
  }

  /** Sets every worker up for this search. */
  async setUp(): Promise<void> {
    const { opts, control, invariants } = this;
    await this.crew.all((id) => ({
      type: 'setup',
      setup: {
        id,
        scope: opts.scope,
        symmetry: opts.symmetry ?? true,
        edges: opts.edges ?? 'all',
        invariants,
        step: opts.stepModule ?? null,
        control,
      },
    }));
  }

  /** Takes worker `w`'s offers; spends the state budget. */
  private offers(w: number, r: Extract<Report, { type: 'offers' }>): void {
    const base = this.offered[w]!;
    for (let i = 0; i < r.keys.length; i += 1) {
      this.table.offer(r.fingerprints[2 * i]!, r.fingerprints[2 * i + 1]!, r.keys[i]!, w, base + i);
    }
    this.offered[w] = base + r.keys.length;
    this.expanded[w] = r.expanded;
    const max = this.opts.maxStates;
    if (max !== undefined && this.distinct + this.table.size >= max)
      Atomics.store(this.cells, STOP, 1);
  }

  progress(): Progress {
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      depth: this.depth,
      generated: sum(this.generated),
      distinct: this.distinct + this.table.size,
      queue: Math.max(0, this.frontier - sum(this.expanded)) + this.table.size,
      seconds: (performance.now() - this.started) / 1000,
    };
  }

  /** Expands one level on every worker; the finding with the least key, if any. */
  async expandLevel(last: boolean): Promise<Finding | null> {
    this.offered = Array<number>(this.workers).fill(0);
    this.expanded.fill(0);
    Atomics.store(this.cells, LIMIT, 0x7fffffff);
    const reports = await this.crew.all(() => ({ type: 'expand', last }));
    let best: { key: number; finding: Finding } | null = null;
    for (const [w, r] of reports.entries()) {
      if (r.type !== 'done') throw new Error(`explore worker ${w}: unexpected ${r.type}`);
      [this.generated[w], this.checks[w]] = [r.generated, r.checks];
      if (r.finding && (best === null || r.finding.key < best.key)) best = r.finding;
    }
    return best?.finding ?? null;
  }

  /** Counts the level's winners; unless `final`, hands each worker its share of them. */
  async commit(final: boolean): Promise<number[]> {
    const { keep, index, fingerprints } = this.table.winners();
    this.frontier = fingerprints.length / 2;
    this.distinct += this.frontier;
    this.perDepth.push(this.frontier);
    if (final) return [];
    await this.crew.all((w) => ({
      type: 'commit',
      keep: keep[w]!,
      index: index[w]!,
      fingerprints,
    }));
    return keep.map((k) => k.length);
  }

  /** Evens out the workers' shares: the largest gives to the smallest until they are close. */
  async balance(sizes: number[]): Promise<void> {
    const total = sizes.reduce((a, b) => a + b, 0);
    for (;;) {
      const heavy = sizes.indexOf(Math.max(...sizes));
      const light = sizes.indexOf(Math.min(...sizes));
      const gap = sizes[heavy]! - sizes[light]!;
      if (gap <= Math.max(1, total / 20)) return;
      const count = Math.floor(gap / 2);
      const given = await this.crew.ask(heavy, { type: 'give', count });
      if (given.type !== 'given')
        throw new Error(`explore worker ${heavy}: unexpected ${given.type}`);
      await this.crew.ask(light, { type: 'take', paths: given.paths, index: given.index });
      sizes[heavy]! -= count;
      sizes[light]! += count;
    }
  }
}

/**
 * The number of workers `opts` asks for, and the names of its invariant families; throws on
 * options that cannot cross threads.
 */
function checked(opts: ExploreOptions): { workers: number; invariants: string[] } {
  const workers = opts.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 2 || workers > 64)
    throw new Error(`parallel search: workers must be an integer from 2 to 64, got ${workers}`);
  const only = SINGLE_THREAD.filter((option) => Boolean(opts[option]));
  if (only.length > 0)
    throw new Error(`parallel search: ${only.join(', ')} only work on one thread (workers: 1)`);
  return { workers, invariants: invariantNames(opts) };
}

/** The levels, one after the other, until the depth bound, a finding or the budget. */
async function levels(c: Coordinator): Promise<{ finding: Finding | null; stopped: boolean }> {
  for (let finding: Finding | null = null; c.frontier > 0 && c.depth < c.opts.scope.depth;) {
    c.depth += 1;
    const last = c.depth === c.opts.scope.depth;
    finding = await c.expandLevel(last);
    const stopped = Atomics.load(c.cells, STOP) === 1;
    const sizes = await c.commit(last || stopped || finding !== null);
    if (stopped || finding) return { finding, stopped };
    if (!last) await c.balance(sizes);
  }
  return { finding: null, stopped: false };
}

/** Explores `opts.scope` as the sequential search does, on `opts.workers` worker threads. */
export async function exploreParallel(opts: ExploreOptions): Promise<ExploreResult> {
  const { workers, invariants } = checked(opts);
  const boot = initialState({ boot: opts.scope.boot ?? 'full' });
  const start = new Checker(opts.invariants ?? INVARIANTS, boot).start();
  const c = new Coordinator(opts, workers, invariants);
  const report = opts.onProgress;
  const timer = report && setInterval(() => report(c.progress()), opts.progressMs ?? 1000);
  let broken = true;
  try {
    await c.setUp();
    const { finding, stopped } = start.finding
      ? { finding: start.finding, stopped: false }
      : await levels(c);
    broken = false;
    return {
      ...c.progress(),
      queue: 0,
      scope: opts.scope,
      complete: !stopped && !finding,
      perDepth: c.perDepth,
      checks: c.checks.reduce((a, b) => a + b, 1),
      finding,
    };
  } finally {
    if (timer) clearInterval(timer);
    await c.crew.dismiss(broken);
  }
}
