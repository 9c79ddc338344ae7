/**
 * net/ipv4/tcp_ipv4.c of v2.6.33 with "net: Batch inet_twsk_purge" (b099ce2602d8): tcp_sk_ops
 * gains an exit_batch that walks the global table once per batch, killing the TIME_WAIT
 * sockets of every dead net ("This function walks the whole hashtable so there is no point in
 * passing it a network namespace"). The death row is global (one per kernel).
 */
import type { kernel } from '../../../kernel.ts';
import { KernelBug } from '../../../include/bug.ts';
import { list_for_each_entry, type list_head } from '../../../include/list.ts';
import {
  PERNET_OPS,
  type net,
  type pernet_operations,
} from '../../../include/net/net_namespace.ts';
import { REFCOUNT_INIT } from '../../../include/refcount.ts';
import { trace_netns } from '../../../include/trace/events/netns.ts';
import { inet_hashinfo_init } from '../../../net/ipv4/inet_hashtables.ts';
import { inet_twsk_purge } from '../../../net/ipv4/inet_timewait_sock.ts';
import { register_pernet_subsys } from '../core/net_namespace_pernet.ts';

/** tcp_sk_init(): the control socket (not modelled); the net uses the global death row. */
export function tcp_sk_init(k: kernel, net: net): number {
  net.ipv4.tcp_death_row = k.tcp_death_row;
  return 0;
}

/** tcp_sk_exit(): release the control socket. */
function tcp_sk_exit(_k: kernel, _net: net): void {}

/** tcp_sk_exit_batch(): inet_twsk_purge(&tcp_hashinfo, &tcp_death_row, AF_INET), once. */
function tcp_sk_exit_batch(k: kernel, net_exit_list: list_head<net>): void {
  if (!k.tcp_hashinfo) return;
  const purged = inet_twsk_purge(k, k.tcp_hashinfo);
  trace_netns(k, { type: 'tw_purge', nets: [...list_for_each_entry(net_exit_list)], purged });
}

/** tcp_sk_ops: { .init, .exit, .exit_batch }. */
export function tcp_sk_ops_init(): pernet_operations {
  return PERNET_OPS({
    init: tcp_sk_init,
    exit: tcp_sk_exit,
    exit_batch: tcp_sk_exit_batch,
    id: null,
    size: 0,
    name: 'tcp_sk_ops',
  });
}

/** tcp_v4_init() / tcp_init(): the global table and death row, then tcp_sk_ops. */
export function tcp_v4_init(k: kernel): void {
  k.tcp_hashinfo = inet_hashinfo_init();
  k.tcp_death_row = { tw_refcount: REFCOUNT_INIT(1), hashinfo: k.tcp_hashinfo };
  if (register_pernet_subsys(k, k.tcp_sk_ops))
    throw new KernelBug('Failed to create the TCP control socket.');
}
