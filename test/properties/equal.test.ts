import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstDifference, jsonEqual } from '../../properties/equal.ts';

describe('jsonEqual', () => {
  it('ignores key order and keys holding undefined', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, x: undefined })).toBe(true);
  });

  it('tells apart values, lengths, arrays from objects, and missing keys', () => {
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({}, [])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(jsonEqual({ a: 1, b: 0 }, { a: 1 })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
  });

  it('agrees with comparing canonical serialisations, on random JSON', () => {
    const canon = (x: unknown): string =>
      JSON.stringify(x, (_, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).sort(([p], [q]) => (p < q ? -1 : 1)))
          : v,
      );
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(jsonEqual(a, b)).toBe(canon(a) === canon(b));
        expect(jsonEqual(a, structuredClone(a))).toBe(true);
      }),
      { seed: 1, numRuns: 500 },
    );
  });
});

describe('firstDifference', () => {
  it('names the first differing position, or -1', () => {
    expect(firstDifference([1, 2, 3], [1, 2, 3])).toBe(-1);
    expect(firstDifference([1, 2, 3], [1, 9, 3])).toBe(1);
    expect(firstDifference([1, 2], [1, 2, 3])).toBe(2);
  });
});
