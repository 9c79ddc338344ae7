import { describe, expect, it } from 'vitest';
import { noUseAfterUninit as inv } from '../../../model/invariants/index.ts';
import type { Trace } from '../../../model/trace.ts';
import { E, edit, moveTo, without } from './traces.ts';
import { VALID_BARE, VALID_FULL } from './valid-runs.ts';

const messages = (t: Trace): string[] => inv.check(t).map((v) => v.message);

describe('family 4: no use-after-uninit', () => {
  it('passes the valid runs', () => {
    expect(inv.check(VALID_FULL)).toEqual([]);
    expect(inv.check(VALID_BARE)).toEqual([]);
  });

  it('catches the exit of the op whose init failed', () => {
    const broken = edit(VALID_FULL, 14, (events) => moveTo(events, E.exitBatch('D', 'n3'), 8));
    expect(inv.check(broken)).toEqual([
      {
        invariant: 'no-use-after-uninit',
        step: 14,
        message:
          'step 14 (copy_net_ns): exit_batch{D,[n3]} on n3: D is init-failed there; expected ' +
          'initialised or exited',
      },
    ]);
  });

  it('catches a subsys exit before the device ops after it', () => {
    const broken = edit(VALID_FULL, 21, (events) => moveTo(events, E.exit('netdev', 'n4'), 4));
    const stale = (call: string, op: string): string =>
      `step 21 (cleanup_net): ${call} on n4: netdev (before ${op} in pernet_list) is exited; ` +
      'expected initialised';
    expect(messages(broken)).toEqual([
      stale('exit{S,n4}', 'S'),
      stale('exit_batch{default_device,[n4]}', 'default_device'),
      stale('exit{A,n4}', 'A'),
    ]);
  });

  it('catches an init after exit', () => {
    const broken = edit(VALID_FULL, 21, (events) => [...events, E.init('netdev', 'n4')]);
    expect(messages(broken)).toEqual([
      'step 21 (cleanup_net): init{netdev,n4} on n4: netdev is exited there; expected uninitialised',
    ]);
  });

  it('catches an init of an op with data that was never allocated', () => {
    const broken = edit(VALID_FULL, 2, (events) => without(events, E.alloc('A', 'n1')));
    expect(messages(broken)).toEqual([
      'step 2 (copy_net_ns): init{A,n1} on n1: A is uninitialised there; expected allocated',
    ]);
  });

  it('catches a callback running after an earlier op was skipped at setup', () => {
    const broken = edit(VALID_BARE, 3, (events) => without(events, E.init('Y', 'n1')));
    expect(messages(broken)).toEqual([
      'step 5 (cleanup_net): exit{G,n1} on n1: Y (before G in pernet_list) is uninitialised; ' +
        'expected initialised',
    ]);
  });

  it('catches teardown hooks of a pair whose init never ran', () => {
    const broken = edit(VALID_FULL, 16, (events) => without(events, E.init('D', 'n4')));
    expect(messages(broken)).toEqual([
      'step 18 (unregister_pernet_device): exit_rtnl{D,n4} on n4: D is uninitialised there; ' +
        'expected initialised',
      'step 18 (unregister_pernet_device): exit_batch{D,[init_net,n4]} on n4: D is ' +
        'uninitialised there; expected initialised or exited',
    ]);
  });

  it('catches a callback of an op no longer in pernet_list', () => {
    const broken = edit(VALID_FULL, 21, (events) => moveTo(events, E.exit('B', 'n4'), 4));
    expect(messages(broken)).toEqual([
      'step 21 (cleanup_net): exit{B,n4} on n4: B is freed there; expected initialised',
      'step 21 (cleanup_net): exit{B,n4} on n4: B is not in pernet_list; expected a registered op',
    ]);
  });

  it('catches a callback on data already freed', () => {
    const broken = edit(VALID_FULL, 13, (events) => moveTo(events, E.free('A', 'n1'), 4));
    expect(messages(broken)).toEqual([
      'step 13 (cleanup_net): pre_exit{A,n1} on n1: A is freed there; expected initialised',
      'step 13 (cleanup_net): exit_rtnl{D,n1} on n1: A (before D in pernet_list) is freed; expected initialised',
      'step 13 (cleanup_net): exit_batch{D,[n2,n1]} on n1: A (before D in pernet_list) is freed; expected initialised',
      'step 13 (cleanup_net): exit_batch{default_device,[n2,n1]} on n1: A (before default_device in pernet_list) is freed; expected initialised',
      'step 13 (cleanup_net): exit{A,n1} on n1: A is freed there; expected initialised',
    ]);
  });
});
