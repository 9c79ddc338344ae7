/**
 * Family 6: batching (DESIGN.md §3).
 */
import { type Counters, type Event, ZERO_COUNTERS } from '../events.ts';
import { type Kernel, TCP_OP } from '../state.ts';
import type { Invariant, Stepped, TraceStep } from '../trace.ts';
import { at, fmt, sameEvents } from './format.ts';
import { monitored, stepped, violations } from './monitor.ts';
import { bootLists, has, type Lists, replayStep, type StepContext } from './replay.ts';

const NAME = 'batching';

/** Events a cleanup_net step has exactly one of. */
const ONCE: readonly Event['type'][] = ['batch', 'synchronize_rcu', 'rcu_barrier'];

/** Counters a cleanup_net step raises by exactly one. */
const PER_BATCH: readonly (keyof Counters)[] = [
  'workRuns',
  'pernetLock',
  'gracePeriods',
  'rcuBarriers',
];

/** The batch a run must take from `queued` (queue order): all of it newest first, or the oldest. */
const expectedBatch = (kernel: Kernel, queued: readonly string[]): string[] =>
  kernel === '2.6.32' ? queued.slice(0, 1) : [...queued].reverse();

/** A batch against the nets queued since the previous one; returns the nets still queued. */
function checkBatch(
  ctx: StepContext,
  kernel: Kernel,
  batch: Event,
  queued: readonly string[],
): string[] {
  const expected: Event = { type: 'batch', nets: expectedBatch(kernel, queued) };
  if (sameEvents([batch], [expected])) return [];
  const which =
    kernel === '2.6.32'
      ? 'the oldest queued net alone: one work item per net, FIFO'
      : 'the nets queued since the previous batch, newest first';
  return [`${at(ctx.index, ctx.step)}: ${fmt(batch)}; expected ${fmt(expected)} (${which})`];
}

/** Exactly one batch, one grace period, one rcu_barrier (and one tw walk) per step. */
function checkOnce(ctx: StepContext, tcp: boolean): string[] {
  return [...ONCE, ...(tcp ? (['tw_purge'] as const) : [])].flatMap((type) => {
    const n = ctx.step.events.filter((e) => e.type === type).length;
    return n === 1 ? [] : [`${at(ctx.index, ctx.step)}: ${n} ${type} events; expected exactly 1`];
  });
}

/** The counter deltas of a cleanup_net step, when both views are there. */
function checkCounters(ctx: StepContext, kernel: Kernel, from?: Counters, to?: Counters): string[] {
  if (from === undefined || to === undefined) return [];
  const what = at(ctx.index, ctx.step);
  const out = PER_BATCH.filter((k) => to[k] - from[k] !== 1).map(
    (k) => `${what}: ${k} went from ${from[k]} to ${to[k]}; expected +1 per batch`,
  );
  const bound = 1 + Number(ctx.ops.some((op) => has(op, 'exit_rtnl')));
  const many = to.unregisterMany - from.unregisterMany;
  // 2.6.32 unregisters each device on its own: no bound per run.
  if (kernel !== '2.6.32' && many > bound) {
    out.push(`${what}: unregisterMany rose by ${many}; expected at most ${bound} per batch`);
  }
  return out;
}

/** What the family remembers: the nets queued since the last batch, the last counters. */
interface Books {
  readonly lists: Lists;
  readonly queued: readonly string[];
  /** The counters of the previous step's view (zero before the first step). */
  readonly counters: Counters | undefined;
}

/** The nets queued after `step`'s queue and batch events; checks each batch on the way. */
function followQueue(ctx: StepContext, kernel: Kernel, before: readonly string[], out: string[]) {
  let queued = before;
  for (const event of ctx.step.events) {
    const { type } = event;
    if (type === 'queue') queued = [...queued, event.net];
    if (type === 'batch') {
      out.push(...checkBatch(ctx, kernel, event, queued));
      // A batch ends the queued segment; a 2.6.32 run takes its oldest net only.
      queued = kernel === '2.6.32' ? queued.filter((n) => !event.nets.includes(n)) : [];
    }
  }
  return queued;
}

/** Checks every batch of a step, and a cleanup_net step's events and counters. */
function checkStep(books: Books, step: TraceStep, index: number): Stepped<Books> {
  const { context: ctx, after: lists } = replayStep(books.lists, step, index);
  const { kernel } = lists;
  const out: string[] = [];
  const queued = followQueue(ctx, kernel, books.queued, out);
  const counters = step.view?.counters;
  if (step.action.type === 'cleanup_net' && step.ret.ok) {
    const tcp = ctx.ops.some((op) => op.op === TCP_OP && has(op, 'exit'));
    out.push(...checkOnce(ctx, tcp), ...checkCounters(ctx, kernel, books.counters, counters));
  }
  const same = lists === books.lists && queued === books.queued && counters === books.counters;
  return stepped(same ? books : { lists, queued, counters }, violations(NAME, index, out));
}

/**
 * Family 6: each batch is exactly the nets queued since the previous one, newest first (in
 * 2.6.32 the oldest queued net alone), and costs one work run, one pernet lock, one grace
 * period, one rcu_barrier and one TIME_WAIT walk whatever its size.
 */
export const batching: Invariant = monitored(
  {
    name: NAME,
    family: 6,
    statement:
      'Each batch is the nets queued since the previous batch, newest first (2.6.32: the oldest ' +
      'queued net alone); a cleanup_net step has one batch, one synchronize_rcu, one ' +
      'rcu_barrier and, once tcp_v4_init ran, one tw_purge, and raises workRuns, pernetLock, ' +
      'gracePeriods and rcuBarriers by 1 and unregisterMany by at most 2 (2.6.32: unbounded), ' +
      'whatever the batch size.',
    why:
      'cleanup_net() grabs the LIFO llist with llist_del_all() (no llist_reverse_order()) and ' +
      'tears the whole batch down under one pernet_ops_rwsem read, one ' +
      'synchronize_rcu_expedited() and one rcu_barrier() (net/core/net_namespace.c): the 2009 ' +
      'batching series by Eric W. Biederman (v2.6.33, exit_batch 72ad937abd0a) made these costs ' +
      'per batch instead of per net; before it __put_net() queued one work item per net ' +
      '(INIT_WORK(&net->work, cleanup_net)) on a single-threaded workqueue, run FIFO, and ' +
      'tcp_sk_exit_batch() made inet_twsk_purge() one walk per batch ("net: Batch ' +
      'inet_twsk_purge").',
  },
  {
    init: (boot) => ({ lists: bootLists(boot), queued: [], counters: ZERO_COUNTERS }),
    step: checkStep,
  },
);
