/**
 * A last, deterministic shrinking pass over a counterexample's actions (delta debugging at
 * granularity one and two): fast-check shrinks the choices, and a choice's decoding depends
 * on the ones before it, so an action can survive that the failure does not need. This pass
 * drops single actions, then pairs, while the same property still fails, until no single
 * action or pair can go: the result is locally minimal.
 */

const without = <T>(items: readonly T[], ...at: number[]): T[] =>
  items.filter((_, i) => !at.includes(i));

/** The first pair `(i, j)` whose removal keeps `fails` true, or null. */
async function droppablePair<T>(
  items: readonly T[],
  fails: (items: readonly T[]) => Promise<boolean>,
): Promise<T[] | null> {
  for (let i = items.length - 1; i > 0; i -= 1)
    for (let j = i - 1; j >= 0; j -= 1) {
      const smaller = without(items, j, i);
      if (await fails(smaller)) return smaller;
    }
  return null;
}

/**
 * Removes actions from `items` while `fails` holds: single actions from the last to the
 * first, then pairs, again until neither removes anything.
 */
export async function minimise<T>(
  items: readonly T[],
  fails: (items: readonly T[]) => Promise<boolean>,
): Promise<T[]> {
  let current = [...items];
  for (;;) {
    for (let i = current.length - 1; i >= 0 && current.length > 1; i -= 1) {
      const smaller = without(current, i);
      if (await fails(smaller)) current = smaller;
    }
    const pair = current.length > 2 ? await droppablePair(current, fails) : null;
    if (pair === null) return current;
    current = pair;
  }
}
