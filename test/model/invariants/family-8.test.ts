import { describe, expect, it } from 'vitest';
import { nsid as inv } from '../../../model/invariants/index.ts';
import type { Trace } from '../../../model/trace.ts';
import { E, edit, moveTo, ok, st, trace, without } from './traces.ts';
import { VALID_BARE, VALID_FULL } from './valid-runs.ts';

const messages = (t: Trace): string[] => inv.check(t).map((v) => v.message);

const UNHASH = E.nsidUnhash('init_net', 'n1', 0);

describe('family 8: nsid', () => {
  it('passes the valid runs (a dying net holding an id for another dies silently)', () => {
    expect(inv.check(VALID_FULL)).toEqual([]);
    expect(inv.check(VALID_BARE)).toEqual([]);
  });

  it('catches an id given twice in one net', () => {
    const broken = edit(VALID_FULL, 8, () => [E.nsidAlloc('init_net', 'n2', 0)]);
    expect(inv.check(broken)).toEqual([
      {
        invariant: 'nsid',
        step: 8,
        message:
          'step 8 (peernet2id_alloc): nsid_alloc{init_net,n2,0}: init_net already maps n1 to 0; ' +
          'expected ids and peers unique per net',
      },
      {
        invariant: 'nsid',
        step: 13,
        message:
          'step 13 (cleanup_net): init_net still holds id 0 for unlinked n2; expected an ' +
          'nsid_unhash before any pre_exit/synchronize_rcu',
      },
    ]);
  });

  it('catches a second id for the same peer (the unhash of the first then misses)', () => {
    const broken = edit(VALID_FULL, 8, () => [E.nsidAlloc('init_net', 'n1', 1)]);
    expect(messages(broken)).toEqual([
      'step 8 (peernet2id_alloc): nsid_alloc{init_net,n1,1}: init_net already maps n1 to 0; ' +
        'expected ids and peers unique per net',
      'step 13 (cleanup_net): nsid_unhash{init_net,n1,0}: init_net held no id 0 for n1; ' +
        'expected an existing id',
    ]);
  });

  it('catches an id naming a queued or unknown net', () => {
    const broken = trace([
      st({ type: 'copy_net_ns', net: 'n1' }, ok(), [E.publish('n1')]),
      st({ type: 'put_net', net: 'n1' }, ok({ count: 0 }), [E.queue('n1')]),
      st({ type: 'peernet2id_alloc', net: 'ghost', peer: 'n1' }, ok({ id: 0 }), [
        E.nsidAlloc('ghost', 'n1', 0),
      ]),
    ]);
    expect(messages(broken)).toEqual([
      'step 2 (peernet2id_alloc): nsid_alloc{ghost,n1,0}: names ghost and n1, queued or gone; ' +
        'expected live nets',
    ]);
  });

  it('catches an id surviving the unlink of its peer', () => {
    const broken = edit(VALID_FULL, 13, (events) => without(events, UNHASH));
    expect(messages(broken)).toEqual([
      'step 13 (cleanup_net): init_net still holds id 0 for unlinked n1; expected an ' +
        'nsid_unhash before any pre_exit/synchronize_rcu',
    ]);
  });

  it('catches an id unhashed only after the first pre_exit', () => {
    const broken = edit(VALID_FULL, 13, (events) => moveTo(events, UNHASH, 6));
    expect(messages(broken)).toEqual([
      'step 13 (cleanup_net): init_net still holds id 0 for unlinked n1; expected an ' +
        'nsid_unhash before any pre_exit/synchronize_rcu',
    ]);
  });

  it('catches the unhash of an id that did not exist', () => {
    const broken = edit(VALID_FULL, 13, (events) =>
      events.map((e) => (e === events[3] ? E.nsidUnhash('init_net', 'n1', 5) : e)),
    );
    expect(messages(broken)).toEqual([
      'step 13 (cleanup_net): nsid_unhash{init_net,n1,5}: init_net held no id 5 for n1; ' +
        'expected an existing id',
    ]);
  });
});
