/**
 * Invariant families as monitors: each family is written once, as a step function over
 * what it remembers, and its whole-trace check is that monitor folded over the trace.
 */
import type { Invariant, Monitor, Stepped, Trace, Violation } from '../trace.ts';

/** Every violation of `monitor` on `trace`: each step's in order, then the end's. */
export function fold<S>(monitor: Monitor<S>, trace: Trace): Violation[] {
  let state = monitor.init(trace);
  const out: Violation[] = [];
  trace.steps.forEach((step, index) => {
    const next = monitor.step(state, step, index);
    out.push(...next.violations);
    state = next.state;
  });
  if (monitor.end) out.push(...monitor.end(state, trace.steps.length - 1));
  return out;
}

/** The invariant `monitor` defines, with `check` its fold. */
export function monitored<S>(
  meta: Pick<Invariant, 'name' | 'family' | 'statement' | 'why'>,
  monitor: Monitor<S>,
): Invariant {
  // A monitor only ever receives the states it made itself, so hiding S is safe.
  const hidden = monitor as unknown as Monitor<unknown>;
  return { ...meta, monitor: hidden, check: (trace) => fold(monitor, trace) };
}

const NONE: readonly Violation[] = [];

/** A step's outcome: `state` after it and `violations` (shared empty list when none). */
export const stepped = <S>(state: S, violations: readonly Violation[]): Stepped<S> => ({
  state,
  violations: violations.length === 0 ? NONE : violations,
});

/**
 * A map a step edits: reads what the monitor remembers, and copies it on the first write, so
 * the remembered map is never modified and an unedited one stays the same object.
 */
export class MapDraft<K, V> {
  private owned = false;
  constructor(private map: ReadonlyMap<K, V>) {}

  /** The map as edited so far. */
  get current(): ReadonlyMap<K, V> {
    return this.map;
  }
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  has(key: K): boolean {
    return this.map.has(key);
  }
  set(key: K, value: V): void {
    if (this.map.get(key) !== value || !this.map.has(key)) this.edit().set(key, value);
  }
  delete(key: K): void {
    if (this.map.has(key)) this.edit().delete(key);
  }
  private edit(): Map<K, V> {
    if (!this.owned) {
      this.map = new Map(this.map);
      this.owned = true;
    }
    return this.map as Map<K, V>;
  }
}

/** A set a step edits, copied on the first write (see {@link MapDraft}). */
export class SetDraft<T> {
  private owned = false;
  constructor(private set: ReadonlySet<T>) {}

  /** The set as edited so far. */
  get current(): ReadonlySet<T> {
    return this.set;
  }
  has(item: T): boolean {
    return this.set.has(item);
  }
  add(item: T): void {
    if (!this.set.has(item)) this.edit().add(item);
  }
  delete(item: T): void {
    if (this.set.has(item)) this.edit().delete(item);
  }
  private edit(): Set<T> {
    if (!this.owned) {
      this.set = new Set(this.set);
      this.owned = true;
    }
    return this.set as Set<T>;
  }
}
