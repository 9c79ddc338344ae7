/**
 * The adapter (reference/adapter.ts): docs/contract.md's validation order, ids and the view,
 * on top of the kernel-shaped code. Scenarios are written from the contract page.
 */
import { describe, expect, it } from 'vitest';
import { createReferenceKernel, type Action } from '../../reference/adapter.ts';

function run(actions: Action[], boot: 'full' | 'bare' = 'full') {
  const r = createReferenceKernel({ boot });
  const out = actions.map((a) => r.apply(a));
  return { r, out, last: out.at(-1)! };
}

describe('boot', () => {
  it('full: three core ops, init_net with lo@init_net, zero counters', () => {
    const v = createReferenceKernel().view();
    expect(v.pernet.map((p) => `${p.op}:${p.kind}:${p.hooks.join('+')}`)).toEqual([
      'netdev:subsys:init+exit',
      'loopback:device:init',
      'default_device:device:exit_batch',
    ]);
    expect(v.firstDevice).toBe('loopback');
    expect(v.nets).toEqual([
      {
        id: 'init_net',
        count: 1,
        queued: false,
        devices: [{ dev: 'lo@init_net', name: 'lo', kind: 'loopback' }],
        nsids: [],
        data: [],
      },
    ]);
    expect(Object.values(v.counters)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('bare: register_netdev is EOPNOTSUPP, the other device actions find no device', () => {
    const { out } = run(
      [
        { type: 'register_netdev', dev: 'd', name: 'd', net: 'init_net', kind: 'dummy' },
        { type: 'unregister_netdev', dev: 'd' },
        { type: 'dev_change_net_namespace', dev: 'd', net: 'init_net' },
      ],
      'bare',
    );
    expect(out.map((o) => o.ret)).toEqual([
      { ok: false, errno: 'EOPNOTSUPP' },
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'ENOENT' },
    ]);
  });

  it('bare: a failed registration of an exit_rtnl op runs phase C (no dev_boot_phase BUG)', () => {
    const { last, r } = run(
      [
        {
          type: 'register_pernet_device',
          op: 'op1',
          hooks: ['init', 'exit_rtnl'],
          generic: true,
          fail: { net: 'init_net' },
        },
      ],
      'bare',
    );
    expect(last.ret).toEqual({ ok: false, errno: 'ENOMEM' });
    expect(last.events.map((e) => e.type)).toEqual([
      'alloc',
      'init_failed',
      'free',
      'synchronize_rcu',
      'rcu_barrier',
    ]);
    expect(r.view().counters).toMatchObject({ rtnl: 1, unregisterMany: 1, pernetLock: 1 });
  });
});

describe('copy_net_ns', () => {
  it('lo registration is one RTNL section; the net is published with lo@N', () => {
    const { last, r } = run([{ type: 'copy_net_ns', net: 'n1' }]);
    expect(last).toEqual({
      ret: { ok: true },
      events: [
        { type: 'init', op: 'netdev', net: 'n1' },
        { type: 'init', op: 'loopback', net: 'n1' },
        { type: 'dev_register', dev: 'lo@n1', net: 'n1', name: 'lo' },
        { type: 'publish', net: 'n1' },
      ],
    });
    expect(r.view().counters).toMatchObject({ pernetLock: 1, rtnl: 1 });
  });

  it('validation: consumed id EEXIST (even after a failure), unknown fail op ENOENT, no init EINVAL', () => {
    const { out } = run([
      { type: 'copy_net_ns', net: 'n1', fail: { op: 'netdev' } },
      { type: 'copy_net_ns', net: 'n1' },
      { type: 'copy_net_ns', net: 'n2', fail: { op: 'nope' } },
      { type: 'copy_net_ns', net: 'n3', fail: { op: 'default_device' } },
    ]);
    expect(out.map((o) => o.ret)).toEqual([
      { ok: false, errno: 'ENOMEM' },
      { ok: false, errno: 'EEXIST' },
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'EINVAL' },
    ]);
  });
});

describe('register_netdev validation', () => {
  it('lo@ ids are reserved (EINVAL), checked before the net is looked up', () => {
    const { out, r } = run([
      { type: 'register_netdev', dev: 'lo@x', name: 'a', net: 'nope', kind: 'dummy' },
      {
        type: 'register_netdev',
        dev: 'v0',
        name: 'v0',
        net: 'init_net',
        kind: 'veth',
        peer: { dev: 'lo@init_net', name: 'v1', net: 'init_net' },
      },
      { type: 'register_netdev', dev: 'lo@init_net', name: 'a', net: 'init_net', kind: 'dummy' },
    ]);
    expect(out.map((o) => o.ret)).toEqual([
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'EEXIST' }, // consumed at boot: rule 2 comes first
    ]);
    expect(r.view().counters.rtnl).toBe(0);
  });

  it('names are counted in UTF-8 bytes', () => {
    const { out } = run([
      { type: 'register_netdev', dev: 'a', name: 'é'.repeat(7), net: 'init_net', kind: 'dummy' },
      { type: 'register_netdev', dev: 'b', name: 'é'.repeat(8), net: 'init_net', kind: 'dummy' },
    ]);
    expect(out.map((o) => o.ret)).toEqual([{ ok: true }, { ok: false, errno: 'EINVAL' }]);
  });

  it('veth registers the peer first; a failed request changes nothing', () => {
    const { out, r } = run([
      { type: 'copy_net_ns', net: 'n1' },
      {
        type: 'register_netdev',
        dev: 'v0',
        name: 'x',
        net: 'n1',
        kind: 'veth',
        peer: { dev: 'v1', name: 'x', net: 'n1' },
      },
      {
        type: 'register_netdev',
        dev: 'v0',
        name: 'x',
        net: 'n1',
        kind: 'veth',
        peer: { dev: 'v1', name: 'y', net: 'init_net' },
      },
    ]);
    expect(out[1]!.ret).toEqual({ ok: false, errno: 'EEXIST' });
    expect(out[1]!.events).toEqual([]);
    expect(out[2]!.events).toEqual([
      { type: 'dev_register', dev: 'v1', net: 'init_net', name: 'y' },
      { type: 'dev_register', dev: 'v0', net: 'n1', name: 'x' },
    ]);
    expect(r.view().counters.rtnl).toBe(2);
  });
});

describe('cleanup_net', () => {
  it('EAGAIN with nothing queued; ret lists the batch newest first', () => {
    const { out, r } = run([
      { type: 'cleanup_net' },
      { type: 'copy_net_ns', net: 'n1' },
      { type: 'copy_net_ns', net: 'n2' },
      { type: 'put_net', net: 'n1' },
      { type: 'put_net', net: 'n2' },
      { type: 'cleanup_net' },
    ]);
    expect(out[0]!.ret).toEqual({ ok: false, errno: 'EAGAIN' });
    expect(out[3]!.ret).toEqual({ ok: true, count: 0 });
    expect(out[5]!.ret).toEqual({ ok: true, nets: ['n2', 'n1'] });
    expect(r.view().nets.map((n) => n.id)).toEqual(['init_net']);
  });
});
