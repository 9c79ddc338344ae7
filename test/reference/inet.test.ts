/**
 * The TIME_WAIT table (net/ipv4): one global established hash for every net, the net part of
 * every key; tcp_sk_exit_batch() walks it once per batch and kills the TIME_WAIT sockets of
 * every dead net. Expected traces read off tcp_ipv4.c, tcp_minisocks.c, inet_timewait_sock.c.
 */
import { describe, expect, it } from 'vitest';
import { createReferenceKernel, type Action } from '../../reference/adapter.ts';
import { put_net } from '../../reference/include/net/net_namespace.ts';
import { kasan_is_freed } from '../../reference/mm/kasan.ts';
import { __inet_lookup_established } from '../../reference/net/ipv4/inet_hashtables.ts';
import {
  inet_twsk_alloc,
  inet_twsk_hashdance_schedule,
  inet_twsk_purge,
} from '../../reference/net/ipv4/inet_timewait_sock.ts';
import { tcp_v4_init } from '../../reference/net/ipv4/tcp_ipv4.ts';
import type { net } from '../../reference/include/net/net_namespace.ts';
import { bench, pernetNames, type Bench } from './helpers.ts';

function tw(b: Bench, n: net, key: string) {
  const sk = inet_twsk_alloc(b.k, n, key, n.ipv4.tcp_death_row!);
  inet_twsk_hashdance_schedule(b.k, sk, b.k.tcp_hashinfo!);
  return sk;
}

describe('tcp_v4_init', () => {
  it('registers tcp_sk_ops as a subsystem (before first_device) and inits every net', () => {
    const b = bench();
    b.mustNet('n1');
    b.trace();
    tcp_v4_init(b.k);
    expect(pernetNames(b.k)).toEqual(['netdev', 'tcp', 'loopback', 'default_device']);
    expect(b.trace()).toEqual(['init tcp init_net', 'init tcp n1']);
    expect(b.k.counters.pernetLock).toBe(2);
  });
});

describe('__inet_lookup_established', () => {
  it('finds a socket only in its own net: the net is part of the key', () => {
    const b = bench();
    tcp_v4_init(b.k);
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    const sk = tw(b, n1, '10.0.0.1:80-10.0.0.2:4242');
    const h = b.k.tcp_hashinfo!;
    expect(__inet_lookup_established(b.k, h, n1, '10.0.0.1:80-10.0.0.2:4242')).toBe(sk);
    expect(__inet_lookup_established(b.k, h, n2, '10.0.0.1:80-10.0.0.2:4242')).toBeNull();
    expect(__inet_lookup_established(b.k, h, n1, 'other')).toBeNull();
    expect(n1.ipv4.tcp_death_row!.tw_refcount.refs).toBe(2);
  });
});

describe('inet_twsk_purge', () => {
  it('kills the TIME_WAIT sockets of every dead net (count 0), whoever asks', () => {
    const b = bench();
    tcp_v4_init(b.k);
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    const a = tw(b, n1, 'a');
    const c = tw(b, n2, 'a');
    put_net(b.k, n1); // dead, queued, not yet in any batch
    expect(inet_twsk_purge(b.k, b.k.tcp_hashinfo!)).toBe(1);
    expect(kasan_is_freed(b.k, a)).toBe(true);
    expect(kasan_is_freed(b.k, c)).toBe(false);
    expect(n1.ipv4.tcp_death_row!.tw_refcount.refs).toBe(1);
  });
});

describe('tcp_sk_exit_batch', () => {
  it('one walk per batch, right after the exit_batch event; death rows back to 1', () => {
    const b = bench();
    tcp_v4_init(b.k);
    const n1 = b.mustNet('n1');
    const n2 = b.mustNet('n2');
    tw(b, n1, 'a');
    tw(b, n1, 'b');
    tw(b, n2, 'a');
    b.trace();
    b.kill(n1, n2);
    const t = b.trace();
    const at = t.indexOf('exit_batch tcp [n2,n1]');
    expect(t.slice(at, at + 2)).toEqual(['exit_batch tcp [n2,n1]', 'tw_purge [n2,n1] 3']);
    expect(t.filter((l) => l.startsWith('tw_purge'))).toHaveLength(1);
  });

  it("a failed setup's unwinding purges the sockets of nets queued for a later batch", () => {
    const b = bench();
    tcp_v4_init(b.k);
    const n1 = b.mustNet('n1');
    tw(b, n1, 'a');
    put_net(b.k, n1);
    b.trace();
    b.k.fail_function = { ops: b.k.loopback_net_ops, net: null };
    expect(b.net('n3')).toBeLessThan(0);
    expect(b.trace()).toContain('tw_purge [n3] 1');
  });

  it('WARNs when a socket of a dying net survived the walk', () => {
    const b = bench();
    tcp_v4_init(b.k);
    const n1 = b.mustNet('n1');
    tw(b, n1, 'a');
    // broken on purpose: the socket claims another (live) net, but counts on n1's death row
    const sk = tw(b, n1, 'b');
    sk.tw_net = b.k.init_net;
    expect(() => b.kill(n1)).toThrow(/tcp_sk_exit_batch: net n1 still has TIME_WAIT sockets/);
  });
});

describe('the TIME_WAIT actions (adapter)', () => {
  const run = (actions: Action[], boot: 'full' | 'bare' = 'full') => {
    const r = createReferenceKernel({ boot });
    return { r, rets: actions.map((a) => r.apply(a).ret) };
  };

  it('validation order and rets', () => {
    const { rets, r } = run([
      { type: 'inet_twsk_hashdance', net: 'init_net', key: 'k' },
      { type: 'tcp_v4_init' },
      { type: 'tcp_v4_init' },
      { type: 'inet_twsk_hashdance', net: 'nope', key: 'k' },
      { type: 'inet_twsk_hashdance', net: 'init_net', key: '' },
      { type: 'inet_twsk_hashdance', net: 'init_net', key: 'k' },
      { type: 'inet_twsk_hashdance', net: 'init_net', key: 'k' },
      { type: 'inet_lookup_established', net: 'init_net', key: 'k' },
      { type: 'inet_lookup_established', net: 'init_net', key: 'j' },
      { type: 'unregister_pernet_subsys', op: 'tcp' },
    ]);
    expect(rets).toEqual([
      { ok: false, errno: 'EOPNOTSUPP' },
      { ok: true },
      { ok: false, errno: 'EEXIST' },
      { ok: false, errno: 'ENOENT' },
      { ok: false, errno: 'EINVAL' },
      { ok: true },
      { ok: false, errno: 'EEXIST' },
      { ok: true, found: true, net: 'init_net' },
      { ok: true, found: false },
      { ok: false, errno: 'EPERM' },
    ]);
    expect(r.view().tw).toEqual([{ net: 'init_net', key: 'k' }]);
  });

  it('bare boot: EOPNOTSUPP; a user op named tcp: EEXIST; no tw in the view before', () => {
    expect(run([{ type: 'tcp_v4_init' }], 'bare').rets).toEqual([
      { ok: false, errno: 'EOPNOTSUPP' },
    ]);
    const { rets, r } = run([
      { type: 'register_pernet_subsys', op: 'tcp', hooks: [], generic: false },
      { type: 'tcp_v4_init' },
    ]);
    expect(rets[1]).toEqual({ ok: false, errno: 'EEXIST' });
    expect(r.view().tw).toBeUndefined();
  });
});
