/**
 * The contract's abstract view, read off the kernel's own structures: net_namespace_list, each
 * net's device list, nsid IDR and generic slots, pernet_list and first_device, cleanup_list and
 * the cost counters. Nothing here is bookkept by the adapter except the ids.
 */
import type { DevKind, Hook, NetView, View } from '../contract.ts';
import type { kernel } from '../kernel.ts';
import { idr_for_each } from '../include/idr.ts';
import { list_entry, list_for_each_entry } from '../include/list.ts';
import { IFF_LOOPBACK, for_each_netdev, type net_device } from '../include/linux/netdevice.ts';
import { for_each_net, type net, type pernet_operations } from '../include/net/net_namespace.ts';
import { refcount_read } from '../include/refcount.ts';
import type { inet_hashinfo } from '../include/net/inet_timewait_sock.ts';
import { PERNET_HOOKS } from '../lib/test_netns_ops.ts';
import type { IdTable } from './ids.ts';

/** The contract kind of a device: from its flags and rtnl_link_ops. */
export function devKind(dev: net_device): DevKind {
  if (dev.flags & IFF_LOOPBACK) return 'loopback';
  return (dev.rtnl_link_ops?.kind as DevKind | undefined) ?? 'physical';
}

function netView(k: kernel, ids: IdTable, n: net): NetView {
  const count = refcount_read(n.ns.count);
  const nsids: { peer: string; id: number }[] = [];
  idr_for_each(n.netns_ids, (id, peer) => {
    nsids.push({ peer: ids.netId(peer), id });
    return 0;
  });
  const data: string[] = [];
  for (const o of list_for_each_entry(k.pernet_list))
    if (o.id && n.gen.ptr[o.id.value + k.era.generic_slot_offset]) data.push(ids.opId(o));
  return {
    id: ids.netId(n),
    count,
    queued: count === 0,
    devices: [...for_each_netdev(n)].map((d) => ({
      dev: ids.devId(d),
      name: d.name,
      kind: devKind(d),
    })),
    nsids,
    data,
  };
}

function hooksOf(o: pernet_operations): Hook[] {
  return PERNET_HOOKS.filter((h) => o[h] !== undefined);
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The TIME_WAIT table, read off the ehash chains: by net id, then key. */
function twView(hashinfo: inet_hashinfo, ids: IdTable): NonNullable<View['tw']> {
  const tw: NonNullable<View['tw']> = [];
  for (const head of hashinfo.ehash)
    for (const sk of list_for_each_entry(head.chain))
      tw.push({ net: ids.netId(sk.tw_net), key: sk.tw_key });
  return tw.sort((a, b) => byCodeUnits(a.net, b.net) || byCodeUnits(a.key, b.key));
}

/** view(): the abstract state after the last step. */
export function referenceView(k: kernel, ids: IdTable): View {
  const pernet: View['pernet'] = [];
  let kind: 'subsys' | 'device' = 'subsys';
  for (const o of list_for_each_entry(k.pernet_list)) {
    /* ops before first_device are subsys ops, the rest device ops */
    if (o.list === k.first_device) kind = 'device';
    pernet.push({ op: ids.opId(o), kind, hooks: hooksOf(o), ...(o.id && { id: o.id.value }) });
  }
  const version = k.era.version;
  return {
    ...(version !== '6.18' && { kernel: version }),
    nets: [...for_each_net(k)].map((n) => netView(k, ids, n)),
    pernet,
    firstDevice: k.first_device === k.pernet_list ? null : ids.opId(list_entry(k.first_device)),
    cleanupList: k.era.cleanup_queue(k).map((n) => ids.netId(n)),
    counters: { ...k.counters },
    ...(k.tcp_hashinfo && { tw: twView(k.tcp_hashinfo, ids) }),
  };
}
