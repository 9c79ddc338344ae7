import { describe, expect, it } from 'vitest';
import { unwinding as inv } from '../../../model/invariants/index.ts';
import type { Trace } from '../../../model/trace.ts';
import { E, edit, moveTo } from './traces.ts';
import { VALID_BARE, VALID_FULL } from './valid-runs.ts';

const messages = (t: Trace): string[] => inv.check(t).map((v) => v.message);

const UNDO_N3 = '[pre_exit{A,n3}, exit_batch{default_device,[n3]}, exit{A,n3}, exit{netdev,n3}]';

describe('family 5: unwinding', () => {
  it('passes the valid runs (setup failing at D and at A, registration failing at n4)', () => {
    expect(inv.check(VALID_FULL)).toEqual([]);
    expect(inv.check(VALID_BARE)).toEqual([]);
  });

  it('catches a teardown hook of the op whose init failed', () => {
    const broken = edit(VALID_FULL, 14, (events) => moveTo(events, E.exitBatch('D', 'n3'), 8));
    expect(inv.check(broken)).toEqual([
      {
        invariant: 'unwinding',
        step: 14,
        message:
          'step 14 (copy_net_ns): after init_failed{D,n3} the teardown hooks were ' +
          '[pre_exit{A,n3}, exit_batch{D,[n3]}, exit_batch{default_device,[n3]}, exit{A,n3}, ' +
          `exit{netdev,n3}]; expected ${UNDO_N3}`,
      },
    ]);
  });

  it('catches ops undone in forward order', () => {
    const broken = edit(VALID_FULL, 14, (events) => moveTo(events, E.exit('netdev', 'n3'), 10));
    expect(messages(broken)).toEqual([
      'step 14 (copy_net_ns): after init_failed{D,n3} the teardown hooks were ' +
        '[pre_exit{A,n3}, exit_batch{default_device,[n3]}, exit{netdev,n3}, exit{A,n3}]; ' +
        `expected ${UNDO_N3}`,
    ]);
  });

  it('catches an op before the failed one left without its undo', () => {
    const broken = edit(VALID_FULL, 15, (events) => events.filter((e) => e.type !== 'exit'));
    expect(messages(broken)).toEqual([
      'step 15 (copy_net_ns): after init_failed{A,n5} the teardown hooks were []; expected ' +
        '[exit{netdev,n5}]',
    ]);
  });

  it('catches a failed registration tearing down the failed net', () => {
    const broken = edit(VALID_FULL, 17, (events) => moveTo(events, E.exit('B', 'n4'), 8));
    expect(messages(broken)).toEqual([
      'step 17 (register_pernet_subsys): after init_failed{B,n4} the teardown hooks were ' +
        '[pre_exit{B,init_net}, exit{B,init_net}, exit{B,n4}, exit_batch{B,[init_net]}]; ' +
        'expected [pre_exit{B,init_net}, exit{B,init_net}, exit_batch{B,[init_net]}]',
    ]);
  });

  it('catches a failed registration skipping the exit_rtnl of the nets before', () => {
    const broken = edit(VALID_FULL, 29, (events) => events.filter((e) => e.type !== 'exit_rtnl'));
    expect(messages(broken)).toEqual([
      'step 29 (register_pernet_device): after init_failed{R,n6} the teardown hooks were []; ' +
        'expected [exit_rtnl{R,init_net}]',
    ]);
  });
});
