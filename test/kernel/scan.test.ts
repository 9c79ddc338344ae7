/**
 * The segment-reversal scan against a brute-force oracle that enumerates every batching of
 * small final-put orders: same verdict, same first impossible event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type NetProjection, type Observed, scan } from '../../adapters/linux/scan.ts';

/** What the witness sees of one batching (boundaries[i]: a batch ends after net i). */
function projection(sigma: readonly NetProjection[], ends: readonly boolean[]): Observed[] {
  const out: Observed[] = [];
  let start = 0;
  sigma.forEach((_, i) => {
    if (!ends[i] && i < sigma.length - 1) return;
    const batch = sigma.slice(start, i + 1).reverse();
    for (const p of batch) if (p.nsid !== null) out.push({ kind: 'delnsid', id: p.nsid });
    for (const p of batch) for (const dev of p.devs) out.push({ kind: 'dellink', dev });
    start = i + 1;
  });
  return out;
}

const same = (a: Observed | undefined, b: Observed | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** The oracle: accepted iff some batching matches; else the longest matched prefix. */
function oracle(sigma: readonly NetProjection[], observed: readonly Observed[]) {
  let best = 0;
  for (let mask = 0; mask < 2 ** Math.max(0, sigma.length - 1); mask += 1) {
    const p = projection(
      sigma,
      sigma.map((_, i) => ((mask >> i) & 1) === 1),
    );
    let i = 0;
    while (i < p.length && i < observed.length && same(p[i], observed[i])) i += 1;
    if (i === p.length && i === observed.length) return { ok: true as const };
    best = Math.max(best, i);
  }
  return { ok: false as const, index: best };
}

const sigmaArb = fc
  .array(fc.record({ ns: fc.boolean(), devs: fc.nat({ max: 3 }) }), { minLength: 1, maxLength: 6 })
  .map((nets) =>
    nets.map(({ ns, devs }, i) => ({
      net: `n${i}`,
      nsid: ns ? 10 + i : null,
      devs: Array.from({ length: devs }, (_, j) => `d${i}.${j}`),
    })),
  );

const mutate = (obs: Observed[], how: number, at: number): Observed[] => {
  const o = [...obs];
  const i = obs.length === 0 ? 0 : at % obs.length;
  if (how === 0 && o.length > 1) [o[i], o[(i + 1) % o.length]] = [o[(i + 1) % o.length]!, o[i]!];
  if (how === 1) o.splice(i, 1);
  if (how === 2 && o.length > 0) o.splice(i, 0, o[i]!);
  if (how === 3) o.splice(i, 0, { kind: 'dellink', dev: 'eth0' });
  if (how === 4) o.reverse();
  for (
    let k = at, j = o.length - 1;
    how === 5 && j > 0;
    j -= 1, k = (k * 1103515245 + 12345) % 2 ** 31
  )
    [o[j], o[k % (j + 1)]] = [o[k % (j + 1)]!, o[j]!];
  return o;
};

describe('scan', () => {
  it('agrees with enumerating every batching, on projections and on mutations of them', () => {
    fc.assert(
      fc.property(
        sigmaArb,
        fc.array(fc.boolean(), { maxLength: 6 }),
        fc.option(fc.tuple(fc.nat({ max: 5 }), fc.nat())),
        (sigma, ends, mutation) => {
          const truth = projection(sigma, ends);
          const observed = mutation ? mutate(truth, ...mutation) : truth;
          const got = scan(sigma, observed);
          const want = oracle(sigma, observed);
          expect(got.ok).toBe(want.ok);
          if (!got.ok && !want.ok) expect(got.index).toBe(want.index);
          if (got.ok) expect(projection(sigma, boundariesOf(sigma, got.batches))).toEqual(observed);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is linear: 50 000 nets in one batch and one by one', () => {
    const sigma = Array.from({ length: 50_000 }, (_, i) => ({
      net: `n${i}`,
      nsid: i,
      devs: [`d${i}`],
    }));
    for (const ends of [[], sigma.map(() => true)]) {
      const t0 = performance.now();
      const r = scan(sigma, projection(sigma, ends));
      expect(r.ok && r.batches.length).toBe(ends.length === 0 ? 1 : sigma.length);
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });
});

/** The batch ends of a scan's answer, as the oracle's boundary flags. */
function boundariesOf(sigma: readonly NetProjection[], batches: readonly (readonly string[])[]) {
  const ends = new Set(batches.map((b) => b[0]));
  return sigma.map((p) => ends.has(p.net));
}
