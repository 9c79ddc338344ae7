/** The v2.6.33 build: the entry points of reference/v2.6.33/ (see reference/era.ts). */
import type { kernel_era } from '../era.ts';
import { list_for_each_entry } from '../include/list.ts';
import { loopback_net_ops_init } from '../drivers/net/loopback.ts';
import { veth_link_ops } from './drivers/net/veth.ts';
import { default_device_ops_init, net_dev_init, netdev_net_ops_init } from './net/core/dev.ts';
import { __put_net, cleanup_net, copy_net_ns, net_ns_init } from './net/core/net_namespace.ts';
import {
  register_pernet_device,
  register_pernet_subsys,
  unregister_pernet_device,
  unregister_pernet_subsys,
} from './net/core/net_namespace_pernet.ts';
import { rtnl_dellink } from './net/core/rtnetlink.ts';
import { tcp_sk_ops_init, tcp_v4_init } from './net/ipv4/tcp_ipv4.ts';

/** Linux v2.6.33. */
export function era_2_6_33(): kernel_era {
  return {
    version: '2.6.33',
    hooks: ['init', 'exit', 'exit_batch'],
    generic: true,
    nsid: false,
    first_generic_id: 1,
    generic_slot_offset: -1,
    netdev_net_ops_init,
    loopback_net_ops_init,
    default_device_ops_init,
    tcp_sk_ops_init,
    cleanup_net,
    __put_net,
    net_ns_init,
    net_dev_init,
    copy_net_ns,
    register_pernet_subsys,
    register_pernet_device,
    unregister_pernet_subsys,
    unregister_pernet_device,
    rtnl_dellink,
    veth_link_ops: () => veth_link_ops,
    tcp_v4_init,
    cleanup_queue: (k) => [...list_for_each_entry(k.v2633_cleanup_list)],
  };
}
