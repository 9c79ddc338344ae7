import { describe, expect, it } from 'vitest';
import type { Counters } from '../../../model/events.ts';
import { batching as inv } from '../../../model/invariants/index.ts';
import type { Trace } from '../../../model/trace.ts';
import { E, edit, withCounters } from './traces.ts';
import { VALID_BARE, VALID_FULL } from './valid-runs.ts';

const messages = (t: Trace): string[] => inv.check(t).map((v) => v.message);

const C = (c: Partial<Counters>): Counters => ({
  workRuns: 0,
  pernetLock: 0,
  rtnl: 0,
  gracePeriods: 0,
  rcuBarriers: 0,
  unregisterMany: 0,
  ...c,
});

/** VALID_BARE's counters after each step (docs/contract.md). */
const BARE_COUNTERS = [
  C({ pernetLock: 1 }),
  C({ pernetLock: 2 }),
  C({ pernetLock: 3 }),
  C({ pernetLock: 4 }),
  C({ pernetLock: 4 }),
  C({ workRuns: 1, pernetLock: 5, gracePeriods: 1, rcuBarriers: 1 }),
];

const withViews = (t: Trace, counters: readonly (Counters | undefined)[]): Trace => ({
  ...t,
  steps: t.steps.map((s, i) => (counters[i] ? withCounters(s, counters[i]) : s)),
});

describe('family 6: batching', () => {
  it('passes the valid runs, with and without views', () => {
    expect(inv.check(VALID_FULL)).toEqual([]);
    expect(inv.check(VALID_BARE)).toEqual([]);
    expect(inv.check(withViews(VALID_BARE, BARE_COUNTERS))).toEqual([]);
  });

  it('allows a second unregister_netdevice_many when some op has exit_rtnl', () => {
    const before = C({ pernetLock: 4 });
    const after = C({
      workRuns: 1,
      pernetLock: 5,
      rtnl: 2,
      gracePeriods: 1,
      rcuBarriers: 1,
      unregisterMany: 2,
    });
    const counters = VALID_FULL.steps.map((_, i) => [before, after][i - 12]);
    expect(inv.check(withViews(VALID_FULL, counters))).toEqual([]);
  });

  it('catches a batch processed oldest first (FIFO)', () => {
    const broken = edit(VALID_FULL, 13, ([, ...rest]) => [E.batch('n1', 'n2'), ...rest]);
    expect(inv.check(broken)).toEqual([
      {
        invariant: 'batching',
        step: 13,
        message:
          'step 13 (cleanup_net): batch{[n1,n2]}; expected batch{[n2,n1]} (the nets queued ' +
          'since the previous batch, newest first)',
      },
    ]);
  });

  it('catches a batch that is not the whole queued segment', () => {
    const broken = edit(VALID_FULL, 13, ([, ...rest]) => [E.batch('n2'), ...rest]);
    expect(messages(broken)).toEqual([
      'step 13 (cleanup_net): batch{[n2]}; expected batch{[n2,n1]} (the nets queued since the ' +
        'previous batch, newest first)',
    ]);
  });

  it('catches a grace period or an rcu_barrier per net instead of per batch', () => {
    const broken = edit(VALID_FULL, 21, (events) => [
      E.sync,
      ...events.filter((e) => e.type !== 'rcu_barrier'),
    ]);
    expect(messages(broken)).toEqual([
      'step 21 (cleanup_net): 2 synchronize_rcu events; expected exactly 1',
      'step 21 (cleanup_net): 0 rcu_barrier events; expected exactly 1',
    ]);
  });

  it('catches counters that grow with the batch', () => {
    const counters = [...BARE_COUNTERS];
    counters[5] = C({
      workRuns: 2,
      pernetLock: 5,
      gracePeriods: 1,
      rcuBarriers: 1,
      unregisterMany: 2,
    });
    expect(messages(withViews(VALID_BARE, counters))).toEqual([
      'step 5 (cleanup_net): workRuns went from 0 to 2; expected +1 per batch',
      'step 5 (cleanup_net): unregisterMany rose by 2; expected at most 1 per batch',
    ]);
  });

  it('judges counters only between two views', () => {
    const counters = BARE_COUNTERS.map((c, i) => (i === 4 ? undefined : c));
    counters[5] = C({ workRuns: 9 });
    expect(messages(withViews(VALID_BARE, counters))).toEqual([]);
    expect(messages(withViews(VALID_BARE, [...BARE_COUNTERS.slice(0, 5), undefined]))).toEqual([]);
  });
});
