import { describe, expect, it } from 'vitest';
import { lifecycleRefcount as inv } from '../../../model/invariants/index.ts';
import type { Trace } from '../../../model/trace.ts';
import { E, edit, editRet, ok, st, trace, without } from './traces.ts';
import { VALID_BARE, VALID_FULL } from './valid-runs.ts';

const messages = (t: Trace): string[] => inv.check(t).map((v) => v.message);

describe('family 7: lifecycle and refcount', () => {
  it('passes the valid runs (data left on live nets of registered ops is no leak)', () => {
    expect(inv.check(VALID_FULL)).toEqual([]);
    expect(inv.check(VALID_BARE)).toEqual([]);
  });

  it('catches a count that skips', () => {
    const broken = editRet(VALID_FULL, 9, ok({ count: 3 }));
    expect(inv.check(broken)).toEqual([
      {
        invariant: 'lifecycle-refcount',
        step: 9,
        message: 'step 9 (get_net): returned count 3; expected 2 (previous ±1)',
      },
    ]);
  });

  it('catches a count driven below zero', () => {
    const broken = trace([st({ type: 'put_net', net: 'ghost' }, ok({ count: -1 }))]);
    expect(messages(broken)).toEqual([
      'step 0 (put_net): count of ghost drops to -1; expected ≥ 0',
    ]);
  });

  it('catches a put reaching 0 that does not queue, and a queue without it', () => {
    const silent = edit(VALID_FULL, 11, () => []);
    expect(messages(silent)).toEqual([
      'step 11 (put_net): queue events []; expected [queue{n1}] (a put_net returning count 0 ' +
        'queues its net, nothing else queues)',
      'step 13 (cleanup_net): net_free{n1}: n1 was never queued; expected queue first',
    ]);
    const early = edit(VALID_FULL, 10, () => [E.queue('n1')]);
    expect(messages(early)).toEqual([
      'step 10 (put_net): queue events [queue{n1}]; expected [] (a put_net returning count 0 ' +
        'queues its net, nothing else queues)',
    ]);
  });

  it('catches a net freed twice', () => {
    const broken = edit(VALID_FULL, 13, (events) => [...events, E.netFree('n2')]);
    expect(messages(broken)).toEqual([
      'step 13 (cleanup_net): net_free{n2}: n2 was already freed; expected one net_free',
    ]);
  });

  it('catches data freed twice', () => {
    const broken = edit(VALID_FULL, 21, (events) => [...events, E.free('A', 'n4')]);
    expect(messages(broken)).toEqual([
      'step 21 (cleanup_net): free{A,n4}: no such data allocated (double free?); expected one ' +
        'free per alloc',
    ]);
  });

  it('catches data that outlives its net', () => {
    const broken = edit(VALID_FULL, 13, (events) => without(events, E.free('A', 'n1')));
    expect(inv.check(broken)).toEqual([
      {
        invariant: 'lifecycle-refcount',
        step: VALID_FULL.steps.length - 1,
        message: 'end of trace: data of A on n1 leaked (n1 is gone); expected it freed',
      },
    ]);
  });

  it('catches data that outlives its op', () => {
    const broken = edit(VALID_FULL, 22, (events) => without(events, E.free('A', 'init_net')));
    expect(messages(broken)).toEqual([
      'end of trace: data of A on init_net leaked (A is unregistered); expected it freed',
    ]);
  });
});
