/**
 * `netns-model check`: every property against an implementation, the coverage table and a
 * summary; failures are saved to the counterexample database. Exit 0 when all hold, 1 on a
 * counterexample, 2 on bad usage or a broken implementation.
 */
import { checkImplementation, type CheckReport } from '../properties/check.ts';
import { save } from '../properties/counterexample.ts';
import { renderCoverage } from '../properties/coverage.ts';
import { record } from '../properties/record.ts';
import { renderAction } from '../properties/render.ts';
import { runSeed } from '../properties/seed.ts';
import { KERNELS } from '../model/kernels.ts';
import { parseFlags, UsageError } from './args.ts';
import { BUILT_IN, resolveImplementation } from './implementations.ts';

export const CHECK_HELP = `usage: netns-model check [--impl NAME|PATH | --impl-cmd CMD] [options]

Runs every property (refinement, then invariant families 2–8) against an implementation,
prints the coverage table and a summary, and saves each failure to the counterexample
database. Exit 0 when all hold, 1 on a counterexample, 2 on bad usage or a broken
implementation (crashed, hung, answered garbage).

  --impl NAME|PATH   ${Object.keys(BUILT_IN).join(' | ')}, or a module exporting a factory (default: reference)
  --impl-cmd CMD     a program speaking NDJSON on stdin/stdout (see README)
  --bugs LIST        comma-separated bug switches of the reference (e.g. B22fifo)
  --seed N           fixed seed (default: NETNS_SEED, else random; always printed)
  --kernel K         the kernel profile: 6.18 (default), 2.6.33 or 2.6.32; the model and
                     the implementation boot in it (docs/contract.md, Kernel profiles)
  --timewait         also generate the TIME_WAIT actions in 6.18 (tcp_v4_init…; not in v1,
                     so off for --impl PATH and --impl-cmd unless given; always on for the
                     built-in implementations and the historical profiles)
  --runs N           runs per property (default 100)
  --max-actions N    longest generated run (default 40)
  --timeout MS       how long an external program may take per answer (default 5000)
  --save-dir DIR     where failures are saved (default counterexamples)
  --no-save          do not save failures
  --json             print the report as JSON`;

function summary(report: CheckReport, saved: readonly string[]): string {
  const lines = report.properties.map((p) => {
    if (p.ok) return `  ok    ${p.name} (${p.runs} runs)`;
    const actions = p.counterexample!.map((a, i) => `        #${i} ${renderAction(a)}`).join('\n');
    return `  FAIL  ${p.name}: ${p.message}\n        shrunk to ${p.counterexample!.length} actions (${p.boot} boot, seed ${p.seed}, path ${p.path}):\n${actions}`;
  });
  if (report.gateRuns > 0)
    lines.push(
      `  (the coverage gate sampled ${report.gateRuns} more generator runs to decide rare tags)`,
    );
  for (const s of report.shortfalls) lines.push(`  FAIL  coverage ${s}`);
  for (const f of saved) lines.push(`  saved ${f}  (netns-model replay ${f})`);
  return lines.join('\n');
}

const FLAGS = {
  impl: 'string',
  'impl-cmd': 'string',
  bugs: 'string',
  kernel: 'string',
  seed: 'int',
  runs: 'int',
  'max-actions': 'int',
  timeout: 'int',
  'save-dir': 'string',
  'no-save': 'bool',
  timewait: 'bool',
  json: 'bool',
  help: 'bool',
} as const;

/** Runs the command; returns the exit code. */
export async function check(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const { flags, rest } = parseFlags(argv, FLAGS);
  if (flags.help) return (out(CHECK_HELP), 0);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const kernel = KERNELS.find((k) => k === (flags.kernel ?? '6.18'));
  if (kernel === undefined)
    throw new UsageError(
      `--kernel must be one of ${KERNELS.join(', ')}, got "${String(flags.kernel)}"`,
    );
  const bugs = typeof flags.bugs === 'string' ? flags.bugs.split(',').filter(Boolean) : [];
  const impl = await resolveImplementation(
    flags.impl as string | undefined,
    flags['impl-cmd'] as string | undefined,
    bugs,
    flags.timeout as number | undefined,
  );
  try {
    const seed = (flags.seed as number | undefined) ?? runSeed();
    if (!flags.json)
      out(
        `netns-model check: impl=${impl.ref.name}${bugs.length ? ` bugs=${bugs.join(',')}` : ''}${kernel === '6.18' ? '' : ` kernel=${kernel}`} seed=${seed}`,
      );
    const report = await checkImplementation(impl.factory, {
      seed,
      numRuns: (flags.runs as number | undefined) ?? 100,
      maxActions: (flags['max-actions'] as number | undefined) ?? 40,
      ...(kernel === '6.18' ? {} : { kernel }),
      timewait: Boolean(flags.timewait) || impl.ref.name in BUILT_IN,
    });
    const saved: string[] = [];
    if (!flags['no-save']) {
      for (const p of report.properties.filter((q) => !q.ok))
        saved.push(
          save(
            (flags['save-dir'] as string | undefined) ?? 'counterexamples',
            await record(impl.factory, p, impl.ref),
          ),
        );
    }
    if (flags.json)
      out(JSON.stringify({ ...report, coverage: report.coverage.rows(), saved }, null, 2));
    else
      out(
        `${renderCoverage(report.coverage)}\n\n${summary(report, saved)}\n\n${report.ok ? 'all properties hold' : 'counterexample found'} (seed ${seed})`,
      );
    return report.ok ? 0 : 1;
  } finally {
    impl.stop();
  }
}
