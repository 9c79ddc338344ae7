/**
 * Structural equality of JSON values (key order ignored), and the first difference
 * between two event lists.
 */

/** Whether two JSON values are equal (fast path: identical serialisations). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b) || deepEqual(a, b);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** The index of the first position where the lists differ, or -1 if they are equal. */
export function firstDifference(
  expected: readonly unknown[],
  observed: readonly unknown[],
): number {
  const n = Math.max(expected.length, observed.length);
  for (let i = 0; i < n; i += 1) if (!jsonEqual(expected[i], observed[i])) return i;
  return -1;
}
