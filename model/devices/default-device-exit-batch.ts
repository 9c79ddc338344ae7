/**
 * default_device_exit_batch: the exit_batch of the default_device op, which empties every
 * dying net of devices in one RTNL section and one unregister_netdevice_many.
 */
import { get } from '../table.ts';
import { bump, type Ctx } from '../context.ts';
import { INIT_NET } from '../state.ts';
import { destinationName, moveDevice } from './dev-change-net-namespace.ts';
import { dellink, KillList, unregisterNetdeviceMany } from './unregister-netdevice-many.ts';

/** The fallback name pattern of a migrated device (the model has no ifindex). */
const FALLBACK = 'dev%d';

/**
 * Migrates the physical devices of every net to init_net (nets in batch order, devices in
 * list order), then queues every remaining device of every net in reverse list order, then
 * unregisters the lot at once.
 * @see default_device_exit_batch(), default_device_exit_net() (net/core/dev.c, Linux v6.18)
 * @remarks Physical = no rtnl_link_ops; netns_refund devices are not modelled. The kernel
 *   tries `dev<ifindex>` before `dev%d`; the model goes straight to the smallest free
 *   `dev<K>`.
 */
export function defaultDeviceExitBatch(ctx: Ctx, nets: readonly string[]): void {
  bump(ctx, 'rtnl');
  let inInit: Set<string> | undefined;
  for (const net of nets) {
    for (const dev of [...get(ctx.s.nets, net)!.devices]) {
      const device = get(ctx.s.devices, dev)!;
      if (device.kind !== 'physical') continue;
      inInit ??= new Set(
        get(ctx.s.nets, INIT_NET)!.devices.map((d) => get(ctx.s.devices, d)!.name),
      );
      const name = destinationName(device, inInit, FALLBACK)!;
      inInit.add(name);
      moveDevice(ctx, dev, INIT_NET, name);
    }
  }
  const kill = new KillList();
  for (const net of nets) {
    for (const dev of [...get(ctx.s.nets, net)!.devices].reverse()) dellink(ctx, kill, dev);
  }
  unregisterNetdeviceMany(ctx, kill.devices);
}
