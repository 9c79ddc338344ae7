/**
 * bench:explore — the explorer on the scope (3 nets × 3 ops × 2 devices, depth 8)
 * up to a budget of distinct states: distinct states/s by the wall clock and by CPU time
 * (the machine is shared), where the time goes (the model's step, its view, the explorer's
 * fingerprints, the invariant families, GC), and the same scope without symmetry, with
 * checks on new edges only, and with no invariants at all; then the default search on worker
 * threads (explore/parallel.ts); the load average before and after. BENCH_STATES (default
 * 50000) sets the budget, BENCH_DEPTH (default 8) the depth, BENCH_WORKERS (default: one a
 * core) the workers.
 */
import { availableParallelism, loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { explore, type ExploreOptions, type ExploreResult } from '../explore/bfs.ts';
import { noPhases, type Phases } from '../explore/phases.ts';
import { summary } from '../explore/report.ts';

const scope = { nets: 3, ops: 3, devices: 2, depth: Number(process.env.BENCH_DEPTH ?? 8) };
const budget = Number(process.env.BENCH_STATES ?? 50_000);
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());

interface Run {
  readonly result: ExploreResult;
  readonly wallS: number;
  readonly cpuS: number;
  readonly gcMs: number;
}

/** One search to the budget, timed by the wall clock, CPU time and GC pauses. */
async function run(opts: Omit<ExploreOptions, 'scope' | 'maxStates'>, max = budget): Promise<Run> {
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = await explore({ scope, maxStates: max, ...opts });
  const wallS = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  await new Promise((resolve) => setTimeout(resolve, 200)); // GC entries arrive late
  gc.disconnect();
  return { result, wallS, cpuS: (used.user + used.system) / 1e6, gcMs };
}

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const rates = (r: Run): string =>
  `${n(r.result.distinct / r.wallS)} distinct states/s (wall), ` +
  `${n(r.result.distinct / r.cpuS)} /s (CPU time)`;

/** The 1-minute load average: above the core count, the wall-clock rates are not the machine's. */
const load = (): string => loadavg()[0]!.toFixed(1);

/**
 * Each phase's share of the instrumented run, and its CPU microseconds per distinct state
 * (the share applied to the run's CPU time, since other processes inflate the wall clock).
 */
function phases(p: Phases, r: Run): string {
  const total = r.wallS * 1000;
  const rest = total - p.step - p.view - p.fp - p.check;
  const share = (ms: number) => `${((100 * ms) / total).toFixed(0).padStart(3)}%`;
  const per = (ms: number) =>
    `${(((ms / total) * r.cpuS * 1e6) / r.result.distinct).toFixed(0).padStart(4)} µs/state`;
  return [
    `  ${share(p.step)} ${per(p.step)}  model step (${n(r.result.generated)} calls)`,
    `  ${share(p.check)} ${per(p.check)}  invariant families (${n(r.result.checks)} traces)`,
    `  ${share(p.fp)} ${per(p.fp)}  canonical form, fingerprint, seen set`,
    `  ${share(p.view)} ${per(p.view)}  model view`,
    `  ${share(rest)} ${per(rest)}  explorer bookkeeping (alphabet, nodes, paths)`,
    `  GC pauses, spread over the above: ${share(r.gcMs)} of the wall time`,
  ].join('\n');
}

console.log(`load average at start: ${load()}`);
await run({}, 10_000); // warm-up: JIT
const main = await run({});
console.log(summary(main.result));
console.log(`\n${rates(main)}`);
console.log(`second run (JIT warm): ${rates(await run({}))}`);
const p = noPhases();
const timed = await run({ phases: p });
console.log('\nwhere the time goes (instrumented run; its clock reads add a little):');
console.log(phases(p, timed));
console.log('\nvariants, same budget:');
for (const [label, opts] of [
  ['no symmetry', { symmetry: false }],
  ['edges: new (edges into known states unchecked)', { edges: 'new' }],
  ['no invariants (state space only)', { invariants: [] }],
] as const) {
  const r = await run(opts);
  console.log(`  ${label}: ${rates(r)}, depth ${r.result.depth}`);
}
if (workers > 1) {
  // Each worker compiles and optimises the model anew; a worker thread's JIT is only warm
  // after about a full search, so the second run is the steady state.
  await run({ workers }, 10_000); // warm-up: starts the pooled workers
  console.log(`\non ${workers} worker threads, same budget (wall; CPU time of all threads):`);
  for (const label of ['first run', 'second run (JIT warm)']) {
    const par = await run({ workers });
    const cpu = `${n(par.result.distinct / par.cpuS)} /s CPU`;
    const wall = `${n(par.result.distinct / par.wallS)} distinct states/s`;
    console.log(`  ${label}: ${wall}, ${cpu}, ${n(par.result.distinct)} distinct states`);
  }
}
console.log(`load average at the end: ${load()}`);
