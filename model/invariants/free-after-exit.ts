/**
 * Family 3: per-net data freed only after all exits (DESIGN.md §3).
 */
import type { Event } from '../events.ts';
import type { Invariant, TraceStep, Violation } from '../trace.ts';
import { at, calls, fmt, isTeardown, sameEvents, violation } from './format.ts';
import { monitored, stepped } from './monitor.ts';

const NAME = 'free-after-all-exits';

/** Whether `event` runs a teardown hook on `net`. */
const tearsDown = (event: Event, net: string): boolean =>
  calls(event).some((call) => call.net === net && isTeardown(call.hook));

/**
 * Whether `prev`, the event just before a free, is `init_failed{op,net}`: the free answers it.
 * Only an init_failed can print as one (an event's print opens with its type), so no other
 * event needs comparing.
 */
const answersFailedInit = (prev: Event | undefined, op: string, net: string): boolean =>
  prev?.type === 'init_failed' && sameEvents([prev], [{ type: 'init_failed', op, net }]);

/** The first event of `events` after position `i` that runs a teardown hook on `net`. */
function teardownAfter(events: readonly Event[], i: number, net: string): Event | undefined {
  for (let j = i + 1; j < events.length; j += 1) if (tearsDown(events[j]!, net)) return events[j];
  return undefined;
}

/** Every free of the step against the teardown hooks that follow it in the same step. */
function checkStep(step: TraceStep, index: number): Violation[] {
  const { events } = step;
  const out: Violation[] = [];
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i]!;
    if (event.type !== 'free' || answersFailedInit(events[i - 1], event.op, event.net)) continue;
    const later = teardownAfter(events, i, event.net);
    if (later === undefined) continue;
    out.push(
      violation(
        NAME,
        index,
        `${at(index, step)}: ${fmt(event)} (event ${i}) precedes ${fmt(later)}; expected ` +
          `the data of ${event.net} freed only after every teardown hook touching it`,
      ),
    );
  }
  return out;
}

/**
 * Family 3: within a step, `free{op,n}` follows every pre_exit/exit_rtnl/exit/exit_batch
 * touching n, except the free that answers `init_failed{op,n}` right before it.
 */
export const freeAfterAllExits: Invariant = monitored(
  {
    name: NAME,
    family: 3,
    statement:
      'Within a step, free{op,n} comes after every pre_exit/exit_rtnl/exit/exit_batch ' +
      'touching n (bar the free answering init_failed{op,n}).',
    why:
      'ops_undo_list() (net/core/net_namespace.c, v6.16+) runs ops_free_list() for every op ' +
      'only after phase D has run every exit and exit_batch of every op: any exit may read any ' +
      "op's net_generic() data, so freeing earlier is a use-after-free; only ops_init() frees " +
      'at once, when init itself failed and no exit will ever run (d266935ac43d).',
  },
  // Each step is checked on its own: the family remembers nothing.
  { init: () => null, step: (none, step, index) => stepped(none, checkStep(step, index)) },
);
