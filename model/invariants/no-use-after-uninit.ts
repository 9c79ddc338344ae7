/**
 * Family 4: no use-after-uninit (DESIGN.md §3).
 */
import type { Event } from '../events.ts';
import { INIT_NET } from '../state.ts';
import type { Invariant, Stepped, Trace, TraceStep } from '../trace.ts';
import { at, before, type Call, type Callback, calls, fmt, pair, violation } from './format.ts';
import { MapDraft, monitored, stepped } from './monitor.ts';
import {
  bootLists,
  has,
  isRegister,
  type Lists,
  type OpInfo,
  replayStep,
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

/** What the family remembers: every touched (op, net) pair's status, and the lists. */
interface Books {
  readonly status: ReadonlyMap<string, Status>;
  readonly lists: Lists;
}

/** The status of every (op, net) pair, as one step edits it. */
class Pairs {
  readonly draft: MapDraft<string, Status>;
  constructor(status: ReadonlyMap<string, Status>) {
    this.draft = new MapDraft(status);
  }
  get(op: string, net: string): Status {
    return this.draft.get(pair(op, net)) ?? 'uninitialised';
  }
  set(op: string, net: string, status: Status): void {
    this.draft.set(pair(op, net), status);
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

/** How a message names a callback (formatted only for a message: callbacks are many). */
const subject = (ctx: StepContext, event: Event, net: string): string =>
  `${at(ctx.index, ctx.step)}: ${fmt(event)} on ${net}`;

/** One callback against its own pair's status and the ops before it in pernet_list. */
function checkCall(pairs: Pairs, ctx: StepContext, event: Event, call: Call): string[] {
  const { hook, op, net } = call;
  const out: string[] = [];
  const own = pairs.get(op, net);
  const generic = ctx.ops.some((o) => o.op === op && o.generic);
  const need = required(hook, generic);
  if (!need.includes(own)) {
    out.push(`${subject(ctx, event, net)}: ${op} is ${own} there; expected ${need.join(' or ')}`);
  }
  const index = ctx.ops.findIndex((o) => o.op === op);
  if (index < 0)
    out.push(`${subject(ctx, event, net)}: ${op} is not in pernet_list; expected a registered op`);
  const earlier = ctx.ops.slice(0, Math.max(index, 0)).filter((o) => has(o, 'init') || o.generic);
  for (const dep of earlier) {
    const status = pairs.get(dep.op, net);
    if (status !== 'initialised') {
      out.push(
        `${subject(ctx, event, net)}: ${dep.op} (before ${op} in pernet_list) is ${status}; expected initialised`,
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

/** Every callback of one step against the pairs' statuses after the steps before it. */
function checkStep(books: Books, step: TraceStep, index: number): Stepped<Books> {
  const { context: ctx, after: lists } = replayStep(books.lists, step, index);
  const pairs = new Pairs(books.status);
  markSilent(pairs, ctx);
  const messages = step.events.flatMap((event) => onEvent(pairs, ctx, event));
  const status = pairs.draft.current;
  const same = status === books.status && lists === books.lists;
  return stepped(
    same ? books : { status, lists },
    messages.map((message) => violation(NAME, index, message)),
  );
}

/** The boot ops are initialised on init_net. */
function init(boot: Pick<Trace, 'kernel' | 'boot'>): Books {
  const lists = bootLists(boot);
  return { status: new Map(lists.ops.map((op) => [pair(op.op, INIT_NET), 'initialised'])), lists };
}

/**
 * Family 4: a callback of op X on net n runs only while every earlier op with init or data
 * is initialised on n and not exited, X's own data allocated; no init after exit; teardown
 * hooks only for pairs whose init succeeded.
 */
export const noUseAfterUninit: Invariant = monitored(
  {
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
  },
  { init, step: checkStep },
);
