/**
 * The canonical form is sound for the search: it is invariant under renaming of consumed
 * pool ids, and renamed states have renamed futures (the model is equivariant). That two
 * states share a canonical form only when a renaming relates them is checked exhaustively
 * against the brute-force orbits in bfs.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphabet } from '../../explore/alphabet.ts';
import { canonical } from '../../explore/canonical.ts';
import { poolsOf } from '../../explore/scope.ts';
import { initialState, type State } from '../../model/state.ts';
import { step } from '../../model/step.ts';
import { normalise } from './brute-force.ts';
import { arbRenaming, renameDeep, renameState } from './rename.ts';

const pools = poolsOf({ nets: 3, ops: 2, devices: 2, depth: 7 });

/** The state after taking, at each step, the `c % n`-th of the n state-changing actions. */
function walk(choices: readonly number[]): State {
  let s = initialState();
  for (const c of choices) {
    const moves = alphabet(s, pools)
      .map((a) => step(s, a).state)
      .filter((next) => next !== s);
    if (moves.length === 0) break;
    s = moves[c % moves.length]!;
  }
  return s;
}

/** Every state of the walk {@link walk} takes, boot first. */
function walkAll(choices: readonly number[]): State[] {
  const states = [initialState()];
  for (const c of choices) {
    const s = states.at(-1)!;
    const moves = alphabet(s, pools)
      .map((a) => step(s, a).state)
      .filter((next) => next !== s);
    if (moves.length === 0) break;
    states.push(moves[c % moves.length]!);
  }
  return states;
}

const arbState = fc.array(fc.nat(), { minLength: 2, maxLength: 7 }).map(walk);
const withRenaming = arbState.chain((s) => arbRenaming(s, pools).map((r) => ({ s, r })));

describe('canonical form', () => {
  it('is the same for a state and any renaming of its consumed ids', () => {
    fc.assert(
      fc.property(withRenaming, ({ s, r }) => {
        expect(canonical(renameState(s, r), pools)).toBe(canonical(s, pools));
      }),
      { numRuns: 200 },
    );
  });

  it('renamed states step to renamed states, with renamed rets and events', () => {
    fc.assert(
      fc.property(withRenaming, ({ s, r }) => {
        const t = renameState(s, r);
        for (const a of alphabet(s, pools)) {
          const x = step(s, a);
          const y = step(t, renameDeep(a, r));
          expect(y.ret).toEqual(renameDeep(x.ret, r));
          expect(y.events).toEqual(renameDeep(x.events, r));
          expect(normalise(y.state)).toBe(normalise(renameState(x.state, r)));
          expect(canonical(y.state, pools)).toBe(canonical(x.state, pools));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('is the same from its memoised ops part as from scratch', () => {
    // States of one walk share pernet lists, the memo's key; a deep copy shares nothing.
    // Each state is also tried without symmetry, then with another first_device, each
    // right after a call that differs in that alone, so a memo that ignored either would
    // answer from the call before.
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 7 }), (choices) => {
        for (const s of walkAll(choices)) {
          const other = s.pernet.find((op) => op.id !== s.firstDevice)?.id ?? null;
          const moved = { ...s, firstDevice: other };
          for (const [t, symmetric] of [
            [s, true],
            [s, false],
            [moved, false],
            [moved, true],
          ] as const) {
            const fresh = canonical(structuredClone(t), pools, symmetric);
            expect(canonical(t, pools, symmetric)).toBe(fresh);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('without symmetry, is the same exactly for equal states', () => {
    fc.assert(
      fc.property(withRenaming, ({ s, r }) => {
        const t = renameState(s, r);
        const same = canonical(s, pools, false) === canonical(t, pools, false);
        expect(same).toBe(normalise(s) === normalise(t));
      }),
      { numRuns: 100 },
    );
  });
});
