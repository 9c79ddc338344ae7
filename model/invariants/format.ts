/**
 * Small trace helpers the invariant families share: printing events, naming steps and
 * splitting pernet callbacks into (hook, op, net) calls. Nothing here knows the reducer.
 */
import type { Event } from '../events.ts';
import type { TraceStep, Violation } from '../trace.ts';

/** The fields of every event type, in the order docs/contract.md lists them. */
const FIELDS: { readonly [T in Event['type']]: readonly string[] } = {
  alloc: ['op', 'net'],
  init: ['op', 'net'],
  init_failed: ['op', 'net'],
  free: ['op', 'net'],
  publish: ['net'],
  queue: ['net'],
  batch: ['nets'],
  unlink: ['net'],
  nsid_alloc: ['in', 'peer', 'id'],
  nsid_unhash: ['in', 'peer', 'id'],
  pre_exit: ['op', 'net'],
  synchronize_rcu: [],
  exit_rtnl: ['op', 'net'],
  exit: ['op', 'net'],
  exit_batch: ['op', 'nets'],
  dev_register: ['dev', 'net', 'name'],
  dev_move: ['dev', 'from', 'to', 'name'],
  dev_unregister: ['dev', 'net'],
  tw_purge: ['nets', 'purged'],
  rcu_barrier: [],
  net_free: ['net'],
};

const show = (value: unknown): string =>
  Array.isArray(value) ? `[${value.join(',')}]` : String(value);

/**
 * An event in the contract's notation, e.g. `exit{A,n1}` or `exit_batch{A,[n1,n2]}`; two
 * events are equal exactly when their printed forms are (field order does not matter).
 */
export function fmt(event: Event): string {
  const fields = event as unknown as Readonly<Record<string, unknown>>;
  return `${event.type}{${FIELDS[event.type].map((f) => show(fields[f])).join(',')}}`;
}

/** A list of events in the contract's notation. */
export const fmtAll = (events: readonly Event[]): string => `[${events.map(fmt).join(', ')}]`;

/** Whether two lists have the same items, in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

const identical = (x: unknown, y: unknown): boolean => x === y;

/** Whether two field values are equal: the same value, or arrays of the same values. */
const sameValue = (u: unknown, v: unknown): boolean =>
  Array.isArray(u) && Array.isArray(v) ? sameItems(u, v, identical) : u === v;

/** Whether `x` and `y` have the same type and the same field values (so print the same). */
function sameFields(x: Event, y: Event): boolean {
  if (x.type !== y.type) return false;
  const a = x as unknown as Readonly<Record<string, unknown>>;
  const b = y as unknown as Readonly<Record<string, unknown>>;
  for (const f of FIELDS[x.type]) if (!sameValue(a[f], b[f])) return false;
  return true;
}

/**
 * Whether two event lists print the same ({@link fmtAll}): compared field by field first,
 * printed only when that finds a difference (which printing may still not show).
 */
export const sameEvents = (a: readonly Event[], b: readonly Event[]): boolean =>
  sameItems(a, b, sameFields) || fmtAll(a) === fmtAll(b);

/** `step 3 (cleanup_net)`: how messages name a step (0-based index into `trace.steps`). */
export const at = (index: number, step: TraceStep): string => `step ${index} (${step.action.type})`;

/** A violation of invariant `name` at step `index`. */
export const violation = (name: string, index: number, message: string): Violation => ({
  invariant: name,
  step: index,
  message,
});

/** A pernet callback event, per net: init, init_failed or one of the teardown hooks. */
export type Callback = 'init' | 'init_failed' | 'pre_exit' | 'exit_rtnl' | 'exit' | 'exit_batch';

/** One callback of `op` on `net` (an exit_batch is one call per net of its list). */
export interface Call {
  readonly hook: Callback;
  readonly op: string;
  readonly net: string;
}

/** The callbacks an event reports: none for non-callback events. */
export function calls(event: Event): Call[] {
  switch (event.type) {
    case 'init':
    case 'init_failed':
    case 'pre_exit':
    case 'exit_rtnl':
    case 'exit':
      return [{ hook: event.type, op: event.op, net: event.net }];
    case 'exit_batch':
      return event.nets.map((net) => ({ hook: 'exit_batch', op: event.op, net }));
    default:
      return [];
  }
}

/** Whether `hook` is a teardown hook (pre_exit, exit_rtnl, exit or exit_batch). */
export const isTeardown = (hook: Callback): boolean => hook !== 'init' && hook !== 'init_failed';

/** The items of `list` before the first one equal to `stop` (all of them if none is). */
export function before<T>(list: readonly T[], stop: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (const item of list) {
    if (stop(item)) break;
    out.push(item);
  }
  return out;
}

/** A collision-free map key for an (op, net) pair (the length says where `op` ends). */
export const pair = (op: string, net: string): string => `${op.length}:${op}${net}`;
