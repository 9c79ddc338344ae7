/**
 * The kernel's symbols as its reports print them: every core pernet_operations and lock carries
 * its C name in each profile (what a BUG or KASAN report names, through the default symbolizer),
 * and the counted locks feed the contract's counters.
 */
import { describe, expect, it } from 'vitest';
import { start_kernel } from '../../reference/kernel.ts';

describe('core symbols per profile', () => {
  for (const kernel of ['6.18', '2.6.33', '2.6.32'] as const)
    it(`${kernel}: pernet ops, locks and the netns workqueue are named as in the C`, () => {
      const k = start_kernel({ kernel });
      expect(
        [k.netdev_net_ops, k.loopback_net_ops, k.default_device_ops, k.tcp_sk_ops].map((o) =>
          k.kasan.symbolize(o),
        ),
      ).toEqual(['netdev_net_ops', 'loopback_net_ops', 'default_device_ops', 'tcp_sk_ops']);
      expect(
        [k.net_rwsem, k.pernet_ops_rwsem, k.net_mutex].map((s) => `${s.name}:${s.lock_stat}`),
      ).toEqual(['net_rwsem:null', 'pernet_ops_rwsem:pernetLock', 'net_mutex:pernetLock']);
      expect(k.netns_wq.name).toBe('netns');
      expect(k.era.version).toBe(kernel);
    });
});
