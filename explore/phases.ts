/**
 * Where a search spends its time: an optional accumulator of milliseconds per phase, filled
 * by wrapping the phase functions (so a search without it pays nothing).
 */

/** Milliseconds spent in each phase of a search. */
export interface Phases {
  /** The step function (the model's reducers). */
  step: number;
  /** The abstract view of each new state (the model's selector). */
  view: number;
  /** Canonical form, fingerprint and the seen-set. */
  fp: number;
  /** The invariant families. */
  check: number;
}

/** All phases at zero. */
export const noPhases = (): Phases => ({ step: 0, view: 0, fp: 0, check: 0 });

/** `f`, adding the time each call takes to `phases[phase]` when `phases` is given. */
export function timed<A extends unknown[], R>(
  f: (...args: A) => R,
  phases: Phases | undefined,
  phase: keyof Phases,
): (...args: A) => R {
  if (phases === undefined) return f;
  return (...args) => {
    const t = performance.now();
    try {
      return f(...args);
    } finally {
      phases[phase] += performance.now() - t;
    }
  };
}
