/**
 * The teardown phase structure shared by cleanup, setup failure and (un)registration, in
 * each kernel profile's form.
 */
import { type Ctx, isCore } from '../context.ts';
import { defaultDeviceExit, loopbackNetExit } from '../devices/default-device-exit.ts';
import { defaultDeviceExitBatch } from '../devices/default-device-exit-batch.ts';
import { unregisterNetdeviceMany } from '../devices/unregister-netdevice-many.ts';
import { twPurge } from '../inet/timewait.ts';
import type { Hook } from '../actions.ts';
import type { Op } from '../state.ts';

const has = (op: Op, hook: Hook): boolean => op.hooks.includes(hook);

/**
 * Undoes `ops` (in pernet_list order) on `nets`, in five phases: A pre_exit (ops reverse ×
 * nets), B one grace period, C exit_rtnl under one RTNL section (nets outer × ops inner) and
 * one unregister_netdevice_many, D per op in reverse its exits then its exit_batch, E per op
 * in reverse the frees of its generic data. 2.6.33 has no A and C, and its undo paths no B;
 * 2.6.32 has only the exits, per op in reverse.
 * @see ops_undo_list(), ops_exit_rtnl_list(), ops_exit_list(), ops_free_list()
 *   (net/core/net_namespace.c, Linux v6.18); cleanup_net(), setup_net() (v2.6.33, v2.6.32)
 * @remarks Expedited and normal grace periods are one event; user exit_rtnl callbacks kill
 *   no devices, so phase C's kill list is empty. `gracePeriod` is false only on the undo
 *   paths of the historical profiles, which had no synchronize_rcu() there.
 */
export function opsUndoList(
  ctx: Ctx,
  ops: readonly Op[],
  nets: readonly string[],
  gracePeriod = true,
): void {
  const reversed = [...ops].reverse();
  for (const op of reversed) {
    if (has(op, 'pre_exit'))
      for (const net of nets) ctx.events.push({ type: 'pre_exit', op: op.id, net });
  }
  if (gracePeriod) {
    ctx.events.push({ type: 'synchronize_rcu' });
    ctx.bump('gracePeriods');
  }
  if (reversed.some((op) => has(op, 'exit_rtnl'))) opsExitRtnlList(ctx, reversed, nets);
  for (const op of reversed) opsExitList(ctx, op, nets);
  for (const op of reversed) {
    if (op.genericId !== null)
      for (const net of nets) ctx.events.push({ type: 'free', op: op.id, net });
  }
}

/** Phase C: one RTNL section, nets outer and ops inner, then one unregister_netdevice_many. */
function opsExitRtnlList(ctx: Ctx, reversed: readonly Op[], nets: readonly string[]): void {
  ctx.bump('rtnl');
  for (const net of nets) {
    for (const op of reversed) {
      if (has(op, 'exit_rtnl')) ctx.events.push({ type: 'exit_rtnl', op: op.id, net });
    }
  }
  unregisterNetdeviceMany(ctx, []);
}

/** What a core op's exit does to one net, beyond its event (none for user ops). */
function coreExit(ctx: Ctx, op: Op): ((ctx: Ctx, net: string) => void) | null {
  if (!isCore(ctx.s, op.id)) return null;
  if (op.id === 'default_device') return defaultDeviceExit;
  if (op.id === 'loopback') return loopbackNetExit;
  // Before v2.6.33 tcp_sk_exit() purged its own net's TIME_WAIT sockets, one walk each.
  if (op.id === 'tcp' && ctx.s.kernel === '2.6.32') return (c, net) => twPurge(c, [net]);
  return null;
}

/** Phase D for one op: exit for each net, then exit_batch for the whole list. */
function opsExitList(ctx: Ctx, op: Op, nets: readonly string[]): void {
  if (has(op, 'exit')) {
    const effect = coreExit(ctx, op);
    for (const net of nets) {
      ctx.events.push({ type: 'exit', op: op.id, net });
      effect?.(ctx, net);
    }
  }
  if (!has(op, 'exit_batch')) return;
  ctx.events.push({ type: 'exit_batch', op: op.id, nets: [...nets] });
  if (!isCore(ctx.s, op.id)) return;
  if (op.id === 'default_device') defaultDeviceExitBatch(ctx, nets);
  if (op.id === 'tcp') twPurge(ctx, nets);
}
