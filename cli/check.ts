/**
 * `netns-model check`: every property against an implementation, the coverage table and a
 * summary. Exit 0 when all hold, 1 on a counterexample, 2 on bad usage.
 */
import { checkImplementation, type CheckReport } from '../properties/check.ts';
import { renderCoverage } from '../properties/coverage.ts';
import type { Factory } from '../properties/implementation.ts';
import { renderAction } from '../properties/render.ts';
import { runSeed } from '../properties/seed.ts';
import { parseFlags, UsageError } from './args.ts';
import { IMPLEMENTATIONS } from './implementations.ts';

export const CHECK_HELP = `usage: netns-model check [--impl NAME] [--seed N] [--runs N] [--max-actions N] [--json]

Runs every property (refinement, then invariant families 2–8) against an implementation,
prints the coverage table and a summary. Exit 0 when all hold, 1 on a counterexample.

  --impl NAME        ${Object.keys(IMPLEMENTATIONS).join(' | ')} (default: reference)
  --seed N           fixed seed (default: NETNS_SEED, else random; always printed)
  --runs N           runs per property (default 100)
  --max-actions N    longest generated run (default 40)
  --json             print the report as JSON`;

function summary(report: CheckReport): string {
  const lines = report.properties.map((p) => {
    if (p.ok) return `  ok    ${p.name} (${p.runs} runs)`;
    const actions = p.counterexample!.map((a, i) => `        #${i} ${renderAction(a)}`).join('\n');
    return `  FAIL  ${p.name}: ${p.message}\n        shrunk to ${p.counterexample!.length} actions (${p.boot} boot, seed ${p.seed}, path ${p.path}):\n${actions}\n        ${JSON.stringify(p.counterexample)}`;
  });
  for (const s of report.shortfalls) lines.push(`  FAIL  coverage ${s}`);
  return lines.join('\n');
}

/** Runs the command; returns the exit code. */
export async function check(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const { flags, rest } = parseFlags(argv, {
    impl: 'string',
    seed: 'int',
    runs: 'int',
    'max-actions': 'int',
    json: 'bool',
    help: 'bool',
  });
  if (flags.help) return (out(CHECK_HELP), 0);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const name = (flags.impl as string | undefined) ?? 'reference';
  const factory: Factory | undefined = IMPLEMENTATIONS[name];
  if (!factory)
    throw new UsageError(
      `--impl must be one of ${Object.keys(IMPLEMENTATIONS).join(', ')}, got "${name}"`,
    );
  const seed = (flags.seed as number | undefined) ?? runSeed();
  if (!flags.json) out(`netns-model check: impl=${name} seed=${seed}`);
  const report = await checkImplementation(factory, {
    seed,
    numRuns: (flags.runs as number | undefined) ?? 100,
    maxActions: (flags['max-actions'] as number | undefined) ?? 40,
  });
  if (flags.json) out(JSON.stringify({ ...report, coverage: report.coverage.rows() }, null, 2));
  else
    out(
      `${renderCoverage(report.coverage)}\n\n${summary(report)}\n\n${report.ok ? 'all properties hold' : 'counterexample found'} (seed ${seed})`,
    );
  return report.ok ? 0 : 1;
}
