/**
 * bench:harness — lockstep throughput (model + implementation + every invariant family) in
 * actions per second, and its overhead over running the implementation alone on the same
 * generated runs.
 */
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

async function alone(): Promise<number> {
  const t0 = performance.now();
  for (const { boot, actions } of inputs) {
    const impl = await factory!({ boot });
    for (const action of actions) await impl.apply(action);
    await impl.view?.();
  }
  return performance.now() - t0;
}

async function lockstep(): Promise<number> {
  const t0 = performance.now();
  for (const { boot, actions } of inputs) {
    const run = await runLockstep(await factory!({ boot }), actions as Action[], { boot });
    if (run.mismatch) throw new Error(run.mismatch.message);
    const trace = { kernel: '6.18' as const, boot, steps: run.observed };
    for (const inv of INVARIANTS)
      if (inv.check(trace).length > 0) throw new Error(`${inv.name} failed`);
  }
  return performance.now() - t0;
}

await lockstep(); // warm-up
const aloneMs = await alone();
const lockMs = await lockstep();
const rate = (ms: number) => Math.round(total / (ms / 1000)).toLocaleString('en');
console.log(`${RUNS} runs, ${total} actions, impl=${name}`);
console.log(`implementation alone: ${aloneMs.toFixed(0)} ms (${rate(aloneMs)} actions/s)`);
console.log(
  `lockstep + invariants: ${lockMs.toFixed(0)} ms (${rate(lockMs)} actions/s; target ≥ 20,000)`,
);
console.log(`overhead: ${(lockMs / aloneMs).toFixed(1)}×`);
