/**
 * net/ipv4/inet_timewait_sock.c (Linux v6.18): a TIME_WAIT socket enters the established hash
 * (inet_twsk_hashdance_schedule) and leaves it when killed; inet_twsk_purge() walks the whole
 * table and kills the TIME_WAIT sockets of every dead net (count 0), not only of the nets the
 * caller is tearing down.
 * @remarks No bind hash and no timer: a socket holds one reference, its ehash chain's, and
 * dies when purged (a real one may also expire first; here nothing expires).
 */
import type { kernel } from '../../kernel.ts';
import {
  list_add,
  list_del_init,
  list_for_each_entry_safe,
  list_head,
} from '../../include/list.ts';
import { check_net, type net } from '../../include/net/net_namespace.ts';
import {
  REFCOUNT_INIT,
  refcount_dec,
  refcount_dec_and_test,
  refcount_inc,
  refcount_set,
} from '../../include/refcount.ts';
import {
  twsk_net,
  type inet_hashinfo,
  type inet_timewait_death_row,
  type inet_timewait_sock,
} from '../../include/net/inet_timewait_sock.ts';
import { kfree, kzalloc } from '../../mm/slab.ts';
import { inet_ehash_bucket, inet_ehashfn } from './inet_hashtables.ts';

/** inet_twsk_alloc(): a TIME_WAIT socket of `net` for the 4-tuple `key` (refcount 0 until hashed). */
export function inet_twsk_alloc(
  k: kernel,
  net: net,
  key: string,
  dr: inet_timewait_death_row,
): inet_timewait_sock {
  const tw = {
    tw_net: net,
    tw_key: key,
    tw_hash: inet_ehashfn(net, key),
    tw_dr: dr,
    tw_refcnt: REFCOUNT_INIT(0),
  } as unknown as inet_timewait_sock;
  Object.assign(tw, { tw_node: new list_head(tw) });
  return kzalloc(k, tw, () => `tw socket ${key} of net ${k.kasan.symbolize(net)}`);
}

/** inet_twsk_hashdance_schedule(): hash `tw` into its ehash chain and count it on its death row. */
export function inet_twsk_hashdance_schedule(
  _k: kernel,
  tw: inet_timewait_sock,
  hashinfo: inet_hashinfo,
): void {
  const ehead = inet_ehash_bucket(hashinfo, tw.tw_hash);

  /* Step 2: Hash TW into tcp ehash chain (hlist_nulls_add_head_rcu) */
  list_add(tw.tw_node, ehead.chain);

  refcount_set(tw.tw_refcnt, 1);
  /* __inet_twsk_schedule(): refcount_inc(&tw->tw_dr->tw_refcount) */
  refcount_inc(tw.tw_dr.tw_refcount);
}

/** inet_twsk_free(). */
function inet_twsk_free(k: kernel, tw: inet_timewait_sock): void {
  kfree(k, tw, 'inet_twsk_free');
}

/** inet_twsk_put(). */
function inet_twsk_put(k: kernel, tw: inet_timewait_sock): void {
  if (refcount_dec_and_test(tw.tw_refcnt)) inet_twsk_free(k, tw);
}

/** inet_twsk_kill(): unhash, uncount on the death row, drop the hash's reference. */
function inet_twsk_kill(k: kernel, tw: inet_timewait_sock): void {
  list_del_init(tw.tw_node);
  refcount_dec(tw.tw_dr.tw_refcount);
  inet_twsk_put(k, tw);
}

/** inet_twsk_deschedule_put(): early kill (the timer is shut down first in C). */
export function inet_twsk_deschedule_put(k: kernel, tw: inet_timewait_sock): void {
  inet_twsk_kill(k, tw);
}

/**
 * inet_twsk_purge(): "Remove all non full sockets (TIME_WAIT and NEW_SYN_RECV) for dead
 * netns" — one walk of every chain; returns how many it killed (void in C; for the trace).
 */
export function inet_twsk_purge(k: kernel, hashinfo: inet_hashinfo): number {
  let purged = 0;
  for (let slot = 0; slot <= hashinfo.ehash_mask; slot++) {
    const head = hashinfo.ehash[slot]!;
    for (const tw of list_for_each_entry_safe(head.chain)) {
      if (check_net(twsk_net(tw))) continue;
      inet_twsk_deschedule_put(k, tw);
      purged += 1;
    }
  }
  return purged;
}
