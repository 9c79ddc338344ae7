/**
 * Test generation from the spec: every distinct path of the scope replayed against an
 * implementation in lockstep with the model: the shortest path to each distinct state, and
 * with `keepEdges` also every other transition (each path into a known state, and each
 * state's rejected requests, chained after its path in one run).
 */
import type { Action } from '../model/actions.ts';
import type { Factory } from '../properties/implementation.ts';
import { runLockstep } from '../properties/lockstep.ts';
import type { Level } from './bfs.ts';
import type { Finding } from './checker.ts';
import { type Edge, type Node, pathActions } from './tree.ts';

/** Counts the replayed paths of a lockstep exploration. */
export interface LockstepCounter {
  paths: number;
}

/** Replays action lists on fresh implementations from one factory. */
class Replayer {
  constructor(
    private readonly factory: Factory,
    private readonly boot: 'full' | 'bare',
    private readonly counter: LockstepCounter,
  ) {}

  /** Replays `actions`; a mismatch is a finding of `refinement` up to the mismatched step. */
  async run(actions: readonly Action[]): Promise<Finding | null> {
    this.counter.paths += 1;
    const impl = await this.factory({ boot: this.boot });
    try {
      const { expected, observed, mismatch } = await runLockstep(impl, actions, {
        boot: this.boot,
      });
      if (mismatch === null) return null;
      return { property: 'refinement', steps: expected, observed, message: mismatch.message };
    } finally {
      await impl.close?.();
    }
  }

  /**
   * Replays the rejected requests of `from` chained after its path (each leaves the model
   * where it was); on a mismatch, the first one that mismatches on its own is the finding,
   * else the chain up to the mismatch.
   */
  async loops(from: Node, loops: readonly Action[]): Promise<Finding | null> {
    const path = pathActions(from);
    const chained = await this.run([...path, ...loops]);
    if (chained === null) return null;
    for (const loop of loops.slice(0, chained.steps.length - path.length)) {
      const alone = await this.run([...path, loop]);
      if (alone) return alone;
    }
    return chained;
  }
}

/** The rejected requests of each node, in the order the level met them. */
function loopsByNode(edges: readonly Edge[]): Map<Node, Action[]> {
  const out = new Map<Node, Action[]>();
  for (const e of edges) {
    if (!e.loop) continue;
    const list = out.get(e.from);
    if (list) list.push(e.step.action);
    else out.set(e.from, [e.step.action]);
  }
  return out;
}

/**
 * A level hook for `explore` that replays the path of each new state of the level, then
 * each other edge the level kept, against fresh implementations from `factory`; the first
 * mismatch is the finding. Levels come shortest first, so the finding is a shortest one.
 */
export function lockstepLevels(
  factory: Factory,
  boot: 'full' | 'bare',
  counter: LockstepCounter = { paths: 0 },
): (level: Level) => Promise<Finding | null> {
  const replayer = new Replayer(factory, boot, counter);
  return async ({ nodes, edges }) => {
    for (const node of nodes) {
      const finding = await replayer.run(pathActions(node));
      if (finding) return finding;
    }
    for (const e of edges) {
      if (e.loop) continue;
      const finding = await replayer.run([...pathActions(e.from), e.step.action]);
      if (finding) return finding;
    }
    for (const [from, loops] of loopsByNode(edges)) {
      const finding = await replayer.loops(from, loops);
      if (finding) return finding;
    }
    return null;
  };
}
