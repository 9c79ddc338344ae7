/**
 * default_device_exit_batch: the exit_batch of the default_device op, which empties every
 * dying net of devices in one RTNL section and one unregister_netdevice_many.
 */
import { get } from '../table.ts';
import { type Ctx } from '../context.ts';
import { INIT_NET } from '../state.ts';
import { destinationName, moveDevice } from './dev-change-net-namespace.ts';
import { dellink, KillList, unregisterNetdeviceMany } from './unregister-netdevice-many.ts';

/** The fallback name pattern of a migrated device (the model has no ifindex). */
const FALLBACK = 'dev%d';

/**
 * Moves `dev` (physical) to init_net under its own name if free there, else the smallest
 * free `dev<K>`; `inInit` is init_net's names, kept up to date across calls.
 */
export function migrateToInitNet(ctx: Ctx, dev: string, inInit: Set<string>): void {
  const name = destinationName(get(ctx.s.devices, dev)!, inInit, FALLBACK)!;
  inInit.add(name);
  moveDevice(ctx, dev, INIT_NET, name);
}

/** init_net's device names. */
export const initNetNames = (ctx: Ctx): Set<string> =>
  new Set(get(ctx.s.nets, INIT_NET)!.devices.map((d) => get(ctx.s.devices, d)!.name));

/**
 * Migrates the physical devices of every net to init_net (nets in batch order, devices in
 * list order), then queues every remaining device of every net in reverse list order, then
 * unregisters the lot at once. In 2.6.33 the migration is the per-net default_device_exit()
 * that ran before, and veth_dellink() leaves the peer pointers set, so a veth whose peer is
 * visited later is queued again (moved to the tail) with it.
 * @see default_device_exit_batch(), default_device_exit_net() (net/core/dev.c, Linux v6.18,
 *   v2.6.33), veth_dellink() (drivers/net/veth.c)
 * @remarks Physical = no rtnl_link_ops; netns_refund devices are not modelled. The kernel
 *   tries `dev<ifindex>` before `dev%d`; the model goes straight to the smallest free
 *   `dev<K>`.
 */
export function defaultDeviceExitBatch(ctx: Ctx, nets: readonly string[]): void {
  ctx.bump('rtnl');
  const modern = ctx.s.kernel === '6.18';
  let inInit: Set<string> | undefined;
  for (const net of modern ? nets : []) {
    for (const dev of [...get(ctx.s.nets, net)!.devices]) {
      if (get(ctx.s.devices, dev)!.kind !== 'physical') continue;
      migrateToInitNet(ctx, dev, (inInit ??= initNetNames(ctx)));
    }
  }
  const kill = new KillList();
  for (const net of nets) {
    for (const dev of [...get(ctx.s.nets, net)!.devices].reverse()) dellink(ctx, kill, dev, modern);
  }
  unregisterNetdeviceMany(ctx, kill.devices);
}
