/**
 * Family 4: no use-after-uninit (DESIGN.md §3).
 */
import type { Event } from '../events.ts';
import { INIT_NET } from '../state.ts';
import type { Invariant, Stepped, Trace, TraceStep } from '../trace.ts';
import { at, before, type Call, type Callback, calls, fmt } from './format.ts';
import { copyMap, MapDraft, monitored, NO_VIOLATIONS, stepped, violations } from './monitor.ts';
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

/**
 * What a callback may find its own pair in, made once (`required` runs for every callback):
 * an init its data allocated (an op with data) or nothing yet; a teardown hook the pair
 * initialised, or for an exit_batch also exited.
 */
const BEFORE_INIT_GENERIC: readonly Status[] = ['allocated'];
const BEFORE_INIT: readonly Status[] = ['uninitialised'];
const BEFORE_EXIT_BATCH: readonly Status[] = ['initialised', 'exited'];
const BEFORE_TEARDOWN: readonly Status[] = ['initialised'];

/** The statuses a callback may find its own pair in. */
function required(hook: Callback, generic: boolean): readonly Status[] {
  if (hook === 'init' || hook === 'init_failed') return generic ? BEFORE_INIT_GENERIC : BEFORE_INIT;
  return hook === 'exit_batch' ? BEFORE_EXIT_BATCH : BEFORE_TEARDOWN;
}

/** An op without init and without generic data: ops_init() does nothing for it. */
const silent = (op: Pick<OpInfo, 'hooks' | 'generic'>): boolean => !has(op, 'init') && !op.generic;

/**
 * The status of every touched (op, net) pair, net by net: a callback reads its net's ops
 * (so a lookup builds no key), and a step copies only the nets it touches.
 */
type Statuses = ReadonlyMap<string, ReadonlyMap<string, Status>>;

/** What the family remembers: the pairs' statuses, and the lists. */
interface Books {
  readonly status: Statuses;
  readonly lists: Lists;
}

/** The ops of a net no step touched yet: all uninitialised. */
const UNTOUCHED: ReadonlyMap<string, Status> = new Map();

/** The status of every (op, net) pair, as one step edits it. */
class Pairs {
  private readonly nets: MapDraft<string, ReadonlyMap<string, Status>>;
  constructor(private readonly before: Statuses) {
    this.nets = new MapDraft(before);
  }
  /** The statuses as edited so far. */
  get current(): Statuses {
    return this.nets.current;
  }
  /** The op statuses of `net` as edited so far. */
  private of(net: string): ReadonlyMap<string, Status> {
    return this.nets.get(net) ?? UNTOUCHED;
  }
  get(op: string, net: string): Status {
    return this.of(net).get(op) ?? 'uninitialised';
  }
  set(op: string, net: string, status: Status): void {
    const ops = this.of(net);
    if (ops.get(op) === status && ops.has(op)) return;
    // A net's ops differ from the ones the step started from only once the step has copied
    // them: then the copy is the step's own, edited in place.
    if (ops !== (this.before.get(net) ?? UNTOUCHED)) (ops as Map<string, Status>).set(op, status);
    else this.nets.set(net, copyMap(ops).set(op, status));
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
function checkCall(pairs: Pairs, ctx: StepContext, event: Event, call: Call, out: string[]): void {
  const { hook, op, net } = call;
  const own = pairs.get(op, net);
  const generic = ctx.ops.some((o) => o.op === op && o.generic);
  const need = required(hook, generic);
  if (!need.includes(own)) {
    out.push(`${subject(ctx, event, net)}: ${op} is ${own} there; expected ${need.join(' or ')}`);
  }
  const index = ctx.ops.findIndex((o) => o.op === op);
  if (index < 0)
    out.push(`${subject(ctx, event, net)}: ${op} is not in pernet_list; expected a registered op`);
  // Every op before it with init or data must be initialised on the net.
  for (let i = 0; i < index; i += 1) {
    const dep = ctx.ops[i]!;
    if (!has(dep, 'init') && !dep.generic) continue;
    const status = pairs.get(dep.op, net);
    if (status !== 'initialised') {
      out.push(
        `${subject(ctx, event, net)}: ${dep.op} (before ${op} in pernet_list) is ${status}; expected initialised`,
      );
    }
  }
  pairs.set(op, net, NEXT[hook] ?? own);
}

/** Applies one event: data allocation and free, and the checks of every callback in it. */
function onEvent(pairs: Pairs, ctx: StepContext, event: Event, out: string[]): void {
  const { type } = event;
  if (type === 'alloc') {
    const withInit = ctx.ops.some((op) => op.op === event.op && has(op, 'init'));
    pairs.set(event.op, event.net, withInit ? 'allocated' : 'initialised');
  }
  if (type === 'free') pairs.set(event.op, event.net, 'freed');
  for (const call of calls(event)) checkCall(pairs, ctx, event, call, out);
}

/** Every callback of one step against the pairs' statuses after the steps before it. */
function checkStep(books: Books, step: TraceStep, index: number): Stepped<Books> {
  const { context: ctx, after: lists } = replayStep(books.lists, step, index);
  // Silent ops are marked only on validated steps, and everything else follows events: a
  // step rejected at validation without events (a rejected request) leaves the statuses as
  // they are.
  if (!validated(step) && step.events.length === 0 && lists === books.lists) {
    return stepped(books, NO_VIOLATIONS);
  }
  const pairs = new Pairs(books.status);
  markSilent(pairs, ctx);
  const messages: string[] = [];
  for (const event of step.events) onEvent(pairs, ctx, event, messages);
  const status = pairs.current;
  const same = status === books.status && lists === books.lists;
  return stepped(same ? books : { status, lists }, violations(NAME, index, messages));
}

/** The boot ops are initialised on init_net. */
function init(boot: Pick<Trace, 'kernel' | 'boot'>): Books {
  const lists = bootLists(boot);
  const ops = new Map(lists.ops.map((op) => [op.op, 'initialised' as const]));
  return { status: new Map([[INIT_NET, ops]]), lists };
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
