/**
 * The monitors' shortcuts: the families skip steps that cannot concern them (a failed step
 * without events, a step without events), and families 4–7 share one replay of each step.
 * Each test sits on the edge of a shortcut: a step just outside it must still be checked.
 */
import { describe, expect, it } from 'vitest';
import { INVARIANTS } from '../../../model/invariants/index.ts';
import {
  lifecycleRefcount,
  noUseAfterUninit,
  nsid,
  timewait,
} from '../../../model/invariants/index.ts';
import { ZERO_COUNTERS } from '../../../model/events.ts';
import type { Trace, TraceStep, Violation } from '../../../model/trace.ts';
import type { View } from '../../../model/view.ts';
import { E, edit, fail, moveTo, ok, st, trace } from './traces.ts';
import { VALID_BARE, VALID_FULL } from './valid-runs.ts';

const messages = (inv: (typeof INVARIANTS)[number], t: Trace): string[] =>
  inv.check(t).map((v) => v.message);

/** A rejected request: a failed step without events. */
const rejected = (view?: View): TraceStep => ({
  ...st({ type: 'get_net', net: 'n9' }, fail('ENOENT')),
  ...(view ? { view } : {}),
});

describe('family 4 on steps rejected at validation', () => {
  it('still checks the callbacks of a failed step that has events', () => {
    const t = trace([st({ type: 'get_net', net: 'n9' }, fail('ENOENT'), [E.exit('netdev', 'n9')])]);
    expect(messages(noUseAfterUninit, t)).toEqual([
      'step 0 (get_net): exit{netdev,n9} on n9: netdev is uninitialised there; expected initialised',
    ]);
  });

  it('still marks silent ops on a validated step without events (an injected ENOMEM)', () => {
    const silent = st(
      { type: 'register_pernet_device', op: 'S', hooks: ['exit'], generic: false },
      ok(),
    );
    const setup = st({ type: 'copy_net_ns', net: 'n1' }, fail('ENOMEM'));
    const exit = st({ type: 'cleanup_net' }, ok(), [E.exit('S', 'n1')]);
    expect(noUseAfterUninit.check(trace([silent, setup, exit], 'bare'))).toEqual([]);
    expect(messages(noUseAfterUninit, trace([silent, exit], 'bare'))).toEqual([
      'step 1 (cleanup_net): exit{S,n1} on n1: S is uninitialised there; expected initialised',
    ]);
  });
});

describe('family 7 on failed steps', () => {
  it('still checks the queue events of a failed step', () => {
    const t = trace([st({ type: 'get_net', net: 'n9' }, fail('ENOENT'), [E.queue('n9')])]);
    expect(messages(lifecycleRefcount, t)).toEqual([
      'step 0 (get_net): queue events [queue{n9}]; expected [] (a put_net returning count 0 ' +
        'queues its net, nothing else queues)',
    ]);
  });

  it('still counts a successful step without events', () => {
    const get = st({ type: 'get_net', net: 'init_net' }, ok({ count: 2 }));
    expect(messages(lifecycleRefcount, trace([get, rejected(), get]))).toEqual([
      'step 2 (get_net): returned count 2; expected 3 (previous ±1)',
    ]);
  });
});

describe('family 8 on steps without events', () => {
  it('still checks a step with a single event, failed or not', () => {
    const t = trace([
      st({ type: 'get_net', net: 'n9' }, fail('ENOENT'), [E.nsidAlloc('n9', 'init_net', 0)]),
    ]);
    expect(messages(nsid, t)).toEqual([
      'step 0 (get_net): nsid_alloc{n9,init_net,0}: names n9, queued or gone; expected live nets',
    ]);
  });
});

describe('family 9 on failed steps without events', () => {
  it('still checks their view against the nets freed before', () => {
    const view: View = {
      nets: [],
      pernet: [],
      firstDevice: null,
      cleanupList: [],
      counters: ZERO_COUNTERS,
      tw: [{ net: 'n1', key: 'k' }],
    };
    const free = st({ type: 'cleanup_net' }, ok(), [E.netFree('n1')]);
    expect(messages(timewait, trace([free, rejected(view)]))).toEqual([
      "step 1 (get_net): the view still has n1's entry k after n1 was freed",
    ]);
  });
});

/**
 * Every family stepped together, step by step (as the explorer's checker does, so the
 * families share each step's replay), over `steps` from `books`; the violations per family.
 */
function together(
  t: Trace,
  books: readonly unknown[],
  steps: readonly TraceStep[],
  from: number,
): { books: unknown[]; found: Violation[][] } {
  const found: Violation[][] = INVARIANTS.map(() => []);
  let now = [...books];
  steps.forEach((step, i) => {
    now = INVARIANTS.map(({ monitor }, f) => {
      const next = monitor.step(now[f], step, from + i);
      found[f]!.push(...next.violations);
      return next.state;
    });
  });
  return { books: now, found };
}

describe('families stepped together (the replay they share)', () => {
  const broken = edit(VALID_FULL, 14, (events) => moveTo(events, E.exitBatch('D', 'n3'), 8));

  it('report what each reports alone', () => {
    for (const t of [VALID_FULL, VALID_BARE, broken]) {
      const boot = INVARIANTS.map(({ monitor }) => monitor.init(t));
      const { books, found } = together(t, boot, t.steps, 0);
      INVARIANTS.forEach(({ monitor, check }, f) => {
        const end = monitor.end?.(books[f], t.steps.length - 1) ?? [];
        expect([...found[f]!, ...end]).toEqual(check(t));
      });
    }
  });

  it('report what each reports alone when one step object follows two different pasts', () => {
    // Two runs of the same length that differ before step 14 (the second registers no user
    // op), then take the very same step objects, each family stepping one run and then the
    // other: a replay shared between them would mix their pernet_lists.
    const other: Trace = {
      ...broken,
      steps: [rejected(), rejected(), ...broken.steps.slice(2)],
    };
    const runs = [broken, other].map((t) => {
      const boot = INVARIANTS.map(({ monitor }) => monitor.init(t));
      return { t, ...together(t, boot, t.steps.slice(0, 14), 0) };
    });
    const found = runs.map(() => INVARIANTS.map((): Violation[] => []));
    broken.steps.slice(14).forEach((step, i) => {
      INVARIANTS.forEach(({ monitor }, f) => {
        runs.forEach((run, r) => {
          const next = monitor.step(run.books[f], step, 14 + i);
          found[r]![f]!.push(...next.violations);
          run.books[f] = next.state;
        });
      });
    });
    runs.forEach((run, r) => {
      INVARIANTS.forEach(({ check }, f) => {
        expect(found[r]![f]).toEqual(check(run.t).filter((v) => v.step >= 14));
      });
    });
  });
});
