/**
 * The implementations the commands can reach: built-in ones by name (with bug switches for
 * the reference), a module by path, or a program over NDJSON stdio.
 */
import { moduleImplementation } from '../adapters/module/module-implementation.ts';
import { stdioImplementation } from '../adapters/stdio/stdio-implementation.ts';
import type { ImplementationRef } from '../properties/counterexample.ts';
import type { Factory } from '../properties/implementation.ts';
import { modelImplementation } from '../properties/model-implementation.ts';
import {
  BUG_IDS,
  isBugId,
  referenceImplementation,
} from '../properties/reference-implementation.ts';
import { UsageError } from './args.ts';

/** Built-in implementations: name → factory maker taking bug switches. */
export const BUILT_IN: Readonly<Record<string, (bugs: readonly string[]) => Factory>> = {
  reference: (bugs) => {
    const unknown = bugs.filter((b) => !isBugId(b));
    if (unknown.length > 0)
      throw new UsageError(
        `--bugs: unknown bug switch "${unknown[0]}"; expected some of ${BUG_IDS.join(', ')}`,
      );
    return referenceImplementation(bugs.filter(isBugId));
  },
  model: (bugs) => {
    if (bugs.length > 0) throw new UsageError('the model has no bug switches');
    return (opts) => modelImplementation(opts);
  },
};

/** Name → factory, for the built-ins without bug switches. */
export const IMPLEMENTATIONS: Readonly<Record<string, Factory>> = Object.fromEntries(
  Object.entries(BUILT_IN).map(([name, make]) => [name, make([])]),
);

/** What a command was asked to run, and how to stop it afterwards. */
export interface Resolved {
  readonly factory: Factory;
  readonly ref: ImplementationRef;
  readonly stop: () => void;
}

const isModulePath = (s: string) => /\.(m?js|ts)$/.test(s) || s.includes('/');

/** Resolves `--impl` / `--impl-cmd` / `--bugs` into a factory. */
export async function resolveImplementation(
  impl: string | undefined,
  cmd: string | undefined,
  bugs: readonly string[],
  timeoutMs?: number,
): Promise<Resolved> {
  if (cmd !== undefined) {
    if (impl !== undefined) throw new UsageError('give --impl or --impl-cmd, not both');
    const factory = stdioImplementation(cmd, timeoutMs === undefined ? {} : { timeoutMs });
    return { factory, ref: { name: `cmd:${cmd}` }, stop: factory.stop };
  }
  const name = impl ?? 'reference';
  if (isModulePath(name))
    return { factory: await moduleImplementation(name), ref: { name }, stop: () => undefined };
  const make = BUILT_IN[name];
  if (!make)
    throw new UsageError(
      `--impl must be one of ${Object.keys(BUILT_IN).join(', ')} or a module path, got "${name}"`,
    );
  return {
    factory: make(bugs),
    ref: { name, ...(bugs.length ? { bugs } : {}) },
    stop: () => undefined,
  };
}
