/**
 * The scope of an exhaustive exploration: how many nets, user ops and devices the id pools
 * hold, and how deep the search goes. Fresh ids always come from these pools, so two runs
 * that create the same things name them the same way and their states compare.
 */
import { INIT_NET } from '../model/state.ts';
import type { State } from '../model/state.ts';
import { has } from '../model/table.ts';

/** The bounds of a search (TLC's CONSTANTS and depth). */
export interface Scope {
  /** Nets besides init_net (pool `n1…nN`). */
  readonly nets: number;
  /** User pernet ops (pool `o1…oM`). */
  readonly ops: number;
  /** Registrable devices (pool `d1…dD`; a veth pair takes two). */
  readonly devices: number;
  /** Longest action sequence from boot. */
  readonly depth: number;
  /** Boot of every run (default `full`). */
  readonly boot?: 'full' | 'bare';
}

/** The id pools of a scope. */
export interface Pools {
  readonly nets: readonly string[];
  readonly ops: readonly string[];
  readonly devices: readonly string[];
}

const pool = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** The pools `n1…nN`, `o1…oM`, `d1…dD` of `scope`. */
export function poolsOf(scope: Scope): Pools {
  return {
    nets: pool('n', scope.nets),
    ops: pool('o', scope.ops),
    devices: pool('d', scope.devices),
  };
}

/** Every net an action may name: init_net and the pool. */
export const netsOf = (pools: Pools): readonly string[] => [INIT_NET, ...pools.nets];

/** The ids of `ids` that `state` has not consumed yet, in pool order. */
export function fresh(
  ids: readonly string[],
  consumed: (id: string) => boolean,
): readonly string[] {
  return ids.filter((id) => !consumed(id));
}

/** The unconsumed ids of each pool in `state`. */
export function freshIds(state: State, pools: Pools): Pools {
  return {
    nets: fresh(pools.nets, (id) => has(state.used.nets, id)),
    ops: fresh(pools.ops, (id) => state.used.ops[id] === true),
    devices: fresh(pools.devices, (id) => has(state.used.devs, id)),
  };
}

/** The scope as `3 nets × 3 ops × 2 devices, depth 8`. */
export const describeScope = (s: Scope): string =>
  `${s.nets} nets × ${s.ops} ops × ${s.devices} devices, depth ${s.depth}` +
  (s.boot === 'bare' ? ', bare boot' : '');
