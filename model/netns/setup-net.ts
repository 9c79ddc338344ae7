/**
 * copy_net_ns with CLONE_NEWNET: allocate a net and run setup_net.
 */
import { has } from '../table.ts';
import type { Action } from '../actions.ts';
import { appended, commit, type Ctx, reject, type Result } from '../context.ts';
import { firstBroken, type Rule, rule } from '../rules.ts';
import { opsInit } from '../pernet/ops-init.ts';
import { opsUndoList } from '../pernet/ops-undo-list.ts';
import { profileOf } from '../kernels.ts';
import type { State } from '../state.ts';

type CopyNetNs = Extract<Action, { type: 'copy_net_ns' }>;

const failOp = (s: State, a: CopyNetNs) => s.pernet.find((o) => o.id === a.fail?.op);

/** Preconditions of copy_net_ns, in order. */
export const COPY_NET_NS_RULES: readonly Rule<CopyNetNs>[] = [
  rule('EEXIST', '`net` names a net this run already created (ids are never reused)', (s, a) =>
    has(s.used.nets, a.net),
  ),
  rule(
    'ENOENT',
    '`fail.op` is not a registered op',
    (s, a) => a.fail !== undefined && !failOp(s, a),
  ),
  rule(
    'EINVAL',
    '`fail.op` has no init hook to fail',
    (s, a) => a.fail !== undefined && !failOp(s, a)!.hooks.includes('init'),
  ),
];

/**
 * Runs every op's init on `net` in pernet_list order and publishes it only after all
 * succeeded; if one fails, undoes the ops before it (reverse, full phase structure), waits
 * for RCU callbacks and drops the net. Returns whether the net was published. Up to 2.6.33
 * the undo has no grace period and publishing takes RTNL.
 * @see setup_net() (net/core/net_namespace.c, Linux v6.18); setup_net(), copy_net_ns()
 *   (v2.6.33), net_create() (v2.6.32)
 */
function setupNet(ctx: Ctx, net: string, failOp: string | undefined): boolean {
  const ops = ctx.s.pernet;
  const profile = profileOf(ctx.s.kernel);
  for (const [i, op] of ops.entries()) {
    if (opsInit(ctx, op, net, op.id === failOp)) continue;
    opsUndoList(ctx, ops.slice(0, i), [net], profile.undoGracePeriod);
    ctx.events.push({ type: 'rcu_barrier' });
    ctx.bump('rcuBarriers');
    return false;
  }
  if (profile.listRtnl) ctx.bump('rtnl');
  ctx.s.netList = appended(ctx.s.netList, net);
  ctx.events.push({ type: 'publish', net });
  return true;
}

/**
 * Creates a network namespace with count 1.
 * @see copy_net_ns(), preinit_net() (net/core/net_namespace.c, Linux v6.18)
 * @remarks No ucounts (ENOSPC), user namespaces, passive refs or cookies.
 */
export function copyNetNs(state: State, a: CopyNetNs): Result {
  const errno = firstBroken(COPY_NET_NS_RULES, state, a);
  if (errno) return reject(state, errno);
  return commit(state, (ctx) => {
    ctx.bump('pernetLock');
    ctx.put('usedNets', a.net, true);
    ctx.put('nets', a.net, { id: a.net, count: 1, devices: [], nsids: {} });
    if (setupNet(ctx, a.net, a.fail?.op)) return { ok: true };
    ctx.remove('nets', a.net);
    return { ok: false, errno: 'ENOMEM' };
  });
}
