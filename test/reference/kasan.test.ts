/**
 * mm/kasan and the instrumented test ops: deliberately broken sequences must stop the kernel
 * with a report, independent of any trace comparison.
 */
import { describe, expect, it } from 'vitest';
import { KasanReport, kasan_check } from '../../reference/mm/kasan.ts';
import { kfree } from '../../reference/mm/slab.ts';
import { net_generic } from '../../reference/include/net/netns/generic.ts';
import { peernet2id_alloc } from '../../reference/net/core/net_namespace_nsid.ts';
import {
  register_pernet_device,
  register_pernet_subsys,
} from '../../reference/net/core/net_namespace_pernet.ts';
import { ENOMEM } from '../../reference/include/errno.ts';
import {
  test_netns_module_create,
  test_netns_module_init,
} from '../../reference/lib/test_netns_ops.ts';
import { bench, op } from './helpers.ts';

describe('KASAN', () => {
  it('an exit that runs after its data was freed is a use-after-free', () => {
    const b = bench();
    const a = op('A', ['init', 'exit'], true);
    register_pernet_subsys(b.k, a);
    const n1 = b.mustNet('n1');
    // broken on purpose: ops_free_list() before ops_exit_list()
    kfree(b.k, net_generic(b.k, n1, a.id!.value), 'ops_free_list');
    expect(() => a.exit!(b.k, n1)).toThrow(KasanReport);
    expect(() => a.exit!(b.k, n1)).toThrow(
      /KASAN: use-after-free in exit of op A on net n1: data of op A \(id 3\) freed by ops_free_list/,
    );
  });

  it("a later op's exit reads the data of the ops before it", () => {
    const b = bench({ boot: 'bare' });
    const p = op('P', ['init'], true);
    const q = op('Q', ['init', 'exit'], true);
    register_pernet_subsys(b.k, p);
    register_pernet_device(b.k, q);
    const n1 = b.mustNet('n1');
    kfree(b.k, net_generic(b.k, n1, p.id!.value), 'broken');
    expect(() => q.exit!(b.k, n1)).toThrow(
      /use-after-free in exit of op Q on net n1: data of op P/,
    );
  });

  it('a NULL slot is a null-ptr-deref (use before init)', () => {
    const b = bench({ boot: 'bare' });
    const a = op('A', ['init', 'exit'], true);
    register_pernet_subsys(b.k, a);
    const n1 = b.mustNet('n1');
    n1.gen.ptr[a.id!.value] = null;
    expect(() => a.exit!(b.k, n1)).toThrow(/null-ptr-deref/);
  });

  it('a freed struct net is poisoned once a later cleanup run completes its free', () => {
    const b = bench();
    const n1 = b.mustNet('n1');
    b.kill(n1); // net_passive_dec: net->gen freed, struct net deferred to the next run
    const n2 = b.mustNet('n2');
    b.kill(n2); // net_complete_free() frees n1's struct net
    expect(() => peernet2id_alloc(b.k, n1, b.k.init_net)).toThrow(
      /use-after-free in peernet2id_alloc: net n1 freed by net_complete_free/,
    );
  });

  it('kfree twice is a double-free; a live object passes the check', () => {
    const b = bench();
    const obj = {};
    b.k.kasan.shadow.set(obj, { describe: () => 'obj', freed_by: null });
    expect(() => kasan_check(b.k, obj, 'here')).not.toThrow();
    kfree(b.k, obj, 'first');
    expect(() => kfree(b.k, obj, 'second')).toThrow(/double-free in second: obj already freed/);
  });

  for (const bugs of [[], ['B3']] as const) {
    it(`${bugs.length ? 'B3' : 'fixed'}: the failed op's netdevice notifier ${bugs.length ? 'reads freed data' : 'finds a NULL slot'}`, () => {
      const b = bench({ bugs: [...bugs] });
      // a device op after default_device: the unwinding deletes lo while X is registered
      const x = test_netns_module_create('X', ['init'], true, 'device');
      expect(test_netns_module_init(b.k, x)).toBe(0);
      b.k.fail_function = { ops: x.ops, net: null };
      if (bugs.length)
        expect(() => b.net('n1')).toThrow(
          /KASAN: use-after-free in NETDEV_UNREGISTER notifier of op X for lo in net n1: data of op X \(id 3\) freed by ops_init/,
        );
      else expect(b.net('n1')).toBe(-ENOMEM);
    });

    it(`${bugs.length ? 'B3' : 'fixed'}: an earlier op's exit-side hook drop ${bugs.length ? 'reads' : 'skips'} the failed op's slot`, () => {
      const b = bench({ boot: 'bare', bugs: [...bugs] });
      const p = test_netns_module_create('P', ['exit'], false, 'subsys');
      const q = test_netns_module_create('Q', ['init'], true, 'subsys');
      test_netns_module_init(b.k, p);
      test_netns_module_init(b.k, q);
      b.k.fail_function = { ops: q.ops, net: null };
      if (bugs.length)
        expect(() => b.net('n1')).toThrow(/use-after-free in exit of op P on net n1 \(hook drop\)/);
      else expect(b.net('n1')).toBe(-ENOMEM);
    });
  }
});
