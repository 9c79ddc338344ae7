/**
 * Device actions: register_netdev (RTM_NEWLINK, or a NIC probe for `physical`),
 * dev_change_net_namespace (RTM_SETLINK with a target netns) and unregister_netdev
 * (RTM_DELLINK). On a bare boot there is no netdev core: register_netdev is EOPNOTSUPP, and
 * the other two find no device (ENOENT, their first check).
 */
import type { Action, Ret } from '../contract.ts';
import { EINVAL, errname, IS_ERR } from '../include/errno.ts';
import { dev_net, netdev_priv, type net_device } from '../include/linux/netdevice.ts';
import { ethernet_probe } from '../drivers/net/ethernet.ts';
import { dummy_link_ops } from '../drivers/net/dummy.ts';
import type { veth_priv } from '../drivers/net/veth.ts';
import { br_link_ops } from '../net/bridge/br_device.ts';
import { netdev_name_in_use } from '../net/core/dev.ts';
import { rtnl_newlink, rtnl_setlink_netns } from '../net/core/rtnetlink.ts';
import type { Ctx } from './context.ts';
import { fail, live, validName, validPattern } from './validate.ts';

/** `lo@…` ids name loopback devices, which only loopback_net_init() creates. */
function isLoopbackId(dev: unknown): boolean {
  return typeof dev === 'string' && dev.startsWith('lo@');
}

type A<T extends Action['type']> = Extract<Action, { type: T }>;

const KINDS = ['dummy', 'bridge', 'veth', 'physical'] as const;

function validatePeer({ k, ids }: Ctx, a: A<'register_netdev'>): string | null {
  const p = a.peer;
  if (!p) return null;
  if (ids.consumedDevs.has(p.dev) || p.dev === a.dev) return 'EEXIST';
  const peerNet = ids.nets.get(p.net);
  if (!live(k, peerNet)) return 'ENOENT';
  if (!validName(p.name)) return 'EINVAL';
  if (netdev_name_in_use(peerNet, p.name)) return 'EEXIST';
  if (p.net === a.net && p.name === a.name) return 'EEXIST';
  return null;
}

function create(c: Ctx, a: A<'register_netdev'>): net_device | number {
  const { k, ids } = c;
  const net = ids.nets.get(a.net);
  if (!net) return -EINVAL;
  if (a.kind === 'physical') return ethernet_probe(k, net, a.name);
  const params = {
    peer_net: a.peer ? (ids.nets.get(a.peer.net) ?? null) : null,
    peer_ifname: a.peer?.name ?? null,
  };
  const ops =
    a.kind === 'veth' ? k.era.veth_link_ops() : a.kind === 'dummy' ? dummy_link_ops : br_link_ops;
  return rtnl_newlink(k, net, ops, a.name, params);
}

/** register_netdev {dev, name, net, kind, peer?}. */
export function doRegisterNetdev(c: Ctx, a: A<'register_netdev'>): Ret {
  const { k, ids } = c;
  if (!c.full) return fail('EOPNOTSUPP');
  if (ids.consumedDevs.has(a.dev)) return fail('EEXIST');
  if (isLoopbackId(a.dev) || (a.peer && isLoopbackId(a.peer.dev))) return fail('EINVAL');
  const net = ids.nets.get(a.net);
  if (!live(k, net)) return fail('ENOENT');
  if (!validName(a.name)) return fail('EINVAL');
  if (!(KINDS as readonly string[]).includes(a.kind)) return fail('EINVAL');
  if ((a.kind === 'veth') !== (a.peer !== undefined)) return fail('EINVAL');
  if (netdev_name_in_use(net, a.name)) return fail('EEXIST');
  const peerErr = validatePeer(c, a);
  if (peerErr) return fail(peerErr);

  const dev = create(c, a);
  if (IS_ERR(dev)) return fail(errname(dev));
  ids.bindDev(a.dev, dev);
  const peer = a.kind === 'veth' ? netdev_priv<veth_priv>(dev).peer : null;
  if (a.peer && peer) ids.bindDev(a.peer.dev, peer);
  return { ok: true };
}

/** dev_change_net_namespace {dev, net, name?}. */
export function doDevChangeNetNamespace(c: Ctx, a: A<'dev_change_net_namespace'>): Ret {
  const { k, ids } = c;
  const dev = ids.devs.get(a.dev);
  if (!dev || !live(k, dev_net(dev))) return fail('ENOENT');
  const net = ids.nets.get(a.net);
  if (!live(k, net)) return fail('ENOENT');
  if (dev.netns_immutable) return fail('EINVAL');
  const name = a.name;
  /* The kernel fails these under RTNL (counted); the contract wants no change (D8). Like
   * __dev_change_net_namespace(), `name` is looked at only on a clash (X5). */
  if (dev_net(dev) !== net && netdev_name_in_use(net, dev.name)) {
    if (name === undefined) return fail('EEXIST');
    if (!validName(name) && !validPattern(name)) return fail('EINVAL');
    if (validName(name) && netdev_name_in_use(net, name)) return fail('EEXIST');
  }

  const err = rtnl_setlink_netns(k, dev, net, name ?? null);
  return err ? fail(errname(err)) : { ok: true };
}

/** unregister_netdev {dev}: rtnl_dellink(). */
export function doUnregisterNetdev(c: Ctx, a: A<'unregister_netdev'>): Ret {
  const { k, ids } = c;
  const dev = ids.devs.get(a.dev);
  if (!dev || !live(k, dev_net(dev))) return fail('ENOENT');
  /* The kernel answers EOPNOTSUPP under RTNL (counted); the contract wants no change (D9). */
  if (!dev.rtnl_link_ops?.dellink) return fail('EOPNOTSUPP');

  const err = k.era.rtnl_dellink(k, dev);
  return err ? fail(errname(err)) : { ok: true };
}
