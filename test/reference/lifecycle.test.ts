/**
 * Small lifecycle facts no generated run separates: copy_net_ns() without CLONE_NEWNET shares
 * the old net (every profile); every device kind is freed once unregistered (needs_free_netdev);
 * the instrumented ops name the hook that touched freed data.
 */
import { describe, expect, it } from 'vitest';
import { LIST_HEAD, list_add_tail } from '../../reference/include/list.ts';
import type { net } from '../../reference/include/net/net_namespace.ts';
import { start_kernel } from '../../reference/kernel.ts';
import { kasan_is_freed } from '../../reference/mm/kasan.ts';
import { kfree } from '../../reference/mm/slab.ts';
import { net_generic } from '../../reference/include/net/netns/generic.ts';
import { dummy_link_ops } from '../../reference/drivers/net/dummy.ts';
import { ethernet_probe } from '../../reference/drivers/net/ethernet.ts';
import { veth_link_ops, type veth_priv } from '../../reference/drivers/net/veth.ts';
import { br_link_ops } from '../../reference/net/bridge/br_device.ts';
import { unregister_netdevice } from '../../reference/net/core/dev.ts';
import { register_pernet_subsys } from '../../reference/net/core/net_namespace_pernet.ts';
import {
  rtnl_dellink,
  rtnl_lock,
  rtnl_newlink,
  rtnl_unlock,
} from '../../reference/net/core/rtnetlink.ts';
import type { net_device } from '../../reference/include/linux/netdevice.ts';
import { bench, op } from './helpers.ts';

describe('copy_net_ns without CLONE_NEWNET', () => {
  for (const kernel of ['6.18', '2.6.33', '2.6.32'] as const)
    it(`${kernel}: returns the old net with one more reference`, () => {
      const k = start_kernel({ kernel });
      const before = k.init_net.ns.count.refs;
      expect(k.era.copy_net_ns(k, 0, k.init_net)).toBe(k.init_net);
      expect(k.init_net.ns.count.refs).toBe(before + 1);
      expect(k.trace).toEqual([]);
    });
});

describe('needs_free_netdev', () => {
  it('dummy, veth (both ends), bridge and NIC devices are freed once unregistered; lo with its net', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const mk = (ops: typeof dummy_link_ops, name: string): net_device => {
      const d = rtnl_newlink(b.k, n1, ops, name, { peer_net: null, peer_ifname: null });
      if (typeof d === 'number') throw new Error(`${name}: ${d}`);
      return d;
    };
    const devs = [mk(dummy_link_ops, 'd0'), mk(br_link_ops, 'br0')];
    const v = rtnl_newlink(b.k, n1, veth_link_ops, 'v0', { peer_net: n1, peer_ifname: 'v1' });
    if (typeof v === 'number') throw new Error(`veth: ${v}`);
    const peer = (v.priv as veth_priv).peer!;
    for (const d of [...devs, v]) expect(rtnl_dellink(b.k, d)).toBe(0);
    for (const d of [...devs, v, peer]) expect(kasan_is_freed(b.k, d), d.name).toBe(true);
    const nic = ethernet_probe(b.k, n1, 'eth0') as net_device;
    rtnl_lock(b.k);
    unregister_netdevice(b.k, nic);
    rtnl_unlock(b.k);
    expect(kasan_is_freed(b.k, nic)).toBe(true);
    const lo = n1.loopback_dev!;
    b.kill(n1);
    expect(kasan_is_freed(b.k, lo)).toBe(true);
  });
});

describe('the instrumented ops name the hook', () => {
  it('init, pre_exit, exit_batch and exit_rtnl each report themselves on freed data', () => {
    const b = bench();
    const a = op('A', ['init', 'pre_exit', 'exit_batch', 'exit_rtnl'], true);
    register_pernet_subsys(b.k, a);
    const n1: net = b.mustNet('n1');
    kfree(b.k, net_generic(b.k, n1, a.id!.value)!, 'broken');
    const data = /data of op A \(id \d+\) freed by broken/;
    expect(() => a.init!(b.k, n1)).toThrow(/use-after-free in init of op A on net n1: /);
    expect(() => a.init!(b.k, n1)).toThrow(data);
    expect(() => a.pre_exit!(b.k, n1)).toThrow(/in pre_exit of op A on net n1: /);
    const list = LIST_HEAD<net>();
    list_add_tail(n1.exit_list, list);
    expect(() => a.exit_batch!(b.k, list)).toThrow(/in exit_batch of op A on net n1: /);
    rtnl_lock(b.k);
    expect(() => a.exit_rtnl!(b.k, n1, LIST_HEAD())).toThrow(/in exit_rtnl of op A on net n1: /);
  });
});
