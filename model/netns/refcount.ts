/**
 * The namespace reference count: maybe_get_net and put_net.
 */
import { get } from '../table.ts';
import type { Action } from '../actions.ts';
import { commit, reject, type Result } from '../context.ts';
import { firstBroken, type Rule, rule } from '../rules.ts';
import { INIT_NET, type State } from '../state.ts';

type GetNet = Extract<Action, { type: 'get_net' }>;
type PutNet = Extract<Action, { type: 'put_net' }>;
const countOf = (s: State, net: string) => get(s.nets, net)?.count;

/** Preconditions of get_net (maybe_get_net), in order. */
export const GET_NET_RULES: readonly Rule<GetNet>[] = [
  rule('ENOENT', '`net` is not listed', (s, a) => countOf(s, a.net) === undefined),
  rule(
    'ENOENT',
    '`net` is queued: its count already reached zero',
    (s, a) => countOf(s, a.net) === 0,
  ),
];

/** Preconditions of put_net, in order. */
export const PUT_NET_RULES: readonly Rule<PutNet>[] = [
  rule('ENOENT', '`net` is not listed', (s, a) => countOf(s, a.net) === undefined),
  rule('EINVAL', '`net` is queued: the count would underflow', (s, a) => countOf(s, a.net) === 0),
  rule(
    'EINVAL',
    '`net` is init_net holding its last reference (init_net never dies)',
    (s, a) => a.net === INIT_NET && countOf(s, a.net) === 1,
  ),
];

/**
 * Takes a reference unless the count already reached zero.
 * @see maybe_get_net() (include/net/net_namespace.h, Linux v6.18)
 */
export function getNet(state: State, a: GetNet): Result {
  const errno = firstBroken(GET_NET_RULES, state, a);
  if (errno) return reject(state, errno);
  return commit(state, (ctx) => {
    const net = ctx.net(a.net);
    net.count += 1;
    return { ok: true, count: net.count };
  });
}

/**
 * Drops a reference; the last one pushes the net on the LIFO cleanup list (it stays on
 * net_namespace_list until a cleanup run unlinks it).
 * @see put_net(), __put_net() (net/core/net_namespace.c, Linux v6.18)
 */
export function putNet(state: State, a: PutNet): Result {
  const errno = firstBroken(PUT_NET_RULES, state, a);
  if (errno) return reject(state, errno);
  return commit(state, (ctx) => {
    const net = ctx.net(a.net);
    net.count -= 1;
    if (net.count === 0) {
      ctx.s.cleanupList = [a.net, ...state.cleanupList];
      ctx.events.push({ type: 'queue', net: a.net });
    }
    return { ok: true, count: net.count };
  });
}
