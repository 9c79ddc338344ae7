/**
 * nsid assignment: the id a net gives a peer net.
 */
import { get } from '../table.ts';
import type { Action } from '../actions.ts';
import { commit, isLive, reject, type Result } from '../context.ts';
import { profileOf } from '../kernels.ts';
import { firstBroken, type Rule, rule } from '../rules.ts';
import type { State } from '../state.ts';

type Peernet2idAlloc = Extract<Action, { type: 'peernet2id_alloc' }>;

/** Preconditions of peernet2id_alloc, in order. */
export const PEERNET2ID_ALLOC_RULES: readonly Rule<Peernet2idAlloc>[] = [
  rule(
    'EOPNOTSUPP',
    'this kernel has no netns ids (2.6.32, 2.6.33; they came in v3.19)',
    (s) => !profileOf(s.kernel).nsid,
  ),
  rule('ENOENT', '`net` is not live (check_net)', (s, a) => !isLive(s, a.net)),
  rule('ENOENT', '`peer` is not live (maybe_get_net)', (s, a) => !isLive(s, a.peer)),
];

/**
 * Returns the id `net` has for `peer`, allocating the lowest free one (and notifying
 * RTM_NEWNSID) if there is none. Both nets must be live (check_net, maybe_get_net).
 * @see peernet2id_alloc(), alloc_netid() (net/core/net_namespace.c, Linux v6.18)
 */
export function peernet2idAlloc(state: State, a: Peernet2idAlloc): Result {
  const errno = firstBroken(PEERNET2ID_ALLOC_RULES, state, a);
  if (errno) return reject(state, errno);
  const nsids = get(state.nets, a.net)!.nsids;
  const existing = nsids[a.peer];
  if (existing !== undefined) return { state, events: [], ret: { ok: true, id: existing } };
  const taken = new Set(Object.values(nsids));
  let id = 0;
  while (taken.has(id)) id += 1;
  return commit(state, (ctx) => {
    ctx.net(a.net).nsids = { ...nsids, [a.peer]: id };
    ctx.events.push({ type: 'nsid_alloc', in: a.net, peer: a.peer, id });
    return { ok: true, id };
  });
}
