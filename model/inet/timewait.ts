/**
 * The 2007 design's shared, namespace-tagged table: TIME_WAIT sockets of every net live in
 * one global hash table (tcp_hashinfo's ehash), the net part of every key, rather than a
 * copy of the table per net. tcp_v4_init creates it; tcp's exit (2.6.32) or exit_batch
 * (2.6.33 on) walks all of it to purge dying nets' entries.
 */
import type { Action } from '../actions.ts';
import { commit, type Ctx, isLive, reject, type Result } from '../context.ts';
import { registerOp } from '../pernet/register.ts';
import { firstBroken, type Rule, rule } from '../rules.ts';
import { has, values } from '../table.ts';
import { type State, TCP_OP, tcpOp, twId } from '../state.ts';

type TcpV4Init = Extract<Action, { type: 'tcp_v4_init' }>;
type TwAction = Extract<Action, { type: 'inet_twsk_hashdance' | 'inet_lookup_established' }>;

/** Preconditions of tcp_v4_init, in order. */
export const TCP_V4_INIT_RULES: readonly Rule<TcpV4Init>[] = [
  rule('EOPNOTSUPP', 'bare boot: net_dev_init() has not run', (s) => s.boot === 'bare'),
  rule('EEXIST', 'tcp_v4_init() already ran, or a user op took the id `tcp`', (s) =>
    Boolean(s.used.ops[TCP_OP]),
  ),
];

const TW_RULES: readonly Rule<TwAction>[] = [
  rule('EOPNOTSUPP', 'tcp_v4_init() has not run: there is no table', (s) => s.tw === null),
  rule('ENOENT', '`net` is not live', (s, a) => !isLive(s, a.net)),
  rule('EINVAL', '`key` is empty', (_, a) => a.key === ''),
];

/** Preconditions of inet_twsk_hashdance, in order. */
export const HASHDANCE_RULES: readonly Rule<TwAction>[] = [
  ...TW_RULES,
  rule('EEXIST', '`net` already has an entry with `key`', (s, a) => has(s.tw!, twId(a.net, a.key))),
];

/** Preconditions of inet_lookup_established, in order. */
export const LOOKUP_RULES: readonly Rule<TwAction>[] = TW_RULES;

/**
 * Sets up TCP: an empty global TIME_WAIT table, and tcp_sk_ops registered as a subsys op
 * (init on every listed net); it is a core op from then on.
 * @see tcp_v4_init(), tcp_sk_ops (net/ipv4/tcp_ipv4.c, Linux v6.18, v2.6.33, v2.6.32)
 * @remarks The kernel calls it once at boot (inet_init); here it is an action, so that
 *   runs without TCP stay exactly the v1 contract. Its init cannot fail.
 */
export function tcpV4Init(state: State, a: TcpV4Init): Result {
  const errno = firstBroken(TCP_V4_INIT_RULES, state, a);
  if (errno) return reject(state, errno);
  return commit(state, (ctx) => {
    ctx.bump('pernetLock');
    ctx.useOp(TCP_OP);
    registerOp(ctx, tcpOp(state.kernel));
    ctx.s.tw = {};
    return { ok: true };
  });
}

/**
 * Puts a TIME_WAIT socket of `net` with 4-tuple `key` in the global table.
 * @see inet_twsk_hashdance() (net/ipv4/inet_timewait_sock.c)
 * @remarks The key is an opaque string; timers (expiry) are not modelled. A TIME_WAIT
 *   socket holds no reference on its net.
 */
export function inetTwskHashdance(state: State, a: TwAction): Result {
  const errno = firstBroken(HASHDANCE_RULES, state, a);
  if (errno) return reject(state, errno);
  return commit(state, (ctx) => {
    ctx.put('tw', twId(a.net, a.key), { net: a.net, key: a.key });
    return { ok: true };
  });
}

/**
 * Looks `key` up for `net`: the entry must match both, so a net never sees another net's
 * socket with the same 4-tuple. Returns the owner of the entry found.
 * @see __inet_lookup_established() (net/ipv4/inet_hashtables.c): `net_eq(sock_net(sk),
 *   net)` in INET_MATCH
 */
export function inetLookupEstablished(state: State, a: TwAction): Result {
  const errno = firstBroken(LOOKUP_RULES, state, a);
  if (errno) return reject(state, errno);
  const found = has(state.tw!, twId(a.net, a.key));
  return { state, events: [], ret: found ? { ok: true, found, net: a.net } : { ok: true, found } };
}

/**
 * One walk of the whole table, purging every entry of a dead net: from v2.6.33 on every net
 * whose count is zero (`nets`, and any net still queued for cleanup, whose sockets a failed
 * setup's unwinding may thus take — the reason for tcp_exit_batch_mutex, bug B6), in 2.6.32
 * the one net it is called for. Emits `tw_purge` with `nets` and how many it removed.
 * @see inet_twsk_purge() (net/ipv4/inet_timewait_sock.c, v2.6.32: `net_eq(twsk_net(tw),
 *   net)`; v2.6.33: `atomic_read(&twsk_net(tw)->count)`; v6.18: `check_net(sock_net(sk))`),
 *   tcp_sk_exit_batch() (net/ipv4/tcp_ipv4.c, v6.18)
 */
export function twPurge(ctx: Ctx, nets: readonly string[]): void {
  const dying = new Set(ctx.s.kernel === '2.6.32' ? nets : [...nets, ...ctx.s.cleanupList]);
  const purge = values(ctx.s.tw!).filter((entry) => dying.has(entry.net));
  for (const { net, key } of purge) ctx.remove('tw', twId(net, key));
  ctx.events.push({ type: 'tw_purge', nets: [...nets], purged: purge.length });
}
