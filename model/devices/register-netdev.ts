/**
 * register_netdevice, and the rtnl_newlink path that calls it (veth_newlink for pairs).
 */
import { get, has } from '../table.ts';
import type { Action, PeerSpec } from '../actions.ts';
import { appended, commit, type Ctx, isLive, reject, type Result } from '../context.ts';
import type { Errno } from '../events.ts';
import { validName } from '../names.ts';
import { firstBroken, type Rule, rule } from '../rules.ts';
import type { Device, State } from '../state.ts';

type RegisterNetdev = Extract<Action, { type: 'register_netdev' }>;

/** Whether `name` names a device of `net` in `state`. */
export function nameInUse(state: State, net: string, name: string): boolean {
  return get(state.nets, net)!.devices.some((dev) => get(state.devices, dev)!.name === name);
}

/** Registers `dev` at the tail of its net's device list. */
export function registerDevice(ctx: Ctx, dev: Device): void {
  ctx.put('devices', dev.id, dev);
  const net = ctx.net(dev.net);
  net.devices = appended(net.devices, dev.id);
  ctx.put('usedDevs', dev.id, true);
  ctx.events.push({ type: 'dev_register', dev: dev.id, net: dev.net, name: dev.name });
}

const peerRule = (
  errno: Errno,
  when: string,
  test: (s: State, a: RegisterNetdev, p: PeerSpec) => boolean,
) => rule<RegisterNetdev>(errno, when, (s, a) => a.peer !== undefined && test(s, a, a.peer));

/** Preconditions of register_netdev, in order. */
export const REGISTER_NETDEV_RULES: readonly Rule<RegisterNetdev>[] = [
  rule('EOPNOTSUPP', 'bare boot: net_dev_init() has not run', (s) => s.boot === 'bare'),
  rule('EEXIST', '`dev` names a device this run already registered', (s, a) =>
    has(s.used.devs, a.dev),
  ),
  rule('EINVAL', '`dev` or `peer.dev` has the form lo@…, reserved for loopback devices', (_, a) =>
    [a.dev, a.peer?.dev].some((d) => d?.startsWith('lo@')),
  ),
  rule('ENOENT', '`net` is not live', (s, a) => !isLive(s, a.net)),
  rule('EINVAL', '`name` is not a valid interface name', (_, a) => !validName(a.name)),
  rule(
    'EINVAL',
    'a veth without `peer`, or another kind with one',
    (_, a) => (a.kind === 'veth') !== (a.peer !== undefined),
  ),
  rule('EEXIST', '`name` is in use in `net`', (s, a) => nameInUse(s, a.net, a.name)),
  peerRule(
    'EEXIST',
    '`peer.dev` was already registered, or equals `dev`',
    (s, a, p) => has(s.used.devs, p.dev) || p.dev === a.dev,
  ),
  peerRule('ENOENT', '`peer.net` is not live', (s, _, p) => !isLive(s, p.net)),
  peerRule('EINVAL', '`peer.name` is not a valid interface name', (_, __, p) => !validName(p.name)),
  peerRule(
    'EEXIST',
    '`peer.name` is in use in `peer.net`, or equals `name` in the same net',
    (s, a, p) => nameInUse(s, p.net, p.name) || (p.net === a.net && p.name === a.name),
  ),
];

/**
 * Registers a device; a veth pair registers its peer first, then itself.
 * @see register_netdevice() (net/core/dev.c), veth_newlink() (drivers/net/veth.c), v6.18
 * @remarks No ifindex, no link state: a device is its id, name, kind, net and peer.
 */
export function registerNetdev(state: State, a: RegisterNetdev): Result {
  const errno = firstBroken(REGISTER_NETDEV_RULES, state, a);
  if (errno) return reject(state, errno);
  return commit(state, (ctx) => {
    ctx.bump('rtnl');
    const { peer } = a;
    if (peer) {
      registerDevice(ctx, {
        id: peer.dev,
        name: peer.name,
        kind: 'veth',
        net: peer.net,
        peer: a.dev,
      });
    }
    registerDevice(ctx, {
      id: a.dev,
      name: a.name,
      kind: a.kind,
      net: a.net,
      peer: peer?.dev ?? null,
    });
    return { ok: true };
  });
}
