/**
 * checkImplementation: every property of DESIGN.md §3 against one implementation, each run
 * by fast-check on its own so that each shrinks to its own smallest counterexample, then
 * minimised action by action (minimise.ts).
 */
import fc from 'fast-check';
import type { Action } from '../model/actions.ts';
import type { Kernel } from '../model/kernels.ts';
import { INVARIANTS } from '../model/invariants/index.ts';
import { initialState } from '../model/state.ts';
import type { Invariant, Trace, TraceStep } from '../model/trace.ts';
import { view } from '../model/view.ts';
import { runArb } from './choices.ts';
import { CoverageCounter } from './coverage.ts';
import { gateCoverage, modelTrace } from './coverage-gate.ts';
import { decode } from './decode.ts';
import {
  type BootOptions,
  bootOptions,
  type Factory,
  type Implementation,
} from './implementation.ts';
import { ImplementationError } from './implementation-error.ts';
import { runLockstep } from './lockstep.ts';
import { minimise } from './minimise.ts';

/** Options of {@link checkImplementation}. */
export interface CheckOptions {
  readonly seed: number;
  readonly numRuns?: number;
  readonly maxActions?: number;
  /** Only these properties (by name); all by default. */
  readonly only?: readonly string[];
  /** The kernel profile the model follows and the factory is booted with (default 6.18). */
  readonly kernel?: Kernel;
  /**
   * Generate the TIME_WAIT actions in 6.18 too (the historical profiles always have them).
   * Not part of v1: only for implementations that have the table, such as the reference.
   */
  readonly timewait?: boolean;
}

/** One property's verdict. */
export interface PropertyReport {
  readonly name: string;
  readonly family: number;
  readonly ok: boolean;
  readonly runs: number;
  /** Milliseconds from the property's start to its first failing run (before shrinking). */
  readonly detectedAfterMs?: number;
  readonly seed: number;
  readonly path?: string;
  readonly boot?: 'full' | 'bare';
  /** The kernel profile of the run (absent: 6.18). */
  readonly kernel?: Kernel;
  readonly counterexample?: readonly Action[];
  readonly message?: string;
}

/** Everything a check found. */
export interface CheckReport {
  readonly ok: boolean;
  readonly seed: number;
  readonly properties: readonly PropertyReport[];
  readonly coverage: CoverageCounter;
  /** Coverage tags the gate failed (properties/coverage-gate.ts); empty if a property failed. */
  readonly shortfalls: readonly string[];
  /** Generator-only runs the gate sampled to decide rare tags. */
  readonly gateRuns: number;
}

/** The refinement property (family 1) as a predicate over one run. */
async function refines(
  impl: Implementation,
  actions: readonly Action[],
  boot: 'full' | 'bare',
  kernel?: Kernel,
): Promise<string | null> {
  const run = await runLockstep(impl, actions, bootOptions(boot, kernel));
  return run.mismatch?.message ?? null;
}

/** Runs `impl` alone and returns its trace. */
async function traceOf(
  impl: Implementation,
  actions: readonly Action[],
  boot: 'full' | 'bare',
  kernel?: Kernel,
): Promise<Trace> {
  const steps: TraceStep[] = [];
  for (const action of actions) {
    const { ret, events } = await impl.apply(action);
    const shown = impl.view ? await impl.view() : undefined;
    steps.push({ action, ret, events, ...(shown ? { view: shown } : {}) });
  }
  return { kernel: kernel ?? '6.18', boot, steps };
}

/** An invariant family as a predicate over one run of `impl`. */
function holds(invariant: Invariant) {
  return async (
    impl: Implementation,
    actions: readonly Action[],
    boot: 'full' | 'bare',
    kernel?: Kernel,
  ): Promise<string | null> => {
    const violations = invariant.check(await traceOf(impl, actions, boot, kernel));
    return violations.length === 0
      ? null
      : violations.map((v) => `step #${v.step}: ${v.message}`).join('\n');
  };
}

type Predicate = (
  impl: Implementation,
  actions: readonly Action[],
  boot: 'full' | 'bare',
  kernel?: Kernel,
) => Promise<string | null>;

/** The properties checked, by name: refinement first, then each invariant family. */
export const PROPERTIES: readonly { name: string; family: number; predicate: Predicate }[] = [
  { name: 'refinement', family: 1, predicate: refines },
  ...INVARIANTS.map((inv) => ({ name: inv.name, family: inv.family, predicate: holds(inv) })),
];

/** A conversation failure seen during a check: it aborts the check (exit 2). */
interface Broken {
  error: ImplementationError | null;
}

async function once(
  factory: Factory,
  predicate: Predicate,
  actions: readonly Action[],
  boot: BootOptions,
  broken: Broken,
): Promise<string | null> {
  if (broken.error) return null; // stop shrinking at once; the error is rethrown after
  let impl: Implementation | undefined;
  try {
    impl = await factory(boot);
    return await predicate(impl, actions, boot.boot, boot.kernel);
  } catch (err) {
    if (!(err instanceof ImplementationError)) {
      return `the implementation threw: ${err instanceof Error ? err.message : String(err)}`;
    }
    broken.error = err;
    return null;
  } finally {
    await impl?.close?.();
  }
}

/**
 * Checks `factory`'s implementation against every property; returns the verdicts, the
 * shrunk counterexamples and the coverage of the generated runs.
 */
export async function checkImplementation(
  factory: Factory,
  opts: CheckOptions,
): Promise<CheckReport> {
  const coverage = new CoverageCounter(opts.kernel, opts.timewait);
  const broken: Broken = { error: null };
  const properties: PropertyReport[] = [];
  for (const prop of PROPERTIES.filter((p) => !opts.only || opts.only.includes(p.name))) {
    let shrinking = false;
    let detectedAfterMs: number | undefined;
    const started = performance.now();
    const property = fc.asyncProperty(runArb(opts.maxActions ?? 40), async ({ boot, choices }) => {
      const how = bootOptions(boot, opts.kernel);
      const actions = decode(choices, how, opts.timewait);
      // Coverage counts generated runs only, not shrink attempts after the first failure.
      if (prop.family === 1 && !shrinking)
        coverage.add(view(initialState(how)), modelTrace(actions, how));
      const ok = (await once(factory, prop.predicate, actions, how, broken)) === null;
      if (!ok && !shrinking) detectedAfterMs = performance.now() - started;
      shrinking ||= !ok;
      return ok;
    });
    const details = await fc.check(property, { seed: opts.seed, numRuns: opts.numRuns ?? 100 });
    if (broken.error) throw broken.error;
    const shrunk = details.counterexample?.[0];
    const boot = shrunk?.boot ?? 'full';
    const how = bootOptions(boot, opts.kernel);
    const fails = async (actions: readonly Action[]) =>
      (await once(factory, prop.predicate, actions, how, broken)) !== null;
    const counterexample = shrunk
      ? await minimise(decode(shrunk.choices, how, opts.timewait), fails)
      : null;
    if (broken.error) throw broken.error;
    const message = counterexample
      ? await once(factory, prop.predicate, counterexample, how, broken)
      : null;
    properties.push({
      name: prop.name,
      family: prop.family,
      ok: !details.failed,
      runs: details.numRuns,
      ...(detectedAfterMs === undefined ? {} : { detectedAfterMs }),
      seed: opts.seed,
      ...(counterexample
        ? {
            path: details.counterexamplePath ?? '',
            boot,
            ...(opts.kernel === undefined || opts.kernel === '6.18' ? {} : { kernel: opts.kernel }),
            counterexample,
            message: message ?? String(details.errorInstance),
          }
        : {}),
    });
  }
  const held = properties.every((p) => p.ok);
  const gate = held
    ? gateCoverage(coverage, {
        seed: opts.seed,
        maxActions: opts.maxActions ?? 40,
        ...(opts.kernel === undefined ? {} : { kernel: opts.kernel }),
      })
    : { shortfalls: [], extraRuns: 0 };
  const ok = held && gate.shortfalls.length === 0;
  return {
    ok,
    seed: opts.seed,
    properties,
    coverage,
    shortfalls: gate.shortfalls,
    gateRuns: gate.extraRuns,
  };
}
