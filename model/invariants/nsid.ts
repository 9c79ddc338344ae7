/**
 * Family 8: nsid bookkeeping (DESIGN.md §3).
 */
import type { Event } from '../events.ts';
import { INIT_NET } from '../state.ts';
import type { Invariant, Stepped, TraceStep } from '../trace.ts';
import { fmt } from './format.ts';
import {
  copyMap,
  MapDraft,
  monitored,
  NO_VIOLATIONS,
  SetDraft,
  stepped,
  violations,
} from './monitor.ts';

const NAME = 'nsid';

/** What the family remembers: which nets are live, and each net's id table. */
interface Books {
  readonly live: ReadonlySet<string>;
  readonly tables: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

const EMPTY: ReadonlyMap<string, number> = new Map();

/** The books as one step edits them. */
class Nsids {
  readonly live: SetDraft<string>;
  readonly tables: MapDraft<string, ReadonlyMap<string, number>>;
  /** Nets unlinked in this step (none in most steps, so the set is made on the first). */
  dying: Set<string> | null = null;

  constructor(books: Books) {
    this.live = new SetDraft(books.live);
    this.tables = new MapDraft(books.tables);
  }
  table(net: string): ReadonlyMap<string, number> {
    return this.tables.get(net) ?? EMPTY;
  }
  /** Sets (or with `id` undefined, removes) the id `net` assigns `peer`. */
  assign(net: string, peer: string, id: number | undefined): void {
    const table = copyMap(this.table(net));
    if (id === undefined) table.delete(peer);
    else table.set(peer, id);
    this.tables.set(net, table);
  }
  /** The books after the step: `before` itself if the step changed nothing. */
  books(before: Books): Books {
    const live = this.live.current;
    const tables = this.tables.current;
    return live === before.live && tables === before.tables ? before : { live, tables };
  }
}

/** An nsid_alloc: both nets live, and neither the id nor the peer taken in `in`. */
function onAlloc(books: Nsids, event: Extract<Event, { type: 'nsid_alloc' }>): string[] {
  const out: string[] = [];
  const dead = [event.in, event.peer].filter((net) => !books.live.has(net));
  if (dead.length > 0) out.push(`names ${dead.join(' and ')}, queued or gone; expected live nets`);
  for (const [peer, id] of books.table(event.in)) {
    if (peer === event.peer || id === event.id) {
      out.push(`${event.in} already maps ${peer} to ${id}; expected ids and peers unique per net`);
    }
  }
  books.assign(event.in, event.peer, event.id);
  return out;
}

/** What most events break. */
const NO_MESSAGES: readonly string[] = [];

/** Applies one event; returns what is wrong with it. */
function onEvent(books: Nsids, event: Event): readonly string[] {
  const { type } = event;
  if (type === 'publish') books.live.add(event.net);
  if (type === 'queue') books.live.delete(event.net);
  if (type === 'unlink') {
    books.tables.delete(event.net);
    (books.dying ??= new Set()).add(event.net);
  }
  if (type === 'nsid_alloc') return onAlloc(books, event);
  if (type !== 'nsid_unhash') return NO_MESSAGES;
  const known = books.table(event.in).get(event.peer) === event.id;
  books.assign(event.in, event.peer, undefined);
  return known
    ? []
    : [`${event.in} held no id ${event.id} for ${event.peer}; expected an existing id`];
}

/** Ids that survivors still hold for the nets unlinked in this step. */
function stale(books: Nsids): string[] {
  const { dying } = books;
  if (dying === null) return [];
  const expected = 'expected an nsid_unhash before any pre_exit/synchronize_rcu';
  return [...books.tables.current].flatMap(([net, table]) =>
    [...table]
      .filter(([peer]) => dying.has(peer))
      .map(([peer, id]) => `${net} still holds id ${id} for unlinked ${peer}; ${expected}`),
  );
}

/** Whether `event` is a pre_exit or a synchronize_rcu: ids must be unhashed before it. */
const opensTeardown = ({ type }: Event): boolean =>
  type === 'pre_exit' || type === 'synchronize_rcu';

/** One step: the events up to the first pre_exit/synchronize_rcu, the stale check, the rest. */
function checkStep(before: Books, step: TraceStep, index: number): Stepped<Books> {
  const { events } = step;
  // Only events change the books, and every check is of an event or of the nets an event
  // unlinked: a step without events (a rejected request) concerns the family not at all.
  if (events.length === 0) return stepped(before, NO_VIOLATIONS);
  const books = new Nsids(before);
  const first = events.findIndex(opensTeardown);
  const cut = first < 0 ? events.length : first;
  const messages: string[] = [];
  for (let i = 0; i <= events.length; i += 1) {
    if (i === cut) messages.push(...stale(books));
    const event = events[i];
    if (event) for (const m of onEvent(books, event)) messages.push(`${fmt(event)}: ${m}`);
  }
  return stepped(books.books(before), violations(NAME, index, messages, step));
}

/**
 * Family 8: nsids are unique per net, only name live nets, vanish from every survivor before
 * the first pre_exit of the batch that unlinks their peer, and are only unhashed if they exist.
 */
export const nsid: Invariant = monitored(
  {
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
  },
  { init: () => ({ live: new Set([INIT_NET]), tables: new Map() }), step: checkStep },
);
