/**
 * The fingerprint index the seen sets and the parallel merge share: numbers in order of first
 * addition, the same number for the same fingerprint, across the table's growth.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { FingerprintIndex, FingerprintSet } from '../../explore/fingerprint.ts';

it('numbers fingerprints as a map in order of first addition does, across growth', () => {
  // Halves drawn from few values, so that fingerprints share a half and probes collide;
  // about 60,000 distinct ones, past the first two growths (32,768 and 65,536 slots).
  const half = fc.integer({ min: 0, max: 299 }).map((x) => Math.imul(x, 0x9e3779b1) >>> 0);
  const fps = fc.sample(fc.tuple(half, half), { seed: 20261123, numRuns: 120_000 });
  const index = new FingerprintIndex();
  const set = new FingerprintSet();
  const map = new Map<string, number>();
  const got: [number, boolean, number, number][] = [];
  const want: [number, boolean, number, number][] = [];
  for (const [hi, lo] of fps) {
    const key = `${hi} ${lo}`;
    const id = map.get(key) ?? map.size;
    want.push([id, id === map.size, hi, lo]);
    map.set(key, id);
    const added = set.add({ hi, lo });
    const n = index.idOf(hi, lo);
    got.push([n, added, index.hi(n), index.lo(n)]);
  }
  expect(map.size).toBeGreaterThan(40_000);
  expect(got).toEqual(want);
  // Every fingerprint is found again after the last growth, under its number.
  const again = [...map.keys()].map((key) =>
    index.idOf(...(key.split(' ').map(Number) as [number, number])),
  );
  expect(again).toEqual([...map.values()]);
  expect([index.size, set.size]).toEqual([map.size, map.size]);
});
