/**
 * The device kill list, dellink, unregister_netdevice_many, and rtnl_dellink.
 */
import { get } from '../table.ts';
import type { Action } from '../actions.ts';
import { commit, type Ctx, isLive, reject, type Result, without } from '../context.ts';
import { profileOf } from '../kernels.ts';
import { firstBroken, type Rule, rule } from '../rules.ts';
import type { State } from '../state.ts';

type UnregisterNetdev = Extract<Action, { type: 'unregister_netdev' }>;
const kindOf = (s: State, dev: string) => get(s.devices, dev)?.kind;

/** Preconditions of unregister_netdev (rtnl_dellink), in order. */
export const UNREGISTER_NETDEV_RULES: readonly Rule<UnregisterNetdev>[] = [
  rule('ENOENT', '`dev` is unknown, or lives in a net that is not live', (s, a) => {
    const d = get(s.devices, a.dev);
    return !d || !isLive(s, d.net);
  }),
  rule(
    'EOPNOTSUPP',
    '`dev` has no rtnl_link_ops (loopback, physical)',
    (s, a) => kindOf(s, a.dev) === 'loopback' || kindOf(s, a.dev) === 'physical',
  ),
];

/**
 * A dev_kill_list. Queueing a queued device moves it to the tail, as list_move_tail does
 * (a Set re-inserted after delete keeps insertion order).
 * @see unregister_netdevice_queue() (net/core/dev.c, Linux v6.18)
 */
export class KillList {
  readonly #devs = new Set<string>();
  queue(dev: string): void {
    this.#devs.delete(dev);
    this.#devs.add(dev);
  }
  get devices(): string[] {
    return [...this.#devs];
  }
}

/**
 * Queues `dev` for unregistration the way its rtnl_link_ops do: a veth queues itself, then
 * its peer, and clears both peer pointers (`clearPeers`, not yet in 2.6.33); every other
 * device queues itself.
 * @see veth_dellink() (drivers/net/veth.c), unregister_netdevice_queue(), v6.18, v2.6.33
 */
export function dellink(ctx: Ctx, kill: KillList, dev: string, clearPeers = true): void {
  const { peer } = get(ctx.s.devices, dev)!;
  kill.queue(dev);
  if (peer === null) return;
  if (clearPeers) {
    ctx.device(dev).peer = null;
    ctx.device(peer).peer = null;
  }
  kill.queue(peer);
}

/**
 * Unregisters every device of the kill list in one call: one notification per device in
 * list order, to the net it lives in; the devices leave their nets.
 * @see unregister_netdevice_many_notify() (net/core/dev.c, Linux v6.18)
 * @remarks Close, grace periods and the todo list are folded into the one call counted.
 */
export function unregisterNetdeviceMany(ctx: Ctx, devs: readonly string[]): void {
  ctx.bump('unregisterMany');
  const gone = new Map<string, Set<string>>();
  for (const dev of devs) {
    const { net } = get(ctx.s.devices, dev)!;
    ctx.events.push({ type: 'dev_unregister', dev, net });
    gone.set(net, (gone.get(net) ?? new Set()).add(dev));
    ctx.remove('devices', dev);
  }
  for (const [net, set] of gone) {
    const draft = ctx.net(net);
    draft.devices = without(draft.devices, (dev) => set.has(dev));
  }
}

/**
 * Unregisters one device at once, outside any kill list.
 * @see unregister_netdevice() (net/core/dev.c, Linux v2.6.32, v2.6.33)
 */
export function unregisterNetdevice(ctx: Ctx, dev: string): void {
  unregisterNetdeviceMany(ctx, [dev]);
}

/**
 * Deletes a device on request: loopback and physical devices have no rtnl_link_ops. Up to
 * 2.6.33 dellink unregistered each device at once (a veth, then its peer).
 * @see rtnl_dellink(), rtnl_delete_link() (net/core/rtnetlink.c, Linux v6.18);
 *   veth_dellink() (drivers/net/veth.c, v2.6.32, v2.6.33)
 */
export function unregisterNetdev(state: State, a: UnregisterNetdev): Result {
  const errno = firstBroken(UNREGISTER_NETDEV_RULES, state, a);
  if (errno) return reject(state, errno);
  return commit(state, (ctx) => {
    ctx.bump('rtnl');
    if (!profileOf(state.kernel).dellinkBatched) {
      const { peer } = get(state.devices, a.dev)!;
      unregisterNetdevice(ctx, a.dev);
      if (peer !== null) unregisterNetdevice(ctx, peer);
      return { ok: true };
    }
    const kill = new KillList();
    dellink(ctx, kill, a.dev);
    unregisterNetdeviceMany(ctx, kill.devices);
    return { ok: true };
  });
}
