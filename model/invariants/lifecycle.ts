/**
 * Family 7: lifecycle and refcount (DESIGN.md §3).
 */
import type { Event } from '../events.ts';
import { INIT_NET } from '../state.ts';
import type { Invariant, Stepped, TraceStep, Violation } from '../trace.ts';
import { at, fmt, fmtAll, pair, sameEvents, violation } from './format.ts';
import { MapDraft, monitored, NO_VIOLATIONS, SetDraft, stepped, violations } from './monitor.ts';
import { bootLists, type Lists, type OpInfo, replayStep, type StepContext } from './replay.ts';

const NAME = 'lifecycle-refcount';

/** What the family remembers of the steps so far. */
interface Books {
  /** Each net's count, as get/put rets should report it. */
  readonly counts: ReadonlyMap<string, number>;
  readonly queued: ReadonlySet<string>;
  readonly freed: ReadonlySet<string>;
  /** Allocated and not yet freed generic data, by (op, net). */
  readonly data: ReadonlyMap<string, { readonly op: string; readonly net: string }>;
  readonly lists: Lists;
}

/** The books as one step edits them. */
interface Drafts {
  readonly counts: MapDraft<string, number>;
  readonly queued: SetDraft<string>;
  readonly freed: SetDraft<string>;
  readonly data: MapDraft<string, { readonly op: string; readonly net: string }>;
}

/** A get_net/put_net ret against the previous count ± 1 (1 after copy_net_ns). */
function checkCount(books: Drafts, { step, index }: StepContext, out: string[]): void {
  const { action, ret } = step;
  if (action.type === 'copy_net_ns' && ret.ok) books.counts.set(action.net, 1);
  if ((action.type !== 'get_net' && action.type !== 'put_net') || !ret.ok) return;
  const expected = (books.counts.get(action.net) ?? 0) + (action.type === 'get_net' ? 1 : -1);
  books.counts.set(action.net, expected);
  if (ret.count !== expected) {
    out.push(`${at(index, step)}: returned count ${ret.count}; expected ${expected} (previous ±1)`);
  }
  if (expected < 0)
    out.push(`${at(index, step)}: count of ${action.net} drops to ${expected}; expected ≥ 0`);
}

/** queue{net} exactly when a put_net returns count 0. */
function checkQueue({ step, index }: StepContext, out: string[]): void {
  const { action, ret } = step;
  const zero = action.type === 'put_net' && ret.ok && ret.count === 0;
  const expected: Event[] = zero ? [{ type: 'queue', net: action.net }] : [];
  const got = step.events.filter((e) => e.type === 'queue');
  if (sameEvents(got, expected)) return;
  out.push(
    `${at(index, step)}: queue events ${fmtAll(got)}; expected ${fmtAll(expected)} (a put_net ` +
      'returning count 0 queues its net, nothing else queues)',
  );
}

/** How a message names `event` (formatted only for a message: events are many). */
const subject = (ctx: StepContext, event: Event): string =>
  `${at(ctx.index, ctx.step)}: ${fmt(event)}`;

/** Queues, net frees and data allocations and frees. */
function onEvent(books: Drafts, ctx: StepContext, event: Event, out: string[]): void {
  switch (event.type) {
    case 'queue':
      books.queued.add(event.net);
      break;
    case 'net_free':
      if (books.freed.has(event.net))
        out.push(`${subject(ctx, event)}: ${event.net} was already freed; expected one net_free`);
      if (!books.queued.has(event.net))
        out.push(`${subject(ctx, event)}: ${event.net} was never queued; expected queue first`);
      books.freed.add(event.net);
      break;
    case 'alloc':
      books.data.set(pair(event.op, event.net), event);
      break;
    case 'free': {
      const key = pair(event.op, event.net);
      if (!books.data.has(key))
        out.push(
          `${subject(ctx, event)}: no such data allocated (double free?); expected one free per alloc`,
        );
      books.data.delete(key);
    }
  }
}

/** Whether pernet_list `ops` has `op`. */
function isRegistered(ops: readonly OpInfo[], op: string): boolean {
  for (const o of ops) if (o.op === op) return true;
  return false;
}

/**
 * Data still allocated at the end must belong to a listed net and a registered op (checked
 * after every edge the explorer takes, so it reads the data in place).
 */
function leaks(books: Books, last: number): Violation[] {
  const end = books.lists;
  const out: Violation[] = [];
  for (const { op, net } of books.data.values()) {
    const listed = end.listed.includes(net);
    const registered = isRegistered(end.ops, op);
    if (listed && registered) continue;
    const why = listed ? `${op} is unregistered` : `${net} is gone`;
    out.push(
      violation(
        NAME,
        last,
        `end of trace: data of ${op} on ${net} leaked (${why}); expected it freed`,
      ),
    );
  }
  return out;
}

/** The books the drafts and `lists` make (written out as in `init`: one object shape). */
const after = (d: Drafts, lists: Lists): Books => ({
  counts: d.counts.current,
  queued: d.queued.current,
  freed: d.freed.current,
  data: d.data.current,
  lists,
});

/** Follows counts, queues, frees and data through one step. */
function checkStep(books: Books, step: TraceStep, index: number): Stepped<Books> {
  const { context: ctx, after: lists } = replayStep(books.lists, step, index);
  // Only a successful step moves a count or expects a queue event, and only events change
  // the rest: a failed step without events (a rejected request) that leaves the lists as
  // they are changes nothing.
  if (!step.ret.ok && step.events.length === 0 && lists === books.lists) {
    return stepped(books, NO_VIOLATIONS);
  }
  const d: Drafts = {
    counts: new MapDraft(books.counts),
    queued: new SetDraft(books.queued),
    freed: new SetDraft(books.freed),
    data: new MapDraft(books.data),
  };
  const messages: string[] = [];
  checkCount(d, ctx, messages);
  checkQueue(ctx, messages);
  for (const event of step.events) onEvent(d, ctx, event, messages);
  const same =
    d.counts.current === books.counts &&
    d.queued.current === books.queued &&
    d.freed.current === books.freed &&
    d.data.current === books.data &&
    lists === books.lists;
  return stepped(same ? books : after(d, lists), violations(NAME, index, messages));
}

/**
 * Family 7: get/put counts move by one and never go negative; a net is queued exactly when
 * its count hits 0, freed once and only after being queued; data is freed once and never
 * outlives its net or its op.
 */
export const lifecycleRefcount: Invariant = monitored(
  {
    name: NAME,
    family: 7,
    statement:
      'get/put counts move by ±1 from 1 and stay ≥ 0; a put reaching 0 queues the net, and only ' +
      'then; nets are freed once, after being queued; data is freed once and not leaked.',
    why:
      'put_net() calls __put_net() when the count hits 0, which llist_add()s the net on ' +
      'cleanup_list (include/net/net_namespace.h, net/core/net_namespace.c); maybe_get_net() ' +
      'refuses a dead net; cleanup_net() releases each net once, and ops_free_list() / ' +
      'ops_init() free each net_generic() slot once.',
  },
  {
    init: (boot): Books => ({
      counts: new Map([[INIT_NET, 1]]),
      queued: new Set(),
      freed: new Set(),
      data: new Map(),
      lists: bootLists(boot),
    }),
    step: checkStep,
    end: leaks,
  },
);
