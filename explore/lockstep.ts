/**
 * Test generation from the spec: every distinct path of the scope replayed against an
 * implementation in lockstep with the model: the shortest path to each distinct state, and
 * with `edges` also every other transition (each path to a known state, each rejection).
 */
import type { Action } from '../model/actions.ts';
import type { Factory } from '../properties/implementation.ts';
import { runLockstep } from '../properties/lockstep.ts';
import type { Level } from './bfs.ts';
import type { Finding } from './checker.ts';
import { pathActions } from './tree.ts';

/** Counts the replayed paths of a lockstep exploration. */
export interface LockstepCounter {
  paths: number;
}

/** Replays `actions` on a fresh implementation; a mismatch is a finding of `refinement`. */
async function replay(
  factory: Factory,
  boot: 'full' | 'bare',
  actions: readonly Action[],
): Promise<Finding | null> {
  const impl = await factory({ boot });
  try {
    const { expected, observed, mismatch } = await runLockstep(impl, actions, { boot });
    if (mismatch === null) return null;
    return { property: 'refinement', steps: expected, observed, message: mismatch.message };
  } finally {
    await impl.close?.();
  }
}

/**
 * A level hook for `explore` that replays the path of each new state of the level (and of
 * each other edge the level kept) against a fresh implementation from `factory`; the first
 * mismatch is the finding. Levels come shortest first, so the finding is a shortest one.
 */
export function lockstepLevels(
  factory: Factory,
  boot: 'full' | 'bare',
  counter: LockstepCounter = { paths: 0 },
): (level: Level) => Promise<Finding | null> {
  return async ({ nodes, edges }) => {
    const paths = [
      ...nodes.map((node) => () => pathActions(node)),
      ...edges.map((e) => () => [...pathActions(e.from), e.step.action]),
    ];
    for (const path of paths) {
      counter.paths += 1;
      const finding = await replay(factory, boot, path());
      if (finding) return finding;
    }
    return null;
  };
}
