/**
 * net/ipv4/tcp_ipv4.c and tcp_minisocks.c (Linux v6.18), the namespace side of TCP: tcp_sk_ops
 * (per-net init, exit, and the exit_batch that purges TIME_WAIT sockets once per batch) and
 * tcp_v4_init(), which registers it and owns the global tcp_hashinfo.
 * @remarks No control sockets, congestion control, fastopen or sysctls: only the death row.
 */
import type { kernel } from '../../kernel.ts';
import { WARN_ON } from '../../include/bug.ts';
import { KernelBug } from '../../include/bug.ts';
import { list_for_each_entry, type list_head } from '../../include/list.ts';
import { PERNET_OPS, type net, type pernet_operations } from '../../include/net/net_namespace.ts';
import { REFCOUNT_INIT, refcount_dec_and_test } from '../../include/refcount.ts';
import { trace_netns } from '../../include/trace/events/netns.ts';
import { register_pernet_subsys } from '../core/net_namespace_pernet.ts';
import { inet_hashinfo_init } from './inet_hashtables.ts';
import { inet_twsk_purge } from './inet_timewait_sock.ts';

/** tcp_sk_init(): the net's death row points at the global table, with one base reference. */
function tcp_sk_init(k: kernel, net: net): number {
  const hashinfo = k.tcp_hashinfo;
  if (!hashinfo) throw new KernelBug('tcp_sk_init: no tcp_hashinfo');
  net.ipv4.tcp_death_row = { tw_refcount: REFCOUNT_INIT(1), hashinfo };
  return 0;
}

/** tcp_sk_exit(): control sockets and congestion control go (nothing the contract sees). */
function tcp_sk_exit(_k: kernel, _net: net): void {}

/**
 * tcp_twsk_purge() (tcp_minisocks.c): one walk of the global table per batch ("purged_once"),
 * which kills the TIME_WAIT sockets of every dead net.
 */
function tcp_twsk_purge(k: kernel, net_exit_list: list_head<net>): void {
  let purged_once = false;
  const nets = [...list_for_each_entry(net_exit_list)];

  for (const net of nets) {
    if (net.ipv4.tcp_death_row?.hashinfo.pernet) continue;
    if (!purged_once && k.tcp_hashinfo) {
      const purged = inet_twsk_purge(k, k.tcp_hashinfo);
      trace_netns(k, { type: 'tw_purge', nets, purged });
      purged_once = true;
    }
  }
}

/**
 * tcp_sk_exit_batch(): purge, then every net's death row must be back to its base reference
 * (WARN_ON_ONCE: a TIME_WAIT socket of a dying net survived the purge).
 */
function tcp_sk_exit_batch(k: kernel, net_exit_list: list_head<net>): void {
  /* tcp_exit_batch_mutex: serialises with a failed setup_net's unwinding (single-threaded here) */
  tcp_twsk_purge(k, net_exit_list);

  for (const net of list_for_each_entry(net_exit_list)) {
    const dr = net.ipv4.tcp_death_row;
    if (!dr) continue;
    WARN_ON(
      k,
      !refcount_dec_and_test(dr.tw_refcount),
      `tcp_sk_exit_batch: net ${k.kasan.symbolize(net)} still has TIME_WAIT sockets`,
    );
  }
}

/** tcp_sk_ops: { .init, .exit, .exit_batch } (one instance per kernel). */
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

/** tcp_v4_init(): create the global table, then register tcp_sk_ops as a subsystem. */
export function tcp_v4_init(k: kernel): void {
  k.tcp_hashinfo = inet_hashinfo_init();
  if (register_pernet_subsys(k, k.tcp_sk_ops))
    throw new KernelBug('Failed to create the TCP control socket.');
}
