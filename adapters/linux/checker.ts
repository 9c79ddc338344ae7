/**
 * The trace checker: given what a run did and what the witness saw, decides whether some run
 * of the model, under some choice of batch boundaries, produces exactly the witness's
 * teardown events. Pure and independent of timing.
 */
import {
  replaySetup,
  replayTeardown,
  type NsidSeen,
  type StepRet,
  teardownPlan,
} from './project.ts';
import type { Scenario } from './scenario.ts';
import { describe, type Observed, scan } from './scan.ts';

/** Everything the checker needs from a run; plain JSON. */
export interface KernelTrace {
  readonly scenario: Scenario;
  /** The kernel's answer to each setup step (null where it is not compared). */
  readonly rets: readonly (StepRet | null)[];
  /** The nsids the witness allocated during setup, in arrival order. */
  readonly nsids: readonly NsidSeen[];
  /** The witness's events from the first teardown command to the end of the run. */
  readonly observed: readonly Observed[];
}

/** The verdict: the batching that explains the trace, or why none does. */
export type Verdict =
  | {
      readonly ok: true;
      /** The batches found, oldest first, each in processing (newest-first) order. */
      readonly batches: readonly (readonly string[])[];
    }
  | {
      readonly ok: false;
      /** `setup`: a setup answer or nsid differs; `teardown`: no batching fits; `model`:
       * the model disagrees with the scan (a checker bug). */
      readonly stage: 'setup' | 'teardown' | 'model';
      /** The first teardown event no allowed run produces (observed.length: one is missing). */
      readonly index: number | null;
      readonly message: string;
    };

/** Options of {@link checkTrace}. */
export interface CheckOptions {
  /**
   * Re-run the model with the batching the scan found and compare its events with the trace
   * (default true). Redundant when the scan is right (test/kernel/checker.test.ts checks that
   * on random scenarios and batchings), and it costs one model cleanup_net per batch, each
   * linear in the live nets, so the benchmark of thousands of nets measures without it.
   */
  readonly confirm?: boolean;
}

/** The first index where two witness views differ, or -1. */
function firstDifference(a: readonly Observed[], b: readonly Observed[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const [x, y] = [a[i], b[i]];
    if (!x || !y || describe(x) !== describe(y)) return i;
  }
  return -1;
}

/**
 * Checks a trace in three steps: the setup replays in the model with the kernel's answers;
 * the segment-reversal scan finds a batching of the final-put order (linear, see scan.ts);
 * the model, re-run with that batching, produces exactly the observed events (unless
 * `confirm` is false).
 */
export function checkTrace(trace: KernelTrace, opts: CheckOptions = {}): Verdict {
  const setup = replaySetup(trace.scenario, trace.rets, trace.nsids);
  if (!setup.ok) return { ok: false, stage: 'setup', index: null, message: setup.message };
  const plan = teardownPlan(setup.state, trace.scenario);
  const found = scan(plan.sigma, trace.observed);
  if (!found.ok)
    return { ok: false, stage: 'teardown', index: found.index, message: found.message };
  if (opts.confirm === false) return { ok: true, batches: found.batches };
  const model = replayTeardown(setup.state, trace.scenario, found.batches);
  const i = firstDifference(model, trace.observed);
  if (i < 0) return { ok: true, batches: found.batches };
  const [m, o] = [model[i], trace.observed[i]];
  const show = (e: Observed | undefined): string => (e ? describe(e) : 'nothing');
  return {
    ok: false,
    stage: 'model',
    index: i,
    message: `checker bug: the model batched as ${JSON.stringify(found.batches)} gives ${show(m)} at #${i}, the witness saw ${show(o)}`,
  };
}
