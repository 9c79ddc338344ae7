/**
 * reference/v2.6.33 and v2.6.32 paths the generated runs rarely reach: 2.6.33's net_generic
 * array growing by copy (ids from 1, `ptr[id - 1]`) with its BUG_ONs, and RTM_DELLINK of a
 * device without dellink.
 */
import { describe, expect, it } from 'vitest';
import { EOPNOTSUPP } from '../../reference/include/errno.ts';
import { net_generic } from '../../reference/include/net/netns/generic.ts';
import { rcu_barrier } from '../../reference/include/rcupdate.ts';
import { down_write, up_write } from '../../reference/include/rwsem.ts';
import { kasan_check, kasan_is_freed } from '../../reference/mm/kasan.ts';
import { ops_init } from '../../reference/v2.6.33/net/core/net_namespace.ts';
import { bench, op } from './helpers.ts';

describe('2.6.33 net_assign_generic', () => {
  it('grows a full array by copy: every earlier slot survives, the old array goes after a grace period', () => {
    const b = bench({ kernel: '2.6.33' });
    const n1 = b.mustNet('n1');
    const old = n1.gen;
    const ops = Array.from({ length: old.s.len + 1 }, (_, i) => op(`G${i}`, ['init'], true));
    for (const o of ops) expect(b.k.era.register_pernet_subsys(b.k, o)).toBe(0);
    expect(ops.map((o) => o.id!.value)).toEqual(ops.map((_, i) => i + 1));
    expect(n1.gen).not.toBe(old);
    expect(n1.gen.s.len).toBe(old.s.len + 1);
    for (const o of ops) expect(net_generic(b.k, n1, o.id!.value), o.name).toBeTruthy();
    expect(kasan_is_freed(b.k, old)).toBe(false);
    rcu_barrier(b.k);
    expect(() => kasan_check(b.k, old, 'reader')).toThrow(
      'KASAN: use-after-free in reader: a net_generic array freed by kfree_rcu (net_assign_generic)',
    );
  });

  it('must be called under net_mutex, never with id 0', () => {
    const b = bench({ kernel: '2.6.33' });
    const o = op('G', ['init'], true);
    o.id!.value = 1;
    expect(() => ops_init(b.k, o, b.k.init_net)).toThrow(
      'kernel BUG: net_assign_generic: net_mutex not held',
    );
    down_write(b.k, b.k.net_mutex);
    o.id!.value = 0;
    expect(() => ops_init(b.k, o, b.k.init_net)).toThrow('kernel BUG: net_assign_generic: id 0');
    up_write(b.k, b.k.net_mutex);
  });
});

describe('RTM_DELLINK of a device without dellink', () => {
  for (const kernel of ['6.18', '2.6.33', '2.6.32'] as const)
    it(`${kernel}: lo is EOPNOTSUPP and stays`, () => {
      const b = bench({ kernel });
      const lo = b.k.init_net.loopback_dev!;
      expect(b.k.era.rtnl_dellink(b.k, lo)).toBe(-EOPNOTSUPP);
      expect(lo.reg_state).toBe('NETREG_REGISTERED');
    });
});

describe('net_free per profile', () => {
  for (const kernel of ['6.18', '2.6.33', '2.6.32'] as const)
    it(`${kernel}: a cleaned-up net and its generic array are freed (the net by net_free)`, () => {
      const b = bench({ kernel });
      const n1 = b.mustNet('n1');
      const gen = n1.gen;
      b.kill(n1);
      if (kernel === '6.18') b.kill(b.mustNet('n2')); // net_complete_free() runs one batch later
      expect(kasan_is_freed(b.k, gen)).toBe(true);
      expect(kasan_is_freed(b.k, n1)).toBe(true);
      if (kernel !== '6.18')
        expect(() => kasan_check(b.k, n1, 'reader')).toThrow(
          /KASAN: use-after-free in reader: .* freed by net_free/,
        );
    });
});
