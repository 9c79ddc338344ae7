/**
 * The teardown phase structure shared by cleanup, setup failure and (un)registration.
 */
import { bump, type Ctx, isCore } from '../context.ts';
import { defaultDeviceExitBatch } from '../devices/default-device-exit-batch.ts';
import { unregisterNetdeviceMany } from '../devices/unregister-netdevice-many.ts';
import type { Hook } from '../actions.ts';
import type { Op } from '../state.ts';

const has = (op: Op, hook: Hook): boolean => op.hooks.includes(hook);

/**
 * Undoes `ops` (in pernet_list order) on `nets`, in five phases: A pre_exit (ops reverse ×
 * nets), B one grace period, C exit_rtnl under one RTNL section (nets outer × ops inner) and
 * one unregister_netdevice_many, D per op in reverse its exits then its exit_batch, E per op
 * in reverse the frees of its generic data.
 * @see ops_undo_list(), ops_exit_rtnl_list(), ops_exit_list(), ops_free_list()
 *   (net/core/net_namespace.c, Linux v6.18)
 * @remarks Expedited and normal grace periods are one event; user exit_rtnl callbacks kill
 *   no devices, so phase C's kill list is empty.
 */
export function opsUndoList(ctx: Ctx, ops: readonly Op[], nets: readonly string[]): void {
  const reversed = [...ops].reverse();
  for (const op of reversed) {
    if (has(op, 'pre_exit'))
      for (const net of nets) ctx.events.push({ type: 'pre_exit', op: op.id, net });
  }
  ctx.events.push({ type: 'synchronize_rcu' });
  bump(ctx, 'gracePeriods');
  if (reversed.some((op) => has(op, 'exit_rtnl'))) opsExitRtnlList(ctx, reversed, nets);
  for (const op of reversed) opsExitList(ctx, op, nets);
  for (const op of reversed) {
    if (op.genericId !== null)
      for (const net of nets) ctx.events.push({ type: 'free', op: op.id, net });
  }
}

/** Phase C: one RTNL section, nets outer and ops inner, then one unregister_netdevice_many. */
function opsExitRtnlList(ctx: Ctx, reversed: readonly Op[], nets: readonly string[]): void {
  bump(ctx, 'rtnl');
  for (const net of nets) {
    for (const op of reversed) {
      if (has(op, 'exit_rtnl')) ctx.events.push({ type: 'exit_rtnl', op: op.id, net });
    }
  }
  unregisterNetdeviceMany(ctx, []);
}

/** Phase D for one op: exit for each net, then exit_batch for the whole list. */
function opsExitList(ctx: Ctx, op: Op, nets: readonly string[]): void {
  if (has(op, 'exit')) for (const net of nets) ctx.events.push({ type: 'exit', op: op.id, net });
  if (!has(op, 'exit_batch')) return;
  ctx.events.push({ type: 'exit_batch', op: op.id, nets: [...nets] });
  if (op.id === 'default_device' && isCore(ctx.s, op.id)) defaultDeviceExitBatch(ctx, nets);
}
