/**
 * Driver error paths no generated run reaches (the contract validates names first):
 * loopback_net_init() when lo cannot be registered (a panic in init_net, an error elsewhere),
 * veth_newlink() with the kernel's default peer name and with a peer name already taken.
 */
import { describe, expect, it } from 'vitest';
import { EEXIST } from '../../reference/include/errno.ts';
import { loopback_net_init } from '../../reference/drivers/net/loopback.ts';
import { veth_link_ops, type veth_priv } from '../../reference/drivers/net/veth.ts';
import { rtnl_newlink } from '../../reference/net/core/rtnetlink.ts';
import type { net_device } from '../../reference/include/linux/netdevice.ts';
import { bench, devNames } from './helpers.ts';

describe('loopback_net_init', () => {
  it('a second lo cannot register: EEXIST in a new net, a panic in init_net', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const lo = n1.loopback_dev;
    expect(loopback_net_init(b.k, n1)).toBe(-EEXIST);
    expect(n1.loopback_dev).toBe(lo);
    expect(devNames(n1)).toEqual(['lo']);
    expect(() => loopback_net_init(b.k, b.k.init_net)).toThrow(
      'loopback: Failed to register netdevice: -17',
    );
  });
});

describe('veth_newlink', () => {
  it('without IFLA_IFNAME the peer is veth%d; a taken peer name fails before dev registers', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const v = rtnl_newlink(b.k, b.k.init_net, veth_link_ops, 'v0', {
      peer_net: n1,
      peer_ifname: null,
    }) as net_device;
    expect((v.priv as veth_priv).peer?.name).toBe('veth0');
    expect(devNames(n1)).toEqual(['lo', 'veth0']);
    b.trace();
    const taken = rtnl_newlink(b.k, b.k.init_net, veth_link_ops, 'v1', {
      peer_net: n1,
      peer_ifname: 'lo',
    });
    expect(taken).toBe(-EEXIST);
    expect(devNames(b.k.init_net)).toEqual(['lo', 'v0']);
    expect(b.trace()).toEqual([]);
  });
});
