/**
 * The shared TIME_WAIT table: tcp_v4_init, inet_twsk_hashdance, inet_lookup_established and
 * the purge walks of each profile (docs/contract.md "TIME_WAIT table").
 */
import { describe, expect, it } from 'vitest';
import { type Action, type Event, type Kernel, view } from '../../model/index.ts';
import { A, E, run } from '../model/helpers.ts';

const tcp: Action = { type: 'tcp_v4_init' };
const add = (net: string, key: string): Action => ({ type: 'inet_twsk_hashdance', net, key });
const lookup = (net: string, key: string): Action => ({
  type: 'inet_lookup_established',
  net,
  key,
});
const purge = (purged: number, ...nets: string[]): Event => ({ type: 'tw_purge', nets, purged });

describe('tcp_v4_init', () => {
  it('registers tcp_sk_ops as a core subsys op and creates an empty table', () => {
    const { results, state } = run([A.create('n1'), tcp, A.unSubsys('tcp'), tcp]);
    expect(results[1]!.events).toEqual([E.init('tcp', 'init_net'), E.init('tcp', 'n1')]);
    expect(view(state).pernet.map((op) => [op.op, op.hooks])).toContainEqual([
      'tcp',
      ['init', 'exit', 'exit_batch'],
    ]);
    expect(
      view(state)
        .pernet.map((op) => op.op)
        .indexOf('tcp'),
    ).toBe(1); // before first_device
    expect(view(state).tw).toEqual([]);
    expect(results[2]!.ret).toEqual({ ok: false, errno: 'EPERM' });
    expect(results[3]!.ret).toEqual({ ok: false, errno: 'EEXIST' });
    expect(view(state).counters.pernetLock).toBe(2);
  });

  it('has exit only (no exit_batch) in 2.6.32, and needs a full boot', () => {
    const { state } = run([tcp], { kernel: '2.6.32' });
    expect(view(state).pernet.find((op) => op.op === 'tcp')!.hooks).toEqual(['init', 'exit']);
    expect(run([tcp], { boot: 'bare' }).results[0]!.ret).toEqual({
      ok: false,
      errno: 'EOPNOTSUPP',
    });
    const taken = run([A.subsys('tcp', [])]);
    expect(run([A.subsys('tcp', []), tcp]).results[1]!.ret.ok).toBe(false);
    expect(view(taken.state).tw).toBeUndefined();
  });
});

describe('inet_twsk_hashdance and inet_lookup_established', () => {
  it('keep one global table, the net part of every key', () => {
    const { results, state } = run([
      tcp,
      A.create('n1'),
      A.create('n2'),
      add('n1', 'k'),
      add('n2', 'k'),
      add('n1', 'j'),
      add('init_net', 'a'),
      lookup('n1', 'k'),
      lookup('n2', 'j'),
      add('n1', 'k'),
    ]);
    expect(results[3]!).toMatchObject({ ret: { ok: true }, events: [] });
    expect(results[7]!.ret).toEqual({ ok: true, found: true, net: 'n1' });
    expect(results[8]!.ret).toEqual({ ok: true, found: false });
    expect(results[8]!.state).toBe(results[7]!.state);
    expect(results[9]!.ret).toEqual({ ok: false, errno: 'EEXIST' });
    expect(view(state).tw).toEqual([
      { net: 'init_net', key: 'a' },
      { net: 'n1', key: 'j' },
      { net: 'n1', key: 'k' },
      { net: 'n2', key: 'k' },
    ]);
  });

  it('refuse without a table, for a net that is not live, and an empty key', () => {
    const rets = run([
      add('init_net', 'k'),
      lookup('init_net', 'k'),
      tcp,
      A.create('n1'),
      A.get('n1'),
      A.put('n1'),
      A.put('n1'),
      add('n1', 'k'),
      lookup('n1', 'k'),
      add('nope', 'k'),
      add('init_net', ''),
      lookup('init_net', ''),
    ]).results.map((r) => r.ret);
    expect(rets.filter((r) => !r.ok)).toEqual([
      { ok: false, errno: 'EOPNOTSUPP' },
      { ok: false, errno: 'EOPNOTSUPP' },
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'EINVAL' },
    ]);
  });
});

describe('the purge', () => {
  const scene = (kernel: Kernel) =>
    run(
      [
        tcp,
        A.create('n1'),
        A.create('n2'),
        A.create('n3'),
        add('n1', 'k'),
        add('n2', 'k'),
        add('n2', 'j'),
        add('n3', 'k'),
        A.put('n1'),
        A.put('n2'),
        A.cleanup,
        A.cleanup,
      ],
      { kernel },
    );

  it('is one walk of the whole table per batch from 2.6.33 on, in tcp’s exit_batch', () => {
    for (const kernel of ['6.18', '2.6.33'] as const) {
      const { results, state } = scene(kernel);
      const events = results[10]!.events;
      const at = events.findIndex((e) => e.type === 'exit_batch' && e.op === 'tcp');
      expect(events.slice(at - 2, at + 2)).toEqual([
        E.exit('tcp', 'n2'),
        E.exit('tcp', 'n1'),
        E.exitBatch('tcp', 'n2', 'n1'),
        purge(3, 'n2', 'n1'),
      ]);
      expect(view(state).tw).toEqual([{ net: 'n3', key: 'k' }]);
    }
  });

  it('is one walk per dying net in 2.6.32, in tcp’s exit', () => {
    const { results, state } = scene('2.6.32');
    for (const [i, net, purged] of [
      [10, 'n1', 1],
      [11, 'n2', 2],
    ] as const) {
      const events = results[i]!.events;
      const at = events.findIndex((e) => e.type === 'exit' && e.op === 'tcp');
      expect(events.slice(at, at + 2)).toEqual([E.exit('tcp', net), purge(purged, net)]);
    }
    expect(view(state).tw).toEqual([{ net: 'n3', key: 'k' }]);
  });

  it('takes every dead net’s entries from 2.6.33 on, even in a failed setup’s walk', () => {
    // tcp_sk_exit_batch(): "tcp_twsk_purge() handles twsk in any dead netns, not just those
    // in net_exit_list" (bug B6); 2.6.32's per-net purge matched net_eq() only.
    const actions = [
      A.create('n1'),
      tcp,
      add('n1', 'a'),
      A.put('n1'),
      A.create('n3', 'loopback'),
      A.cleanup,
    ];
    const purges = (kernel: Kernel) =>
      run(actions, { kernel }).results.flatMap((r) =>
        r.events.filter((e) => e.type === 'tw_purge'),
      );
    for (const kernel of ['6.18', '2.6.33'] as const)
      expect(purges(kernel)).toEqual([purge(1, 'n3'), purge(0, 'n1')]);
    expect(purges('2.6.32')).toEqual([purge(0, 'n3'), purge(1, 'n1')]);
  });

  it('walks for a failed setup too (nothing of the new net to find)', () => {
    const { results } = run([tcp, A.subsys('S', ['init']), A.create('n1', 'S')]);
    expect(results[2]!.events).toContainEqual(purge(0, 'n1'));
  });
});
