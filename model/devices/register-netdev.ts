/**
 * register_netdevice, and the rtnl_newlink path that calls it (veth_newlink for pairs).
 */
import { get, has, put } from '../table.ts';
import type { Action, PeerSpec } from '../actions.ts';
import { bump, commit, type Ctx, isLive, reject, type Result } from '../context.ts';
import type { Errno } from '../events.ts';
import { validName } from '../names.ts';
import type { Device, State } from '../state.ts';

type RegisterNetdev = Extract<Action, { type: 'register_netdev' }>;

/** Whether `name` names a device of `net` in `state`. */
export function nameInUse(state: State, net: string, name: string): boolean {
  return get(state.nets, net)!.devices.some((dev) => get(state.devices, dev)!.name === name);
}

/** Registers `dev` at the tail of its net's device list. */
export function registerDevice(ctx: Ctx, dev: Device): void {
  put(ctx.s.devices, dev.id, dev);
  get(ctx.s.nets, dev.net)!.devices.push(dev.id);
  put(ctx.s.used.devs, dev.id, true);
  ctx.events.push({ type: 'dev_register', dev: dev.id, net: dev.net, name: dev.name });
}

function checkPeer(state: State, a: RegisterNetdev, peer: PeerSpec): Errno | null {
  if (has(state.used.devs, peer.dev) || peer.dev === a.dev) return 'EEXIST';
  if (!isLive(state, peer.net)) return 'ENOENT';
  if (!validName(peer.name)) return 'EINVAL';
  if (nameInUse(state, peer.net, peer.name)) return 'EEXIST';
  return peer.net === a.net && peer.name === a.name ? 'EEXIST' : null;
}

function check(state: State, a: RegisterNetdev): Errno | null {
  if (state.boot === 'bare') return 'EOPNOTSUPP';
  if (has(state.used.devs, a.dev)) return 'EEXIST';
  if (!isLive(state, a.net)) return 'ENOENT';
  if (!validName(a.name)) return 'EINVAL';
  if ((a.kind === 'veth') !== (a.peer !== undefined)) return 'EINVAL';
  if (nameInUse(state, a.net, a.name)) return 'EEXIST';
  return a.peer ? checkPeer(state, a, a.peer) : null;
}

/**
 * Registers a device; a veth pair registers its peer first, then itself.
 * @see register_netdevice() (net/core/dev.c), veth_newlink() (drivers/net/veth.c), v6.18
 * @remarks No ifindex, no link state: a device is its id, name, kind, net and peer.
 */
export function registerNetdev(state: State, a: RegisterNetdev): Result {
  const errno = check(state, a);
  if (errno) return reject(state, errno);
  return commit(state, (ctx) => {
    bump(ctx, 'rtnl');
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
