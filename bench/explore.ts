/**
 * bench:explore — the explorer on the scope (3 nets × 3 ops × 2 devices, depth 8)
 * up to a budget of distinct states: distinct states/s by the wall clock and by CPU time
 * (the machine is shared), where the time goes (the model's step, its view, the explorer's
 * fingerprints, the invariant families, GC), and the same scope without symmetry, with
 * checks on new edges only, and with no invariants at all.
 * BENCH_STATES (default 50000) sets the budget, BENCH_DEPTH (default 8) the depth.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { explore, type ExploreOptions, type ExploreResult } from '../explore/bfs.ts';
import { noPhases, type Phases } from '../explore/phases.ts';
import { summary } from '../explore/report.ts';

const scope = { nets: 3, ops: 3, devices: 2, depth: Number(process.env.BENCH_DEPTH ?? 8) };
const budget = Number(process.env.BENCH_STATES ?? 50_000);

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
  await new Promise((resolve) => setImmediate(resolve));
  gc.disconnect();
  return { result, wallS, cpuS: (used.user + used.system) / 1e6, gcMs };
}

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const rates = (r: Run): string =>
  `${n(r.result.distinct / r.wallS)} distinct states/s (wall), ` +
  `${n(r.result.distinct / r.cpuS)} /s (CPU time)`;

function phases(p: Phases, r: Run): string {
  const total = r.wallS * 1000;
  const rest = total - p.step - p.view - p.fp - p.check;
  const share = (ms: number) => `${((100 * ms) / total).toFixed(0).padStart(3)}%`;
  const per = (ms: number) => `${((1000 * ms) / r.result.distinct).toFixed(1)} µs/state`;
  return [
    `  ${share(p.step)}  model step          ${per(p.step)}  (${n(r.result.generated)} calls)`,
    `  ${share(p.check)}  invariant families  ${per(p.check)}  (${n(r.result.checks)} traces)`,
    `  ${share(p.fp)}  canonical form + fingerprint + seen set  ${per(p.fp)}`,
    `  ${share(p.view)}  model view          ${per(p.view)}`,
    `  ${share(rest)}  explorer bookkeeping (alphabet, nodes, paths)  ${per(rest)}`,
    `  GC pauses, spread over the above: ${share(r.gcMs)}`,
  ].join('\n');
}

await run({}, 2_000); // warm-up: JIT
const main = await run({});
console.log(summary(main.result));
console.log(`\n${rates(main)}`);
const p = noPhases();
const timed = await run({ phases: p });
console.log('\nwhere the time goes (instrumented run; clock reads add a little):');
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
