/**
 * The BFS tree: each distinct state is a node reached by its shortest path from boot (the
 * first path BFS found). A node keeps only the step that reached it and a pointer to its
 * parent, so any node's trace (and its kernel calls) is a walk up its parents.
 */
import type { Action } from '../model/actions.ts';
import type { State } from '../model/state.ts';
import type { TraceStep } from '../model/trace.ts';
import type { Books } from './checker.ts';

/** One distinct state of the search. */
export interface Node {
  readonly parent: Node | null;
  readonly depth: number;
  /** The step from the parent (with the view after it); null for the root. */
  readonly step: TraceStep | null;
  /** The state, until the node has been expanded. */
  state: State | null;
  /** What the invariant families remember of the path, until the node has been expanded. */
  books: Books | null;
}

/** A transition of the state graph that is not a tree edge: from `from`, by `step`. */
export interface Edge {
  readonly from: Node;
  readonly step: TraceStep;
  /** Whether the step leaves the state as it is (a rejected request). */
  readonly loop: boolean;
}

/** The root node: boot, no steps. */
export const root = (state: State, books: Books): Node => ({
  parent: null,
  depth: 0,
  step: null,
  state,
  books,
});

/** A child of `parent` reached by `step`. */
export const child = (parent: Node, step: TraceStep, state: State, books: Books): Node => ({
  parent,
  depth: parent.depth + 1,
  step,
  state,
  books,
});

/** The steps from boot to `node`, in order. */
export function pathSteps(node: Node): TraceStep[] {
  const out: TraceStep[] = [];
  for (let n: Node | null = node; n !== null && n.step !== null; n = n.parent) out.push(n.step);
  return out.reverse();
}

/** The actions from boot to `node`, in order. */
export const pathActions = (node: Node): Action[] => pathSteps(node).map((s) => s.action);
