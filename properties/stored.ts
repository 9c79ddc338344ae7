/**
 * Replaying the counterexample database: each stored run is fed to its property as a
 * fast-check example over `subarray(actions)`, so a case that still fails shrinks further
 * and one that no longer fails is reported as fixed.
 */
import fc from 'fast-check';
import type { Action } from '../model/actions.ts';
import { PROPERTIES } from './check.ts';
import type { Counterexample } from './counterexample.ts';
import { type Factory, bootOptions } from './implementation.ts';
import { DecodeError } from './json.ts';

/** What replaying one stored case found. */
export type Recheck =
  | { readonly status: 'fixed' }
  | { readonly status: 'fails'; readonly shrunk: readonly Action[]; readonly message: string };

/** Replays `cx` against `factory`'s implementation through its property. */
export async function recheck(cx: Counterexample, factory: Factory): Promise<Recheck> {
  const prop = PROPERTIES.find((p) => p.name === cx.property);
  if (!prop)
    throw new DecodeError(
      `property: expected one of ${PROPERTIES.map((p) => p.name).join(', ')}, got "${cx.property}"`,
    );
  const messages = new Map<readonly Action[], string>();
  const property = fc.asyncProperty(fc.subarray([...cx.actions]), async (actions) => {
    const impl = await factory(bootOptions(cx.boot, cx.kernel));
    try {
      const message = await prop.predicate(impl, actions, cx.boot, cx.kernel);
      if (message !== null) messages.set(actions, message);
      return message === null;
    } catch (e) {
      messages.set(actions, `the implementation threw: ${(e as Error).message}`);
      return false;
    } finally {
      await impl.close?.();
    }
  });
  const details = await fc.check(property, {
    examples: [[[...cx.actions]]],
    numRuns: 1,
    seed: cx.seed ?? 0,
  });
  if (!details.failed) return { status: 'fixed' };
  const shrunk = details.counterexample![0]!;
  return {
    status: 'fails',
    shrunk,
    message: messages.get(shrunk) ?? String(details.errorInstance),
  };
}
