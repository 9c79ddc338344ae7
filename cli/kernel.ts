/**
 * `netns-model kernel`: random scenarios on the live kernel, each checked against the model
 * (trace validation: some batching must explain what the witness saw), and `netns-model
 * replay --kernel FILE`, which re-runs a saved rejection. Exit 0 when all are accepted, 1 on
 * a rejection or a failed run, 2 on bad usage or when the kernel cannot be driven here (not
 * root, no `ip`).
 */
import {
  type CampaignSummary,
  runCampaign,
  type ScenarioResult,
} from '../adapters/linux/campaign.ts';
import { checkTrace, type Verdict } from '../adapters/linux/checker.ts';
import {
  KERNEL_DIR,
  kernelCounterexample,
  loadKernel,
  saveKernel,
} from '../adapters/linux/counterexample.ts';
import { runScenario, windowLines } from '../adapters/linux/runner.ts';
import { kernelUnavailable, type Probe } from '../adapters/linux/session.ts';
import { runSeed } from '../properties/seed.ts';
import { parseFlags, UsageError } from './args.ts';

export const KERNEL_HELP = `usage: netns-model kernel [--seed N] [--scenarios N] [--max-nets N] [--timeout MS] [--json]

Runs random scenarios on the live kernel (root and iproute2 required): namespaces with veth
pairs into a witness namespace, bridges, moves, nsids and held references, then deletes them
and checks that some batching of the final-put order explains the witness's RTM_DELLINK and
RTM_DELNSID events. Everything the run creates carries a unique prefix and is removed, also
on failure, timeout and SIGINT. A rejected scenario is saved in ${KERNEL_DIR}/<hash>.json;
re-run it with: netns-model replay --kernel FILE.

  --seed N         fixed seed (default: NETNS_SEED, else random; always printed)
  --scenarios N    scenarios to run (default 20)
  --max-nets N     namespaces per scenario, at most (1-64, default 12)
  --timeout MS     deadline of each command and wait (default 15000)
  --json           print the summary as JSON`;

export const REPLAY_KERNEL_HELP = `usage: netns-model replay --kernel FILE [--runs N] [--recorded] [--timeout MS] [--json]

Re-checks the trace stored in a kernel counterexample (${KERNEL_DIR}/*.json) with the
current checker, then runs its scenario on the live kernel N times (default 1; batch
boundaries depend on timing) and checks each run. Exit 0 if every live run is accepted (the
case is fixed), 1 if one is rejected or fails, 2 on bad usage, a bad file, or when the kernel
cannot be driven here.

  --runs N         live runs (default 1)
  --recorded       only re-check the stored trace (no kernel needed; exit 0 if accepted)
  --timeout MS     deadline of each command and wait (default 15000)
  --json           print the verdicts as JSON`;

function verdictText(v: Verdict): string {
  if (v.ok) return `batches [${v.batches.map((b) => b.length).join(',')}]  accepted`;
  return `REJECTED (${v.stage}${v.index === null ? '' : `, event #${v.index}`}) ${v.message}`;
}

function progress(r: ScenarioResult): string {
  const head = `  #${r.index} ${r.scenario.nets.length} nets, ${r.run?.trace.observed.length ?? 0} events`;
  const ms = `(${Math.round(r.ms)} ms)`;
  if (r.error !== null) return `${head}  ERROR ${r.error} ${ms}`;
  return `${head}, ${verdictText(r.verdict!)} ${ms}`;
}

function save(seed: number | null, r: ScenarioResult): string | undefined {
  if (!r.run || !r.verdict || r.verdict.ok) return undefined;
  const origin = { seed, index: r.index };
  const cx = kernelCounterexample(r.run.trace, windowLines(r.run), r.verdict.message, origin);
  return saveKernel(KERNEL_DIR, cx);
}

function render(s: CampaignSummary, seconds: number): string {
  const sizes = Object.entries(s.batchSizes)
    .map(([size, n]) => `${n}×${size}`)
    .join(' ');
  return [
    `scenarios ${s.scenarios} in ${seconds.toFixed(1)} s (${(s.scenarios / seconds).toFixed(1)}/s), namespaces ${s.namespaces}, teardown events ${s.events}`,
    `batches ${s.batches} (count×size: ${sizes || 'none'})`,
    `accepted ${s.accepted}, rejected ${s.rejected}, errors ${s.errors} (seed ${s.seed})`,
  ].join('\n');
}

function refuseUnless(probe: Probe | undefined): void {
  const reason = kernelUnavailable(probe);
  if (reason !== null) throw new UsageError(`cannot drive the live kernel: ${reason}`);
}

/** Runs `netns-model kernel`; returns the exit code. `probe` replaces the host in tests. */
export async function kernel(
  argv: readonly string[],
  out: (s: string) => void,
  probe?: Probe,
): Promise<number> {
  const { flags, rest } = parseFlags(argv, {
    ...{ seed: 'int', scenarios: 'int', 'max-nets': 'int', timeout: 'int' },
    ...{ json: 'bool', help: 'bool' },
  });
  if (flags.help) return (out(KERNEL_HELP), 0);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const maxNets = (flags['max-nets'] as number | undefined) ?? 12;
  if (maxNets < 1 || maxNets > 64) throw new UsageError(`--max-nets takes 1 to 64, got ${maxNets}`);
  refuseUnless(probe);
  const seed = (flags.seed as number | undefined) ?? runSeed();
  const scenarios = (flags.scenarios as number | undefined) ?? 20;
  if (!flags.json)
    out(`netns-model kernel: seed=${seed} scenarios=${scenarios} max-nets=${maxNets}`);
  const saved = new Map<number, string>();
  const t0 = performance.now();
  const summary = await runCampaign({
    ...{ seed, scenarios, maxNets },
    ...(flags.timeout === undefined ? {} : { timeoutMs: flags.timeout as number }),
    onResult: (r) => {
      const file = save(seed, r);
      if (file) saved.set(r.index, file);
      if (!flags.json) out(progress(r) + (file ? `\n        saved ${file}` : ''));
    },
  });
  const brief = (r: ScenarioResult) => ({
    ...{ index: r.index, nets: r.scenario.nets.length, events: r.run?.trace.observed.length ?? 0 },
    ...{ ms: Math.round(r.ms), verdict: r.verdict, error: r.error, saved: saved.get(r.index) },
  });
  if (flags.json) out(JSON.stringify({ ...summary, results: summary.results.map(brief) }, null, 2));
  else out(render(summary, (performance.now() - t0) / 1000));
  return summary.accepted === summary.scenarios ? 0 : 1;
}

/** One live run of a stored scenario: its verdict, or why the run failed. */
async function liveRun(cx: ReturnType<typeof loadKernel>, timeoutMs: number | undefined) {
  try {
    const run = await runScenario(cx.scenario, timeoutMs === undefined ? {} : { timeoutMs });
    const verdict = checkTrace(run.trace);
    return { events: run.trace.observed.length, verdict, error: null, lines: windowLines(run) };
  } catch (e) {
    return { events: 0, verdict: null, error: `ERROR ${(e as Error).message}`, lines: [] };
  }
}

/** Runs `netns-model replay --kernel FILE` (argv without `--kernel`); returns the exit code. */
export async function replayKernel(
  argv: readonly string[],
  out: (s: string) => void,
  probe?: Probe,
): Promise<number> {
  const { flags, rest } = parseFlags(argv, {
    ...{ runs: 'int', timeout: 'int' },
    ...{ recorded: 'bool', json: 'bool', help: 'bool' },
  });
  if (flags.help) return (out(REPLAY_KERNEL_HELP), 0);
  if (rest.length !== 1)
    throw new UsageError(rest.length ? `one FILE at a time, got ${rest.length}` : 'missing FILE');
  const cx = loadKernel(rest[0]!);
  const runs = flags.recorded ? 0 : ((flags.runs as number | undefined) ?? 1);
  if (runs > 0) refuseUnless(probe);
  const recorded = checkTrace({ scenario: cx.scenario, ...cx.trace });
  const { nets, setup, teardown } = cx.scenario;
  const origin = cx.seed === null ? '' : `seed ${cx.seed}, scenario #${cx.index}, `;
  if (!flags.json) {
    out(
      `replay --kernel ${rest[0]}: ${nets.length} nets, ${setup.length} setup and ${teardown.length} teardown steps (${origin}recorded on ${cx.kernel})`,
    );
    out(`  recorded trace, ${cx.trace.observed.length} events: ${verdictText(recorded)}`);
  }
  const live = [];
  for (let i = 1; i <= runs; i += 1) {
    const r = await liveRun(cx, flags.timeout as number | undefined);
    live.push(r);
    if (!flags.json)
      out(`  live run ${i}, ${r.events} events: ${r.error ?? verdictText(r.verdict!)}`);
  }
  const ok = runs === 0 ? recorded.ok : live.every((r) => r.verdict?.ok);
  if (flags.json) out(JSON.stringify({ file: rest[0], recorded, live }, null, 2));
  else out(ok ? 'accepted: the case is fixed' : 'still rejected');
  return ok ? 0 : 1;
}
