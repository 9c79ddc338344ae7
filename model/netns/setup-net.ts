/**
 * copy_net_ns with CLONE_NEWNET: allocate a net and run setup_net.
 */
import { has, put, remove } from '../table.ts';
import type { Action } from '../actions.ts';
import { bump, commit, type Ctx, reject, type Result } from '../context.ts';
import type { Errno } from '../events.ts';
import { opsInit } from '../pernet/ops-init.ts';
import { opsUndoList } from '../pernet/ops-undo-list.ts';
import type { State } from '../state.ts';

type CopyNetNs = Extract<Action, { type: 'copy_net_ns' }>;

function check(state: State, a: CopyNetNs): Errno | null {
  if (has(state.used.nets, a.net)) return 'EEXIST';
  if (!a.fail) return null;
  const op = state.pernet.find((o) => o.id === a.fail!.op);
  if (!op) return 'ENOENT';
  return op.hooks.includes('init') ? null : 'EINVAL';
}

/**
 * Runs every op's init on `net` in pernet_list order and publishes it only after all
 * succeeded; if one fails, undoes the ops before it (reverse, full phase structure), waits
 * for RCU callbacks and drops the net. Returns whether the net was published.
 * @see setup_net() (net/core/net_namespace.c, Linux v6.18)
 */
function setupNet(ctx: Ctx, net: string, failOp: string | undefined): boolean {
  const ops = ctx.s.pernet;
  for (const [i, op] of ops.entries()) {
    if (opsInit(ctx, op, net, op.id === failOp)) continue;
    opsUndoList(ctx, ops.slice(0, i), [net]);
    ctx.events.push({ type: 'rcu_barrier' });
    bump(ctx, 'rcuBarriers');
    return false;
  }
  ctx.s.netList.push(net);
  ctx.events.push({ type: 'publish', net });
  return true;
}

/**
 * Creates a network namespace with count 1.
 * @see copy_net_ns(), preinit_net() (net/core/net_namespace.c, Linux v6.18)
 * @remarks No ucounts (ENOSPC), user namespaces, passive refs or cookies.
 */
export function copyNetNs(state: State, a: CopyNetNs): Result {
  const errno = check(state, a);
  if (errno) return reject(state, errno);
  return commit(state, (ctx) => {
    bump(ctx, 'pernetLock');
    put(ctx.s.used.nets, a.net, true);
    put(ctx.s.nets, a.net, { id: a.net, count: 1, devices: [], nsids: {} });
    if (setupNet(ctx, a.net, a.fail?.op)) return { ok: true };
    remove(ctx.s.nets, a.net);
    return { ok: false, errno: 'ENOMEM' };
  });
}
