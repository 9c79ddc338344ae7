/**
 * `netns-model replay FILE`: re-runs a stored counterexample against the model and an
 * implementation and prints every step; `--json` for machines, `--html OUT` for a timeline.
 */
import { writeFileSync } from 'node:fs';
import { load } from '../properties/counterexample.ts';
import { renderEvent } from '../properties/render.ts';
import { type Replay, replay } from '../properties/replay.ts';
import { htmlTimeline, netColumns, textTimeline } from '../properties/timeline.ts';
import { parseFlags, UsageError } from './args.ts';
import { resolveImplementation } from './implementations.ts';

export const REPLAY_HELP = `usage: netns-model replay FILE [--impl NAME|PATH | --impl-cmd CMD] [--bugs LIST] [--json] [--html OUT]

Re-runs the actions of a counterexample file on the model and an implementation (by default
the one recorded in the file) and prints, step by step, the kernel call, ret, events, the
model state diff, and where the implementation diverged, then the teardown timeline of the
diverging step. Exit 0 if the implementation now agrees (the case is fixed), 1 if it still
diverges, 2 on bad usage or a bad file.

A kernel counterexample (counterexamples/kernel/*.json) replays on the live kernel instead:
netns-model replay --kernel FILE (see: netns-model replay --kernel --help).`;

function text(r: Replay): string {
  const out: string[] = [];
  for (const s of r.steps) {
    out.push(`#${s.index} ${s.call}`, `    ret     ${JSON.stringify(s.ret)}`);
    for (const e of s.events) out.push(`    event   ${renderEvent(e)}`);
    for (const d of s.diff) out.push(`    state   ${d}`);
    if (s.thrown) out.push(`    DIVERGED: the implementation threw: ${s.thrown}`);
    if (s.observed) {
      const o = s.observed;
      out.push(
        `    DIVERGED: implementation ret ${JSON.stringify(o.ret)}${o.firstEvent >= 0 ? `, event #${o.firstEvent} is ${renderEvent(o.events[o.firstEvent])}, model says ${renderEvent(s.events[o.firstEvent])}` : ''}`,
      );
    }
  }
  const at = r.divergedAt ?? r.steps.length - 1;
  const s = r.steps[at];
  if (s) {
    out.push(
      '',
      `timeline of step #${at} (model${s.observed ? '; then the implementation' : ''}):`,
      textTimeline(s.events, s.observed?.firstEvent ?? -1),
    );
    if (s.observed)
      out.push('', textTimeline(s.observed.events, s.observed.firstEvent, netColumns(s.events)));
  }
  out.push(
    '',
    r.divergedAt === null
      ? 'the implementation agrees with the model at every step (fixed)'
      : `first divergence at step #${r.divergedAt}`,
  );
  return out.join('\n');
}

/** Runs the command; returns the exit code. */
export async function replayCommand(
  argv: readonly string[],
  out: (s: string) => void,
): Promise<number> {
  if (argv.includes('--kernel'))
    return (await import('./kernel.ts')).replayKernel(
      argv.filter((a) => a !== '--kernel'),
      out,
    );
  const { flags, rest } = parseFlags(argv, {
    impl: 'string',
    'impl-cmd': 'string',
    bugs: 'string',
    json: 'bool',
    html: 'string',
    timeout: 'int',
    help: 'bool',
  });
  if (flags.help) return (out(REPLAY_HELP), 0);
  if (rest.length !== 1)
    throw new UsageError(
      rest.length
        ? `one FILE at a time, got ${rest.length}`
        : 'missing FILE (a counterexample JSON file)',
    );
  const cx = load(rest[0]!);
  const recorded = cx.implementation.name.startsWith('cmd:') ? undefined : cx.implementation.name;
  const bugs =
    typeof flags.bugs === 'string'
      ? flags.bugs.split(',').filter(Boolean)
      : flags.impl || flags['impl-cmd']
        ? []
        : [...(cx.implementation.bugs ?? [])];
  const impl = await resolveImplementation(
    (flags.impl as string | undefined) ?? (flags['impl-cmd'] ? undefined : recorded),
    flags['impl-cmd'] as string | undefined,
    bugs,
    flags.timeout as number | undefined,
  );
  try {
    const r = await replay(impl.factory, cx.actions, cx.boot, cx.kernel);
    if (flags.json)
      out(
        JSON.stringify(
          { file: rest[0], property: cx.property, implementation: impl.ref, ...r },
          null,
          2,
        ),
      );
    else
      out(
        `replay ${rest[0]}: property ${cx.property}, ${cx.actions.length} actions, ${cx.boot} boot, implementation ${impl.ref.name}${bugs.length ? ` bugs=${bugs.join(',')}` : ''}\n\n${text(r)}`,
      );
    if (typeof flags.html === 'string') {
      const at = r.divergedAt ?? r.steps.length - 1;
      const s = r.steps[at]!;
      writeFileSync(
        flags.html,
        htmlTimeline(
          `${cx.property}: step #${at} ${s.call}`,
          s.events,
          s.observed?.events ?? null,
          s.observed?.firstEvent ?? -1,
        ),
      );
    }
    return r.divergedAt === null ? 0 : 1;
  } finally {
    impl.stop();
  }
}
