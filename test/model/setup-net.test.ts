import { describe, expect, it } from 'vitest';
import { view } from '../../model/index.ts';
import { A, E, run } from './helpers.ts';

describe('copy_net_ns / setup_net', () => {
  it('runs every init in pernet_list order and publishes the net last', () => {
    const { results, state } = run([A.subsys('S', ['init', 'exit'], true), A.create('n1')]);
    expect(results[1]!.ret).toEqual({ ok: true });
    expect(results[1]!.events).toEqual([
      E.init('netdev', 'n1'),
      E.alloc('S', 'n1'),
      E.init('S', 'n1'),
      E.init('loopback', 'n1'),
      E.reg('lo@n1', 'n1', 'lo'),
      E.publish('n1'),
    ]);
    expect(view(state).nets.map((n) => [n.id, n.count, n.data])).toEqual([
      ['init_net', 1, ['S']],
      ['n1', 1, ['S']],
    ]);
  });

  it('on init failure at the 3rd op undoes the two before it in reverse, with every phase', () => {
    const { results, state } = run([
      A.subsys('S1', ['init', 'pre_exit', 'exit', 'exit_batch'], true),
      A.subsys('S2', ['init', 'exit', 'exit_rtnl'], true),
      A.create('n1', 'S2'),
    ]);
    const failed = results[2]!;
    expect(failed.ret).toEqual({ ok: false, errno: 'ENOMEM' });
    expect(failed.events).toEqual([
      E.init('netdev', 'n1'),
      E.alloc('S1', 'n1'),
      E.init('S1', 'n1'),
      E.alloc('S2', 'n1'),
      E.initFailed('S2', 'n1'),
      E.free('S2', 'n1'),
      E.preExit('S1', 'n1'),
      E.sync,
      E.exit('S1', 'n1'),
      E.exitBatch('S1', 'n1'),
      E.exit('netdev', 'n1'),
      E.free('S1', 'n1'),
      E.barrier,
    ]);
    expect(view(state).nets.map((n) => n.id)).toEqual(['init_net']);
    expect(state.counters).toMatchObject({
      pernetLock: 3,
      gracePeriods: 1,
      rcuBarriers: 1,
      rtnl: 0,
    });
  });

  it('on failure after the device ops, default_device_exit_batch deletes the new lo', () => {
    const events = run([A.device('D', ['init', 'exit_rtnl']), A.create('n1', 'D')]).results[1]!
      .events;
    expect(events).toEqual([
      E.init('netdev', 'n1'),
      E.init('loopback', 'n1'),
      E.reg('lo@n1', 'n1', 'lo'),
      E.initFailed('D', 'n1'),
      E.sync,
      E.exitBatch('default_device', 'n1'),
      E.unreg('lo@n1', 'n1'),
      E.exit('netdev', 'n1'),
      E.barrier,
    ]);
  });

  it('runs the exit_rtnl phase of the ops before the failed one in one RTNL section', () => {
    const { results, state } = run([
      A.subsys('R', ['init', 'exit_rtnl']),
      A.subsys('F', ['init']),
      A.create('n1', 'F'),
    ]);
    expect(results[2]!.events).toEqual([
      E.init('netdev', 'n1'),
      E.init('R', 'n1'),
      E.initFailed('F', 'n1'),
      E.sync,
      E.exitRtnl('R', 'n1'),
      E.exit('netdev', 'n1'),
      E.barrier,
    ]);
    expect(state.counters).toMatchObject({ rtnl: 1, unregisterMany: 1 });
  });

  it('never reuses a net id, even of a failed creation', () => {
    const { results } = run([A.create('n1', 'loopback'), A.create('n1'), A.create('init_net')]);
    expect(results.map((r) => r.ret)).toEqual([
      { ok: false, errno: 'ENOMEM' },
      { ok: false, errno: 'EEXIST' },
      { ok: false, errno: 'EEXIST' },
    ]);
  });

  it('rejects a failure injected into an unknown op or an op without init', () => {
    const { results } = run([A.create('n1', 'nope'), A.create('n2', 'default_device')]);
    expect(results.map((r) => r.ret)).toEqual([
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'EINVAL' },
    ]);
    expect(results.every((r) => r.events.length === 0)).toBe(true);
  });

  it('sets up a net on a bare boot with no ops at all', () => {
    const { results } = run([A.create('n1')], { boot: 'bare' });
    expect(results[0]!.events).toEqual([E.publish('n1')]);
  });
});

describe('maybe_get_net / put_net', () => {
  it('counts references and queues the net when the count reaches zero', () => {
    const { results, state } = run([A.create('n1'), A.get('n1'), A.put('n1'), A.put('n1')]);
    expect(results.slice(1).map((r) => r.ret)).toEqual([
      { ok: true, count: 2 },
      { ok: true, count: 1 },
      { ok: true, count: 0 },
    ]);
    expect(results[2]!.events).toEqual([]);
    expect(results[3]!.events).toEqual([E.queue('n1')]);
    expect(view(state).nets.find((n) => n.id === 'n1')).toMatchObject({ count: 0, queued: true });
  });

  it('fails on unknown and dying nets, and never lets init_net die', () => {
    const { results } = run([
      A.get('nope'),
      A.put('nope'),
      A.create('n1'),
      A.put('n1'),
      A.get('n1'),
      A.put('n1'),
      A.put('init_net'),
      A.get('init_net'),
      A.put('init_net'),
    ]);
    expect(results.map((r) => r.ret)).toEqual([
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'ENOENT' },
      { ok: true },
      { ok: true, count: 0 },
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'EINVAL' },
      { ok: true, count: 2 },
      { ok: true, count: 1 },
    ]);
  });

  it('pushes on a LIFO list', () => {
    const { state } = run([A.create('a'), A.create('b'), A.put('a'), A.put('b')]);
    expect(view(state).cleanupList).toEqual(['b', 'a']);
  });
});

describe('peernet2id_alloc', () => {
  it('gives the lowest free id and returns an existing one without an event', () => {
    const { results } = run([
      A.create('a'),
      A.create('b'),
      A.nsid('init_net', 'a'),
      A.nsid('init_net', 'b'),
      A.nsid('init_net', 'a'),
      A.nsid('a', 'a'),
    ]);
    expect(results.slice(2).map((r) => r.ret)).toEqual([
      { ok: true, id: 0 },
      { ok: true, id: 1 },
      { ok: true, id: 0 },
      { ok: true, id: 0 },
    ]);
    expect(results[3]!.events).toEqual([E.nsidAlloc('init_net', 'b', 1)]);
    expect(results[4]!.events).toEqual([]);
  });

  it('refuses nets that are unknown or queued', () => {
    const { results } = run([
      A.create('a'),
      A.put('a'),
      A.nsid('init_net', 'a'),
      A.nsid('a', 'init_net'),
      A.nsid('x', 'a'),
    ]);
    expect(results.slice(2).map((r) => r.ret)).toEqual([
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'ENOENT' },
    ]);
  });

  it('reuses an id freed by unhashing', () => {
    const { results } = run([
      A.create('a'),
      A.create('b'),
      A.nsid('init_net', 'a'),
      A.nsid('init_net', 'b'),
      A.put('a'),
      A.cleanup,
      A.create('c'),
      A.nsid('init_net', 'c'),
    ]);
    expect(results.at(-1)!.ret).toEqual({ ok: true, id: 0 });
  });
});
