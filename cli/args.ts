/**
 * A small, strict argument parser: known flags only, typed values, one-line errors.
 */

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** The flags a command accepts: name → kind. */
export type FlagSpec = Readonly<Record<string, 'int' | 'string' | 'bool'>>;

/** Parsed flags. */
export type Flags = Record<string, string | number | boolean | undefined>;

/** Parses `argv` against `spec`; unknown flags, missing or malformed values are UsageErrors. */
export function parseFlags(
  argv: readonly string[],
  spec: FlagSpec,
): { flags: Flags; rest: string[] } {
  const flags: Flags = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const kind = spec[name];
    if (kind === undefined) throw new UsageError(`unknown option --${name}`);
    if (kind === 'bool') {
      flags[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (kind === 'int') {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 0)
        throw new UsageError(`--${name} takes a whole number, got "${value}"`);
      flags[name] = n;
    } else flags[name] = value;
  }
  return { flags, rest };
}
