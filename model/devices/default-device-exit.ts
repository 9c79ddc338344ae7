/**
 * The per-net device exits of the historical profiles: default_device_exit() and
 * loopback_net_exit().
 */
import { get } from '../table.ts';
import { type Ctx } from '../context.ts';
import { initNetNames, migrateToInitNet } from './default-device-exit-batch.ts';
import { unregisterNetdevice } from './unregister-netdevice-many.ts';
import { loopbackId } from '../state.ts';

/**
 * One net's default_device exit, under one RTNL section. 2.6.33 only migrates the physical
 * devices to init_net (list order) and leaves the rest to default_device_exit_batch();
 * 2.6.32 walks the list from the start again after each device (`goto restart`): a
 * physical device is migrated, any other device but lo deleted at once by its dellink
 * (one unregister_netdevice each, a veth's peer with it).
 * @see default_device_exit() (net/core/dev.c, Linux v2.6.33, v2.6.32)
 * @remarks 2.6.32 skips netns_local devices here, and the bridge module's own subsys exit
 *   (br_net_exit()) deletes bridges later; the model has no bridge module and deletes them
 *   here, in list order, like the other virtual devices.
 */
export function defaultDeviceExit(ctx: Ctx, net: string): void {
  ctx.bump('rtnl');
  let inInit: Set<string> | undefined;
  const names = (): Set<string> => (inInit ??= initNetNames(ctx));
  if (ctx.s.kernel === '2.6.33') {
    for (const dev of [...get(ctx.s.nets, net)!.devices]) {
      if (get(ctx.s.devices, dev)!.kind === 'physical') migrateToInitNet(ctx, dev, names());
    }
    return;
  }
  for (;;) {
    const dev = get(ctx.s.nets, net)!.devices.find((d) => d !== loopbackId(net));
    if (dev === undefined) return;
    const { kind, peer } = get(ctx.s.devices, dev)!;
    if (kind === 'physical') migrateToInitNet(ctx, dev, names());
    else {
      unregisterNetdevice(ctx, dev);
      if (peer !== null) unregisterNetdevice(ctx, peer);
    }
  }
}

/**
 * loopback_net_exit(): unregister_netdev(lo), its own RTNL section and unregistration,
 * after every other device op's exit (loopback is the first device op).
 * @see loopback_net_exit() (drivers/net/loopback.c, Linux v2.6.32)
 */
export function loopbackNetExit(ctx: Ctx, net: string): void {
  ctx.bump('rtnl');
  unregisterNetdevice(ctx, loopbackId(net));
}
