/**
 * Structural equality of JSON values (key order ignored), and the first difference
 * between two event lists.
 */

/**
 * Whether two JSON values are equal: key order and keys holding `undefined` are ignored.
 * A walk without allocation (the lockstep driver compares two views at every step).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    defined += 1;
    if (!jsonEqual(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) defined -= 1;
  return defined === 0;
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
