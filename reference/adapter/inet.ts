/**
 * The TIME_WAIT table actions: tcp_v4_init (inet_init's TCP part, once), a TIME_WAIT socket
 * entering the table (tcp_time_wait() → inet_twsk_hashdance_schedule) and an established-hash
 * lookup (__inet_lookup_established, as for an incoming segment).
 */
import type { Action, Ret } from '../contract.ts';
import { BUG_ON } from '../include/bug.ts';
import { __inet_lookup_established } from '../net/ipv4/inet_hashtables.ts';
import { inet_twsk_alloc, inet_twsk_hashdance_schedule } from '../net/ipv4/inet_timewait_sock.ts';
import type { Ctx } from './context.ts';
import { fail, live } from './validate.ts';

type A<T extends Action['type']> = Extract<Action, { type: T }>;

/** tcp_v4_init {}: registers tcp_sk_ops (op id `tcp`, a core op from then on). */
export function doTcpV4Init({ k, ids, full }: Ctx): Ret {
  if (!full) return fail('EOPNOTSUPP');
  if (k.tcp_hashinfo || ids.consumedOps.has('tcp')) return fail('EEXIST');
  ids.bindOp('tcp', { ops: k.tcp_sk_ops, kind: 'subsys', core: true });
  k.era.tcp_v4_init(k);
  return { ok: true };
}

/** Checks 1–3, shared by both table actions; the net, or a failed Ret. */
function tableNet({ k, ids }: Ctx, a: A<'inet_twsk_hashdance' | 'inet_lookup_established'>) {
  if (!k.tcp_hashinfo) return fail('EOPNOTSUPP');
  const net = ids.nets.get(a.net);
  if (!live(k, net)) return fail('ENOENT');
  if (a.key === '') return fail('EINVAL');
  return { net, hashinfo: k.tcp_hashinfo };
}

/** inet_twsk_hashdance {net, key}: a TIME_WAIT socket of `net` enters the table. */
export function doInetTwskHashdance(c: Ctx, a: A<'inet_twsk_hashdance'>): Ret {
  const t = tableNet(c, a);
  if ('ok' in t) return t;
  if (__inet_lookup_established(c.k, t.hashinfo, t.net, a.key)) return fail('EEXIST');
  const dr = t.net.ipv4.tcp_death_row;
  BUG_ON(!dr, 'inet_twsk_hashdance: a live net without tcp_sk_init()');
  inet_twsk_hashdance_schedule(c.k, inet_twsk_alloc(c.k, t.net, a.key, dr!), t.hashinfo);
  return { ok: true };
}

/** inet_lookup_established {net, key}: found, with the owner of the socket found, or not. */
export function doInetLookupEstablished(c: Ctx, a: A<'inet_lookup_established'>): Ret {
  const t = tableNet(c, a);
  if ('ok' in t) return t;
  const tw = __inet_lookup_established(c.k, t.hashinfo, t.net, a.key);
  return tw ? { ok: true, found: true, net: c.ids.netId(tw.tw_net) } : { ok: true, found: false };
}
