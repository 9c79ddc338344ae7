/**
 * The reference (reference/, written from the kernel C) as an implementation under test.
 * Its contract types are its own reading of docs/contract.md (errnos are plain strings there),
 * so its answers are taken as `Outcome`s unchecked: lockstep compares every value anyway.
 */
import { BUGS, type BugId } from '../reference/bugs.ts';
import { createReferenceKernel } from '../reference/adapter.ts';
import type { View } from '../model/view.ts';
import type { Factory, Implementation, Outcome } from './implementation.ts';

/** The reference's bug switches, by id. */
export const BUG_IDS: readonly BugId[] = BUGS.map((b) => b.id);

/** Whether `id` names a bug switch of the reference. */
export const isBugId = (id: string): id is BugId => (BUG_IDS as readonly string[]).includes(id);

/** A factory of fresh reference kernels with the given bug switches on. */
export function referenceImplementation(bugs: readonly BugId[] = []): Factory {
  return ({ boot, kernel: profile }): Implementation => {
    const kernel = createReferenceKernel({
      boot,
      bugs: [...bugs],
      ...(profile === undefined ? {} : { kernel: profile }),
    });
    return {
      apply: (action) => kernel.apply(action as Parameters<typeof kernel.apply>[0]) as Outcome,
      view: () => kernel.view() as View,
    };
  };
}
