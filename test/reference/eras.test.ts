/**
 * The historical profiles (reference/v2.6.33, reference/v2.6.32): traces hand-derived from those
 * kernels' C (cleanup_net, setup_net, register_pernet_operations, default_device_exit[_batch],
 * veth_dellink, loopback_net_exit, tcp_sk_exit[_batch]) and docs/contract.md's profile sections.
 */
import { describe, expect, it } from 'vitest';
import {
  createReferenceKernel,
  type Action,
  type Event,
  type Hook,
} from '../../reference/adapter.ts';

type Version = '2.6.33' | '2.6.32';

function run(kernel: Version, actions: Action[]) {
  const r = createReferenceKernel({ kernel });
  const out = actions.map((a) => r.apply(a));
  return { r, out };
}

/** Events as short strings: `exit default_device n1`, `dev_unregister p n1`, ... */
function brief(events: Event[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case 'batch':
        return `batch [${e.nets.join(',')}]`;
      case 'exit_batch':
        return `exit_batch ${e.op} [${e.nets.join(',')}]`;
      case 'dev_register':
      case 'dev_unregister':
        return `${e.type} ${e.dev} ${e.net}`;
      case 'dev_move':
        return `dev_move ${e.dev} ${e.to} ${e.name}`;
      case 'tw_purge':
        return `tw_purge [${e.nets.join(',')}] ${e.purged}`;
      case 'synchronize_rcu':
      case 'rcu_barrier':
        return e.type;
      case 'nsid_alloc':
      case 'nsid_unhash':
        return e.type;
      default:
        return 'op' in e ? `${e.type} ${e.op} ${e.net}` : `${e.type} ${e.net}`;
    }
  });
}

const veth = (dev: string, net: string, peer: string, peerNet: string): Action => ({
  type: 'register_netdev',
  dev,
  name: dev,
  net,
  kind: 'veth',
  peer: { dev: peer, name: peer, net: peerNet },
});

describe('boot per profile (net_dev_init)', () => {
  it('2.6.33: default_device has exit and exit_batch; loopback no exit', () => {
    const v = createReferenceKernel({ kernel: '2.6.33' }).view();
    expect(v.kernel).toBe('2.6.33');
    expect(v.pernet.map((p) => `${p.op}:${p.kind}:${p.hooks.join('+')}`)).toEqual([
      'netdev:subsys:init+exit',
      'loopback:device:init',
      'default_device:device:exit+exit_batch',
    ]);
  });

  it('2.6.32: loopback has its own exit; default_device only exit', () => {
    const v = createReferenceKernel({ kernel: '2.6.32' }).view();
    expect(v.kernel).toBe('2.6.32');
    expect(v.pernet.map((p) => `${p.op}:${p.hooks.join('+')}`)).toEqual([
      'netdev:init+exit',
      'loopback:init+exit',
      'default_device:exit',
    ]);
    expect(createReferenceKernel().view().kernel).toBeUndefined();
  });
});

describe('register_pernet_operations per profile', () => {
  it('hooks the era lacks and generic data in 2.6.32 are EINVAL; no nsids before 3.19', () => {
    const reg = (hooks: Hook[], generic: boolean): Action => ({
      type: 'register_pernet_subsys',
      op: `o${hooks.join('')}${generic}`,
      hooks,
      generic,
    });
    const a = run('2.6.33', [
      reg(['pre_exit'], false),
      reg(['exit_rtnl'], false),
      reg(['init', 'exit_batch'], true),
      { type: 'peernet2id_alloc', net: 'init_net', peer: 'init_net' },
    ]);
    expect(a.out.map((o) => o.ret)).toEqual([
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'EINVAL' },
      { ok: true, id: 1 }, // ida_get_new_above(&net_generic_ids, 1, ...)
      { ok: false, errno: 'EOPNOTSUPP' },
    ]);
    const b = run('2.6.32', [
      reg(['init'], true),
      reg(['exit_batch'], false),
      reg(['exit'], false),
    ]);
    expect(b.out.map((o) => o.ret)).toEqual([
      { ok: false, errno: 'EINVAL' },
      { ok: false, errno: 'EINVAL' },
      { ok: true },
    ]);
  });

  it('2.6.32: a failure at net k exits the nets before k, with no rcu_barrier', () => {
    const { out } = run('2.6.32', [
      { type: 'copy_net_ns', net: 'n1' },
      { type: 'copy_net_ns', net: 'n2' },
      {
        type: 'register_pernet_subsys',
        op: 'B',
        hooks: ['init', 'exit'],
        generic: false,
        fail: { net: 'n2' },
      },
    ]);
    expect(brief(out[2]!.events)).toEqual([
      'init B init_net',
      'init B n1',
      'init_failed B n2',
      'exit B init_net',
      'exit B n1',
    ]);
  });

  it('2.6.33: the undo is exit + exit_batch + free (exit_batch even for no nets), then rcu_barrier', () => {
    const { out } = run('2.6.33', [
      {
        type: 'register_pernet_subsys',
        op: 'Y',
        hooks: ['init', 'exit_batch'],
        generic: true,
        fail: { net: 'init_net' },
      },
    ]);
    expect(brief(out[0]!.events)).toEqual([
      'alloc Y init_net',
      'init_failed Y init_net',
      'free Y init_net',
      'exit_batch Y []',
      'rcu_barrier',
    ]);
  });
});

describe('setup_net per profile', () => {
  it('2.6.33: a failed setup unwinds without a grace period; publish costs one RTNL section', () => {
    const { out, r } = run('2.6.33', [
      { type: 'copy_net_ns', net: 'n1' },
      { type: 'register_pernet_device', op: 'X', hooks: ['init', 'exit'], generic: true },
      { type: 'copy_net_ns', net: 'n2', fail: { op: 'X' } },
    ]);
    expect(brief(out[0]!.events)).toEqual([
      'init netdev n1',
      'init loopback n1',
      'dev_register lo@n1 n1',
      'publish n1',
    ]);
    expect(brief(out[2]!.events)).toEqual([
      'init netdev n2',
      'init loopback n2',
      'dev_register lo@n2 n2',
      'alloc X n2',
      'init_failed X n2',
      'free X n2',
      'exit default_device n2',
      'exit_batch default_device [n2]',
      'dev_unregister lo@n2 n2',
      'exit netdev n2',
      'rcu_barrier',
    ]);
    // n1: lo, then the list under RTNL; n2: lo, then default_device's exit and exit_batch
    expect(r.view().counters).toMatchObject({ gracePeriods: 0, rtnl: 2 + 3 });
  });
});

describe('cleanup_net per profile', () => {
  it('2.6.33: one batch; a veth with both ends in the net goes p, v, lo (peers not cleared)', () => {
    const { out, r } = run('2.6.33', [
      { type: 'copy_net_ns', net: 'n1' },
      veth('v', 'n1', 'p', 'n1'),
      { type: 'register_netdev', dev: 'e', name: 'eth0', net: 'n1', kind: 'physical' },
      { type: 'put_net', net: 'n1' },
      { type: 'cleanup_net' },
    ]);
    expect(brief(out[4]!.events)).toEqual([
      'batch [n1]',
      'unlink n1',
      'synchronize_rcu',
      'exit default_device n1',
      'dev_move e init_net eth0',
      'exit_batch default_device [n1]',
      'dev_unregister p n1',
      'dev_unregister v n1',
      'dev_unregister lo@n1 n1',
      'exit netdev n1',
      'rcu_barrier',
      'net_free n1',
    ]);
    // unlink, default_device's exit and its exit_batch each take RTNL
    expect(r.view().counters).toMatchObject({
      workRuns: 1,
      rtnl: 2 + 1 + 1 + 3, // copy (lo, list), veth, eth0, then the run's three
      unregisterMany: 1,
      gracePeriods: 1,
    });
  });

  it('2.6.32: one net per run, oldest first; forward restart walk; lo by its own exit', () => {
    const { out, r } = run('2.6.32', [
      { type: 'copy_net_ns', net: 'n1' },
      { type: 'copy_net_ns', net: 'n2' },
      { type: 'register_netdev', dev: 'e', name: 'eth0', net: 'n1', kind: 'physical' },
      { type: 'register_netdev', dev: 'd', name: 'd0', net: 'n1', kind: 'dummy' },
      veth('v', 'n1', 'p', 'init_net'),
      { type: 'register_netdev', dev: 'b', name: 'br0', net: 'n1', kind: 'bridge' },
      { type: 'put_net', net: 'n1' },
      { type: 'put_net', net: 'n2' },
    ]);
    expect(r.view().cleanupList).toEqual(['n2', 'n1']);
    const first = r.apply({ type: 'cleanup_net' });
    expect(first.ret).toEqual({ ok: true, nets: ['n1'] });
    expect(brief(first.events)).toEqual([
      'batch [n1]',
      'unlink n1',
      'synchronize_rcu',
      'exit default_device n1',
      'dev_move e init_net eth0',
      'dev_unregister d n1',
      'dev_unregister v n1',
      'dev_unregister p init_net',
      'dev_unregister b n1',
      'exit loopback n1',
      'dev_unregister lo@n1 n1',
      'exit netdev n1',
      'rcu_barrier',
      'net_free n1',
    ]);
    expect(r.view().cleanupList).toEqual(['n2']);
    expect(r.apply({ type: 'cleanup_net' }).ret).toEqual({ ok: true, nets: ['n2'] });
    expect(r.apply({ type: 'cleanup_net' }).ret).toEqual({ ok: false, errno: 'EAGAIN' });
    expect(out).toHaveLength(8);
    expect(r.view().counters).toMatchObject({ workRuns: 2, gracePeriods: 2, rcuBarriers: 2 });
  });

  it('2.6.33 and 2.6.32: RTM_DELLINK unregisters a veth and its peer one by one', () => {
    for (const kernel of ['2.6.33', '2.6.32'] as const) {
      const { out, r } = run(kernel, [
        veth('v', 'init_net', 'p', 'init_net'),
        { type: 'unregister_netdev', dev: 'v' },
      ]);
      expect(brief(out[1]!.events)).toEqual([
        'dev_unregister v init_net',
        'dev_unregister p init_net',
      ]);
      expect(r.view().counters).toMatchObject({ unregisterMany: 2, rtnl: 2 });
    }
  });
});

describe('the TIME_WAIT purge per profile', () => {
  const actions: Action[] = [
    { type: 'copy_net_ns', net: 'n1' },
    { type: 'copy_net_ns', net: 'n2' },
    { type: 'tcp_v4_init' },
    { type: 'inet_twsk_hashdance', net: 'n1', key: 'a' },
    { type: 'inet_twsk_hashdance', net: 'n2', key: 'a' },
    { type: 'put_net', net: 'n1' },
    { type: 'put_net', net: 'n2' },
    { type: 'cleanup_net' },
  ];

  it('2.6.33: one walk per batch, in tcp exit_batch', () => {
    const { out } = run('2.6.33', actions);
    const t = brief(out[7]!.events);
    expect(t.filter((l) => l.startsWith('tw_purge'))).toEqual(['tw_purge [n2,n1] 2']);
    expect(t[t.indexOf('tw_purge [n2,n1] 2') - 1]).toBe('exit_batch tcp [n2,n1]');
  });

  it('2.6.32: one walk per net, right after exit{tcp, n}', () => {
    const { out, r } = run('2.6.32', actions);
    const t = brief(out[7]!.events);
    expect(t.slice(t.indexOf('exit tcp n1'), t.indexOf('exit tcp n1') + 2)).toEqual([
      'exit tcp n1',
      'tw_purge [n1] 1',
    ]);
    expect(r.view().tw).toEqual([{ net: 'n2', key: 'a' }]);
  });
});
