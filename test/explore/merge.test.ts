/**
 * The parallel search's merge: each fingerprint goes to its smallest discovery key, whatever
 * order the offers arrive in, and the winners come out in key order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discoveryKey, KEY_ACTIONS, LevelTable } from '../../explore/merge.ts';

describe('the merge of a level', () => {
  it('keeps the earliest discovery of each state, in key order', () => {
    const t = new LevelTable(2);
    t.offer(1, 1, discoveryKey(4, 2), 1, 0); // state A, found late by worker 1
    t.offer(1, 1, discoveryKey(3, 9), 0, 0); // state A, earlier by worker 0: wins
    t.offer(2, 2, discoveryKey(3, 7), 0, 1); // state B
    t.offer(3, 3, discoveryKey(1, 0), 1, 1); // state C, first of all
    t.offer(2, 2, discoveryKey(3, 8), 1, 2); // state B again, later: loses
    expect(t.size).toBe(3);
    const w = t.winners();
    expect(w.keep).toEqual([[1, 0], [1]]);
    expect(w.index).toEqual([[1, 2], [0]]);
    expect([...w.fingerprints]).toEqual([3, 3, 2, 2, 1, 1]);
    expect(t.size).toBe(0);
    expect(t.winners().fingerprints.length).toBe(0);
  });

  it('orders a parent before its later actions, and an action before the next parent', () => {
    expect(discoveryKey(5, KEY_ACTIONS - 1)).toBeLessThan(discoveryKey(6, 0));
    expect(discoveryKey(5, 3)).toBeLessThan(discoveryKey(5, 4));
  });

  it('agrees with a map of minimum keys on any offers', () => {
    const offer = fc.record({
      fp: fc.integer({ min: 0, max: 200 }),
      key: fc.integer({ min: 0, max: 1e9 }),
      worker: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      // Keys are unique (one parent and one action make one successor); the fingerprints come
      // from a small range, so most are offered several times. (The table's growth is the
      // fingerprint index's, tested in fingerprint.test.ts.)
      fc.property(fc.uniqueArray(offer, { maxLength: 1000, selector: (o) => o.key }), (offers) => {
        const t = new LevelTable(3);
        const best = new Map<number, { key: number; worker: number; n: number }>();
        const made = [0, 0, 0];
        for (const { fp, key, worker } of offers) {
          const n = made[worker]!++;
          t.offer(fp, fp ^ 0x5bd1e995, key, worker, n);
          const b = best.get(fp);
          if (b === undefined || key < b.key) best.set(fp, { key, worker, n });
        }
        const order = [...best].sort((a, b) => a[1].key - b[1].key);
        const w = t.winners();
        expect([...w.fingerprints].filter((_, i) => i % 2 === 0)).toEqual(order.map(([fp]) => fp));
        for (const [worker, keep] of w.keep.entries()) {
          const mine = order.flatMap(([, b], rank) => (b.worker === worker ? [[b.n, rank]] : []));
          expect(keep.map((n, j) => [n, w.index[worker]![j]])).toEqual(mine);
        }
      }),
      { seed: 20261123, numRuns: 200 },
    );
  });
});
