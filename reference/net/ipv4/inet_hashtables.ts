/**
 * net/ipv4/inet_hashtables.c (Linux v6.18), the established hash: one global table for every
 * namespace (the 2007 "L2 Network namespace infrastructure" design), with the net folded into
 * the hash (`net_hash_mix()`) and compared on lookup (`INET_MATCH()`), so that a net never
 * finds another net's socket.
 * @remarks Only TIME_WAIT sockets live in it here; the 4-tuple is an opaque key.
 */
import type { kernel } from '../../kernel.ts';
import { INIT_LIST_HEAD, list_head, list_for_each_entry } from '../../include/list.ts';
import { net_eq, type net } from '../../include/net/net_namespace.ts';
import {
  twsk_net,
  type inet_hashinfo,
  type inet_timewait_sock,
} from '../../include/net/inet_timewait_sock.ts';

/** The ehash size of this kernel (a power of two; alloc_large_system_hash() sizes it). */
export const EHASH_ENTRIES = 16;

/** inet_hashinfo2_init()/alloc_large_system_hash() for the established part: empty chains. */
export function inet_hashinfo_init(): inet_hashinfo {
  const ehash = Array.from({ length: EHASH_ENTRIES }, () => {
    const chain = new list_head<inet_timewait_sock>();
    INIT_LIST_HEAD(chain);
    return { chain };
  });
  return { ehash, ehash_mask: EHASH_ENTRIES - 1, pernet: false };
}

/** net_hash_mix(): a per-net salt (net->hash_mix, random in C; derived from the inode here). */
// Stryker disable next-line BlockStatement: equivalent: the salt only spreads sockets over buckets; INET_MATCH decides every lookup
function net_hash_mix(net: net): number {
  return Math.imul(net.ns.inum, 0x9e3779b1) >>> 0;
}

/** inet_ehashfn(): the bucket hash of a 4-tuple in `net` (jhash in C; FNV-1a here). */
// Stryker disable next-line BlockStatement: equivalent: any hash (even none) gives the same lookups: INET_MATCH decides, the purge walks every bucket
export function inet_ehashfn(net: net, key: string): number {
  let h = 0x811c9dc5 ^ net_hash_mix(net);
  // Stryker disable next-line StringLiteral: equivalent: Buffer.from() reads an empty encoding as utf8
  for (const c of Buffer.from(key, 'utf8')) h = Math.imul(h ^ c, 0x01000193) >>> 0;
  return h >>> 0;
}

/** inet_ehash_bucket(). */
export function inet_ehash_bucket(hashinfo: inet_hashinfo, hash: number) {
  return hashinfo.ehash[hash & hashinfo.ehash_mask]!;
}

/** INET_MATCH(): same net and same 4-tuple. */
function INET_MATCH(tw: inet_timewait_sock, net: net, key: string): boolean {
  return net_eq(twsk_net(tw), net) && tw.tw_key === key;
}

/** __inet_lookup_established(): the socket of `net` with this 4-tuple, or null. */
export function __inet_lookup_established(
  _k: kernel,
  hashinfo: inet_hashinfo,
  net: net,
  key: string,
): inet_timewait_sock | null {
  const hash = inet_ehashfn(net, key);
  const head = inet_ehash_bucket(hashinfo, hash);
  for (const tw of list_for_each_entry(head.chain)) {
    if (tw.tw_hash !== hash) continue;
    if (INET_MATCH(tw, net, key)) return tw;
  }
  return null;
}
