/**
 * Every bug switch of the reference is caught by `netns-model check` (exit 1), run in-process
 * with a fixed seed. Seeds are chosen so that detection comes within the first runs; the
 * measured runs-to-failure over ten seeds are in reference/README.md.
 */
import { describe, expect, it } from 'vitest';
import { BUGS, type BugId } from '../../reference/bugs.ts';
import { cli } from '../cli/run-cli.ts';

/**
 * The seed each switch is checked with, and the runs given to every property: the run at which
 * that seed first fails (measured, see reference/README.md) plus a margin. If the generator
 * changes, the first failing run moves: re-measure and update this table.
 */
const SEEDS: Record<BugId, { seed: number; runs: number }> = {
  B3: { seed: 3, runs: 6 },
  B9: { seed: 1, runs: 3 },
  B17: { seed: 3, runs: 3 },
  B18: { seed: 3, runs: 3 },
  B20: { seed: 3, runs: 3 },
  B21a: { seed: 1, runs: 3 },
  B21b: { seed: 1, runs: 3 },
  B21c: { seed: 4, runs: 4 },
  B21d: { seed: 6, runs: 3 },
  B21e: { seed: 6, runs: 3 },
  B22fifo: { seed: 5, runs: 3 },
  B22pernet: { seed: 5, runs: 3 },
  B22forward: { seed: 5, runs: 3 },
  B23: { seed: 5, runs: 3 },
  'pre-batching': { seed: 5, runs: 3 },
};

/** A property failed (not only the coverage gate). */
const PROPERTY_FAILED = /^ {2}FAIL {2}(?!coverage )[a-z-]+:/m;

describe('bug switches: check --impl reference --bugs ID exits 1', () => {
  it('every switch in reference/bugs.ts has a seed here', () => {
    expect(Object.keys(SEEDS).sort()).toEqual(BUGS.map((b) => b.id).sort());
  });

  for (const { id } of BUGS) {
    const { seed, runs } = SEEDS[id];
    it(`${id} is detected (--seed ${seed} --runs ${runs})`, async () => {
      const argv = ['check', '--impl', 'reference', '--bugs', id, '--seed', `${seed}`];
      const { code, out, err } = await cli(...argv, '--runs', `${runs}`, '--no-save');
      expect(code, `${out}\n${err}`).toBe(1);
      expect(out).toMatch(PROPERTY_FAILED);
    });
  }
});
