/**
 * The pinned sample both mutation tests run: generated runs from one seed, and the first
 * thing that goes wrong on one of them (lockstep mismatch, broken invariant, or a throw).
 */
import fc from 'fast-check';
import { INVARIANTS } from '../../model/invariants/index.ts';
import { runArb } from '../../properties/choices.ts';
import { decode } from '../../properties/decode.ts';
import type { Factory } from '../../properties/implementation.ts';
import { runLockstep } from '../../properties/lockstep.ts';

export const SEED = 1;
export const RUNS = 400;

/** The sample's runs, decoded once. */
export const inputs = fc
  .sample(runArb(40), { seed: SEED, numRuns: RUNS })
  .map(({ boot, choices }) => ({ boot, actions: decode(choices, { boot }) }));

/** What goes wrong first on `input` with `factory`'s implementation, or null. */
export async function firstViolation(
  factory: Factory,
  { boot, actions }: (typeof inputs)[number],
): Promise<string | null> {
  try {
    const run = await runLockstep(await factory({ boot }), actions, { boot });
    if (run.mismatch) return run.mismatch.message;
    const trace = { kernel: '6.18' as const, boot, steps: run.observed };
    for (const inv of INVARIANTS) {
      const violations = inv.check(trace);
      if (violations.length > 0) return `${inv.name}: ${violations[0]!.message}`;
    }
    return null;
  } catch (e) {
    return `threw: ${(e as Error).message}`;
  }
}
