/**
 * net/core/net_namespace.c, nsids: peernet2id_alloc() (lowest free id, RTM_NEWNSID once),
 * get_net_ns_by_id() (maybe_get_net, CVE-2017-15129) and unhash_nsid() from cleanup_net().
 */
import { describe, expect, it } from 'vitest';
import { put_net } from '../../reference/include/net/net_namespace.ts';
import {
  NETNSA_NSID_NOT_ASSIGNED,
  get_net_ns_by_id,
  peernet2id,
  peernet2id_alloc,
} from '../../reference/net/core/net_namespace_nsid.ts';
import { bench } from './helpers.ts';

describe('peernet2id_alloc', () => {
  it('assigns the lowest free id once and notifies RTM_NEWNSID; a net may name itself', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    b.trace();
    expect(peernet2id_alloc(b.k, n1, n2)).toBe(0);
    expect(peernet2id_alloc(b.k, n1, n2)).toBe(0);
    expect(peernet2id_alloc(b.k, n1, n1)).toBe(1);
    expect(peernet2id_alloc(b.k, n2, n1)).toBe(0);
    expect(b.trace()).toEqual(['nsid_alloc n1 n2 0', 'nsid_alloc n1 n1 1', 'nsid_alloc n2 n1 0']);
    expect(peernet2id(n1, n1)).toBe(1);
  });

  it('never hashes a peer whose count is 0 (queued), nor into a dead net', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    b.trace();
    put_net(b.k, n2);
    expect(peernet2id_alloc(b.k, n1, n2)).toBe(NETNSA_NSID_NOT_ASSIGNED);
    expect(peernet2id_alloc(b.k, n2, n1)).toBe(NETNSA_NSID_NOT_ASSIGNED);
    expect(b.trace()).toEqual(['queue n2']);
  });

  it('reuses an id freed by unhash_nsid', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    const n3 = b.mustNet('n3');
    expect(peernet2id_alloc(b.k, n1, n2)).toBe(0);
    expect(peernet2id_alloc(b.k, n1, n3)).toBe(1);
    b.kill(n2);
    expect(peernet2id(n1, n2)).toBe(NETNSA_NSID_NOT_ASSIGNED);
    const n4 = b.mustNet('n4');
    b.trace();
    expect(peernet2id_alloc(b.k, n1, n4)).toBe(0);
  });
});

describe('get_net_ns_by_id', () => {
  it('takes a reference with maybe_get_net: a queued peer is not resurrected', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    peernet2id_alloc(b.k, n1, n2);
    expect(get_net_ns_by_id(n1, 0)).toBe(n2);
    expect(n2.ns.count.refs).toBe(2);
    put_net(b.k, n2);
    put_net(b.k, n2);
    expect(get_net_ns_by_id(n1, 0)).toBeNull(); // still hashed until cleanup_net unhashes it
    expect(n2.ns.count.refs).toBe(0);
  });
});
