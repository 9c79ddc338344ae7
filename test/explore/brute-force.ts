/**
 * An independent brute-force enumeration for cross-checking the explorer: every action
 * sequence of a scope up to its depth, no fingerprints, no BFS. States are compared as
 * normalised JSON, and symmetry classes by trying every permutation of consumed ids.
 */
import type { Action } from '../../model/actions.ts';
import { initialState, type State } from '../../model/state.ts';
import { step as modelStep } from '../../model/step.ts';
import type { Result } from '../../model/context.ts';
import { alphabet } from '../../explore/alphabet.ts';
import { poolsOf, type Pools, type Scope } from '../../explore/scope.ts';

type Rename = (id: string) => string;

const sortedPairs = <T>(pairs: [string, T][]): [string, T][] =>
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const flat = <T>(table: Readonly<Record<string, Readonly<Record<string, T>>>>): [string, T][] =>
  Object.values(table).flatMap((bucket) => Object.entries(bucket));

/** The state as plain JSON with every id passed through `r` and every map sorted. */
export function normalise(s: State, r: Rename = (id) => id): string {
  const nets = sortedPairs(
    flat(s.nets).map(([id, n]) => [
      r(id),
      [n.count, n.devices.map(r), sortedPairs(Object.entries(n.nsids).map(([p, v]) => [r(p), v]))],
    ]),
  );
  const devices = sortedPairs(
    flat(s.devices).map(([id, d]) => [r(id), [d.name, d.kind, r(d.net), d.peer && r(d.peer)]]),
  );
  const keys = (xs: string[]) => xs.map(r).sort();
  return JSON.stringify([
    s.kernel,
    s.boot,
    s.pernet.map((op) => [r(op.id), op.kind, op.hooks, op.genericId]),
    s.firstDevice && r(s.firstDevice),
    s.netList.map(r),
    nets,
    s.cleanupList.map(r),
    devices,
    keys(flat(s.used.nets).map(([k]) => k)),
    keys(Object.keys(s.used.ops)),
    keys(flat(s.used.devs).map(([k]) => k)),
    s.counters,
  ]);
}

function permutations(xs: readonly string[]): string[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) =>
    permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

/** Every renaming that permutes the consumed ids of each pool (lo@N following N). */
function renamings(s: State, pools: Pools): Rename[] {
  const consumed = (ids: readonly string[], used: (id: string) => boolean) => ids.filter(used);
  const nets = consumed(pools.nets, (id) => flat(s.used.nets).some(([k]) => k === id));
  const ops = consumed(pools.ops, (id) => s.used.ops[id] === true);
  const devs = consumed(pools.devices, (id) => flat(s.used.devs).some(([k]) => k === id));
  const out: Rename[] = [];
  for (const pn of permutations(nets))
    for (const po of permutations(ops))
      for (const pd of permutations(devs)) {
        const map = new Map<string, string>([
          ...nets.map((id, i): [string, string] => [id, pn[i]!]),
          ...ops.map((id, i): [string, string] => [id, po[i]!]),
          ...devs.map((id, i): [string, string] => [id, pd[i]!]),
        ]);
        const r: Rename = (id) =>
          id.startsWith('lo@') ? `lo@${r(id.slice(3))}` : (map.get(id) ?? id);
        out.push(r);
      }
  return out;
}

/** The least normal form over all renamings: one string per symmetry class. */
export function orbitKey(s: State, pools: Pools): string {
  return renamings(s, pools)
    .map((r) => normalise(s, r))
    .sort()[0]!;
}

/** What the enumeration saw. */
export interface Enumeration {
  /** Distinct states (as normalised JSON) first reached at each depth. */
  readonly raw: number[];
  /** Distinct symmetry classes first reached at each depth. */
  readonly orbits: number[];
  /** One state per distinct normalised JSON, with its orbit key. */
  readonly states: readonly { readonly state: State; readonly orbit: string }[];
  /** Action sequences enumerated (every prefix counts). */
  readonly sequences: number;
  /** The length of the shortest sequence `violates` flags, if any. */
  readonly shortestViolation: number | null;
}

type StepFn = (s: State, a: Action) => Result;

/** Options of {@link enumerate}. */
export interface EnumerateOptions {
  readonly step?: StepFn;
  /** Judges each non-empty sequence by its steps. */
  readonly violates?: (steps: readonly { action: Action; result: Result }[]) => boolean;
}

/** Distinct keys of `map` first reached at each depth up to `depth`. */
function perDepth(map: ReadonlyMap<string, number>, depth: number): number[] {
  const out = new Array<number>(depth + 1).fill(0);
  for (const d of map.values()) out[d]! += 1;
  return out;
}

/** Enumerates every action sequence of `scope`. */
export function enumerate(scope: Scope, opts: EnumerateOptions = {}): Enumeration {
  const { step = modelStep, violates } = opts;
  const pools = poolsOf(scope);
  const keys = new Map<State, [string, string]>();
  const rawDepth = new Map<string, number>();
  const orbitDepth = new Map<string, number>();
  const states = new Map<string, { state: State; orbit: string }>();
  let sequences = 0;
  let shortest: number | null = null;
  const note = (map: Map<string, number>, key: string, d: number) =>
    map.set(key, Math.min(map.get(key) ?? d, d));
  const visit = (s: State, path: { action: Action; result: Result }[]): void => {
    sequences += 1;
    let k = keys.get(s);
    if (k === undefined) keys.set(s, (k = [normalise(s), orbitKey(s, pools)]));
    if (!states.has(k[0])) states.set(k[0], { state: s, orbit: k[1] });
    note(rawDepth, k[0], path.length);
    note(orbitDepth, k[1], path.length);
    if (violates && path.length > 0 && violates(path))
      shortest = Math.min(shortest ?? path.length, path.length);
    if (path.length === scope.depth) return;
    for (const action of alphabet(s, pools)) {
      const result = step(s, action);
      visit(result.state, [...path, { action, result }]);
    }
  };
  visit(initialState({ boot: scope.boot ?? 'full' }), []);
  return {
    raw: perDepth(rawDepth, scope.depth),
    orbits: perDepth(orbitDepth, scope.depth),
    states: [...states.values()],
    sequences,
    shortestViolation: shortest,
  };
}
