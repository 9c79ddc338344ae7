/**
 * net/core/net_namespace.c (Linux v6.18), the nsid part: alloc_netid, __peernet2id,
 * peernet2id_alloc, peernet2id, get_net_ns_by_id, unhash_nsid, rtnl_net_notifyid.
 * @remarks The nsid_lock spinlock is not modelled (single-threaded kernel).
 */
import type { kernel } from '../../kernel.ts';
import { idr_alloc, idr_destroy, idr_find, idr_for_each, idr_remove } from '../../include/idr.ts';
import {
  check_net,
  for_each_net,
  maybe_get_net,
  net_eq,
  put_net,
  type net,
} from '../../include/net/net_namespace.ts';
import { trace_netns } from '../../include/trace/events/netns.ts';
import { kasan_check } from '../../mm/kasan.ts';

/** NETNSA_NSID_NOT_ASSIGNED. */
export const NETNSA_NSID_NOT_ASSIGNED = -1;

/** RTM_NEWNSID / RTM_DELNSID. */
export const RTM_NEWNSID = 88;
export const RTM_DELNSID = 89;

/** alloc_netid(): `reqid < 0` means the lowest free id >= 0. Should be called with nsid_lock held. */
function alloc_netid(net: net, peer: net, reqid: number): number {
  let min = 0;
  let max = 0;

  if (reqid >= 0) {
    min = reqid;
    max = reqid + 1;
  }

  return idr_alloc(net.netns_ids, peer, min, max);
}

/* net_eq_idr() returns NET_ID_ZERO for id 0 so that idr_for_each() stops on it */
const NET_ID_ZERO = -1;

/** __peernet2id(): the id `net` assigned to `peer`, or NETNSA_NSID_NOT_ASSIGNED. */
export function __peernet2id(net: net, peer: net): number {
  const id = idr_for_each(net.netns_ids, (id, p) => (net_eq(p, peer) ? id || NET_ID_ZERO : 0));

  /* Magic value for id 0. */
  if (id === NET_ID_ZERO) return 0;
  if (id > 0) return id;

  return NETNSA_NSID_NOT_ASSIGNED;
}

/** rtnl_net_notifyid(): the RTM_NEWNSID / RTM_DELNSID notification to `net`'s listeners. */
function rtnl_net_notifyid(k: kernel, net: net, cmd: number, id: number, peer: net): void {
  trace_netns(k, { type: cmd === RTM_NEWNSID ? 'nsid_alloc' : 'nsid_unhash', in: net, peer, id });
}

/**
 * peernet2id_alloc(): the id of `peer` in `net`, allocating the lowest free one (and notifying
 * RTM_NEWNSID) if there is none. Never hashes a peer whose count is 0.
 */
export function peernet2id_alloc(k: kernel, net: net, peer: net): number {
  kasan_check(k, net, 'peernet2id_alloc');
  if (!check_net(net)) return NETNSA_NSID_NOT_ASSIGNED;

  let id = __peernet2id(net, peer);
  if (id >= 0) return id;

  /* When peer is obtained from RCU lists, we may race with
   * its cleanup. Check whether it's alive, and this guarantees
   * we never hash a peer back to net->netns_ids, after it has
   * just been idr_remove()'d from there in cleanup_net().
   */
  if (!maybe_get_net(peer)) return NETNSA_NSID_NOT_ASSIGNED;

  id = alloc_netid(net, peer, -1);

  put_net(k, peer);
  if (id < 0) return NETNSA_NSID_NOT_ASSIGNED;

  rtnl_net_notifyid(k, net, RTM_NEWNSID, id, peer);

  return id;
}

/** peernet2id(): the id of `peer` in `net`, if assigned. */
export function peernet2id(net: net, peer: net): number {
  return __peernet2id(net, peer);
}

/** get_net_ns_by_id(): the peer behind an nsid, with a reference (maybe_get_net, CVE-2017-15129). */
export function get_net_ns_by_id(net: net, id: number): net | null {
  if (id < 0) return null;
  const peer = idr_find(net.netns_ids, id);
  return peer ? maybe_get_net(peer) : null;
}

/**
 * unhash_nsid(): drop the ids that surviving nets (up to `last`) hold for the dying `net`,
 * notifying RTM_DELNSID in each, then destroy `net`'s own table silently.
 */
export function unhash_nsid(k: kernel, net: net, last: net): void {
  /* This function is only called from cleanup_net() work,
   * and this work is the only process, that may delete
   * a net from net_namespace_list. So, when the below
   * is executing, the list may only grow. Thus, we do not
   * use for_each_net_rcu() or net_rwsem.
   */
  for (const tmp of for_each_net(k)) {
    const id = __peernet2id(tmp, net);
    if (id >= 0) idr_remove(tmp.netns_ids, id);
    if (id >= 0) rtnl_net_notifyid(k, tmp, RTM_DELNSID, id, net);
    if (tmp === last) break;
  }
  idr_destroy(net.netns_ids);
}
