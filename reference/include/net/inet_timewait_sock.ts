/**
 * include/net/inet_timewait_sock.h, include/net/inet_hashtables.h (Linux v6.18) — TIME_WAIT
 * sockets and the established hash they live in, reduced to what a namespace's lifetime
 * touches: the owning net (the net is part of every key: `INET_MATCH()` compares it), the
 * 4-tuple, and the per-net death row that counts them.
 * @remarks The 4-tuple is one opaque string; no ports, bind buckets, timers or sk_state
 * other than TCP_TIME_WAIT.
 */
import type { list_head } from '../list.ts';
import type { refcount_t } from '../refcount.ts';
import type { net } from './net_namespace.ts';

/** struct inet_timewait_sock (the fields used here). */
export interface inet_timewait_sock {
  /** possible_net_t tw_net: holds no reference on the net. */
  tw_net: net;
  /** The 4-tuple (saddr, daddr, sport, dport), as one opaque key. */
  readonly tw_key: string;
  readonly tw_hash: number;
  /** Node in an ehash chain (hlist_nulls). */
  readonly tw_node: list_head<inet_timewait_sock>;
  readonly tw_dr: inet_timewait_death_row;
  tw_refcnt: refcount_t;
}

/** struct inet_timewait_death_row: per net (net->ipv4.tcp_death_row) since v6.1. */
export interface inet_timewait_death_row {
  /** 1 + the number of TIME_WAIT sockets of the net (tcp_sk_init sets 1). */
  tw_refcount: refcount_t;
  readonly hashinfo: inet_hashinfo;
}

/** struct inet_ehash_bucket. */
export interface inet_ehash_bucket {
  readonly chain: list_head<inet_timewait_sock>;
}

/** struct inet_hashinfo (the established part). */
export interface inet_hashinfo {
  readonly ehash: inet_ehash_bucket[];
  readonly ehash_mask: number;
  /** Per-netns ehash (sysctl tcp_child_ehash_entries); always the global table here. */
  readonly pernet: boolean;
}

/** twsk_net(). */
export function twsk_net(tw: inet_timewait_sock): net {
  return tw.tw_net;
}
