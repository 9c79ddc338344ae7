/**
 * drivers/net/loopback.c of v2.6.32: loopback_net_ops still has an exit, which unregisters the
 * net's lo on its own (unregister_netdev: one RTNL section, one unregistration). It runs after
 * default_device_ops' exit (registered later, so undone earlier): lo goes last.
 */
import type { kernel } from '../../../kernel.ts';
import {
  PERNET_OPS,
  type net,
  type pernet_operations,
} from '../../../include/net/net_namespace.ts';
import { loopback_net_init } from '../../../drivers/net/loopback.ts';
import { unregister_netdevice } from '../../../net/core/dev.ts';
import { rtnl_lock, rtnl_unlock } from '../../../net/core/rtnetlink.ts';

/**
 * loopback_net_exit(): unregister_netdev(net->loopback_dev). It runs only for nets whose
 * loopback_net_init() succeeded, so lo exists: no NULL check, as in the C.
 */
function loopback_net_exit(k: kernel, net: net): void {
  const dev = net.loopback_dev!;
  rtnl_lock(k);
  unregister_netdevice(k, dev);
  rtnl_unlock(k);
}

/** loopback_net_ops: { .init = loopback_net_init, .exit = loopback_net_exit }. */
export function loopback_net_ops_init(): pernet_operations {
  return PERNET_OPS({
    init: loopback_net_init,
    exit: loopback_net_exit,
    id: null,
    size: 0,
    name: 'loopback_net_ops',
  });
}
