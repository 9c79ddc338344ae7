/**
 * cleanup_net: one run of net_cleanup_work, tearing down every queued net as one batch.
 */
import { get, remove } from '../table.ts';
import { bump, commit, type Ctx, reject, type Result } from '../context.ts';
import { opsUndoList } from '../pernet/ops-undo-list.ts';
import type { Action } from '../actions.ts';
import { firstBroken, type Rule, rule } from '../rules.ts';
import type { State } from '../state.ts';

/** Preconditions of cleanup_net. */
export const CLEANUP_NET_RULES: readonly Rule<Extract<Action, { type: 'cleanup_net' }>>[] = [
  rule('EAGAIN', 'the cleanup list is empty: no work is queued', (s) => s.cleanupList.length === 0),
];

/**
 * Removes every survivor's id for the dying `net` (notifying RTM_DELNSID), survivors in list
 * order; the dying net's own table goes without notification.
 * @see unhash_nsid() (net/core/net_namespace.c, Linux v6.18)
 */
function unhashNsid(ctx: Ctx, net: string): void {
  for (const survivor of ctx.s.netList) {
    const nsids = get(ctx.s.nets, survivor)!.nsids;
    const id = nsids[net];
    if (id === undefined) continue;
    delete nsids[net];
    ctx.events.push({ type: 'nsid_unhash', in: survivor, peer: net, id });
  }
}

/**
 * Grabs the whole cleanup list (newest first), unlinks every net of the batch before any
 * callback, unhashes their nsids, undoes every op on the batch in one pass (one grace
 * period), waits for RCU callbacks once, and frees the nets.
 * @see cleanup_net() (net/core/net_namespace.c, Linux v6.18)
 * @remarks Deferred struct net free, ucounts, keys and user namespaces are not modelled.
 */
export function cleanupNet(state: State): Result {
  const errno = firstBroken(CLEANUP_NET_RULES, state, { type: 'cleanup_net' });
  if (errno) return reject(state, errno);
  const batch = state.cleanupList;
  const dying = new Set(batch);
  return commit(state, (ctx) => {
    bump(ctx, 'workRuns');
    bump(ctx, 'pernetLock');
    ctx.s.cleanupList = [];
    ctx.events.push({ type: 'batch', nets: [...batch] });
    ctx.s.netList = state.netList.filter((net) => !dying.has(net));
    for (const net of batch) ctx.events.push({ type: 'unlink', net });
    for (const net of batch) unhashNsid(ctx, net);
    opsUndoList(ctx, state.pernet, batch);
    ctx.events.push({ type: 'rcu_barrier' });
    bump(ctx, 'rcuBarriers');
    for (const net of batch) {
      remove(ctx.s.nets, net);
      ctx.events.push({ type: 'net_free', net });
    }
    return { ok: true, nets: [...batch] };
  });
}
