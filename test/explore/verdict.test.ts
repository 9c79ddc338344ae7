/**
 * The exhaustive verdict for a fixed scope of the shape (3 nets × 3 ops × 2
 * devices), at the depth that finishes well under a minute in CI; prints its figures.
 */
import { expect, it } from 'vitest';
import { explore } from '../../explore/bfs.ts';
import { summary } from '../../explore/report.ts';

/** The CI scope (explore/README.md quotes its figures). */
export const CI_SCOPE = { nets: 3, ops: 3, devices: 2, depth: 4 } as const;

it('no invariant breaks anywhere in the CI scope', async () => {
  const r = await explore({ scope: CI_SCOPE });
  console.log(summary(r));
  expect(r.finding).toBeNull();
  expect(r.complete).toBe(true);
  expect(r.perDepth).toEqual([1, 21, 283, 3231, 23064]);
});
