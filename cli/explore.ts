/**
 * `netns-model explore`: exhaustive breadth-first exploration of a small scope, TLC style,
 * checking every invariant family on every step; with `--impl`, every distinct path is also
 * replayed against an implementation in lockstep. Exit 0 when nothing is violated, 1 on a
 * violation (the shortest one is printed and saved), 2 on bad usage.
 */
import { explore as search, type ExploreResult, type Progress } from '../explore/bfs.ts';
import type { Finding } from '../explore/checker.ts';
import { renderFinding, toCounterexample } from '../explore/counterexample.ts';
import { lockstepLevels, type LockstepCounter } from '../explore/lockstep.ts';
import { progressLine, summary } from '../explore/report.ts';
import type { Scope } from '../explore/scope.ts';
import { type ImplementationRef, save } from '../properties/counterexample.ts';
import { type Flags, parseFlags, UsageError } from './args.ts';
import { resolveImplementation } from './implementations.ts';

export const EXPLORE_HELP = `usage: netns-model explore --nets N --ops M --devices D --depth K [options]

Explores every action sequence of a small scope breadth first (fresh ids from fixed pools,
states canonical under renaming of ids), checks every invariant family on every step, and
prints the shortest counterexample if one breaks. Exit 0 when none does, 1 on a violation.

  --nets N          nets besides init_net (default 2)
  --ops M           user pernet ops (default 1)
  --devices D       registrable devices; a veth pair takes two (default 2)
  --depth K         longest action sequence (default 4)
  --impl NAME|PATH  also replay every distinct path against this implementation in lockstep
  --bugs LIST       bug switches of the implementation
  --paths KIND      with --impl: edges (default) replays every transition of the scope
                    (the path to each distinct state, each other edge, each state's
                    rejected requests chained); states only the path to each state
  --bare            boot without net_dev_init()
  --no-symmetry     do not canonicalise states under renaming of ids
  --edges all|new   check every edge (default) or only edges into new states
  --max-states N    stop (incomplete) after N distinct states
  --workers N       worker threads (default 1); the search and its verdict are the same,
                    counterexample included; not with --impl
  --save-dir DIR    where a counterexample is saved (default counterexamples)
  --no-save         do not save it
  --json            print the result as JSON`;

const FLAGS = {
  nets: 'int',
  ops: 'int',
  devices: 'int',
  depth: 'int',
  impl: 'string',
  bugs: 'string',
  paths: 'string',
  bare: 'bool',
  'no-symmetry': 'bool',
  edges: 'string',
  'max-states': 'int',
  workers: 'int',
  'save-dir': 'string',
  'no-save': 'bool',
  json: 'bool',
  help: 'bool',
} as const;

/** The scope the flags ask for; pools beyond 8 ids or depths beyond 30 are refused. */
function scopeOf(flags: Flags): Scope {
  const get = (name: string, fallback: number, max: number, min = 0): number => {
    const v = (flags[name] as number | undefined) ?? fallback;
    if (v < min || v > max) throw new UsageError(`--${name} must be ${min}–${max}, got ${v}`);
    return v;
  };
  return {
    nets: get('nets', 2, 8),
    ops: get('ops', 1, 8),
    devices: get('devices', 2, 8),
    depth: get('depth', 4, 30, 1),
    boot: flags.bare ? 'bare' : 'full',
  };
}

/** The value of flag `name`, one of `allowed` (the first by default). */
function oneOf<T extends string>(flags: Flags, name: string, allowed: readonly T[]): T {
  const v = (flags[name] as string | undefined) ?? allowed[0]!;
  if (!allowed.includes(v as T))
    throw new UsageError(`--${name} must be ${allowed.join(' or ')}, got "${v}"`);
  return v as T;
}

/** Saves `finding` unless told not to; returns the file written, if any. */
function saveFinding(
  flags: Flags,
  finding: Finding,
  boot: 'full' | 'bare',
  ref: ImplementationRef,
): string | null {
  if (flags['no-save']) return null;
  const dir = (flags['save-dir'] as string | undefined) ?? 'counterexamples';
  return save(dir, toCounterexample(finding, boot, ref));
}

function json(r: ExploreResult, saved: string | null, paths: number | null): string {
  const { finding, ...rest } = r;
  const cx = finding && {
    property: finding.property,
    actions: finding.steps.map((s) => s.action),
    message: finding.message,
  };
  return JSON.stringify({ ...rest, lockstepPaths: paths, finding: cx, saved }, null, 2);
}

/** What the flags ask the search to do, besides the scope. */
function searchOptions(flags: Flags, out: (s: string) => void) {
  if (flags.paths !== undefined && flags.impl === undefined)
    throw new UsageError('--paths needs --impl');
  const keepEdges = oneOf(flags, 'paths', ['edges', 'states'] as const) === 'edges';
  const maxStates = flags['max-states'] as number | undefined;
  const workers = (flags.workers as number | undefined) ?? 1;
  if (workers < 1 || workers > 64) throw new UsageError(`--workers must be 1–64, got ${workers}`);
  if (workers > 1 && flags.impl !== undefined)
    throw new UsageError('--workers runs the model alone: lockstep (--impl) needs one thread');
  return {
    workers,
    symmetry: !flags['no-symmetry'],
    edges: oneOf(flags, 'edges', ['all', 'new'] as const),
    keepEdges: keepEdges && flags.impl !== undefined,
    ...(maxStates === undefined ? {} : { maxStates }),
    ...(flags.json ? {} : { onProgress: (p: Progress) => out(progressLine(p)) }),
  };
}

/** Runs the command; returns the exit code. */
export async function explore(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const { flags, rest } = parseFlags(argv, FLAGS);
  if (flags.help) return (out(EXPLORE_HELP), 0);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const scope = scopeOf(flags);
  const boot = scope.boot ?? 'full';
  const options = searchOptions(flags, out);
  const bugs = ((flags.bugs as string | undefined) ?? '').split(',').filter(Boolean);
  const impl =
    flags.impl === undefined
      ? null
      : await resolveImplementation(flags.impl as string, undefined, bugs);
  const counter: LockstepCounter = { paths: 0 };
  try {
    const result = await search({
      scope,
      ...options,
      ...(impl ? { onLevel: lockstepLevels(impl.factory, boot, counter) } : {}),
    });
    const { finding } = result;
    const ref = finding?.observed && impl ? impl.ref : { name: 'model' };
    const saved = finding ? saveFinding(flags, finding, boot, ref) : null;
    const paths = impl ? counter.paths : null;
    out(flags.json ? json(result, saved, paths) : text(result, saved, paths));
    return finding ? 1 : 0;
  } finally {
    impl?.stop();
  }
}

function text(r: ExploreResult, saved: string | null, paths: number | null): string {
  const extra: string[] = [];
  if (paths !== null) extra.push(`${paths.toLocaleString('en-US')} paths replayed in lockstep`);
  const lines = [summary(r, extra)];
  if (r.finding) {
    lines.push(`The shortest counterexample (${r.finding.steps.length} kernel calls):`);
    lines.push(renderFinding(r.finding), `  ${r.finding.message}`);
  }
  if (saved) lines.push(`saved ${saved}  (netns-model replay ${saved})`);
  return lines.join('\n');
}
