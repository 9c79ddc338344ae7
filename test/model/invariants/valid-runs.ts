/**
 * Two valid runs, written from docs/contract.md alone (checked against nothing else), that
 * the invariant tests break one event at a time.
 */
import type { Action, Hook } from '../../../model/actions.ts';
import type { Event } from '../../../model/events.ts';
import type { Trace } from '../../../model/trace.ts';
import { E, fail, ok, st, trace } from './traces.ts';

const reg = (
  kind: 'subsys' | 'device',
  op: string,
  hooks: Hook[],
  generic: boolean,
  fail?: string,
): Action => ({
  type: kind === 'subsys' ? 'register_pernet_subsys' : 'register_pernet_device',
  op,
  hooks,
  generic,
  ...(fail === undefined ? {} : { fail: { net: fail } }),
});

/** Full boot: the core ops' setup of `net` around the user ops' events. */
const setup = (net: string, subsys: Event[], device: Event[]): Event[] => [
  E.init('netdev', net),
  ...subsys,
  E.init('loopback', net),
  E.reg(`lo@${net}`, net, 'lo'),
  ...device,
];

/** The setup of the with-data op A on `net`: alloc, then init. */
const withA = (net: string): Event[] => [E.alloc('A', net), E.init('A', net)];

/**
 * A valid full-boot run exercising every family, written event by event from
 * docs/contract.md. User ops: subsys A [init, pre_exit, exit] with data; device D [init,
 * exit_rtnl, exit_batch]; subsys B failing on n4; silent device S [exit]; device R
 * [init, exit_rtnl] failing on n6. The step index is in front of each step.
 */
export const VALID_FULL: Trace = trace([
  /* 0 */ st(
    reg('subsys', 'A', ['init', 'pre_exit', 'exit'], true),
    ok({ id: 3 }),
    withA('init_net'),
  ),
  /* 1 */ st(reg('device', 'D', ['init', 'exit_rtnl', 'exit_batch'], false), ok(), [
    E.init('D', 'init_net'),
  ]),
  /* 2 */ st({ type: 'copy_net_ns', net: 'n1' }, ok(), [
    ...setup('n1', withA('n1'), [E.init('D', 'n1')]),
    E.publish('n1'),
  ]),
  /* 3 */ st({ type: 'copy_net_ns', net: 'n2' }, ok(), [
    ...setup('n2', withA('n2'), [E.init('D', 'n2')]),
    E.publish('n2'),
  ]),
  /* 4 */ st(
    {
      type: 'register_netdev',
      dev: 'v1',
      name: 'v1',
      net: 'n1',
      kind: 'veth',
      peer: { dev: 'p1', name: 'p1', net: 'init_net' },
    },
    ok(),
    [E.reg('p1', 'init_net', 'p1'), E.reg('v1', 'n1', 'v1')],
  ),
  /* 5 */ st({ type: 'register_netdev', dev: 'd1', name: 'd1', net: 'n1', kind: 'dummy' }, ok(), [
    E.reg('d1', 'n1', 'd1'),
  ]),
  /* 6 */ st(
    { type: 'register_netdev', dev: 'e1', name: 'eth0', net: 'n2', kind: 'physical' },
    ok(),
    [E.reg('e1', 'n2', 'eth0')],
  ),
  /* 7 */ st({ type: 'peernet2id_alloc', net: 'init_net', peer: 'n1' }, ok({ id: 0 }), [
    E.nsidAlloc('init_net', 'n1', 0),
  ]),
  /* 8 */ st({ type: 'peernet2id_alloc', net: 'n2', peer: 'n1' }, ok({ id: 0 }), [
    E.nsidAlloc('n2', 'n1', 0),
  ]),
  /* 9 */ st({ type: 'get_net', net: 'n1' }, ok({ count: 2 })),
  /* 10 */ st({ type: 'put_net', net: 'n1' }, ok({ count: 1 })),
  /* 11 */ st({ type: 'put_net', net: 'n1' }, ok({ count: 0 }), [E.queue('n1')]),
  /* 12 */ st({ type: 'put_net', net: 'n2' }, ok({ count: 0 }), [E.queue('n2')]),
  /* 13 */ st({ type: 'cleanup_net' }, ok({ nets: ['n2', 'n1'] }), [
    E.batch('n2', 'n1'),
    E.unlink('n2'),
    E.unlink('n1'),
    E.nsidUnhash('init_net', 'n1', 0),
    E.preExit('A', 'n2'),
    E.preExit('A', 'n1'),
    E.sync,
    E.exitRtnl('D', 'n2'),
    E.exitRtnl('D', 'n1'),
    E.exitBatch('D', 'n2', 'n1'),
    E.exitBatch('default_device', 'n2', 'n1'),
    E.move('e1', 'n2', 'init_net', 'eth0'),
    E.unreg('lo@n2', 'n2'),
    E.unreg('d1', 'n1'),
    E.unreg('v1', 'n1'),
    E.unreg('p1', 'init_net'),
    E.unreg('lo@n1', 'n1'),
    E.exit('A', 'n2'),
    E.exit('A', 'n1'),
    E.exit('netdev', 'n2'),
    E.exit('netdev', 'n1'),
    E.free('A', 'n2'),
    E.free('A', 'n1'),
    E.barrier,
    E.netFree('n2'),
    E.netFree('n1'),
  ]),
  /* 14 */ st({ type: 'copy_net_ns', net: 'n3', fail: { op: 'D' } }, fail('ENOMEM'), [
    ...setup('n3', withA('n3'), [E.initFailed('D', 'n3')]),
    E.preExit('A', 'n3'),
    E.sync,
    E.exitBatch('default_device', 'n3'),
    E.unreg('lo@n3', 'n3'),
    E.exit('A', 'n3'),
    E.exit('netdev', 'n3'),
    E.free('A', 'n3'),
    E.barrier,
  ]),
  /* 15 */ st({ type: 'copy_net_ns', net: 'n5', fail: { op: 'A' } }, fail('ENOMEM'), [
    E.init('netdev', 'n5'),
    E.alloc('A', 'n5'),
    E.initFailed('A', 'n5'),
    E.free('A', 'n5'),
    E.sync,
    E.exit('netdev', 'n5'),
    E.barrier,
  ]),
  /* 16 */ st({ type: 'copy_net_ns', net: 'n4' }, ok(), [
    ...setup('n4', withA('n4'), [E.init('D', 'n4')]),
    E.publish('n4'),
  ]),
  /* 17 */ st(
    reg('subsys', 'B', ['init', 'pre_exit', 'exit', 'exit_batch'], true, 'n4'),
    fail('ENOMEM'),
    [
      E.alloc('B', 'init_net'),
      E.init('B', 'init_net'),
      E.alloc('B', 'n4'),
      E.initFailed('B', 'n4'),
      E.free('B', 'n4'),
      E.preExit('B', 'init_net'),
      E.sync,
      E.exit('B', 'init_net'),
      E.exitBatch('B', 'init_net'),
      E.free('B', 'init_net'),
      E.barrier,
    ],
  ),
  /* 18 */ st({ type: 'unregister_pernet_device', op: 'D' }, ok(), [
    E.sync,
    E.exitRtnl('D', 'init_net'),
    E.exitRtnl('D', 'n4'),
    E.exitBatch('D', 'init_net', 'n4'),
    E.barrier,
  ]),
  /* 19 */ st(reg('device', 'S', ['exit'], false), ok()),
  /* 20 */ st({ type: 'put_net', net: 'n4' }, ok({ count: 0 }), [E.queue('n4')]),
  /* 21 */ st({ type: 'cleanup_net' }, ok({ nets: ['n4'] }), [
    E.batch('n4'),
    E.unlink('n4'),
    E.preExit('A', 'n4'),
    E.sync,
    E.exit('S', 'n4'),
    E.exitBatch('default_device', 'n4'),
    E.unreg('lo@n4', 'n4'),
    E.exit('A', 'n4'),
    E.exit('netdev', 'n4'),
    E.free('A', 'n4'),
    E.barrier,
    E.netFree('n4'),
  ]),
  /* 22 */ st({ type: 'unregister_pernet_subsys', op: 'A' }, ok(), [
    E.preExit('A', 'init_net'),
    E.sync,
    E.exit('A', 'init_net'),
    E.free('A', 'init_net'),
    E.barrier,
  ]),
  /* 23 */ st({ type: 'cleanup_net' }, fail('EAGAIN')),
  /* 24 */ st({ type: 'copy_net_ns', net: 'n1' }, fail('EEXIST')),
  /* 25 */ st(reg('subsys', 'S', ['init'], false), fail('EEXIST')),
  /* 26 */ st({ type: 'copy_net_ns', net: 'n6' }, ok(), [...setup('n6', [], []), E.publish('n6')]),
  /* 27 */ st({ type: 'peernet2id_alloc', net: 'n6', peer: 'init_net' }, ok({ id: 0 }), [
    E.nsidAlloc('n6', 'init_net', 0),
  ]),
  /* 28 */ st({ type: 'peernet2id_alloc', net: 'n6', peer: 'n6' }, ok({ id: 1 }), [
    E.nsidAlloc('n6', 'n6', 1),
  ]),
  /* 29 */ st(reg('device', 'R', ['init', 'exit_rtnl'], false, 'n6'), fail('ENOMEM'), [
    E.init('R', 'init_net'),
    E.initFailed('R', 'n6'),
    E.sync,
    E.exitRtnl('R', 'init_net'),
    E.barrier,
  ]),
]);

/**
 * A valid bare-boot run: subsys X [init, exit] with data; device G [exit] with data and no
 * init; subsys Y [init] inserted before G.
 */
export const VALID_BARE: Trace = trace(
  [
    /* 0 */ st(reg('subsys', 'X', ['init', 'exit'], true), ok({ id: 3 }), [
      E.alloc('X', 'init_net'),
      E.init('X', 'init_net'),
    ]),
    /* 1 */ st(reg('device', 'G', ['exit'], true), ok({ id: 4 }), [E.alloc('G', 'init_net')]),
    /* 2 */ st(reg('subsys', 'Y', ['init'], false), ok(), [E.init('Y', 'init_net')]),
    /* 3 */ st({ type: 'copy_net_ns', net: 'n1' }, ok(), [
      E.alloc('X', 'n1'),
      E.init('X', 'n1'),
      E.init('Y', 'n1'),
      E.alloc('G', 'n1'),
      E.publish('n1'),
    ]),
    /* 4 */ st({ type: 'put_net', net: 'n1' }, ok({ count: 0 }), [E.queue('n1')]),
    /* 5 */ st({ type: 'cleanup_net' }, ok({ nets: ['n1'] }), [
      E.batch('n1'),
      E.unlink('n1'),
      E.sync,
      E.exit('G', 'n1'),
      E.exit('X', 'n1'),
      E.free('G', 'n1'),
      E.free('X', 'n1'),
      E.barrier,
      E.netFree('n1'),
    ]),
  ],
  'bare',
);
