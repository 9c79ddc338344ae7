/**
 * The historical profiles, hand-derived from docs/contract.md "Kernel profiles" (and the
 * kernel code it cites), one trace per difference from 6.18.
 */
import { describe, expect, it } from 'vitest';
import { initialState, type Kernel, view } from '../../model/index.ts';
import { A, E, run } from '../model/helpers.ts';

const hooksOf = (kernel: Kernel) =>
  view(initialState({ kernel })).pernet.map((op) => [op.op, op.hooks]);

describe('boot', () => {
  it('shows the profile in the view, except 6.18 (v1 views stay valid)', () => {
    expect(view(initialState()).kernel).toBeUndefined();
    expect('kernel' in view(initialState({ kernel: '6.18' }))).toBe(false);
    expect(view(initialState({ kernel: '2.6.33' })).kernel).toBe('2.6.33');
    expect(view(initialState({ kernel: '2.6.32', boot: 'bare' })).kernel).toBe('2.6.32');
  });

  it('has each era’s core ops', () => {
    expect(hooksOf('6.18')).toEqual([
      ['netdev', ['init', 'exit']],
      ['loopback', ['init']],
      ['default_device', ['exit_batch']],
    ]);
    expect(hooksOf('2.6.33')).toEqual([
      ['netdev', ['init', 'exit']],
      ['loopback', ['init']],
      ['default_device', ['exit', 'exit_batch']],
    ]);
    expect(hooksOf('2.6.32')).toEqual([
      ['netdev', ['init', 'exit']],
      ['loopback', ['init', 'exit']],
      ['default_device', ['exit']],
    ]);
  });
});

describe('registration', () => {
  it('refuses the hooks an era lacks, and generic data before 2.6.33', () => {
    const rets = (kernel: Kernel) =>
      run(
        [
          A.subsys('P', ['init', 'pre_exit']),
          A.subsys('B', ['exit_batch']),
          A.subsys('R', ['exit_rtnl']),
          A.subsys('G', ['init'], true),
        ],
        { kernel },
      ).results.map((r) => r.ret);
    expect(rets('6.18')).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: true, id: 3 }]);
    expect(rets('2.6.33')).toEqual([
      { ok: false, errno: 'EINVAL' },
      { ok: true },
      { ok: false, errno: 'EINVAL' },
      { ok: true, id: 1 },
    ]);
    expect(rets('2.6.32')).toEqual([
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'EINVAL' },
    ]);
  });

  it('2.6.33: a failed registration undoes without a grace period, then rcu_barrier', () => {
    const { results } = run([A.create('n1'), A.subsys('A', ['init', 'exit'], true, 'n1')], {
      kernel: '2.6.33',
    });
    expect(results[1]!.events).toEqual([
      E.alloc('A', 'init_net'),
      E.init('A', 'init_net'),
      E.alloc('A', 'n1'),
      E.initFailed('A', 'n1'),
      E.free('A', 'n1'),
      E.exit('A', 'init_net'),
      E.free('A', 'init_net'),
      E.barrier,
    ]);
    expect(view(results[1]!.state).counters).toMatchObject({ gracePeriods: 0, rcuBarriers: 1 });
  });

  it('2.6.32: failure and unregistration run the exits alone, no rcu_barrier', () => {
    const { results } = run(
      [
        A.create('n1'),
        A.subsys('A', ['init', 'exit'], false, 'n1'),
        A.subsys('B', ['init', 'exit']),
        A.unSubsys('B'),
      ],
      { kernel: '2.6.32' },
    );
    expect(results[1]!.events).toEqual([
      E.init('A', 'init_net'),
      E.initFailed('A', 'n1'),
      E.exit('A', 'init_net'),
    ]);
    expect(results[3]!.events).toEqual([E.exit('B', 'init_net'), E.exit('B', 'n1')]);
    expect(view(results[3]!.state).counters).toMatchObject({ gracePeriods: 0, rcuBarriers: 0 });
  });

  it('has no netns ids before v3.19', () => {
    for (const kernel of ['2.6.33', '2.6.32'] as const) {
      const { results } = run([A.nsid('init_net', 'init_net')], { kernel });
      expect(results[0]!.ret).toEqual({ ok: false, errno: 'EOPNOTSUPP' });
    }
  });
});

describe('copy_net_ns', () => {
  it('publishes under RTNL up to 2.6.33', () => {
    const rtnl = (kernel: Kernel) => view(run([A.create('n1')], { kernel }).state).counters.rtnl;
    expect([rtnl('6.18'), rtnl('2.6.33'), rtnl('2.6.32')]).toEqual([1, 2, 2]);
  });

  it('2.6.32: a failed setup runs the earlier exits (loopback unregisters lo), no grace period', () => {
    const { results } = run([A.device('D', ['init', 'exit']), A.create('n1', 'D')], {
      kernel: '2.6.32',
    });
    expect(results[1]!.events).toEqual([
      E.init('netdev', 'n1'),
      E.init('loopback', 'n1'),
      E.reg('lo@n1', 'n1', 'lo'),
      E.initFailed('D', 'n1'),
      E.exit('default_device', 'n1'),
      E.exit('loopback', 'n1'),
      E.unreg('lo@n1', 'n1'),
      E.exit('netdev', 'n1'),
      E.barrier,
    ]);
    expect(results[1]!.ret).toEqual({ ok: false, errno: 'ENOMEM' });
  });

  it('2.6.33: a failed setup runs exits and exit_batch (lo in the batch kill), no grace period', () => {
    const { results } = run([A.device('D', ['init']), A.create('n1', 'D')], {
      kernel: '2.6.33',
    });
    expect(results[1]!.events).toEqual([
      E.init('netdev', 'n1'),
      E.init('loopback', 'n1'),
      E.reg('lo@n1', 'n1', 'lo'),
      E.initFailed('D', 'n1'),
      E.exit('default_device', 'n1'),
      E.exitBatch('default_device', 'n1'),
      E.unreg('lo@n1', 'n1'),
      E.exit('netdev', 'n1'),
      E.barrier,
    ]);
  });
});

describe('cleanup_net', () => {
  const scene = [
    A.create('n1'),
    A.create('n2'),
    A.veth('v1', 'n1', 'p1', 'n1'),
    A.physical('x1', 'n1', 'eth9'),
    A.dummy('d1', 'n1'),
    A.bridge('b2', 'n2'),
    A.put('n1'),
    A.put('n2'),
  ];

  it('2.6.33 takes the whole list newest first; migration per net, one kill list', () => {
    const { results } = run([...scene, A.cleanup], { kernel: '2.6.33' });
    const last = results.at(-1)!;
    expect(last.ret).toEqual({ ok: true, nets: ['n2', 'n1'] });
    expect(last.events).toEqual([
      E.batch('n2', 'n1'),
      E.unlink('n2'),
      E.unlink('n1'),
      E.sync,
      E.exit('default_device', 'n2'),
      E.exit('default_device', 'n1'),
      E.move('x1', 'n1', 'init_net', 'eth9'),
      E.exitBatch('default_device', 'n2', 'n1'),
      E.unreg('b2', 'n2'),
      E.unreg('lo@n2', 'n2'),
      E.unreg('d1', 'n1'),
      // veth_dellink() queued v1 then p1, and p1's turn queued p1 then v1 again (no peer
      // pointers cleared in 2.6.33): list_move_tail leaves p1 before v1.
      E.unreg('p1', 'n1'),
      E.unreg('v1', 'n1'),
      E.unreg('lo@n1', 'n1'),
      E.exit('netdev', 'n2'),
      E.exit('netdev', 'n1'),
      E.barrier,
      E.netFree('n2'),
      E.netFree('n1'),
    ]);
    const before = results.at(-2)!.state.counters;
    const after = last.state.counters;
    expect({ ...after, pernetLock: after.pernetLock - before.pernetLock }).toMatchObject({
      workRuns: 1,
      pernetLock: 1,
      gracePeriods: 1,
      rcuBarriers: 1,
      unregisterMany: 1,
    });
    // unlink, default_device_exit() per net, default_device_exit_batch()
    expect(after.rtnl - before.rtnl).toBe(4);
  });

  it('2.6.32 takes the oldest work item alone: forward restart walk, lo by its own exit', () => {
    const { results } = run([...scene, A.cleanup, A.cleanup, A.cleanup], { kernel: '2.6.32' });
    const [first, second, third] = results.slice(-3);
    expect(first!.ret).toEqual({ ok: true, nets: ['n1'] });
    expect(first!.events).toEqual([
      E.batch('n1'),
      E.unlink('n1'),
      E.sync,
      E.exit('default_device', 'n1'),
      E.unreg('p1', 'n1'),
      E.unreg('v1', 'n1'),
      E.move('x1', 'n1', 'init_net', 'eth9'),
      E.unreg('d1', 'n1'),
      E.exit('loopback', 'n1'),
      E.unreg('lo@n1', 'n1'),
      E.exit('netdev', 'n1'),
      E.barrier,
      E.netFree('n1'),
    ]);
    expect(second!.ret).toEqual({ ok: true, nets: ['n2'] });
    expect(second!.events.map((e) => e.type)).toEqual([
      'batch',
      'unlink',
      'synchronize_rcu',
      'exit',
      'dev_unregister',
      'exit',
      'dev_unregister',
      'exit',
      'rcu_barrier',
      'net_free',
    ]);
    expect(third!.ret).toEqual({ ok: false, errno: 'EAGAIN' });
    const c = (i: number) => results.at(i)!.state.counters;
    expect(c(-2).gracePeriods - c(-4).gracePeriods).toBe(2);
    expect(c(-2).workRuns - c(-4).workRuns).toBe(2);
    expect(c(-3).unregisterMany - c(-4).unregisterMany).toBe(4);
  });

  it('deletes a veth with one unregister_netdevice per end up to 2.6.33', () => {
    for (const kernel of ['2.6.33', '2.6.32'] as const) {
      const { results } = run([A.veth('v', 'init_net', 'p', 'init_net'), A.del('v')], {
        kernel,
      });
      expect(results[1]!.events).toEqual([E.unreg('v', 'init_net'), E.unreg('p', 'init_net')]);
      expect(view(results[1]!.state).counters.unregisterMany).toBe(2);
    }
    const { results } = run([A.dummy('d', 'init_net'), A.del('d')], { kernel: '2.6.32' });
    expect(view(results[1]!.state).counters.unregisterMany).toBe(1);
  });
});
