/**
 * The `netns-model` command: dispatches to a subcommand; usage errors are one line and
 * exit 2, never a stack trace.
 */
import { check } from './check.ts';
import { UsageError } from './args.ts';

const HELP = `usage: netns-model <command> [options]

commands:
  check     check an implementation against the model (see: netns-model check --help)`;

const COMMANDS: Record<string, (argv: string[], out: (s: string) => void) => Promise<number>> = {
  check,
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
    if (e instanceof UsageError) {
      err(`netns-model ${name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
