import { describe, expect, it } from 'vitest';
import { freeAfterAllExits as inv } from '../../../model/invariants/index.ts';
import { E, edit, moveTo } from './traces.ts';
import { VALID_BARE, VALID_FULL } from './valid-runs.ts';

const messages = (t: Parameters<typeof inv.check>[0]): string[] =>
  inv.check(t).map((v) => v.message);

describe('family 3: per-net data freed only after all exits', () => {
  it('passes the valid runs, including the free answering a failed init (step 15)', () => {
    expect(inv.check(VALID_FULL)).toEqual([]);
    expect(inv.check(VALID_BARE)).toEqual([]);
  });

  it('catches data freed before a later exit of the batch', () => {
    const broken = edit(VALID_FULL, 13, (events) => moveTo(events, E.free('A', 'n1'), 7));
    expect(inv.check(broken)).toEqual([
      {
        invariant: 'free-after-all-exits',
        step: 13,
        message:
          'step 13 (cleanup_net): free{A,n1} (event 7) precedes exit_rtnl{D,n1}; expected the ' +
          'data of n1 freed only after every teardown hook touching it',
      },
    ]);
  });

  it('exempts only the free right after init_failed of the same pair', () => {
    // free{A,n3} right after init_failed{D,n3}: another pair, so A's undo must come first.
    const broken = edit(VALID_FULL, 14, (events) => moveTo(events, E.free('A', 'n3'), 6));
    expect(messages(broken)).toEqual([
      'step 14 (copy_net_ns): free{A,n3} (event 6) precedes pre_exit{A,n3}; expected the data ' +
        'of n3 freed only after every teardown hook touching it',
    ]);
  });

  it('catches a free that opens the step', () => {
    const broken = edit(VALID_FULL, 21, (events) => moveTo(events, E.free('A', 'n4'), 0));
    expect(messages(broken)).toEqual([
      'step 21 (cleanup_net): free{A,n4} (event 0) precedes pre_exit{A,n4}; expected the data ' +
        'of n4 freed only after every teardown hook touching it',
    ]);
  });

  it('counts an exit_batch listing the net as touching it', () => {
    const broken = edit(VALID_FULL, 17, (events) => moveTo(events, E.free('B', 'init_net'), 6));
    expect(messages(broken)).toEqual([
      'step 17 (register_pernet_subsys): free{B,init_net} (event 6) precedes exit{B,init_net}; ' +
        'expected the data of init_net freed only after every teardown hook touching it',
    ]);
    const late = edit(VALID_FULL, 17, (events) => moveTo(events, E.free('B', 'init_net'), 8));
    expect(messages(late)).toEqual([
      'step 17 (register_pernet_subsys): free{B,init_net} (event 8) precedes ' +
        'exit_batch{B,[init_net]}; expected the data of init_net freed only after every ' +
        'teardown hook touching it',
    ]);
  });
});
