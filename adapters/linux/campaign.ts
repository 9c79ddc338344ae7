/**
 * A conformance campaign: seeded random scenarios, each run on the live kernel and checked,
 * with the figures a summary needs. Used by `netns-model kernel` and the live test suite.
 */
import fc from 'fast-check';
import { checkTrace, type Verdict } from './checker.ts';
import { type KernelRun, runScenario } from './runner.ts';
import { type Scenario, scenarioArb } from './scenario.ts';

/** Options of {@link runCampaign}. */
export interface CampaignOptions {
  readonly seed: number;
  readonly scenarios: number;
  /** Namespaces under test per scenario, at most (default 12). */
  readonly maxNets?: number;
  /** Deadline of each command and wait, in ms. */
  readonly timeoutMs?: number;
  /** Called after each scenario (progress lines). */
  readonly onResult?: (r: ScenarioResult) => void;
}

/** One scenario's outcome: checked, or the run itself failed (`error`). */
export interface ScenarioResult {
  readonly index: number;
  readonly scenario: Scenario;
  readonly ms: number;
  readonly run: KernelRun | null;
  readonly verdict: Verdict | null;
  readonly error: string | null;
}

/** The campaign's figures. */
export interface CampaignSummary {
  readonly seed: number;
  readonly scenarios: number;
  readonly namespaces: number;
  readonly events: number;
  /** Batches found by the checker, and how many had each size. */
  readonly batches: number;
  readonly batchSizes: Readonly<Record<number, number>>;
  readonly accepted: number;
  readonly rejected: number;
  readonly errors: number;
  readonly results: readonly ScenarioResult[];
}

async function one(index: number, scenario: Scenario, timeoutMs?: number): Promise<ScenarioResult> {
  const t0 = performance.now();
  try {
    const run = await runScenario(scenario, timeoutMs === undefined ? {} : { timeoutMs });
    const verdict = checkTrace(run.trace);
    return { index, scenario, ms: performance.now() - t0, run, verdict, error: null };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return { index, scenario, ms: performance.now() - t0, run: null, verdict: null, error };
  }
}

/** Folds results into the summary figures. */
export function summarise(seed: number, results: readonly ScenarioResult[]): CampaignSummary {
  const sizes: Record<number, number> = {};
  let [namespaces, events, batches] = [0, 0, 0];
  for (const r of results) {
    namespaces += r.scenario.nets.length;
    events += r.run?.trace.observed.length ?? 0;
    if (!r.verdict?.ok) continue;
    batches += r.verdict.batches.length;
    for (const b of r.verdict.batches) sizes[b.length] = (sizes[b.length] ?? 0) + 1;
  }
  return {
    seed,
    scenarios: results.length,
    ...{ namespaces, events, batches, batchSizes: sizes },
    accepted: results.filter((r) => r.verdict?.ok).length,
    rejected: results.filter((r) => r.verdict && !r.verdict.ok).length,
    errors: results.filter((r) => r.error !== null).length,
    results,
  };
}

/** Generates `scenarios` scenarios from `seed` and runs them one after the other. */
export async function runCampaign(opts: CampaignOptions): Promise<CampaignSummary> {
  const arb = scenarioArb(opts.maxNets ?? 12);
  const scenarios =
    opts.scenarios === 0 ? [] : fc.sample(arb, { seed: opts.seed, numRuns: opts.scenarios });
  const results: ScenarioResult[] = [];
  for (const [i, scenario] of scenarios.entries()) {
    const r = await one(i + 1, scenario, opts.timeoutMs);
    results.push(r);
    opts.onResult?.(r);
  }
  return summarise(opts.seed, results);
}
