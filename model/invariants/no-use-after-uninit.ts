/**
 * Family 4: no use-after-uninit (DESIGN.md §3).
 */
import type { Event } from '../events.ts';
import { INIT_NET } from '../state.ts';
import type { Invariant, Trace, Violation } from '../trace.ts';
import { at, before, type Call, type Callback, calls, fmt, pair, violation } from './format.ts';
import {
  bootOps,
  has,
  isRegister,
  type OpInfo,
  replay,
  type StepContext,
  validated,
} from './replay.ts';

const NAME = 'no-use-after-uninit';

/** Where an (op, net) pair is in its life. */
type Status =
  | 'uninitialised'
  | 'allocated'
  | 'initialised'
  | 'exited'
  | 'batch-exited'
  | 'init-failed'
  | 'freed';

/** The status after each callback; pre_exit and exit_rtnl leave it as it was. */
const NEXT: Readonly<Record<Callback, Status | undefined>> = {
  init: 'initialised',
  init_failed: 'init-failed',
  pre_exit: undefined,
  exit_rtnl: undefined,
  exit: 'exited',
  exit_batch: 'batch-exited',
};

/** The statuses a callback may find its own pair in. */
function required(hook: Callback, generic: boolean): readonly Status[] {
  if (hook === 'init' || hook === 'init_failed') return [generic ? 'allocated' : 'uninitialised'];
  return hook === 'exit_batch' ? ['initialised', 'exited'] : ['initialised'];
}

/** An op without init and without generic data: ops_init() does nothing for it. */
const silent = (op: Pick<OpInfo, 'hooks' | 'generic'>): boolean => !has(op, 'init') && !op.generic;

/** The status of every (op, net) pair the trace has touched. */
class Pairs {
  private readonly status = new Map<string, Status>();
  get(op: string, net: string): Status {
    return this.status.get(pair(op, net)) ?? 'uninitialised';
  }
  set(op: string, net: string, status: Status): void {
    this.status.set(pair(op, net), status);
  }
}

/** Silent ops count as initialised when setup passes them or when they are registered. */
function markSilent(pairs: Pairs, { step, ops, listed }: StepContext): void {
  const { action, events } = step;
  if (!validated(step)) return;
  if (action.type === 'copy_net_ns') {
    const failed = events.flatMap((e) => (e.type === 'init_failed' ? [e.op] : []));
    const passed = before(ops, (op) => failed.includes(op.op));
    for (const op of passed.filter(silent)) pairs.set(op.op, action.net, 'initialised');
  }
  if (isRegister(action) && silent(action)) {
    for (const net of listed) pairs.set(action.op, net, 'initialised');
  }
}

/** One callback against its own pair's status and the ops before it in pernet_list. */
function checkCall(pairs: Pairs, ctx: StepContext, event: Event, call: Call): string[] {
  const { hook, op, net } = call;
  const what = `${at(ctx.index, ctx.step)}: ${fmt(event)} on ${net}`;
  const out: string[] = [];
  const own = pairs.get(op, net);
  const generic = ctx.ops.some((o) => o.op === op && o.generic);
  const need = required(hook, generic);
  if (!need.includes(own)) {
    out.push(`${what}: ${op} is ${own} there; expected ${need.join(' or ')}`);
  }
  const index = ctx.ops.findIndex((o) => o.op === op);
  if (index < 0) out.push(`${what}: ${op} is not in pernet_list; expected a registered op`);
  const earlier = ctx.ops.slice(0, Math.max(index, 0)).filter((o) => has(o, 'init') || o.generic);
  for (const dep of earlier) {
    const status = pairs.get(dep.op, net);
    if (status !== 'initialised') {
      out.push(
        `${what}: ${dep.op} (before ${op} in pernet_list) is ${status}; expected initialised`,
      );
    }
  }
  pairs.set(op, net, NEXT[hook] ?? own);
  return out;
}

/** Applies one event: data allocation and free, and the checks of every callback in it. */
function onEvent(pairs: Pairs, ctx: StepContext, event: Event): string[] {
  if (event.type === 'alloc') {
    const withInit = ctx.ops.some((op) => op.op === event.op && has(op, 'init'));
    pairs.set(event.op, event.net, withInit ? 'allocated' : 'initialised');
  }
  if (event.type === 'free') pairs.set(event.op, event.net, 'freed');
  return calls(event).flatMap((call) => checkCall(pairs, ctx, event, call));
}

/** Replays every pair's status through the trace. */
function check(trace: Trace): Violation[] {
  const pairs = new Pairs();
  for (const op of bootOps(trace.boot, trace.kernel)) pairs.set(op.op, INIT_NET, 'initialised');
  return replay(trace).steps.flatMap((ctx) => {
    markSilent(pairs, ctx);
    const messages = ctx.step.events.flatMap((event) => onEvent(pairs, ctx, event));
    return messages.map((message) => violation(NAME, ctx.index, message));
  });
}

/**
 * Family 4: a callback of op X on net n runs only while every earlier op with init or data
 * is initialised on n and not exited, X's own data allocated; no init after exit; teardown
 * hooks only for pairs whose init succeeded.
 */
export const noUseAfterUninit: Invariant = {
  name: NAME,
  family: 4,
  statement:
    'A callback of op X on n runs only while every earlier op with init or data is ' +
    "initialised on n and not exited, and X's data is allocated; no init after exit; " +
    'teardown hooks only where init succeeded.',
  why:
    'setup_net() walks pernet_list forward and ops_undo_list() walks it backward ' +
    '(net/core/net_namespace.c), so later ops may use earlier ones ("Network interfaces need ' +
    'to be removed from a dying netns _before_ subsys notifiers can be called", ' +
    'include/net/net_namespace.h); ops_init() publishes data before init and, when init ' +
    "fails, undoes it and never calls that pair's exit.",
  check,
};
