/**
 * Renaming pool ids in states, actions and traces, for the symmetry tests: a renaming
 * permutes the consumed ids of each pool (nets, ops, devices), `lo@N` following N, and
 * leaves every other string alone.
 */
import fc from 'fast-check';
import { type State } from '../../model/state.ts';
import { tableOf, values, type Table } from '../../model/table.ts';
import { freshIds, type Pools } from '../../explore/scope.ts';

/** A renaming of ids. */
export type Rename = (id: string) => string;

/** The renaming that maps `from[i]` to `to[i]` (and each `lo@N` along with N). */
export function renaming(from: readonly string[], to: readonly string[]): Rename {
  const map = new Map(from.map((id, i) => [id, to[i]!]));
  const r: Rename = (id) => map.get(id) ?? (id.startsWith('lo@') ? `lo@${r(id.slice(3))}` : id);
  return r;
}

/** Every string in `x` (a plain JSON value) passed through `r`; keys stay as they are. */
export function renameDeep<T>(x: T, r: Rename): T {
  if (typeof x === 'string') return r(x) as T;
  if (Array.isArray(x)) return x.map((v) => renameDeep(v, r)) as T;
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = renameDeep(v, r);
    return out as T;
  }
  return x;
}

const renameTable = <T>(table: Table<T>, key: (v: T) => string, f: (v: T) => T): Table<T> =>
  tableOf(values(table).map((v) => [key(f(v)), f(v)] as const));

const renameKeys = (keys: Iterable<string>, r: Rename): Table<true> =>
  tableOf([...keys].map((k) => [r(k), true] as const));

/** `state` with every id renamed by `r` (tables rebuilt, since ids choose their buckets). */
export function renameState(state: State, r: Rename): State {
  const keysOf = (t: Table<true>) => Object.values(t).flatMap((b) => Object.keys(b));
  return {
    ...state,
    pernet: state.pernet.map((op) => ({ ...op, id: r(op.id) })),
    firstDevice: state.firstDevice === null ? null : r(state.firstDevice),
    netList: state.netList.map(r),
    nets: renameTable(
      state.nets,
      (n) => n.id,
      (n) => ({
        ...n,
        id: r(n.id),
        devices: n.devices.map(r),
        nsids: Object.fromEntries(Object.entries(n.nsids).map(([p, v]) => [r(p), v])),
      }),
    ),
    cleanupList: state.cleanupList.map(r),
    devices: renameTable(
      state.devices,
      (d) => d.id,
      (d) => ({ ...d, id: r(d.id), net: r(d.net), peer: d.peer === null ? null : r(d.peer) }),
    ),
    used: {
      nets: renameKeys(keysOf(state.used.nets), r),
      ops: Object.fromEntries(Object.keys(state.used.ops).map((k) => [r(k), true as const])),
      devs: renameKeys(keysOf(state.used.devs), r),
    },
  };
}

/** The consumed ids of each pool in `state`. */
export function consumed(state: State, pools: Pools): Pools {
  const free = freshIds(state, pools);
  const taken = (all: readonly string[], fresh: readonly string[]) =>
    all.filter((id) => !fresh.includes(id));
  return {
    nets: taken(pools.nets, free.nets),
    ops: taken(pools.ops, free.ops),
    devices: taken(pools.devices, free.devices),
  };
}

/** A random renaming that permutes the consumed ids of each pool of `state`. */
export function arbRenaming(state: State, pools: Pools): fc.Arbitrary<Rename> {
  const used = consumed(state, pools);
  const perm = (ids: readonly string[]) =>
    fc.shuffledSubarray([...ids], { minLength: ids.length, maxLength: ids.length });
  return fc
    .tuple(perm(used.nets), perm(used.ops), perm(used.devices))
    .map(([n, o, d]) => renaming([...used.nets, ...used.ops, ...used.devices], [...n, ...o, ...d]));
}
