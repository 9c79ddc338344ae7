/**
 * net/core/dev.c and drivers/net/veth.c: names (dev_valid_name, __dev_alloc_name),
 * unregister_netdevice_many, __dev_change_net_namespace, default_device_exit_batch,
 * veth_newlink and veth_dellink. Expected device orders are read off the C.
 */
import { describe, expect, it } from 'vitest';
import { EEXIST, EINVAL, EOPNOTSUPP } from '../../reference/include/errno.ts';
import { LIST_HEAD } from '../../reference/include/list.ts';
import type { net_device } from '../../reference/include/linux/netdevice.ts';
import type { net } from '../../reference/include/net/net_namespace.ts';
import { dummy_link_ops } from '../../reference/drivers/net/dummy.ts';
import { ethernet_probe } from '../../reference/drivers/net/ethernet.ts';
import { veth_link_ops, type veth_priv } from '../../reference/drivers/net/veth.ts';
import { kasan_is_freed } from '../../reference/mm/kasan.ts';
import { br_link_ops } from '../../reference/net/bridge/br_device.ts';
import {
  __dev_change_net_namespace,
  dev_prep_valid_name,
  dev_valid_name,
  unregister_netdevice_many,
} from '../../reference/net/core/dev.ts';
import {
  rtnl_dellink,
  rtnl_lock,
  rtnl_newlink,
  rtnl_setlink_netns,
  rtnl_unlock,
} from '../../reference/net/core/rtnetlink.ts';
import { bench, devNames, type Bench } from './helpers.ts';

function must(d: net_device | number): net_device {
  if (typeof d === 'number') throw new Error(`device creation failed: ${d}`);
  return d;
}

const dummy = (b: Bench, n: net, name: string): net_device =>
  must(rtnl_newlink(b.k, n, dummy_link_ops, name, { peer_net: null, peer_ifname: null }));
const bridge = (b: Bench, n: net, name: string): net_device =>
  must(rtnl_newlink(b.k, n, br_link_ops, name, { peer_net: null, peer_ifname: null }));
const veth = (b: Bench, n: net, name: string, peerNet: net, peer: string): net_device =>
  must(rtnl_newlink(b.k, n, veth_link_ops, name, { peer_net: peerNet, peer_ifname: peer }));
const nic = (b: Bench, n: net, name: string): net_device => must(ethernet_probe(b.k, n, name));

describe('dev_valid_name', () => {
  it('1..15 bytes of UTF-8, not . or .., no / : or isspace() byte', () => {
    expect(dev_valid_name('')).toBe(false);
    expect(dev_valid_name('a'.repeat(15))).toBe(true);
    expect(dev_valid_name('a'.repeat(16))).toBe(false);
    expect(dev_valid_name('é'.repeat(7))).toBe(true); // 14 bytes
    expect(dev_valid_name('é'.repeat(8))).toBe(false); // 16 bytes
    for (const bad of ['.', '..', 'a/b', 'a:b', 'a b', 'a\tb', 'a\vb', 'a\fb', 'a\rb'])
      expect(dev_valid_name(bad), bad).toBe(false);
    expect(dev_valid_name('...')).toBe(true);
  });

  it("isspace() of lib/ctype.c is Latin-1: byte 0xA0 counts, so 'à' (C3 A0) is invalid", () => {
    expect(dev_valid_name('à')).toBe(false);
    expect(dev_valid_name('á')).toBe(true); // C3 A1
  });
});

describe('__dev_alloc_name (dev_prep_valid_name with a pattern)', () => {
  it('takes the smallest unit no device name reproduces through printf', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    for (const name of ['dev0', 'dev2', 'dev01', 'devx']) nic(b, n1, name);
    // dev01 scans as 1 but prints back as dev1: not in use
    expect(dev_prep_valid_name(n1, 'dev%d', EEXIST)).toEqual({ err: 1, out_name: 'dev1' });
    expect(dev_prep_valid_name(n1, 'a%db', EEXIST)).toEqual({ err: 0, out_name: 'a0b' });
    expect(dev_prep_valid_name(n1, 'dev0', EEXIST).err).toBe(-EEXIST);
    expect(dev_prep_valid_name(n1, 'a%d%d', EEXIST).err).toBe(-EINVAL);
  });

  it('snprintf(res, IFNAMSIZ, ...) truncates a result longer than 15 bytes', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const pat = 'abcdefghijklm%d'; // 15 bytes: 13 + the number
    for (let i = 0; i < 100; i++) nic(b, n1, `abcdefghijklm${i}`);
    expect(dev_prep_valid_name(n1, pat, EEXIST)).toEqual({
      err: 100,
      out_name: 'abcdefghijklm10',
    });
  });
});

describe('unregister_netdevice_many', () => {
  it('notifies in kill-list order, then the devices leave their nets', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const d1 = dummy(b, n1, 'd1');
    const d2 = dummy(b, n1, 'd2');
    b.trace();
    const kill = LIST_HEAD<net_device>();
    rtnl_lock(b.k);
    d2.rtnl_link_ops?.dellink?.(b.k, d2, kill);
    d1.rtnl_link_ops?.dellink?.(b.k, d1, kill);
    unregister_netdevice_many(b.k, kill);
    rtnl_unlock(b.k);
    expect(b.trace()).toEqual(['dev_unregister d2 n1', 'dev_unregister d1 n1']);
    expect(devNames(n1)).toEqual(['lo']);
    // netdev_run_todo() (from rtnl_unlock) finished them: needs_free_netdev, so freed
    expect([d1.reg_state, d2.reg_state]).toEqual(['NETREG_RELEASED', 'NETREG_RELEASED']);
    expect(kasan_is_freed(b.k, d1)).toBe(true);
  });

  it('an empty list is still one call; during dev_boot_phase it is a BUG', () => {
    const b = bench({ boot: 'bare' });
    rtnl_lock(b.k);
    unregister_netdevice_many(b.k, LIST_HEAD());
    expect(b.k.counters.unregisterMany).toBe(1);
    b.k.dev_boot_phase = true;
    expect(() => unregister_netdevice_many(b.k, LIST_HEAD())).toThrow(/dev_boot_phase/);
  });
});

describe('__dev_change_net_namespace', () => {
  it('netns_immutable devices (lo, bridge) are EINVAL; the same net is a no-op', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const br = bridge(b, n1, 'br0');
    const d = dummy(b, n1, 'd0');
    b.trace();
    expect(rtnl_setlink_netns(b.k, n1.loopback_dev!, b.k.init_net, null)).toBe(-EINVAL);
    expect(rtnl_setlink_netns(b.k, br, b.k.init_net, null)).toBe(-EINVAL);
    expect(rtnl_setlink_netns(b.k, d, n1, null)).toBe(0);
    expect(b.trace()).toEqual([]);
  });

  it('keeps a free name, else needs a pattern or a free literal; appends to the target', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    dummy(b, n2, 'x');
    dummy(b, n2, 'dev0');
    const x = dummy(b, n1, 'x');
    b.trace();
    expect(rtnl_setlink_netns(b.k, x, n2, null)).toBe(-EEXIST);
    expect(rtnl_setlink_netns(b.k, x, n2, 'dev0')).toBe(-EEXIST);
    expect(rtnl_setlink_netns(b.k, x, n2, 'bad name')).toBe(-EINVAL);
    expect(b.trace()).toEqual([]);
    expect(rtnl_setlink_netns(b.k, x, n2, 'dev%d')).toBe(0);
    expect(b.trace()).toEqual(['dev_move dev1 n1 n2']);
    expect(devNames(n1)).toEqual(['lo']);
    expect(devNames(n2)).toEqual(['lo', 'x', 'dev0', 'dev1']);
  });

  it('looks at pat only when the name is taken (disagreement X5: the contract validates it first)', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const d = dummy(b, b.k.init_net, 'd1');
    b.trace();
    expect(rtnl_setlink_netns(b.k, d, b.k.init_net, 'a b')).toBe(0); // same net: out before pat
    expect(rtnl_setlink_netns(b.k, d, n1, 'a b')).toBe(0); // d1 is free in n1: pat unused
    expect(b.trace()).toEqual(['dev_move d1 init_net n1']);
  });

  it('must be called under RTNL', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const d = dummy(b, n1, 'd0');
    expect(() => __dev_change_net_namespace(b.k, d, b.k.init_net, null)).toThrow(/RTNL/);
  });
});

describe('veth_newlink', () => {
  it('registers the peer first, then the device, and ties them together', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    b.trace();
    const v0 = veth(b, n1, 'v0', b.k.init_net, 'v1');
    expect(b.trace()).toEqual(['dev_register v1 init_net', 'dev_register v0 n1']);
    const peer = (v0.priv as veth_priv).peer!;
    expect(peer.name).toBe('v1');
    expect((peer.priv as veth_priv).peer).toBe(v0);
    expect(b.k.counters.rtnl).toBe(2); // lo of n1, then one RTM_NEWLINK
  });

  it('when the device name is taken after the peer registered, the peer is unregistered', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    b.trace();
    const err = rtnl_newlink(b.k, n1, veth_link_ops, 'x', { peer_net: n1, peer_ifname: 'x' });
    expect(err).toBe(-EEXIST);
    expect(b.trace()).toEqual(['dev_register x n1', 'dev_unregister x n1']);
    expect(devNames(n1)).toEqual(['lo']);
  });
});

describe('veth_dellink', () => {
  it('RTM_DELLINK queues the device, then its peer, and clears both peer pointers', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const v0 = veth(b, n1, 'v0', b.k.init_net, 'v1');
    const v1 = (v0.priv as veth_priv).peer!;
    b.trace();
    expect(rtnl_dellink(b.k, v1)).toBe(0);
    expect(b.trace()).toEqual(['dev_unregister v1 init_net', 'dev_unregister v0 n1']);
    expect((v0.priv as veth_priv).peer).toBeNull();
    expect(rtnl_dellink(b.k, n1.loopback_dev!)).toBe(-EOPNOTSUPP);
  });
});

describe('default_device_exit_batch', () => {
  it('migrates physical devices home (dev%d on a clash), then kills the rest in reverse', () => {
    const b = bench();
    nic(b, b.k.init_net, 'eth0');
    const n1 = b.mustNet('n1');
    nic(b, n1, 'eth0');
    dummy(b, n1, 'd0');
    veth(b, n1, 'v0', b.k.init_net, 'v1');
    bridge(b, n1, 'br0');
    expect(devNames(n1)).toEqual(['lo', 'eth0', 'd0', 'v0', 'br0']);
    b.trace();
    const before = { ...b.k.counters };
    b.kill(n1);
    expect(b.trace()).toEqual([
      'queue n1',
      'batch [n1]',
      'unlink n1',
      'synchronize_rcu',
      'exit_batch default_device [n1]',
      'dev_move dev0 n1 init_net',
      'dev_unregister br0 n1',
      'dev_unregister v0 n1',
      'dev_unregister v1 init_net',
      'dev_unregister d0 n1',
      'dev_unregister lo n1',
      'exit netdev n1',
      'rcu_barrier',
      'net_free n1',
    ]);
    expect(devNames(b.k.init_net)).toEqual(['lo', 'eth0', 'dev0']);
    expect(b.k.counters.rtnl - before.rtnl).toBe(1);
    expect(b.k.counters.unregisterMany - before.unregisterMany).toBe(1);
  });

  it('list_move_tail: a veth end queued by its peer moves to the tail when queued again', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const a = veth(b, n1, 'a', b.k.init_net, 'b');
    dummy(b, n1, 'x');
    rtnl_setlink_netns(b.k, (a.priv as veth_priv).peer!, n1, null);
    expect(devNames(n1)).toEqual(['lo', 'a', 'x', 'b']);
    b.trace();
    b.kill(n1);
    expect(b.trace().filter((l) => l.startsWith('dev_unregister'))).toEqual([
      'dev_unregister b n1',
      'dev_unregister x n1',
      'dev_unregister a n1',
      'dev_unregister lo n1',
    ]);
  });

  it('B23: list_add_tail loses x from the kill list; netdev_exit then WARNs', () => {
    const b = bench({ bugs: ['B23'] });
    const n1 = b.mustNet('n1');
    const a = veth(b, n1, 'a', b.k.init_net, 'b');
    dummy(b, n1, 'x');
    rtnl_setlink_netns(b.k, (a.priv as veth_priv).peer!, n1, null);
    expect(() => b.kill(n1)).toThrow(/netdev_exit: net n1 still has devices \[x\]/);
  });

  it('B22pernet and B22forward: one unregister_netdevice_many per net, lo first', () => {
    const b = bench({ bugs: ['B22pernet', 'B22forward'] });
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    dummy(b, n1, 'd1');
    b.trace();
    const before = b.k.counters.unregisterMany;
    b.kill(n1, n2);
    expect(b.trace().filter((l) => l.startsWith('dev_unregister'))).toEqual([
      'dev_unregister lo n2',
      'dev_unregister lo n1',
      'dev_unregister d1 n1',
    ]);
    expect(b.k.counters.unregisterMany - before).toBe(2);
  });
});
