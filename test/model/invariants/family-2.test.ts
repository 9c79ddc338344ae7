import { describe, expect, it } from 'vitest';
import { reverseOrderDeviceRemoval as inv } from '../../../model/invariants/index.ts';
import { E, edit, moveTo, ok, replace, st, trace, without } from './traces.ts';
import { VALID_BARE, VALID_FULL } from './valid-runs.ts';

const CLEANUP = 13;

describe('family 2: reverse-order device removal', () => {
  it('passes the valid runs', () => {
    expect(inv.check(VALID_FULL)).toEqual([]);
    expect(inv.check(VALID_BARE)).toEqual([]);
  });

  it('catches devices removed forward', () => {
    const kills = [
      E.unreg('lo@n2', 'n2'),
      E.unreg('d1', 'n1'),
      E.unreg('v1', 'n1'),
      E.unreg('p1', 'init_net'),
      E.unreg('lo@n1', 'n1'),
    ];
    const forward = [
      E.unreg('lo@n2', 'n2'),
      E.unreg('lo@n1', 'n1'),
      E.unreg('v1', 'n1'),
      E.unreg('p1', 'init_net'),
      E.unreg('d1', 'n1'),
    ];
    const broken = edit(VALID_FULL, CLEANUP, (events) => replace(events, kills, forward));
    expect(inv.check(broken)).toEqual([
      {
        invariant: 'reverse-order-device-removal',
        step: CLEANUP,
        message:
          'step 13 (cleanup_net): net n1 unregistered [lo@n1, v1, d1]; expected [d1, v1, lo@n1] ' +
          '(the devices still in it, in reverse order of entry)',
      },
      {
        invariant: 'reverse-order-device-removal',
        step: CLEANUP,
        message: 'step 13 (cleanup_net): net n1 unregistered lo@n1 before d1; expected lo@n1 last',
      },
    ]);
  });

  it('catches a device left behind', () => {
    const broken = edit(VALID_FULL, CLEANUP, (events) => without(events, E.unreg('d1', 'n1')));
    expect(inv.check(broken).map((v) => v.message)).toEqual([
      'step 13 (cleanup_net): net n1 unregistered [v1, lo@n1]; expected [d1, v1, lo@n1] ' +
        '(the devices still in it, in reverse order of entry)',
    ]);
  });

  it('catches lo not last even when the order follows entry', () => {
    const broken = trace([
      st({ type: 'copy_net_ns', net: 'n1' }, ok(), [
        E.init('netdev', 'n1'),
        E.reg('d', 'n1', 'd'),
        E.init('loopback', 'n1'),
        E.reg('lo@n1', 'n1', 'lo'),
        E.publish('n1'),
      ]),
      st({ type: 'put_net', net: 'n1' }, ok({ count: 0 }), [E.queue('n1')]),
      st({ type: 'cleanup_net' }, ok({ nets: ['n1'] }), [
        E.batch('n1'),
        E.unreg('lo@n1', 'n1'),
        E.unreg('d', 'n1'),
      ]),
    ]);
    expect(inv.check(broken).map((v) => v.message)).toEqual([
      'step 2 (cleanup_net): net n1 unregistered lo@n1 before d; expected lo@n1 last',
    ]);
  });

  it('catches a migration after a deletion of the same batch', () => {
    const broken = edit(VALID_FULL, CLEANUP, (events) =>
      moveTo(events, E.move('e1', 'n2', 'init_net', 'eth0'), 12),
    );
    expect(inv.check(broken).map((v) => v.message)).toEqual([
      'step 13 (cleanup_net): dev_move{e1,n2,init_net,eth0} comes after dev_unregister{lo@n2,n2}; ' +
        'expected every migration of the batch before any device deletion',
    ]);
  });
});
