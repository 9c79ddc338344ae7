/**
 * cleanup_net: one run of the cleanup work, tearing down every queued net as one batch
 * (v2.6.33 on), or the oldest queued net alone (its own work item, up to v2.6.32).
 */
import { get } from '../table.ts';
import { commit, type Ctx, reject, type Result } from '../context.ts';
import { opsUndoList } from '../pernet/ops-undo-list.ts';
import type { Action } from '../actions.ts';
import { profileOf } from '../kernels.ts';
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
    const { [net]: id, ...rest } = get(ctx.s.nets, survivor)!.nsids;
    if (id === undefined) continue;
    ctx.net(survivor).nsids = rest;
    ctx.events.push({ type: 'nsid_unhash', in: survivor, peer: net, id });
  }
}

/**
 * Grabs the whole cleanup list (newest first), unlinks every net of the batch before any
 * callback, unhashes their nsids, undoes every op on the batch in one pass (one grace
 * period), waits for RCU callbacks once, and frees the nets. Up to v2.6.32 each dying net
 * had its own work item: a run takes the oldest one alone (FIFO) and pays the lock, the
 * unlink, the grace period, the exits and the rcu_barrier for it.
 * @see cleanup_net() (net/core/net_namespace.c, Linux v6.18, v2.6.33, v2.6.32)
 * @remarks Deferred struct net free, ucounts, keys and user namespaces are not modelled.
 *   2.6.33 unlinks under RTNL (6.18: net_rwsem) and has no nsids.
 */
export function cleanupNet(state: State): Result {
  const errno = firstBroken(CLEANUP_NET_RULES, state, { type: 'cleanup_net' });
  if (errno) return reject(state, errno);
  const profile = profileOf(state.kernel);
  const perNet = profile.cleanup === 'per-net';
  const batch = perNet ? state.cleanupList.slice(-1) : state.cleanupList;
  const dying = new Set(batch);
  return commit(state, (ctx) => {
    ctx.bump('workRuns');
    ctx.bump('pernetLock');
    ctx.s.cleanupList = perNet ? state.cleanupList.slice(0, -1) : [];
    ctx.events.push({ type: 'batch', nets: [...batch] });
    if (profile.listRtnl) ctx.bump('rtnl');
    ctx.s.netList = state.netList.filter((net) => !dying.has(net));
    for (const net of batch) ctx.events.push({ type: 'unlink', net });
    if (profile.nsid) for (const net of batch) unhashNsid(ctx, net);
    opsUndoList(ctx, state.pernet, batch);
    ctx.events.push({ type: 'rcu_barrier' });
    ctx.bump('rcuBarriers');
    for (const net of batch) {
      ctx.remove('nets', net);
      ctx.events.push({ type: 'net_free', net });
    }
    return { ok: true, nets: [...batch] };
  });
}
