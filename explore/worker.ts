/**
 * A worker of the parallel search (explore/parallel.ts). For each search it is set up for,
 * it keeps its share of the current level (the nodes with their states and books), expands
 * it as the sequential search would, offers the states it has not seen to the coordinator
 * with their discovery keys, and keeps the offers that win. Its seen set holds every state
 * of the earlier levels, so the only states two workers can both offer are states new at
 * the same level.
 */
import { parentPort } from 'node:worker_threads';
import type { Action } from '../model/actions.ts';
import { INVARIANTS } from '../model/invariants/index.ts';
import { initialState, type State } from '../model/state.ts';
import type { TraceStep } from '../model/trace.ts';
import { view } from '../model/view.ts';
import type { Books, Finding } from './checker.ts';
import { type Admit, Expander, loadStep } from './expand.ts';
import { FingerprintSet } from './fingerprint.ts';
import { discoveryKey } from './merge.ts';
import { LIMIT, type Order, type Report, STOP, type WorkerSetup } from './protocol.ts';
import { child, type Node, pathActions, root } from './tree.ts';

/** How many nodes a worker expands between two offers to the coordinator. */
const OFFER_EVERY = 64;

const port = parentPort!;
const send = (report: Report, transfer: ArrayBuffer[] = []) => port.postMessage(report, transfer);

/** This worker's part in one search. */
class Share {
  private readonly control: Int32Array;
  private readonly bootBooks: Books;
  private readonly seen = new FingerprintSet();
  /** The share of the level, in level order, and each node's level index. */
  private frontier: Node[];
  private index: number[];
  /** The nodes of this level's offers, by offer number (none on the last level). */
  private offered: Node[] = [];
  /** Offers not yet sent: fingerprints as (hi, lo) pairs, and their keys. */
  private fingerprints: number[] = [];
  private keys: number[] = [];
  /** The level index of the node being expanded. */
  private current = 0;

  constructor(
    setup: WorkerSetup,
    private readonly boot: State,
    private readonly expander: Expander,
  ) {
    this.control = new Int32Array(setup.control);
    this.seen.add(expander.fingerprint(this.boot));
    this.bootBooks = expander.checker.start().books;
    this.frontier = setup.id === 0 ? [root(this.boot, this.bootBooks)] : [];
    this.index = setup.id === 0 ? [0] : [];
  }

  private readonly admit: Admit = (fp, action) => {
    if (!this.seen.add(fp)) return false;
    this.fingerprints.push(fp.hi, fp.lo);
    this.keys.push(discoveryKey(this.current, action));
    return true;
  };

  private offer(expanded: number): void {
    const f = new Uint32Array(this.fingerprints);
    const k = new Float64Array(this.keys);
    send({ type: 'offers', fingerprints: f, keys: k, expanded }, [f.buffer, k.buffer]);
    [this.fingerprints, this.keys] = [[], []];
  }

  /** Lowers the shared limit to `at` unless a smaller one is there. */
  private lowerLimit(at: number): void {
    for (let limit = Atomics.load(this.control, LIMIT); at < limit;) {
      const was = Atomics.compareExchange(this.control, LIMIT, limit, at);
      if (was === limit) return;
      limit = was;
    }
  }

  /** Expands the share in level order until done, stopped, or past a finding. */
  expand(last: boolean): Report {
    this.offered = [];
    let found: { key: number; finding: Finding } | null = null;
    let j = 0;
    for (; j < this.frontier.length; j += 1) {
      this.current = this.index[j]!;
      const { control } = this;
      if (Atomics.load(control, STOP) === 1 || this.current > Atomics.load(control, LIMIT)) break;
      const finding = this.expander.expand(this.frontier[j]!, this.admit, this.offered, null, last);
      if (finding) {
        found = { key: discoveryKey(this.current, this.expander.brokenAt), finding };
        this.lowerLimit(this.current);
        j += 1;
        break;
      }
      if ((j + 1) % OFFER_EVERY === 0) this.offer(j + 1);
    }
    this.offer(j);
    // The coordinator counts the boot check once; every worker made its own (bootBooks).
    const checks = this.expander.checker.checks - 1;
    return { type: 'done', generated: this.expander.generated, checks, finding: found };
  }

  /** Adds every winner's fingerprint; the winning offers become the share. */
  commit(keep: readonly number[], at: readonly number[], fps: Uint32Array): void {
    for (let i = 0; i < fps.length; i += 2) this.seen.add({ hi: fps[i]!, lo: fps[i + 1]! });
    this.frontier = keep.map((o) => this.offered[o]!);
    this.index = [...at];
    this.offered = [];
  }

  /** Removes `count` nodes spread evenly over the share; the paths to them. */
  give(count: number): Report {
    const picked = new Set<number>();
    for (let k = 0; k < count; k += 1) picked.add(Math.floor((k * this.frontier.length) / count));
    const paths: Action[][] = [];
    const given: number[] = [];
    const kept: Node[] = [];
    const keptIndex: number[] = [];
    this.frontier.forEach((node, j) => {
      if (picked.has(j)) {
        paths.push(pathActions(node));
        given.push(this.index[j]!);
      } else {
        kept.push(node);
        keptIndex.push(this.index[j]!);
      }
    });
    [this.frontier, this.index] = [kept, keptIndex];
    return { type: 'given', paths, index: given };
  }

  /** Adds the nodes at the end of `paths` (rebuilt by replaying them), keeping level order. */
  take(paths: readonly (readonly Action[])[], at: readonly number[]): void {
    const all = [
      ...this.frontier.map((node, j) => ({ node, at: this.index[j]! })),
      ...paths.map((path, j) => ({ node: this.replay(path), at: at[j]! })),
    ].sort((a, b) => a.at - b.at);
    this.frontier = all.map((e) => e.node);
    this.index = all.map((e) => e.at);
  }

  /**
   * The node at the end of `actions`, rebuilt by stepping them from boot: the same state,
   * steps and books as the worker that found it had (the step and the families are
   * deterministic), and a chain of parents for its path.
   */
  private replay(actions: readonly Action[]): Node {
    const { expander } = this;
    let node = root(this.boot, this.bootBooks);
    let books = this.bootBooks;
    for (const [i, action] of actions.entries()) {
      const r = expander.step(node.state!, action);
      const s: TraceStep = { action, ret: r.ret, events: r.events, view: expander.view(r.state) };
      books = expander.checker.step(books, s, i, false).books;
      const next = child(node, s, r.state, books);
      [node.state, node.books] = [null, null];
      node = next;
    }
    return node;
  }
}

/** The share of the search this worker was last set up for. */
async function setUp(setup: WorkerSetup): Promise<Share> {
  const step = setup.step ? await loadStep(setup.step) : undefined;
  const boot = initialState({ boot: setup.scope.boot ?? 'full' });
  const options = {
    scope: setup.scope,
    ...(step ? { step } : {}),
    invariants: setup.invariants.map((name) => INVARIANTS.find((i) => i.name === name)!),
    symmetry: setup.symmetry,
    edges: setup.edges,
  };
  return new Share(setup, boot, new Expander(options, boot, view(boot)));
}

let share: Share | null = null;

port.on('message', (order: Order) => {
  if (order.type === 'setup') {
    share = null;
    const failed = (e: unknown) => ({ message: e instanceof Error ? e.message : String(e) });
    return void setUp(order.setup).then(
      (s) => {
        share = s;
        send({ type: 'ready' });
      },
      (e: unknown) => send({ type: 'failed', ...failed(e) }),
    );
  }
  if (share === null) throw new Error(`explore worker: ${order.type} before setup`);
  switch (order.type) {
    case 'expand':
      return send(share.expand(order.last));
    case 'commit':
      share.commit(order.keep, order.index, order.fingerprints);
      return send({ type: 'committed' });
    case 'give':
      return send(share.give(order.count));
    case 'take':
      share.take(order.paths, order.index);
      return send({ type: 'taken' });
  }
});
