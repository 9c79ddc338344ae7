import { describe, expect, it } from 'vitest';
import { view } from '../../model/index.ts';
import { A, E, run } from './helpers.ts';

const order = (actions: Parameters<typeof run>[0], boot?: 'bare') =>
  view(run(actions, boot ? { boot } : undefined).state).pernet.map((o) => o.op);

describe('register_pernet_subsys / register_pernet_device', () => {
  it('puts a subsys registered after a device op before first_device', () => {
    expect(order([A.device('D', ['init']), A.subsys('S', ['init'])])).toEqual([
      'netdev',
      'S',
      'loopback',
      'default_device',
      'D',
    ]);
  });

  it('on a bare boot appends subsys ops until a device op exists, which becomes first_device', () => {
    const { state } = run(
      [A.subsys('S1', []), A.device('D1', []), A.device('D2', []), A.subsys('S2', [])],
      {
        boot: 'bare',
      },
    );
    expect(view(state).pernet.map((o) => o.op)).toEqual(['S1', 'S2', 'D1', 'D2']);
    expect(state.firstDevice).toBe('D1');
  });

  it('inits every listed net in list order, queued ones included', () => {
    const { results } = run([
      A.create('n1'),
      A.create('n2'),
      A.put('n1'),
      A.subsys('Q', ['init', 'exit'], true),
      A.cleanup,
    ]);
    expect(results[3]!.events).toEqual([
      E.alloc('Q', 'init_net'),
      E.init('Q', 'init_net'),
      E.alloc('Q', 'n1'),
      E.init('Q', 'n1'),
      E.alloc('Q', 'n2'),
      E.init('Q', 'n2'),
    ]);
    expect(results[4]!.events).toContainEqual(E.exit('Q', 'n1'));
    expect(results[4]!.events).toContainEqual(E.free('Q', 'n1'));
  });

  it('on failure at the 2nd net undoes the op on the first net only', () => {
    const { results, state } = run([
      A.create('n1'),
      A.create('n2'),
      A.subsys('X', ['init', 'pre_exit', 'exit', 'exit_batch'], true, 'n1'),
      A.subsys('Y', [], true),
    ]);
    expect(results[2]!.ret).toEqual({ ok: false, errno: 'ENOMEM' });
    expect(results[2]!.events).toEqual([
      E.alloc('X', 'init_net'),
      E.init('X', 'init_net'),
      E.alloc('X', 'n1'),
      E.initFailed('X', 'n1'),
      E.free('X', 'n1'),
      E.preExit('X', 'init_net'),
      E.sync,
      E.exit('X', 'init_net'),
      E.exitBatch('X', 'init_net'),
      E.free('X', 'init_net'),
      E.barrier,
    ]);
    expect(results[3]!.ret).toEqual({ ok: true, id: 3 });
    expect(view(state).pernet.map((o) => o.op)).not.toContain('X');
  });

  it('calls exit_batch with an empty list when the very first net fails', () => {
    const { results, state } = run([
      A.device('X', ['init', 'exit_batch', 'exit_rtnl'], false, 'init_net'),
    ]);
    expect(results[0]!.events).toEqual([
      E.initFailed('X', 'init_net'),
      E.sync,
      E.exitBatch('X'),
      E.barrier,
    ]);
    expect(state.firstDevice).toBe('loopback');
  });

  it('does not run ops_init for an op with neither init nor generic data', () => {
    expect(run([A.subsys('E', ['exit'])]).results[0]!.events).toEqual([]);
  });

  it('hands out the smallest free generic id from 3 and reuses freed ones', () => {
    const { results } = run([
      A.subsys('G1', [], true),
      A.subsys('G2', [], true),
      A.unSubsys('G1'),
      A.device('G3', [], true),
    ]);
    expect(results.map((r) => r.ret)).toEqual([
      { ok: true, id: 3 },
      { ok: true, id: 4 },
      { ok: true },
      { ok: true, id: 3 },
    ]);
  });

  it('rejects reused ids, bad hooks and bad failure injections without side effects', () => {
    const { results } = run([
      A.subsys('netdev', []),
      A.subsys('H', ['init', 'init']),
      A.subsys('H2', ['bogus' as 'init']),
      A.subsys('F', ['init'], false, 'nope'),
      A.subsys('F2', ['exit'], false, 'init_net'),
    ]);
    expect(results.map((r) => r.ret)).toEqual([
      { ok: false, errno: 'EEXIST' },
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'EINVAL' },
    ]);
    expect(results.at(-1)!.state.counters.pernetLock).toBe(0);
  });
});

describe('unregister_pernet_subsys / unregister_pernet_device', () => {
  it('undoes the op on every listed net with the full phase structure', () => {
    const { results } = run([
      A.create('n1'),
      A.device('D', ['init', 'pre_exit', 'exit', 'exit_batch', 'exit_rtnl'], true),
      A.unDevice('D'),
    ]);
    expect(results[2]!.events).toEqual([
      E.preExit('D', 'init_net'),
      E.preExit('D', 'n1'),
      E.sync,
      E.exitRtnl('D', 'init_net'),
      E.exitRtnl('D', 'n1'),
      E.exit('D', 'init_net'),
      E.exit('D', 'n1'),
      E.exitBatch('D', 'init_net', 'n1'),
      E.free('D', 'init_net'),
      E.free('D', 'n1'),
      E.barrier,
    ]);
  });

  it('on a bare boot, unregistering first_device advances it to the next device op, then to none', () => {
    const { results, state } = run(
      [A.device('D1', ['init', 'exit']), A.device('D2', []), A.unDevice('D1'), A.subsys('S', [])],
      { boot: 'bare' },
    );
    expect(results[2]!.events).toEqual([E.sync, E.exit('D1', 'init_net'), E.barrier]);
    expect(results[2]!.state.firstDevice).toBe('D2');
    expect(view(state).pernet.map((o) => o.op)).toEqual(['S', 'D2']);
    const after = run([A.device('D1', []), A.unDevice('D1'), A.subsys('S', [])], { boot: 'bare' });
    expect(after.results[1]!.state.firstDevice).toBeNull();
  });

  it('rejects unknown ops, core ops and a kind mismatch', () => {
    const { results } = run([
      A.unSubsys('nope'),
      A.unDevice('loopback'),
      A.subsys('S', []),
      A.unDevice('S'),
      A.device('D', []),
      A.unSubsys('D'),
    ]);
    expect(results.map((r) => r.ret)).toEqual([
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'EPERM' },
      { ok: true },
      { ok: false, errno: 'EINVAL' },
      { ok: true },
      { ok: false, errno: 'EINVAL' },
    ]);
  });

  it('lets a bare boot unregister ops named like the core ones', () => {
    const { results } = run([A.device('loopback', ['init']), A.unDevice('loopback')], {
      boot: 'bare',
    });
    expect(results[0]!.events).toEqual([E.init('loopback', 'init_net')]);
    expect(results[1]!.ret).toEqual({ ok: true });
  });
});
