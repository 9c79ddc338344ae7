import { describe, expect, it } from 'vitest';
import { view } from '../../model/index.ts';
import { A, E, run } from './helpers.ts';

describe('cleanup_net', () => {
  it('tears down two ops and a veth whose peer survives', () => {
    const { results } = run([
      A.subsys('A', ['init', 'exit'], true),
      A.device('B', ['init', 'pre_exit', 'exit']),
      A.create('n1'),
      A.veth('v1', 'n1', 'p1', 'init_net'),
      A.put('n1'),
      A.cleanup,
    ]);
    expect(results[5]!.ret).toEqual({ ok: true, nets: ['n1'] });
    expect(results[5]!.events).toEqual([
      E.batch('n1'),
      E.unlink('n1'),
      E.preExit('B', 'n1'),
      E.sync,
      E.exit('B', 'n1'),
      E.exitBatch('default_device', 'n1'),
      E.unreg('v1', 'n1'),
      E.unreg('p1', 'init_net'),
      E.unreg('lo@n1', 'n1'),
      E.exit('A', 'n1'),
      E.exit('netdev', 'n1'),
      E.free('A', 'n1'),
      E.barrier,
      E.netFree('n1'),
    ]);
    expect(view(results[5]!.state).nets.map((n) => n.devices.map((d) => d.dev))).toEqual([
      ['lo@init_net'],
    ]);
  });

  it('takes three nets as one batch, newest first, devices reverse within each net', () => {
    const { results } = run([
      A.create('n1'),
      A.create('n2'),
      A.create('n3'),
      A.dummy('a1', 'n1'),
      A.dummy('b1', 'n1'),
      A.dummy('a2', 'n2'),
      A.put('n1'),
      A.put('n2'),
      A.put('n3'),
      A.cleanup,
    ]);
    const last = results.at(-1)!;
    expect(last.events).toEqual([
      E.batch('n3', 'n2', 'n1'),
      E.unlink('n3'),
      E.unlink('n2'),
      E.unlink('n1'),
      E.sync,
      E.exitBatch('default_device', 'n3', 'n2', 'n1'),
      E.unreg('lo@n3', 'n3'),
      E.unreg('a2', 'n2'),
      E.unreg('lo@n2', 'n2'),
      E.unreg('b1', 'n1'),
      E.unreg('a1', 'n1'),
      E.unreg('lo@n1', 'n1'),
      E.exit('netdev', 'n3'),
      E.exit('netdev', 'n2'),
      E.exit('netdev', 'n1'),
      E.barrier,
      E.netFree('n3'),
      E.netFree('n2'),
      E.netFree('n1'),
    ]);
    const before = results.at(-2)!.state.counters;
    const after = last.state.counters;
    expect(after.workRuns - before.workRuns).toBe(1);
    expect(after.gracePeriods - before.gracePeriods).toBe(1);
    expect(after.rcuBarriers - before.rcuBarriers).toBe(1);
    expect(after.unregisterMany - before.unregisterMany).toBe(1);
    expect(after.rtnl - before.rtnl).toBe(1);
    expect(after.pernetLock - before.pernetLock).toBe(1);
  });

  it('runs exit_rtnl nets-outer, ops-inner between the grace period and the exits', () => {
    const events = run([
      A.subsys('S', ['exit_rtnl']),
      A.device('D', ['exit_rtnl']),
      A.create('n1'),
      A.create('n2'),
      A.put('n1'),
      A.put('n2'),
      A.cleanup,
    ]).results.at(-1)!.events;
    const i = events.findIndex((e) => e.type === 'synchronize_rcu');
    expect(events.slice(i + 1, i + 5)).toEqual([
      E.exitRtnl('D', 'n2'),
      E.exitRtnl('S', 'n2'),
      E.exitRtnl('D', 'n1'),
      E.exitRtnl('S', 'n1'),
    ]);
  });

  it('unhashes survivors’ nsids before any pre_exit, dying-net-major, survivors in list order', () => {
    const { results, state } = run([
      A.subsys('P', ['pre_exit']),
      A.create('a'),
      A.create('b'),
      A.create('s'),
      A.nsid('s', 'a'),
      A.nsid('s', 'b'),
      A.nsid('init_net', 'b'),
      A.nsid('a', 'b'),
      A.nsid('a', 's'),
      A.put('a'),
      A.put('b'),
      A.cleanup,
    ]);
    expect(results.at(-1)!.events.slice(0, 7)).toEqual([
      E.batch('b', 'a'),
      E.unlink('b'),
      E.unlink('a'),
      E.nsidUnhash('init_net', 'b', 0),
      E.nsidUnhash('s', 'b', 1),
      E.nsidUnhash('s', 'a', 0),
      E.preExit('P', 'b'),
    ]);
    expect(view(state).nets.map((n) => n.nsids)).toEqual([[], []]);
  });

  it('has no work to run when nothing is queued', () => {
    expect(run([A.cleanup]).results[0]!.ret).toEqual({ ok: false, errno: 'EAGAIN' });
  });

  it('makes consecutive runs separate batches', () => {
    const { results } = run([
      A.create('a'),
      A.create('b'),
      A.put('a'),
      A.cleanup,
      A.put('b'),
      A.cleanup,
    ]);
    expect(results[3]!.ret).toEqual({ ok: true, nets: ['a'] });
    expect(results[5]!.ret).toEqual({ ok: true, nets: ['b'] });
  });
});
