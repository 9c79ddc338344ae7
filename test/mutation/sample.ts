/**
 * The pinned samples the mutation tests run: generated runs from one seed per kernel profile,
 * and the first thing that goes wrong on one of them (lockstep mismatch, broken invariant, or
 * a throw).
 */
import fc from 'fast-check';
import { INVARIANTS } from '../../model/invariants/index.ts';
import type { Kernel } from '../../model/kernels.ts';
import { runArb } from '../../properties/choices.ts';
import { decode } from '../../properties/decode.ts';
import { bootOptions, type Factory } from '../../properties/implementation.ts';
import { runLockstep } from '../../properties/lockstep.ts';

export const SEED = 1;
export const RUNS = 400;

/** One decoded run of a sample. */
export interface SampleRun {
  readonly kernel: Kernel;
  readonly boot: 'full' | 'bare';
  readonly actions: ReturnType<typeof decode>;
}

/** `runs` runs from `SEED` for `kernel`'s profile, decoded once. */
export function sample(kernel: Kernel, runs: number): SampleRun[] {
  return fc.sample(runArb(40), { seed: SEED, numRuns: runs }).map(({ boot, choices }) => ({
    kernel,
    boot,
    // the reference implements the TIME_WAIT table: 6.18 runs include its actions too
    actions: decode(choices, bootOptions(boot, kernel), true),
  }));
}

/** The 6.18 sample, with and without the bug switches. */
export const inputs = sample('6.18', RUNS);

/** What goes wrong first on `input` with `factory`'s implementation, or null. */
export async function firstViolation(
  factory: Factory,
  { kernel, boot, actions }: SampleRun,
): Promise<string | null> {
  try {
    const how = bootOptions(boot, kernel);
    const run = await runLockstep(await factory(how), actions, how);
    if (run.mismatch) return run.mismatch.message;
    const trace = { kernel, boot, steps: run.observed };
    for (const inv of INVARIANTS) {
      const violations = inv.check(trace);
      if (violations.length > 0) return `${inv.name}: ${violations[0]!.message}`;
    }
    return null;
  } catch (e) {
    return `threw: ${(e as Error).message}`;
  }
}
