/**
 * The `netns-model` command: dispatches to a subcommand; usage errors are one line and
 * exit 2, never a stack trace.
 */
import { bench } from './bench.ts';
import { check } from './check.ts';
import { explore } from './explore.ts';
import { replayCommand } from './replay.ts';
import { UsageError } from './args.ts';
import { ImplementationError } from '../properties/implementation-error.ts';
import { DecodeError } from '../properties/json.ts';

const HELP = `usage: netns-model <command> [options]

commands:
  check     check an implementation against the model (see: netns-model check --help)
  replay    re-run a counterexample file step by step (see: netns-model replay --help)
  explore   exhaustive BFS of a small scope, TLC style (see: netns-model explore --help)
  kernel    check the live kernel's teardown traces (see: netns-model kernel --help)
  bench     teardown cost per kernel era (see: netns-model bench --help)`;

const COMMANDS: Record<string, (argv: string[], out: (s: string) => void) => Promise<number>> = {
  check,
  replay: replayCommand,
  explore,
  kernel: async (argv, out) => (await import('./kernel.ts')).kernel(argv, out),
  bench,
};

/** Runs the command line; returns the exit code. */
export async function main(
  argv: string[],
  out = (s: string) => console.log(s),
  err = (s: string) => console.error(s),
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === 'help')
    return (out(HELP), name === undefined ? 2 : 0);
  const command = COMMANDS[name];
  if (!command) return (err(`netns-model: unknown command "${name}"\n${HELP}`), 2);
  try {
    return await command(rest, out);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ImplementationError || e instanceof DecodeError) {
      err(`netns-model ${name}: ${e.message}`);
      return 2;
    }
    err(
      `netns-model ${name}: internal error: ${e instanceof Error ? e.message : String(e)} (a bug in netns-model; please report it)`,
    );
    if (process.env.NETNS_DEBUG) err(String((e as Error).stack));
    return 70;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
