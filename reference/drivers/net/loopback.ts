/**
 * drivers/net/loopback.c (Linux v6.18): loopback_setup() and loopback_net_ops, whose init
 * registers the net's `lo`. It is registered by net_dev_init() as the first device op, so `lo`
 * is the first device of every net and the last one default_device_exit_batch() queues.
 */
import type { kernel } from '../../kernel.ts';
import { KernelBug } from '../../include/bug.ts';
import { ENOMEM } from '../../include/errno.ts';
import { IFF_LOOPBACK, dev_net_set, type net_device } from '../../include/linux/netdevice.ts';
import {
  PERNET_OPS,
  net_eq,
  type net,
  type pernet_operations,
} from '../../include/net/net_namespace.ts';
import { alloc_netdev, free_netdev, register_netdev } from '../../net/core/dev.ts';

/** loopback_setup(): no rtnl_link_ops, IFF_LOOPBACK, netns_immutable. */
export function loopback_setup(dev: net_device): void {
  dev.flags = IFF_LOOPBACK;
  dev.netns_immutable = true;
  dev.needs_free_netdev = true;
}

/** loopback_net_init(): set up and register the loopback device of `net`. */
export function loopback_net_init(k: kernel, net: net): number {
  let err = -ENOMEM;

  out: {
    const dev = alloc_netdev(k, 'lo', loopback_setup);

    dev_net_set(dev, net);
    err = register_netdev(k, dev);
    if (err) {
      // out_free_netdev:
      free_netdev(k, dev);
      break out;
    }

    net.loopback_dev = dev;
    return 0;
  }
  // out:
  if (net_eq(net, k.init_net))
    throw new KernelBug(`loopback: Failed to register netdevice: ${err}`);
  return err;
}

/** loopback_net_ops: { .init = loopback_net_init } (one instance per kernel). */
export function loopback_net_ops_init(): pernet_operations {
  return PERNET_OPS({
    init: loopback_net_init,
    id: null,
    size: 0,
    name: 'loopback_net_ops',
  });
}
