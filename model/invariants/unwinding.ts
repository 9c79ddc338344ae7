/**
 * Family 5: unwinding of a failed setup or registration (DESIGN.md §3).
 */
import type { Event } from '../events.ts';
import type { Invariant, Violation } from '../trace.ts';
import { at, before, fmt, fmtAll, sameEvents, violation } from './format.ts';
import { monitored, NO_VIOLATIONS, stepped } from './monitor.ts';
import { bootLists, has, isRegister, type OpInfo, replayStep, type StepContext } from './replay.ts';

const NAME = 'unwinding';

/** The teardown hook events. */
const HOOK_EVENTS: ReadonlySet<Event['type']> = new Set([
  'pre_exit',
  'exit_rtnl',
  'exit',
  'exit_batch',
]);

/**
 * The teardown hook events ops_undo_list(ops, nets) emits, in order (docs/contract.md):
 * pre_exit (ops reverse × nets), exit_rtnl (nets × ops reverse), then per op in reverse its
 * exits and its exit_batch.
 */
export function undoHooks(ops: readonly OpInfo[], nets: readonly string[]): Event[] {
  const reversed = [...ops].reverse();
  const out: Event[] = [];
  for (const op of reversed) {
    if (has(op, 'pre_exit')) for (const net of nets) out.push({ type: 'pre_exit', op: op.op, net });
  }
  for (const net of nets) {
    for (const op of reversed) {
      if (has(op, 'exit_rtnl')) out.push({ type: 'exit_rtnl', op: op.op, net });
    }
  }
  for (const op of reversed) {
    if (has(op, 'exit')) for (const net of nets) out.push({ type: 'exit', op: op.op, net });
    if (has(op, 'exit_batch')) out.push({ type: 'exit_batch', op: op.op, nets });
  }
  return out;
}

type InitFailed = Extract<Event, { type: 'init_failed' }>;

const isInitFailed = (event: Event): event is InitFailed => event.type === 'init_failed';

/** A step with an init_failed against the unwinding its action prescribes. */
function checkContext(ctx: StepContext): readonly Violation[] {
  const { step, index, ops, listed } = ctx;
  const { action } = step;
  const failed = step.events.find(isInitFailed);
  if (failed === undefined || (action.type !== 'copy_net_ns' && !isRegister(action))) {
    return NO_VIOLATIONS;
  }
  const expected =
    action.type === 'copy_net_ns'
      ? undoHooks(
          before(ops, (op) => op.op === failed.op),
          [failed.net],
        )
      : undoHooks(
          ops.filter((op) => op.op === action.op),
          before(listed, (net) => net === failed.net),
        );
  const got = step.events.filter((e) => HOOK_EVENTS.has(e.type));
  if (sameEvents(got, expected)) return NO_VIOLATIONS;
  return [
    violation(
      NAME,
      index,
      `${at(index, step)}: after ${fmt(failed)} the teardown hooks were ${fmtAll(got)}; ` +
        `expected ${fmtAll(expected)}`,
    ),
  ];
}

/**
 * Family 5: a failed copy_net_ns undoes exactly the ops before the failed one, a failed
 * registration exactly the nets before the failed one, in ops_undo_list order, and never
 * tears down the failed pair.
 */
export const unwinding: Invariant = monitored(
  {
    name: NAME,
    family: 5,
    statement:
      'A copy_net_ns failing at op X undoes exactly the ops before X on the net, a ' +
      'registration failing at net k exactly the nets before k, in ops_undo_list order; the ' +
      'failed pair and what follows it are never torn down.',
    why:
      'setup_net() jumps to out_undo and calls ops_undo_list(&pernet_list, ops, ...) starting ' +
      'from the failed op, and __register_pernet_operations() calls ops_undo_single() on the ' +
      'nets it initialised so far (net/core/net_namespace.c); ops_init() already cleaned up ' +
      'the failed pair, whose exit would run on uninitialised state.',
  },
  {
    init: bootLists,
    step: (lists, step, index) => {
      const { context, after } = replayStep(lists, step, index);
      return stepped(after, checkContext(context));
    },
  },
);
