import { describe, expect, it } from 'vitest';
import { type Action, view } from '../../model/index.ts';
import { pickName, validName, validPattern } from '../../model/names.ts';
import { A, E, run } from './helpers.ts';

const devicesOf = (actions: readonly Action[], net: string) =>
  view(run(actions).state)
    .nets.find((n) => n.id === net)!
    .devices.map((d) => d.name);

describe('register_netdevice / veth_newlink', () => {
  it('registers a veth peer first, then the device, each at the tail of its net', () => {
    const { results, state } = run([A.create('n1'), A.veth('v', 'n1', 'p', 'init_net')]);
    expect(results[1]!.events).toEqual([E.reg('p', 'init_net', 'p'), E.reg('v', 'n1', 'v')]);
    expect(view(state).nets.map((n) => n.devices.map((d) => d.dev))).toEqual([
      ['lo@init_net', 'p'],
      ['lo@n1', 'v'],
    ]);
  });

  it('rejects bad requests in contract order', () => {
    const veth = (over: Partial<Extract<Action, { type: 'register_netdev' }>>): Action => ({
      type: 'register_netdev',
      dev: 'v',
      name: 'v',
      net: 'init_net',
      kind: 'veth',
      peer: { dev: 'p', name: 'p', net: 'init_net' },
      ...over,
    });
    const { results } = run([
      A.dummy('d', 'init_net'),
      A.dummy('d', 'init_net', 'x'),
      A.dummy('e', 'nope'),
      A.dummy('e', 'init_net', 'a/b'),
      A.dummy('e', 'init_net', ''),
      A.dummy('e', 'init_net', '.'),
      A.dummy('e', 'init_net', 'sixteen-chars-xx'),
      A.dummy('e', 'init_net', 'a%d'),
      {
        type: 'register_netdev',
        dev: 'e',
        name: 'e',
        net: 'init_net',
        kind: 'dummy',
        peer: { dev: 'q', name: 'q', net: 'init_net' },
      },
      { type: 'register_netdev', dev: 'e', name: 'e', net: 'init_net', kind: 'veth' },
      A.dummy('e', 'init_net', 'lo'),
      veth({ peer: { dev: 'd', name: 'p', net: 'init_net' } }),
      veth({ peer: { dev: 'v', name: 'p', net: 'init_net' } }),
      veth({ peer: { dev: 'p', name: 'p', net: 'nope' } }),
      veth({ peer: { dev: 'p', name: 'a b', net: 'init_net' } }),
      veth({ peer: { dev: 'p', name: 'd', net: 'init_net' } }),
      veth({ peer: { dev: 'p', name: 'v', net: 'init_net' } }),
    ]);
    expect(results.map((r) => (r.ret.ok ? 'ok' : r.ret.errno))).toEqual([
      'ok',
      'EEXIST',
      'ENOENT',
      'EINVAL',
      'EINVAL',
      'EINVAL',
      'EINVAL',
      'EINVAL',
      'EINVAL',
      'EINVAL',
      'EEXIST',
      'EEXIST',
      'EEXIST',
      'ENOENT',
      'EINVAL',
      'EEXIST',
      'EEXIST',
    ]);
  });

  it('reserves lo@… ids for loopback devices', () => {
    const { results } = run([
      A.dummy('lo@n5', 'init_net'),
      A.veth('v', 'init_net', 'lo@n6', 'init_net'),
      A.create('n5'),
    ]);
    expect(results.map((r) => (r.ret.ok ? 'ok' : r.ret.errno))).toEqual(['EINVAL', 'EINVAL', 'ok']);
  });

  it('is not available before net_dev_init (bare boot)', () => {
    expect(run([A.dummy('d', 'init_net')], { boot: 'bare' }).results[0]!.ret).toEqual({
      ok: false,
      errno: 'EOPNOTSUPP',
    });
  });

  it('cannot register into a queued net', () => {
    expect(run([A.create('n1'), A.put('n1'), A.dummy('d', 'n1')]).results[2]!.ret).toEqual({
      ok: false,
      errno: 'ENOENT',
    });
  });
});

describe('dev_change_net_namespace', () => {
  it('moves a device to the tail of the target list, keeping its name when free', () => {
    const { results, state } = run([
      A.create('n1'),
      A.dummy('d', 'init_net', 'eth0'),
      A.dummy('x', 'n1'),
      A.move('d', 'n1'),
    ]);
    expect(results[3]!.events).toEqual([E.move('d', 'init_net', 'n1', 'eth0')]);
    expect(view(state).nets[1]!.devices.map((d) => d.dev)).toEqual(['lo@n1', 'x', 'd']);
  });

  it('renames from the pattern only when the current name clashes', () => {
    const { results } = run([
      A.create('n1'),
      A.dummy('a', 'init_net', 'eth0'),
      A.dummy('b', 'n1', 'eth0'),
      A.dummy('c', 'n1', 'eth1'),
      A.move('b', 'init_net'),
      A.move('b', 'init_net', 'eth0'),
      A.move('b', 'init_net', 'eth%d'),
      A.move('c', 'init_net', 'zz'),
    ]);
    expect(results.slice(4).map((r) => r.ret)).toEqual([
      { ok: false, errno: 'EEXIST' },
      { ok: false, errno: 'EEXIST' },
      { ok: true },
      { ok: true },
    ]);
    expect(results[6]!.events).toEqual([E.move('b', 'n1', 'init_net', 'eth1')]);
    expect(results[7]!.events).toEqual([E.move('c', 'n1', 'init_net', 'zz')]);
  });

  it('rejects unknown devices and nets, netns_local devices and bad names; same net is a no-op', () => {
    const { results } = run([
      A.create('n1'),
      A.bridge('br', 'init_net'),
      A.dummy('d', 'init_net'),
      A.dummy('c', 'n1', 'd'), // d's name is taken in n1
      A.move('nope', 'n1'),
      A.move('d', 'nope'),
      A.move('br', 'n1'),
      A.move('lo@init_net', 'n1'),
      A.move('d', 'n1', 'a%db%d'),
      A.move('d', 'n1', 'a/b'),
      A.move('d', 'init_net', 'a/b'), // same net: the name is never read
    ]);
    expect(results.slice(4).map((r) => (r.ret.ok ? 'ok' : r.ret.errno))).toEqual([
      'ENOENT',
      'ENOENT',
      'EINVAL',
      'EINVAL',
      'EINVAL',
      'EINVAL',
      'ok',
    ]);
    expect(results.at(-1)!.events).toEqual([]);
    // copy_net_ns (lo) + bridge + two dummies + the same-net no-op: five RTNL sections
    expect(results.at(-1)!.state.counters.rtnl).toBe(5);
  });

  it('reads `name` only when the device’s own name is taken in the target', () => {
    const { results } = run([A.create('n1'), A.dummy('d', 'init_net'), A.move('d', 'n1', 'a/b')]);
    expect(results.at(-1)!.ret).toEqual({ ok: true });
    expect(results.at(-1)!.events).toEqual([E.move('d', 'init_net', 'n1', 'd')]);
  });
});

describe('rtnl_dellink / unregister_netdevice_many', () => {
  it('deletes a veth and its peer across nets in one call', () => {
    const { results, state } = run([
      A.create('n1'),
      A.veth('v', 'n1', 'p', 'init_net'),
      A.del('p'),
    ]);
    expect(results[2]!.events).toEqual([E.unreg('p', 'init_net'), E.unreg('v', 'n1')]);
    // lo's registration in setup_net, the veth, the deletion
    expect(state.counters).toMatchObject({ unregisterMany: 1, rtnl: 3 });
  });

  it('refuses devices without rtnl_link_ops, unknown ones and ones in queued nets', () => {
    const { results } = run([
      A.create('n1'),
      A.physical('eth0', 'init_net'),
      A.dummy('d', 'n1'),
      A.del('lo@init_net'),
      A.del('eth0'),
      A.del('nope'),
      A.put('n1'),
      A.del('d'),
      A.dummy('b', 'init_net'),
      A.del('b'),
    ]);
    expect(results.slice(3).map((r) => (r.ret.ok ? 'ok' : r.ret.errno))).toEqual([
      'EOPNOTSUPP',
      'EOPNOTSUPP',
      'ENOENT',
      'ok',
      'ENOENT',
      'ok',
      'ok',
    ]);
  });
});

describe('default_device_exit_batch', () => {
  it('migrates physical devices first, renaming on a clash, then deletes the rest with lo last', () => {
    const { results, state } = run([
      A.create('n1'),
      A.dummy('x', 'init_net', 'eth0'),
      A.dummy('y', 'init_net', 'dev0'),
      A.physical('ph0', 'n1', 'eth0'),
      A.physical('ph1', 'n1', 'eth1'),
      A.dummy('d', 'n1'),
      A.put('n1'),
      A.cleanup,
    ]);
    const events = results.at(-1)!.events;
    const from = events.findIndex((e) => e.type === 'exit_batch');
    expect(events.slice(from, from + 5)).toEqual([
      E.exitBatch('default_device', 'n1'),
      E.move('ph0', 'n1', 'init_net', 'dev1'),
      E.move('ph1', 'n1', 'init_net', 'eth1'),
      E.unreg('d', 'n1'),
      E.unreg('lo@n1', 'n1'),
    ]);
    expect(devicesOf([], 'init_net')).toEqual(['lo']);
    expect(view(state).nets[0]!.devices.map((d) => d.name)).toEqual([
      'lo',
      'eth0',
      'dev0',
      'dev1',
      'eth1',
    ]);
  });

  it('queues with list_move_tail: a veth peer queued early moves to its own place, lo stays last', () => {
    const { results } = run([
      A.create('n1'),
      A.create('n2'),
      A.veth('v', 'n2', 'p', 'n1'),
      A.dummy('x', 'n1'),
      A.move('v', 'n1'),
      A.bridge('br', 'n1'),
      A.put('n1'),
      A.cleanup,
    ]);
    const unregs = results.at(-1)!.events.filter((e) => e.type === 'dev_unregister');
    expect(unregs).toEqual([
      E.unreg('br', 'n1'),
      E.unreg('v', 'n1'),
      E.unreg('x', 'n1'),
      E.unreg('p', 'n1'),
      E.unreg('lo@n1', 'n1'),
    ]);
  });

  it('keeps each dying net’s devices in reverse order when a veth spans two dying nets', () => {
    const { results } = run([
      A.create('n1'),
      A.create('n2'),
      A.veth('v', 'n1', 'p', 'n2'),
      A.dummy('y', 'n2'),
      A.put('n2'),
      A.put('n1'),
      A.cleanup,
    ]);
    const unregs = results.at(-1)!.events.filter((e) => e.type === 'dev_unregister');
    expect(unregs).toEqual([
      E.unreg('v', 'n1'),
      E.unreg('lo@n1', 'n1'),
      E.unreg('y', 'n2'),
      E.unreg('p', 'n2'),
      E.unreg('lo@n2', 'n2'),
    ]);
  });
});

describe('dev_valid_name / dev_prep_valid_name', () => {
  it('accepts ordinary names and single-%d patterns only', () => {
    expect(['eth0', 'a', 'x'.repeat(15)].every(validName)).toBe(true);
    expect(
      ['', '.', '..', 'a b', 'a\tb', 'a:b', 'a/b', 'a%d', 'x'.repeat(16)].some(validName),
    ).toBe(false);
    expect(validName('é'.repeat(7))).toBe(true); // 14 bytes
    expect(validName('é'.repeat(8))).toBe(false); // 16 bytes: the kernel counts bytes
    // isspace() takes each byte and _ctype[0xA0] is _S: any name whose UTF-8 holds 0xA0 is out
    expect(['a\u00a0b', 'à', '†'].some(validName)).toBe(false);
    expect(validPattern('eth%d')).toBe(true);
    expect(validPattern('eth%x')).toBe(false);
  });

  it('picks the smallest free number and keeps free literals', () => {
    expect(pickName('dev%d', new Set(['dev0', 'dev2']))).toBe('dev1');
    expect(pickName('x%dy', new Set())).toBe('x0y');
    expect(pickName('eth0', new Set(['eth0']))).toBeNull();
    expect(pickName('eth0', new Set())).toBe('eth0');
    const taken = new Set(Array.from({ length: 10 }, (_, k) => `abcdefghijklmn${k}`));
    expect(pickName('abcdefghijklmn%d', taken)).toBeNull(); // the next would be 16 bytes
  });
});
