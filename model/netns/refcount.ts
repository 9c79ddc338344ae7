/**
 * The namespace reference count: maybe_get_net and put_net.
 */
import { get } from '../table.ts';
import type { Action } from '../actions.ts';
import { commit, reject, type Result } from '../context.ts';
import { INIT_NET, type State } from '../state.ts';

/**
 * Takes a reference unless the count already reached zero.
 * @see maybe_get_net() (include/net/net_namespace.h, Linux v6.18)
 */
export function getNet(state: State, a: Extract<Action, { type: 'get_net' }>): Result {
  const net = get(state.nets, a.net);
  if (!net || net.count === 0) return reject(state, 'ENOENT');
  return commit(state, (ctx) => {
    const draft = get(ctx.s.nets, a.net)!;
    draft.count += 1;
    return { ok: true, count: draft.count };
  });
}

/**
 * Drops a reference; the last one pushes the net on the LIFO cleanup list (it stays on
 * net_namespace_list until a cleanup run unlinks it).
 * @see put_net(), __put_net() (net/core/net_namespace.c, Linux v6.18)
 */
export function putNet(state: State, a: Extract<Action, { type: 'put_net' }>): Result {
  const net = get(state.nets, a.net);
  if (!net) return reject(state, 'ENOENT');
  if (net.count === 0 || (a.net === INIT_NET && net.count === 1)) return reject(state, 'EINVAL');
  return commit(state, (ctx) => {
    const draft = get(ctx.s.nets, a.net)!;
    draft.count -= 1;
    if (draft.count === 0) {
      ctx.s.cleanupList = [a.net, ...state.cleanupList];
      ctx.events.push({ type: 'queue', net: a.net });
    }
    return { ok: true, count: draft.count };
  });
}
