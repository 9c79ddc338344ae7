/**
 * Preconditions as data: each action's validation is an ordered table of rules, each an errno,
 * the condition in words, and its test. The reducers run the table; the spec reference
 * (docs/SPEC.md) prints it, so the rule and its description cannot drift apart.
 */
import type { Errno } from './events.ts';
import type { State } from './state.ts';

/** One way a request is rejected. */
export interface Rule<A> {
  readonly errno: Errno;
  /** The condition, in words, for the spec reference. */
  readonly when: string;
  readonly test: (state: State, action: A) => boolean;
}

/** A rule. */
export const rule = <A>(
  errno: Errno,
  when: string,
  test: (state: State, action: A) => boolean,
): Rule<A> => ({
  errno,
  when,
  test,
});

/** The errno of the first rule `action` breaks, or null when it passes them all. */
export function firstBroken<A>(rules: readonly Rule<A>[], state: State, action: A): Errno | null {
  for (const r of rules) if (r.test(state, action)) return r.errno;
  return null;
}
