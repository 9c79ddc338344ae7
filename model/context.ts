/**
 * The plumbing every case reducer shares: a draft of the state, the events emitted so far,
 * and the two ways a step ends (an error that changes nothing, or a committed change).
 */
import { get } from './table.ts';
import { castDraft, current, type Draft, Immer, isDraft } from 'immer';
import type { Errno, Event, Ret } from './events.ts';
import { CORE_OPS, type State, TCP_OP } from './state.ts';

/** What one step returns (DESIGN.md §2). */
export interface Result {
  readonly state: State;
  readonly events: readonly Event[];
  readonly ret: Ret;
}

/** A step in progress: the draft to mutate and the trace to append to. */
export interface Ctx {
  readonly s: Draft<State>;
  readonly events: Event[];
}

/** Counters a step can bump. */
type CounterName = keyof State['counters'];

/** A rejected request: no events, no state change. */
export const reject = (state: State, errno: Errno): Result => ({
  state,
  events: [],
  ret: { ok: false, errno },
});

/**
 * The model's own immer, without auto-freeze: freezing walks every copied container on
 * every step (two thirds of setup time at 4096 nets). Purity is checked by the tests
 * instead, which deep-freeze every state before stepping it.
 */
const immer = new Immer({ autoFreeze: false });

/** Runs `body` on a draft of `state`; its return value is the step's `ret`. */
export function commit(state: State, body: (ctx: Ctx) => Ret): Result {
  const events: Event[] = [];
  let ret: Ret = { ok: true };
  const next = immer.produce(state, (s) => {
    ret = body({ s, events });
  });
  return { state: next, events, ret };
}

/** Adds one to a cost counter. */
export function bump(ctx: Ctx, counter: CounterName): void {
  ctx.s.counters[counter] += 1;
}

/**
 * Whether `op` is one of the ops net_dev_init() registered (full boot only), or tcp_sk_ops
 * once tcp_v4_init() has run.
 */
export function isCore(state: Pick<State, 'boot' | 'tw'>, op: string): boolean {
  if (op === TCP_OP && state.tw !== null) return true;
  return state.boot === 'full' && CORE_OPS.some((core) => core.id === op);
}

/** A listed net with a non-zero count (one the caller can hold a reference to). */
export function isLive(state: State, net: string): boolean {
  return (get(state.nets, net)?.count ?? 0) > 0;
}

/** A list as the step sees it, without going through a draft proxy per element. */
const plain = <T>(xs: readonly T[]): readonly T[] =>
  isDraft(xs) ? (current(xs as never) as readonly T[]) : xs;

/**
 * `xs` with `x` appended, as a fresh frozen array to assign into the draft: immer then skips
 * walking it for drafts when the step ends (an O(n) walk per step on long lists), and no list
 * of the state is ever mutated in place.
 */
export const appended = <T>(xs: readonly T[], x: T): Draft<T[]> =>
  castDraft(Object.freeze([...plain(xs), x]));

/** `xs` without the items `drop` picks, as a fresh frozen array (see {@link appended}). */
export const without = <T>(xs: readonly T[], drop: (x: T) => boolean): Draft<T[]> =>
  castDraft(Object.freeze(plain(xs).filter((x) => !drop(x))));
