/**
 * Family 9: the shared, namespace-tagged TIME_WAIT table (docs/contract.md "TIME_WAIT
 * table").
 */
import type { Event } from '../events.ts';
import type { Kernel } from '../state.ts';
import type { Invariant, Stepped, TraceStep } from '../trace.ts';
import { fmt } from './format.ts';
import { MapDraft, monitored, SetDraft, stepped, violations } from './monitor.ts';

const NAME = 'timewait';

/** The entries the trace has added and not purged: net → keys, as one step edits them. */
type Table = MapDraft<string, ReadonlySet<string>>;

const NO_KEYS: ReadonlySet<string> = new Set();

const keysOf = (table: Table, net: string): ReadonlySet<string> => table.get(net) ?? NO_KEYS;

/** A lookup's ret against the table: found exactly what the net holds, and only its own. */
function checkLookup(table: Table, step: TraceStep): string[] {
  const { action, ret } = step;
  if (action.type !== 'inet_lookup_established' || !ret.ok) return [];
  const held = keysOf(table, action.net).has(action.key);
  const out: string[] = [];
  if (ret.found && ret.net !== action.net) {
    out.push(`returned ${ret.net}'s entry for ${action.net}; expected only ${action.net}'s own`);
  }
  if (Boolean(ret.found) !== held) {
    const has = held ? 'holds' : 'holds no';
    out.push(`found=${String(ret.found)} but ${action.net} ${has} entry ${action.key}`);
  }
  return out;
}

/** The nets whose count is zero: queued and not yet freed. */
type Dead = SetDraft<string>;

/**
 * A walk purges exactly the entries of the dead nets it may see (its nets, and from 2.6.33 on
 * every queued one); a net is freed with none left.
 */
function onEvent(table: Table, dead: Dead, kernel: Kernel, event: Event, out: string[]): void {
  const { type } = event;
  if (type === 'queue') dead.add(event.net);
  if (type === 'tw_purge') {
    const nets = new Set(kernel === '2.6.32' ? event.nets : [...event.nets, ...dead.current]);
    const held = [...nets].reduce((n, net) => n + keysOf(table, net).size, 0);
    for (const net of nets) table.delete(net);
    const which = kernel === '2.6.32' ? 'its nets' : 'its nets and the queued ones';
    if (held !== event.purged) {
      out.push(`${fmt(event)}: ${which} held ${held} entries; expected all of them purged`);
    }
  }
  if (type !== 'net_free') return;
  dead.delete(event.net);
  const left = [...keysOf(table, event.net)];
  table.delete(event.net);
  if (left.length > 0) {
    out.push(`${fmt(event)}: entries [${left.join(', ')}] of ${event.net} survive its batch`);
  }
}

/** A view's table must not name a freed net. */
function checkView(freed: ReadonlySet<string>, step: TraceStep, out: string[]): void {
  for (const e of step.view?.tw ?? []) {
    if (freed.has(e.net)) {
      out.push(`the view still has ${e.net}'s entry ${e.key} after ${e.net} was freed`);
    }
  }
}

/** What the family remembers: the table, the dead nets, and the freed ones. */
interface Books {
  readonly kernel: Kernel;
  readonly table: ReadonlyMap<string, ReadonlySet<string>>;
  readonly dead: ReadonlySet<string>;
  readonly freed: ReadonlySet<string>;
}

/** Follows the entries through one step. */
function checkStep(books: Books, step: TraceStep, index: number): Stepped<Books> {
  const { kernel } = books;
  const { action, ret } = step;
  // A failed step adds and finds nothing, and without events purges and frees nothing (a
  // rejected request): only its view is checked, against the nets freed before it.
  if (!ret.ok && step.events.length === 0) {
    const messages: string[] = [];
    checkView(books.freed, step, messages);
    return stepped(books, violations(NAME, index, messages, step));
  }
  const table = new MapDraft(books.table);
  const dead = new SetDraft(books.dead);
  const freed = new SetDraft(books.freed);
  if (action.type === 'inet_twsk_hashdance' && ret.ok) {
    table.set(action.net, new Set(keysOf(table, action.net)).add(action.key));
  }
  const messages = checkLookup(table, step);
  for (const e of step.events) onEvent(table, dead, kernel, e, messages);
  for (const e of step.events) if (e.type === 'net_free') freed.add(e.net);
  checkView(freed.current, step, messages);
  const same =
    table.current === books.table && dead.current === books.dead && freed.current === books.freed;
  return stepped(
    same ? books : { kernel, table: table.current, dead: dead.current, freed: freed.current },
    violations(NAME, index, messages, step),
  );
}

/**
 * Family 9: a lookup never returns another net's entry and finds exactly what its net holds;
 * each tw_purge removes exactly the dead nets' entries; no entry of a net survives its batch.
 */
export const timewait: Invariant = monitored(
  {
    name: NAME,
    family: 9,
    statement:
      'inet_lookup_established never returns another net’s entry and finds exactly the ' +
      'entries its net added and not purged; a tw_purge removes all entries of its nets and ' +
      '(from 2.6.33 on) of every queued net; no entry of a net outlives its net_free (nor ' +
      'shows in a later view).',
    why:
      'The 2007 design keeps one global TIME_WAIT table (tcp_hashinfo) with the net part of ' +
      'every key: lookups match net_eq(sock_net(sk), net) (INET_MATCH in ' +
      '__inet_lookup_established()), and a TIME_WAIT socket holds no reference on its net, so ' +
      'tcp_sk_exit() (2.6.32, that net) or tcp_sk_exit_batch() (v2.6.33 on, every net whose ' +
      'count is zero) must inet_twsk_purge() every socket of a dying net before it is freed.',
  },
  {
    init: ({ kernel }): Books => ({
      kernel,
      table: new Map(),
      dead: new Set(),
      freed: new Set(),
    }),
    step: checkStep,
  },
);
