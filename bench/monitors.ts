/**
 * bench:monitors — the invariant families alone, on a fixed sample of explorer steps: the
 * issue's scope (3 nets × 3 ops × 2 devices) explored breadth first to BENCH_STATES
 * (default 20,000) distinct states, keeping every edge and self-loop of each expanded state.
 * Times the explorer's `Checker` on that sample (each edge as `edge`, each state's loops as
 * one `loops` chain, as the search does) and each family's monitor step alone, by CPU time
 * (the machine is shared: compare CPU figures), and prints the load average.
 * BENCH_ROUNDS (default 5) sets how many times the sample is timed; the best round counts.
 */
import { loadavg } from 'node:os';
import { explore, type Level } from '../explore/bfs.ts';
import { type Books, Checker } from '../explore/checker.ts';
import { type Node, pathSteps } from '../explore/tree.ts';
import { INVARIANTS } from '../model/invariants/index.ts';
import { initialState } from '../model/state.ts';
import type { TraceStep } from '../model/trace.ts';

const scope = { nets: 3, ops: 3, devices: 2, depth: 8 };
const budget = Number(process.env.BENCH_STATES ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

/** An expanded state of the sample: its books, and the steps the search tried from it. */
interface Source {
  readonly node: Node;
  books: Books;
  readonly edges: TraceStep[];
  readonly loops: TraceStep[];
}

/** Every expanded state's edges (tree edges included) and self-loops, from the level hook. */
async function sample(): Promise<Source[]> {
  const sources = new Map<Node, Source>();
  const at = (node: Node): Source => {
    let s = sources.get(node);
    if (s === undefined) sources.set(node, (s = { node, books: [], edges: [], loops: [] }));
    return s;
  };
  const onLevel = async ({ nodes, edges }: Level) => {
    for (const n of nodes) if (n.parent && n.step) at(n.parent).edges.push(n.step);
    for (const e of edges) (e.loop ? at(e.from).loops : at(e.from).edges).push(e.step);
    return null;
  };
  await explore({ scope, maxStates: budget, keepEdges: true, onLevel });
  return [...sources.values()];
}

/** Gives each source the books of its shortest path, as the search had them. */
function fillBooks(checker: Checker, sources: readonly Source[]): void {
  const books = new Map<Node, Books>();
  const of = (node: Node): Books => {
    let b = books.get(node);
    if (b === undefined) {
      const parent = node.parent;
      b =
        parent === null || node.step === null
          ? checker.start().books
          : checker.edge(of(parent), () => [], node.step, parent.depth).books;
      books.set(node, b);
    }
    return b;
  };
  for (const s of sources) s.books = of(s.node);
}

/** CPU microseconds `f` takes (user + system). */
function cpuUs(f: () => void): number {
  const before = process.cpuUsage();
  f();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

/** The best of `rounds` timings of `f`. */
const best = (f: () => void): number => Math.min(...Array.from({ length: rounds }, () => cpuUs(f)));

/** The Checker on every edge and every loop chain of the sample; fails loudly on a finding. */
function checkerRun(checker: Checker, sources: readonly Source[], what: 'edges' | 'loops') {
  return () => {
    for (const s of sources) {
      const path = () => pathSteps(s.node);
      const d = s.node.depth;
      if (what === 'edges') {
        for (const e of s.edges) {
          if (checker.edge(s.books, path, e, d).finding) throw new Error('finding on an edge');
        }
      } else if (checker.loops(s.books, path, s.loops, d)) throw new Error('finding on a loop');
    }
  };
}

/** One family's monitor step on every edge (or every loop) of the sample. */
function familyRun(family: number, sources: readonly Source[], what: 'edges' | 'loops') {
  const { monitor } = INVARIANTS[family]!;
  return () => {
    for (const s of sources) {
      for (const e of what === 'edges' ? s.edges : s.loops) {
        monitor.step(s.books[family], e, s.node.depth);
      }
    }
  };
}

const us = (total: number, n: number): string => (total / n).toFixed(3).padStart(7);
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

console.log(`load average at start: ${load()}`);
const sources = await sample();
const checker = new Checker(INVARIANTS, initialState({ boot: 'full' }));
fillBooks(checker, sources);
const edges = sources.reduce((n, s) => n + s.edges.length, 0);
const loops = sources.reduce((n, s) => n + s.loops.length, 0);
const chains = sources.filter((s) => s.loops.length > 0).length;
console.log(
  `sample: ${sources.length.toLocaleString('en-US')} expanded states, ` +
    `${edges.toLocaleString('en-US')} edges, ${loops.toLocaleString('en-US')} self-loops ` +
    `(${chains.toLocaleString('en-US')} chains); best of ${rounds} rounds, CPU time`,
);
best(checkerRun(checker, sources, 'edges')); // warm-up: JIT
const edgeUs = best(checkerRun(checker, sources, 'edges'));
const loopUs = best(checkerRun(checker, sources, 'loops'));
console.log(`Checker.edge   ${us(edgeUs, edges)} µs per edge (every family, and the end check)`);
console.log(`Checker.loops  ${us(loopUs, loops)} µs per self-loop (chained)`);
console.log(
  `per expanded state: ${((edgeUs + loopUs) / sources.length).toFixed(1)} µs ` +
    `(${(edges / sources.length).toFixed(1)} edges, ${(loops / sources.length).toFixed(1)} loops)`,
);
console.log('\neach family alone (monitor.step):      µs/edge  µs/loop');
INVARIANTS.forEach((invariant, i) => {
  const e = best(familyRun(i, sources, 'edges'));
  const l = best(familyRun(i, sources, 'loops'));
  console.log(
    `  ${invariant.family} ${invariant.name.padEnd(32)} ${us(e, edges)}  ${us(l, loops)}`,
  );
});
console.log(`load average at the end: ${load()}`);
