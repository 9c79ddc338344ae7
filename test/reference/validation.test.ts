/**
 * The adapter's request validation, rule by rule from docs/contract.md: a request that breaks
 * a rule fails with that rule's errno, emits no event and changes nothing in the view — not
 * even a counter (divergences D7–D9: the kernel would fail some of them under a counted RTNL
 * section, the contract checks first).
 */
import { describe, expect, it } from 'vitest';
import { createReferenceKernel, type Action } from '../../reference/adapter.ts';
import type { Hook } from '../../reference/contract.ts';

type Profile = '6.18' | '2.6.33' | '2.6.32';

/** Boot, run `setup` (each must succeed), then `bad` must fail with `errno` and change nothing. */
function rejects(
  setup: Action[],
  bad: Action,
  errno: string,
  opts: { boot?: 'full' | 'bare'; kernel?: Profile } = {},
): void {
  const r = createReferenceKernel({
    boot: opts.boot ?? 'full',
    ...(opts.kernel && opts.kernel !== '6.18' ? { kernel: opts.kernel } : {}),
  });
  for (const a of setup) expect(r.apply(a).ret, JSON.stringify(a)).toMatchObject({ ok: true });
  const before = r.view();
  const { ret, events } = r.apply(bad);
  expect(ret, JSON.stringify(bad)).toEqual({ ok: false, errno });
  expect(events).toEqual([]);
  expect(r.view()).toEqual(before);
}

const net = (id: string): Action => ({ type: 'copy_net_ns', net: id });
const put = (id: string): Action => ({ type: 'put_net', net: id });
const sub = (op: string, hooks: Hook[] = ['init']): Action => ({
  type: 'register_pernet_subsys',
  op,
  hooks,
  generic: false,
});
const dummy = (dev: string, name: string, n = 'init_net'): Action => ({
  type: 'register_netdev',
  dev,
  name,
  net: n,
  kind: 'dummy',
});
const veth = (dev: string, name: string, n: string, peer: [string, string, string]): Action => ({
  type: 'register_netdev',
  dev,
  name,
  net: n,
  kind: 'veth',
  peer: { dev: peer[0], name: peer[1], net: peer[2] },
});
const move = (dev: string, n: string, name?: string): Action => ({
  type: 'dev_change_net_namespace',
  dev,
  net: n,
  ...(name === undefined ? {} : { name }),
});

describe('namespace actions', () => {
  it('copy_net_ns: consumed id, unknown fail op, fail op without init', () => {
    rejects([net('n1')], net('n1'), 'EEXIST');
    rejects([net('n1'), put('n1'), { type: 'cleanup_net' }], net('n1'), 'EEXIST');
    rejects([], { type: 'copy_net_ns', net: 'n1', fail: { op: 'nope' } }, 'ENOENT');
    rejects(
      [sub('op1', ['exit'])],
      { type: 'copy_net_ns', net: 'n1', fail: { op: 'op1' } },
      'EINVAL',
    );
    rejects([], { type: 'copy_net_ns', net: 'n1', fail: { op: 'default_device' } }, 'EINVAL');
  });

  it('get_net / put_net: unknown or dead net; a queued net; the last ref of init_net', () => {
    rejects([], { type: 'get_net', net: 'nope' }, 'ENOENT');
    rejects([net('n1'), put('n1')], { type: 'get_net', net: 'n1' }, 'ENOENT');
    rejects(
      [net('n1'), put('n1'), { type: 'cleanup_net' }],
      { type: 'get_net', net: 'n1' },
      'ENOENT',
    );
    rejects([], put('nope'), 'ENOENT');
    rejects([net('n1'), put('n1')], put('n1'), 'EINVAL');
    rejects([], put('init_net'), 'EINVAL');
    rejects([], put('init_net'), 'EINVAL', { boot: 'bare' });
  });

  it('cleanup_net: EAGAIN with nothing queued (and after the queue drained)', () => {
    rejects([], { type: 'cleanup_net' }, 'EAGAIN');
    rejects([net('n1'), put('n1'), { type: 'cleanup_net' }], { type: 'cleanup_net' }, 'EAGAIN');
  });

  it('peernet2id_alloc: EOPNOTSUPP before v3.19; either net not live is ENOENT', () => {
    const pair = (a: string, b: string): Action => ({ type: 'peernet2id_alloc', net: a, peer: b });
    rejects([net('n1')], pair('n1', 'init_net'), 'EOPNOTSUPP', { kernel: '2.6.33' });
    rejects([net('n1')], pair('n1', 'init_net'), 'EOPNOTSUPP', { kernel: '2.6.32' });
    rejects([], pair('nope', 'init_net'), 'ENOENT');
    rejects([], pair('init_net', 'nope'), 'ENOENT');
    rejects([net('n1'), put('n1')], pair('n1', 'init_net'), 'ENOENT');
    rejects([net('n1'), put('n1')], pair('init_net', 'n1'), 'ENOENT');
  });
});

describe('pernet actions', () => {
  it('register: consumed op, bad hooks, hooks or generic the era lacks, bad fail net', () => {
    rejects([sub('op1')], sub('op1'), 'EEXIST');
    rejects([], sub('netdev'), 'EEXIST');
    rejects([], sub('op1', ['init', 'init']), 'EINVAL');
    rejects([], sub('op1', ['nope' as Hook]), 'EINVAL');
    rejects([], sub('op1', 'init' as unknown as Hook[]), 'EINVAL');
    rejects([], sub('op1', ['init', 'pre_exit']), 'EINVAL', { kernel: '2.6.33' });
    rejects([], sub('op1', ['init', 'exit_rtnl']), 'EINVAL', { kernel: '2.6.32' });
    rejects(
      [],
      { type: 'register_pernet_subsys', op: 'op1', hooks: ['init'], generic: true },
      'EINVAL',
      { kernel: '2.6.32' },
    );
    const failing = (n: string, hooks: ['init'] | ['exit']): Action => ({
      type: 'register_pernet_device',
      op: 'op1',
      hooks,
      generic: false,
      fail: { net: n },
    });
    rejects([], failing('nope', ['init']), 'ENOENT');
    rejects([net('n1'), put('n1'), { type: 'cleanup_net' }], failing('n1', ['init']), 'ENOENT');
    rejects([], failing('init_net', ['exit']), 'EINVAL');
  });

  it('unregister: unknown op, core op on a full boot, wrong kind', () => {
    const un = (op: string, t: 'subsys' | 'device' = 'subsys'): Action => ({
      type: `unregister_pernet_${t}`,
      op,
    });
    rejects([], un('nope'), 'ENOENT');
    rejects([sub('op1'), un('op1')], un('op1'), 'ENOENT');
    rejects([], un('netdev'), 'EPERM');
    rejects([], un('loopback', 'device'), 'EPERM');
    rejects([{ type: 'tcp_v4_init' }], un('tcp'), 'EPERM');
    rejects([sub('op1')], un('op1', 'device'), 'EINVAL');
  });

  it('an unknown action type is EINVAL', () => {
    rejects([], { type: 'reboot' } as unknown as Action, 'EINVAL');
  });
});

describe('register_netdev', () => {
  it('bare boot, consumed or reserved ids, dead net, bad name, bad kind, peer mismatch', () => {
    rejects([], dummy('d1', 'd1'), 'EOPNOTSUPP', { boot: 'bare' });
    rejects([dummy('d1', 'x')], dummy('d1', 'y'), 'EEXIST');
    rejects([], dummy('lo@n1', 'y'), 'EINVAL');
    rejects([], veth('v1', 'v1', 'init_net', ['lo@n2', 'v2', 'init_net']), 'EINVAL');
    rejects([], dummy('d1', 'd1', 'nope'), 'ENOENT');
    rejects([net('n1'), put('n1')], dummy('d1', 'd1', 'n1'), 'ENOENT');
    for (const name of ['', 'a b', 'a'.repeat(16), 'eth%d', 'x%', '.', 'a/b'])
      rejects([], dummy('d1', name), 'EINVAL');
    rejects([], { ...dummy('d1', 'd1'), kind: 'loopback' } as unknown as Action, 'EINVAL');
    rejects([], { ...dummy('d1', 'd1'), kind: 'toString' } as unknown as Action, 'EINVAL');
    rejects([], { ...dummy('d1', 'd1'), kind: 'veth' } as Action, 'EINVAL');
    rejects(
      [],
      { ...dummy('d1', 'd1'), peer: { dev: 'p', name: 'p', net: 'init_net' } } as Action,
      'EINVAL',
    );
    rejects([], dummy('d1', 'lo'), 'EEXIST');
    rejects([net('n1')], dummy('d1', 'lo', 'n1'), 'EEXIST');
  });

  it('veth peers: consumed or same id, dead peer net, bad or taken peer name', () => {
    rejects([dummy('d1', 'x')], veth('v1', 'v1', 'init_net', ['d1', 'p', 'init_net']), 'EEXIST');
    rejects([], veth('v1', 'v1', 'init_net', ['v1', 'p', 'init_net']), 'EEXIST');
    rejects([], veth('v1', 'v1', 'init_net', ['v2', 'p', 'nope']), 'ENOENT');
    rejects([net('n1'), put('n1')], veth('v1', 'v1', 'init_net', ['v2', 'p', 'n1']), 'ENOENT');
    for (const name of ['', 'a b', 'p%d', 'a'.repeat(16)])
      rejects([], veth('v1', 'v1', 'init_net', ['v2', name, 'init_net']), 'EINVAL');
    rejects([net('n1')], veth('v1', 'v1', 'init_net', ['v2', 'lo', 'n1']), 'EEXIST');
    rejects([], veth('v1', 'same', 'init_net', ['v2', 'same', 'init_net']), 'EEXIST');
  });

  it('a veth pair with the same name in two nets, and a peer id that failed before, are fine', () => {
    const r = createReferenceKernel();
    expect(r.apply(net('n1')).ret).toEqual({ ok: true });
    expect(r.apply(veth('v1', 'same', 'init_net', ['v2', 'same', 'n1'])).ret).toEqual({ ok: true });
    const devs = r.view().nets.map((n) => n.devices.map((d) => `${d.dev}:${d.name}`));
    expect(devs).toEqual([
      ['lo@init_net:lo', 'v1:same'],
      ['lo@n1:lo', 'v2:same'],
    ]);
  });
});

describe('dev_change_net_namespace', () => {
  it('unknown device, device of a dead net, dead target, immutable device', () => {
    rejects([], move('nope', 'init_net'), 'ENOENT');
    rejects([net('n1'), dummy('d1', 'd1', 'n1'), put('n1')], move('d1', 'init_net'), 'ENOENT');
    rejects([dummy('d1', 'd1')], move('d1', 'nope'), 'ENOENT');
    rejects([dummy('d1', 'd1'), net('n1'), put('n1')], move('d1', 'n1'), 'ENOENT');
    rejects([net('n1')], move('lo@init_net', 'n1'), 'EINVAL');
    rejects(
      [net('n1'), { ...dummy('b1', 'br0'), kind: 'bridge' } as Action],
      move('b1', 'n1'),
      'EINVAL',
    );
  });

  it('on a name clash: no name EEXIST, a bad name EINVAL, a taken name EEXIST', () => {
    const clash = [net('n1'), dummy('d1', 'x'), dummy('d2', 'x', 'n1'), dummy('d3', 'y', 'n1')];
    rejects(clash, move('d1', 'n1'), 'EEXIST');
    for (const name of ['a b', '', 'a%s', 'a%d%d', 'a'.repeat(16)])
      rejects(clash, move('d1', 'n1', name), 'EINVAL');
    rejects(clash, move('d1', 'n1', 'y'), 'EEXIST');
  });

  it('without a clash the name is not looked at (X5); a pattern renames on a clash', () => {
    const r = createReferenceKernel();
    for (const a of [net('n1'), dummy('d1', 'x'), dummy('d2', 'x', 'n1'), dummy('d3', 'z')])
      r.apply(a);
    expect(r.apply(move('d3', 'n1', 'a b')).ret).toEqual({ ok: true });
    expect(r.apply(move('d1', 'n1', 'x%d')).events).toEqual([
      { type: 'dev_move', dev: 'd1', from: 'init_net', to: 'n1', name: 'x0' },
    ]);
    expect(r.apply(move('d1', 'n1', 'a b')).ret).toEqual({ ok: true }); // same net: nothing to do
    expect(r.apply(move('d2', 'init_net', 'w')).events).toEqual([
      { type: 'dev_move', dev: 'd2', from: 'n1', to: 'init_net', name: 'x' },
    ]);
  });
});

describe('unregister_netdev', () => {
  it('unknown device, device of a dead net, a device without dellink', () => {
    const un = (dev: string): Action => ({ type: 'unregister_netdev', dev });
    rejects([], un('nope'), 'ENOENT');
    rejects([dummy('d1', 'd1'), un('d1')], un('d1'), 'ENOENT');
    rejects([net('n1'), dummy('d1', 'd1', 'n1'), put('n1')], un('d1'), 'ENOENT');
    rejects([], un('lo@init_net'), 'EOPNOTSUPP');
    rejects([{ ...dummy('e1', 'eth0'), kind: 'physical' } as Action], un('e1'), 'EOPNOTSUPP');
  });
});

describe('TIME_WAIT actions', () => {
  it('tcp_v4_init: bare EOPNOTSUPP, twice EEXIST; table actions before it, bad net or key', () => {
    const hd = (n: string, key: string): Action => ({ type: 'inet_twsk_hashdance', net: n, key });
    const lk = (n: string, key: string): Action => ({
      type: 'inet_lookup_established',
      net: n,
      key,
    });
    const init: Action = { type: 'tcp_v4_init' };
    rejects([], init, 'EOPNOTSUPP', { boot: 'bare' });
    rejects([init], init, 'EEXIST');
    rejects([sub('tcp')], init, 'EEXIST');
    rejects([], hd('init_net', 'a'), 'EOPNOTSUPP');
    rejects([], lk('init_net', 'a'), 'EOPNOTSUPP');
    rejects([init], hd('nope', 'a'), 'ENOENT');
    rejects([init, net('n1'), put('n1')], lk('n1', 'a'), 'ENOENT');
    rejects([init], hd('init_net', ''), 'EINVAL');
    rejects([init], lk('init_net', ''), 'EINVAL');
    rejects([init, hd('init_net', 'a')], hd('init_net', 'a'), 'EEXIST');
  });
});
