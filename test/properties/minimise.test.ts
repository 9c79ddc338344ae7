import { describe, expect, it } from 'vitest';
import { minimise } from '../../properties/minimise.ts';

const failsWhen =
  (p: (xs: readonly string[]) => boolean) =>
  async (xs: readonly string[]): Promise<boolean> =>
    p(xs);

describe('minimise', () => {
  it('drops every action the failure does not need, keeping the order', async () => {
    const fails = failsWhen((xs) => xs.includes('c') && xs.includes('g'));
    expect(await minimise([...'abcdefgh'], fails)).toEqual(['c', 'g']);
  });

  it('drops a pair that can only go together', async () => {
    // x is needed; a and b must both be there or both be gone
    const fails = failsWhen((xs) => xs.includes('x') && xs.includes('a') === xs.includes('b'));
    expect(await minimise(['a', 'b', 'x'], fails)).toEqual(['x']);
  });

  it('keeps a counterexample that is already minimal, and never tries it empty', async () => {
    const seen: string[][] = [];
    const fails = async (xs: readonly string[]) => (seen.push([...xs]), xs.length === 1);
    expect(await minimise(['only'], fails)).toEqual(['only']);
    expect(seen).toEqual([]);
  });
});
