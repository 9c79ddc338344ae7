/**
 * The coverage gate, decided statistically as QuickCheck's `checkCoverage` does: a tag passes
 * when the lower end of its Wilson score interval reaches 90% of its minimum, fails when the
 * upper end stays below the minimum, and otherwise more runs are sampled from the same
 * generator (model only, no implementation) until every tag is decided or the cap is reached.
 * The gate judges the generator's distribution, so the extra runs need not touch the
 * implementation; they are reproducible from the seed.
 */
import fc from 'fast-check';
import type { Action } from '../model/actions.ts';
import { initialState, type InitOptions } from '../model/state.ts';
import { step } from '../model/step.ts';
import type { TraceStep } from '../model/trace.ts';
import { type View, view } from '../model/view.ts';
import { runArb } from './choices.ts';
import { CoverageCounter, verdict } from './coverage.ts';
import { decode } from './decode.ts';

/** Generator-only runs sampled per round while some tag is undecided. */
const ROUND = 1000;
/** Never sample more than this many runs in all. */
export const GATE_CAP = 20_000;

/** The model's trace of `actions`, as coverage reads it. */
export function modelTrace(actions: readonly Action[], opts: InitOptions): TraceStep[] {
  let state = initialState(opts);
  return actions.map((action) => {
    const r = step(state, action);
    state = r.state;
    return { action, ret: r.ret, events: r.events, view: view(state) };
  });
}

/** What the gate decided. */
export interface GateResult {
  /** One line per tag that failed or stayed undecided at the cap. */
  readonly shortfalls: readonly string[];
  /** Generator-only runs sampled on top of the check's own. */
  readonly extraRuns: number;
}

const undecided = (c: CoverageCounter) =>
  c.rows().filter((r) => verdict(r.hits, c.runs, r.min) === 'undecided');

/** One sampled run as coverage reads it: the boot view and the model trace. */
export interface SampledRun {
  readonly boot: View;
  readonly steps: readonly TraceStep[];
}

/** Samples `n` runs of the check's generator from `seed`, under `kernel` if given. */
export function sampleGenerator(
  maxActions: number,
  kernel?: InitOptions['kernel'],
  timewait = false,
) {
  return (seed: number, n: number): SampledRun[] =>
    fc.sample(runArb(maxActions), { seed, numRuns: n }).map(({ boot, choices }) => {
      const opts = kernel === undefined ? { boot } : { boot, kernel };
      return {
        boot: view(initialState(opts)),
        steps: modelTrace(decode(choices, opts, timewait), opts),
      };
    });
}

/**
 * Decides every tag, starting from the check's own runs in `seen` and sampling more (from
 * seeds `seed + 1`, `seed + 2`, …) while some tag is undecided.
 */
export function gateCoverage(
  seen: CoverageCounter,
  opts: {
    seed: number;
    maxActions: number;
    kernel?: InitOptions['kernel'];
    cap?: number;
    sample?: (seed: number, n: number) => SampledRun[];
  },
): GateResult {
  const cap = opts.cap ?? GATE_CAP;
  const sample = opts.sample ?? sampleGenerator(opts.maxActions, opts.kernel, seen.timewait);
  const all = new CoverageCounter(seen.kernel, seen.timewait);
  all.merge(seen);
  for (let round = 1; undecided(all).length > 0 && all.runs < cap; round += 1)
    for (const run of sample(opts.seed + round, Math.min(ROUND, cap - all.runs)))
      all.add(run.boot, run.steps);
  const shortfalls = all.rows().flatMap((r) => {
    const v = verdict(r.hits, all.runs, r.min);
    const share = `${r.hits}/${all.runs} runs (${(r.share * 100).toFixed(2)}%)`;
    const min = `${(r.min * 100).toFixed(1)}%`;
    if (v === 'fail') return [`${r.name}: ${share}, significantly below the minimum ${min}`];
    if (v === 'undecided') return [`${r.name}: ${share}, not shown to reach ${min}`];
    return [];
  });
  return { shortfalls, extraRuns: all.runs - seen.runs };
}
