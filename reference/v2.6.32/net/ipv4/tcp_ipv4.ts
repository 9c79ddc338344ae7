/**
 * net/ipv4/tcp_ipv4.c of v2.6.32: tcp_sk_ops has init and exit only, and each exit walks the
 * whole global table for its own net (`inet_twsk_purge(net, &tcp_hashinfo, &tcp_death_row,
 * AF_INET)`): one walk per dying net — where "the bulk of that 44s was spent".
 */
import type { kernel } from '../../../kernel.ts';
import { KernelBug } from '../../../include/bug.ts';
import { list_for_each_entry_safe } from '../../../include/list.ts';
import {
  PERNET_OPS,
  net_eq,
  type net,
  type pernet_operations,
} from '../../../include/net/net_namespace.ts';
import { twsk_net, type inet_hashinfo } from '../../../include/net/inet_timewait_sock.ts';
import { REFCOUNT_INIT } from '../../../include/refcount.ts';
import { trace_netns } from '../../../include/trace/events/netns.ts';
import { inet_hashinfo_init } from '../../../net/ipv4/inet_hashtables.ts';
import { inet_twsk_deschedule_put } from '../../../net/ipv4/inet_timewait_sock.ts';
import { tcp_sk_init } from '../../../v2.6.33/net/ipv4/tcp_ipv4.ts';
import { register_pernet_subsys } from '../core/net_namespace.ts';

/** inet_twsk_purge() of v2.6.32: kill the TIME_WAIT sockets of `net`; returns how many. */
function inet_twsk_purge(k: kernel, net: net, hashinfo: inet_hashinfo): number {
  let purged = 0;
  for (let slot = 0; slot <= hashinfo.ehash_mask; slot++) {
    for (const tw of list_for_each_entry_safe(hashinfo.ehash[slot]!.chain)) {
      if (!net_eq(twsk_net(tw), net)) continue;
      inet_twsk_deschedule_put(k, tw);
      purged += 1;
    }
  }
  return purged;
}

/** tcp_sk_exit(): the control socket goes, then this net's TIME_WAIT sockets. */
function tcp_sk_exit(k: kernel, net: net): void {
  if (!k.tcp_hashinfo) return;
  const purged = inet_twsk_purge(k, net, k.tcp_hashinfo);
  trace_netns(k, { type: 'tw_purge', nets: [net], purged });
}

/** tcp_sk_ops: { .init, .exit }. */
export function tcp_sk_ops_init(): pernet_operations {
  return PERNET_OPS({
    init: tcp_sk_init,
    exit: tcp_sk_exit,
    id: null,
    size: 0,
    name: 'tcp_sk_ops',
  });
}

/** tcp_v4_init() / tcp_init(). */
export function tcp_v4_init(k: kernel): void {
  k.tcp_hashinfo = inet_hashinfo_init();
  k.tcp_death_row = { tw_refcount: REFCOUNT_INIT(1), hashinfo: k.tcp_hashinfo };
  if (register_pernet_subsys(k, k.tcp_sk_ops))
    throw new KernelBug('Failed to create the TCP control socket.');
}
