/**
 * The plumbing every case reducer shares: a working copy of the state, the events emitted so
 * far, and the two ways a step ends (an error that changes nothing, or a committed change).
 *
 * A step copies on write, explicitly: it reads `ctx.s` freely, replaces its top-level fields
 * with fresh values, and changes a nested record only through the writers below, each of which
 * copies the record (and the table bucket and index holding it) the first time the step
 * writes it. Nothing the step was given is ever mutated, and untouched records are shared
 * with the previous state, as with immer's `produce` but without a proxy per record read
 * (which cost half of every step: model/README.md "Cost").
 */
import { bucketOf, get, type Table } from './table.ts';
import type { Errno, Event, Ret } from './events.ts';
import { CORE_OPS, type Device, type Net, type State, TCP_OP, type TwEntry } from './state.ts';

/** What one step returns (DESIGN.md §2). */
export interface Result {
  readonly state: State;
  readonly events: readonly Event[];
  readonly ret: Ret;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The state's top level with replaceable fields (the values themselves stay immutable). */
export type Working = Mutable<State>;

/** The keyed tables of the state a step can write, by name. */
const TABLES = {
  nets: { read: (s: Working) => s.nets, write: (s: Working, t: Table<Net>) => (s.nets = t) },
  devices: {
    read: (s: Working) => s.devices,
    write: (s: Working, t: Table<Device>) => (s.devices = t),
  },
  usedNets: {
    read: (s: Working) => s.used.nets,
    write: (s: Working, t: Table<true>) => (s.used = { ...s.used, nets: t }),
  },
  usedDevs: {
    read: (s: Working) => s.used.devs,
    write: (s: Working, t: Table<true>) => (s.used = { ...s.used, devs: t }),
  },
  tw: {
    read: (s: Working) => s.tw!,
    write: (s: Working, t: Table<TwEntry>) => (s.tw = t),
  },
} as const;

type TableName = keyof typeof TABLES;
type EntryOf<N extends TableName> =
  ReturnType<(typeof TABLES)[N]['read']> extends Table<infer T> ? T : never;

/** A step in progress: the working state, and the trace to append to. */
export class Ctx {
  readonly events: Event[] = [];
  /** The state as this step has left it so far. */
  readonly s: Working;
  /** Records copied by this step, which it may therefore change in place. */
  readonly #owned = new Set<object>();

  constructor(base: State) {
    this.s = { ...base };
  }

  /** `x` (a record) itself if this step copied it, else a copy it now owns. */
  #own<T extends object>(x: T): Mutable<T> {
    if (this.#owned.has(x)) return x;
    const copy = { ...x } as Mutable<T>;
    this.#owned.add(copy);
    return copy;
  }

  /** The bucket of table `name` that holds `id`, owned by this step (index included). */
  #bucket<N extends TableName>(name: N, id: string): Record<string, EntryOf<N>> {
    const { read, write } = TABLES[name];
    const index = this.#own(read(this.s) as Table<EntryOf<N>>);
    if (index !== read(this.s)) write(this.s, index as never);
    const b = bucketOf(id);
    const bucket = this.#own(index[b] ?? {});
    index[b] = bucket;
    return bucket;
  }

  /** Sets the entry `id` of table `name`. */
  put<N extends TableName>(name: N, id: string, value: EntryOf<N>): void {
    this.#bucket(name, id)[id] = value;
  }

  /** Removes the entry `id` (it must exist) of table `name`. */
  remove(name: TableName, id: string): void {
    delete this.#bucket(name, id)[id];
  }

  /** Net `id` (it must exist), for this step to change. */
  net(id: string): Mutable<Net> {
    const bucket = this.#bucket('nets', id);
    return (bucket[id] = this.#own(bucket[id]!));
  }

  /** Device `id` (it must exist), for this step to change. */
  device(id: string): Mutable<Device> {
    const bucket = this.#bucket('devices', id);
    return (bucket[id] = this.#own(bucket[id]!));
  }

  /** Records that this run used the op id `op` (ids are never reused). */
  useOp(op: string): void {
    this.s.used = { ...this.s.used, ops: { ...this.s.used.ops, [op]: true } };
  }

  /** Adds one to a cost counter. */
  bump(counter: keyof State['counters']): void {
    const counters = this.#own(this.s.counters);
    counters[counter] += 1;
    this.s.counters = counters;
  }
}

/** A rejected request: no events, no state change. */
export const reject = (state: State, errno: Errno): Result => ({
  state,
  events: [],
  ret: { ok: false, errno },
});

/** Runs `body` on a working copy of `state`; its return value is the step's `ret`. */
export function commit(state: State, body: (ctx: Ctx) => Ret): Result {
  const ctx = new Ctx(state);
  const ret = body(ctx);
  return { state: ctx.s, events: ctx.events, ret };
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

/** `xs` with `x` appended, as a fresh array (no list of any state is changed in place). */
export const appended = <T>(xs: readonly T[], x: T): readonly T[] => [...xs, x];

/** `xs` without the items `drop` picks, as a fresh array. */
export const without = <T>(xs: readonly T[], drop: (x: T) => boolean): readonly T[] =>
  xs.filter((x) => !drop(x));
