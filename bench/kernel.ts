/**
 * bench:kernel — the live kernel tears down N namespaces, each with one veth into the
 * witness, deleted back to back (one `ip -batch` of `netns del`), for N = 1024 and 4096.
 * Prints the kernel's wall time (first delete to last RTM_DELLINK), the batches it formed,
 * the time the checker takes to check that trace against the model, and their ratio.
 * Needs root; exit 2 otherwise. Not part of `npm test`.
 */
import { replaySetup, replayTeardown, teardownPlan } from '../adapters/linux/project.ts';
import { runScenario } from '../adapters/linux/runner.ts';
import { buildScenario, type Intent } from '../adapters/linux/scenario.ts';
import { scan } from '../adapters/linux/scan.ts';
import { kernelUnavailable } from '../adapters/linux/session.ts';

const SIZES = (process.env.NETNS_BENCH_SIZES ?? '1024,4096').split(',').map(Number);

/** `n` namespaces (the last is the sentinel), each with one veth whose peer is in the witness. */
function teardownOf(n: number) {
  const veths: Intent[] = Array.from({ length: n - 1 }, (_, a) => ({
    t: 'veth',
    a,
    b: 0,
    shape: 0,
  }));
  return buildScenario(n - 1, veths);
}

/** Batch sizes as `count×size`, largest first. */
function sizes(batches: readonly (readonly string[])[]): string {
  const count = new Map<number, number>();
  for (const b of batches) count.set(b.length, (count.get(b.length) ?? 0) + 1);
  return [...count.entries()]
    .sort(([a], [b]) => b - a)
    .map(([size, k]) => `${k}×${size}`)
    .join(' ');
}

/** Runs `f` and returns its value with its duration in ms. */
function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
}

const ms = (x: number): string => `${x.toFixed(0).padStart(7)} ms`;

async function measure(n: number): Promise<void> {
  const scenario = teardownOf(n);
  const [run, runMs] = await (async () => {
    const t0 = performance.now();
    const r = await runScenario(scenario, { timeoutMs: 600_000 });
    return [r, performance.now() - t0] as const;
  })();
  // checkTrace(trace, { confirm: false }) stage by stage, to show where the time goes.
  const [setup, setupMs] = timed(() => replaySetup(scenario, run.trace.rets, run.trace.nsids));
  if (!setup.ok) throw new Error(setup.message);
  const [plan, planMs] = timed(() => teardownPlan(setup.state, scenario));
  const [found, scanMs] = timed(() => scan(plan.sigma, run.trace.observed));
  const batches = found.ok ? found.batches : [];
  const [rerun, rerunMs] = timed(() => replayTeardown(setup.state, scenario, batches));
  const same = JSON.stringify(rerun) === JSON.stringify(run.trace.observed);
  const [teardownCheck, checkMs] = [planMs + scanMs, setupMs + planMs + scanMs];
  const verdict = found.ok ? 'accepted' : `REJECTED ${found.message}`;
  const order = batches.map((b) => b.length).join(',');
  console.log(
    [
      `${n} namespaces, ${run.trace.observed.length} RTM_DELLINK in the witness`,
      `  kernel: whole run   ${ms(runMs)}  (create, setup, teardown, cleanup)`,
      `  kernel: teardown    ${ms(run.teardownMs)}  (first netns del to last RTM_DELLINK)`,
      `  batches formed      ${batches.length}: ${sizes(batches)}  (in order: ${order.length > 120 ? `${order.slice(0, 120)}…` : order})`,
      `  model: whole check  ${ms(checkMs)}  ${verdict}`,
      `    setup replay      ${ms(setupMs)}  (${scenario.setup.length} setup steps through step())`,
      `    teardown plan     ${ms(planMs)}  (${n} put_net and one cleanup_net: each net's projection)`,
      `    scan              ${ms(scanMs)}  (segment-reversal scan, linear)`,
      `  self-check re-run   ${ms(rerunMs)}  (checkTrace's confirm: ${batches.length} model cleanup_net, ${same ? 'same events' : 'DIFFERENT events'}; not in the check above)`,
      `  ratio whole check / whole kernel run        ${(checkMs / runMs).toFixed(2)}`,
      `  ratio teardown check / kernel teardown     ${(teardownCheck / run.teardownMs).toFixed(2)}  (plan and scan)`,
      `  ratio scan / kernel teardown               ${(scanMs / run.teardownMs).toFixed(4)}`,
    ].join('\n'),
  );
}

const reason = kernelUnavailable();
if (reason !== null) {
  console.error(`bench:kernel: cannot drive the live kernel: ${reason}`);
  process.exit(2);
}
console.log(`bench:kernel on ${process.platform} ${(await import('node:os')).release()}`);
for (const n of SIZES) await measure(n);
