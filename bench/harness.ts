/**
 * bench:harness — lockstep throughput (model + implementation + every invariant family) in
 * actions per second, and its overhead over running the implementation alone on the same
 * generated runs. Each figure is given by the wall clock and by the process's CPU time: the
 * machine is shared, and under load only the second means much.
 */
import { loadavg } from 'node:os';
import fc from 'fast-check';
import { INVARIANTS } from '../model/invariants/index.ts';
import type { Action } from '../model/actions.ts';
import { runArb } from '../properties/choices.ts';
import { decode } from '../properties/decode.ts';
import type { Factory } from '../properties/implementation.ts';
import { runLockstep } from '../properties/lockstep.ts';
import { IMPLEMENTATIONS } from '../cli/implementations.ts';

const RUNS = 2000;
const name = process.argv[2] ?? 'reference';
const factory: Factory | undefined = IMPLEMENTATIONS[name];
if (!factory) {
  console.error(
    `bench:harness: unknown implementation "${name}" (${Object.keys(IMPLEMENTATIONS).join(', ')})`,
  );
  process.exit(2);
}

const inputs = fc
  .sample(runArb(40), { seed: 42, numRuns: RUNS })
  .map(({ boot, choices }) => ({ boot, actions: decode(choices, { boot }) }));
const total = inputs.reduce((n, r) => n + r.actions.length, 0);

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Runs `body` and measures it by the wall clock and by this process's CPU time. */
async function timed(body: () => Promise<void>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await body();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - t0, cpuMs: (used.user + used.system) / 1000 };
}

const alone = () =>
  timed(async () => {
    for (const { boot, actions } of inputs) {
      const impl = await factory!({ boot });
      for (const action of actions) await impl.apply(action);
      await impl.view?.();
    }
  });

const lockstep = () =>
  timed(async () => {
    for (const { boot, actions } of inputs) {
      const run = await runLockstep(await factory!({ boot }), actions as Action[], { boot });
      if (run.mismatch) throw new Error(run.mismatch.message);
      const trace = { kernel: '6.18' as const, boot, steps: run.observed };
      for (const inv of INVARIANTS)
        if (inv.check(trace).length > 0) throw new Error(`${inv.name} failed`);
    }
  });

await lockstep(); // warm-up
const a = await alone();
const l = await lockstep();
const rate = (ms: number) => Math.round(total / (ms / 1000)).toLocaleString('en');
const line = (t: Timing) =>
  `${t.wallMs.toFixed(0)} ms wall (${rate(t.wallMs)} actions/s), ` +
  `${t.cpuMs.toFixed(0)} ms CPU (${rate(t.cpuMs)} actions/s)`;
console.log(`${RUNS} runs, ${total} actions, impl=${name}, load ${loadavg()[0]!.toFixed(1)}`);
console.log(`implementation alone: ${line(a)}`);
console.log(`lockstep + invariants: ${line(l)}; target ≥ 20,000`);
console.log(`overhead: ${(l.cpuMs / a.cpuMs).toFixed(1)}× (CPU)`);
