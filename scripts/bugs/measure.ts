/**
 * How the harness does against each bug switch of the reference: every property over a
 * fixed set of seeds, with the runs and time until the first failure and the length of the
 * shrunk counterexample.
 */
import { checkImplementation, type PropertyReport } from '../../properties/check.ts';
import { BUG_IDS, referenceImplementation } from '../../properties/reference-implementation.ts';
import type { BugId } from '../../reference/bugs.ts';

/** One seed's verdict on one bug: the properties that failed. */
export interface SeedResult {
  readonly seed: number;
  readonly failed: readonly PropertyReport[];
}

/** All seeds' verdicts on one bug. */
export interface BugResult {
  readonly bug: BugId;
  readonly seeds: readonly SeedResult[];
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  readonly seeds: readonly number[];
  /** Runs per property: the default run's count, so "detected" means "by the default run". */
  readonly numRuns: number;
  readonly bugs?: readonly BugId[];
  readonly progress?: (line: string) => void;
}

/** Checks the reference with each bug switch on, once per seed. */
export async function measure(opts: MeasureOptions): Promise<BugResult[]> {
  const results: BugResult[] = [];
  for (const bug of opts.bugs ?? BUG_IDS) {
    const seeds: SeedResult[] = [];
    for (const seed of opts.seeds) {
      const report = await checkImplementation(referenceImplementation([bug]), {
        seed,
        numRuns: opts.numRuns,
        timewait: true, // the reference has the TIME_WAIT table
      });
      seeds.push({ seed, failed: report.properties.filter((p) => !p.ok) });
    }
    const hits = seeds.filter((s) => s.failed.length > 0).length;
    opts.progress?.(`${bug}: detected on ${hits}/${seeds.length} seeds`);
    results.push({ bug, seeds });
  }
  return results;
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The property that fails first (fewest runs; ties in PROPERTIES order) on one seed. */
export function first(result: SeedResult): PropertyReport | undefined {
  return [...result.failed].sort((a, b) => a.runs - b.runs)[0];
}
