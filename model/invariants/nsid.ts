/**
 * Family 8: nsid bookkeeping (DESIGN.md §3).
 */
import type { Event } from '../events.ts';
import { INIT_NET } from '../state.ts';
import type { Invariant, Trace, TraceStep, Violation } from '../trace.ts';
import { at, fmt, perStep, violation } from './format.ts';

const NAME = 'nsid';

/** What the family follows: each net's id table, and which nets are live. */
class Nsids {
  readonly live = new Set<string>([INIT_NET]);
  readonly tables = new Map<string, Map<string, number>>();
  /** Nets unlinked in the current step. */
  dying = new Set<string>();

  table(net: string): Map<string, number> {
    let table = this.tables.get(net);
    if (table === undefined) {
      table = new Map();
      this.tables.set(net, table);
    }
    return table;
  }
}

/** An nsid_alloc: both nets live, and neither the id nor the peer taken in `in`. */
function onAlloc(books: Nsids, event: Extract<Event, { type: 'nsid_alloc' }>): string[] {
  const out: string[] = [];
  const dead = [event.in, event.peer].filter((net) => !books.live.has(net));
  if (dead.length > 0) out.push(`names ${dead.join(' and ')}, queued or gone; expected live nets`);
  const table = books.table(event.in);
  for (const [peer, id] of table) {
    if (peer === event.peer || id === event.id) {
      out.push(`${event.in} already maps ${peer} to ${id}; expected ids and peers unique per net`);
    }
  }
  table.set(event.peer, event.id);
  return out;
}

/** Applies one event; returns what is wrong with it. */
function onEvent(books: Nsids, event: Event): string[] {
  if (event.type === 'publish') books.live.add(event.net);
  if (event.type === 'queue') books.live.delete(event.net);
  if (event.type === 'unlink') {
    books.tables.delete(event.net);
    books.dying.add(event.net);
  }
  if (event.type === 'nsid_alloc') return onAlloc(books, event);
  if (event.type !== 'nsid_unhash') return [];
  const table = books.table(event.in);
  const known = table.get(event.peer) === event.id;
  table.delete(event.peer);
  return known
    ? []
    : [`${event.in} held no id ${event.id} for ${event.peer}; expected an existing id`];
}

/** Ids that survivors still hold for the nets unlinked in this step. */
function stale(books: Nsids): string[] {
  const expected = 'expected an nsid_unhash before any pre_exit/synchronize_rcu';
  return [...books.tables].flatMap(([net, table]) =>
    [...table]
      .filter(([peer]) => books.dying.has(peer))
      .map(([peer, id]) => `${net} still holds id ${id} for unlinked ${peer}; ${expected}`),
  );
}

/** One step: the events up to the first pre_exit/synchronize_rcu, the stale check, the rest. */
function checkStep(books: Nsids, step: TraceStep, index: number): Violation[] {
  books.dying = new Set();
  const { events } = step;
  const first = events.findIndex((e) => e.type === 'pre_exit' || e.type === 'synchronize_rcu');
  const cut = first < 0 ? events.length : first;
  const apply = (event: Event): string[] => onEvent(books, event).map((m) => `${fmt(event)}: ${m}`);
  const messages = [
    ...events.slice(0, cut).flatMap(apply),
    ...stale(books),
    ...events.slice(cut).flatMap(apply),
  ];
  return messages.map((m) => violation(NAME, index, `${at(index, step)}: ${m}`));
}

/**
 * Family 8: nsids are unique per net, only name live nets, vanish from every survivor before
 * the first pre_exit of the batch that unlinks their peer, and are only unhashed if they exist.
 */
export const nsid: Invariant = {
  name: NAME,
  family: 8,
  statement:
    'Ids are unique per net and only allocated between live nets; after unlink{p} every ' +
    "survivor's id for p is unhashed in that step before the first pre_exit/synchronize_rcu; " +
    'only existing ids are unhashed.',
  why:
    'alloc_netid() takes a fresh IDR slot; peernet2id_alloc() needs maybe_get_net(peer) "so we ' +
    'never hash a peer back" after cleanup_net() ran unhash_nsid() on every survivor, which ' +
    'it does right after unlinking the batch and before ops_undo_list() calls any pre_exit ' +
    '(net/core/net_namespace.c).',
  check: (trace: Trace) => {
    const books = new Nsids();
    return perStep(trace, (step, index) => checkStep(books, step, index));
  },
};
