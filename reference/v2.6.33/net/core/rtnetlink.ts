/**
 * net/core/rtnetlink.c of v2.6.3x: RTM_DELLINK calls `ops->dellink(dev, NULL)` — no kill list,
 * so each device (a veth and its peer) is unregistered on its own (unregister_netdevice()).
 */
import type { kernel } from '../../../kernel.ts';
import { EOPNOTSUPP } from '../../../include/errno.ts';
import type { net_device } from '../../../include/linux/netdevice.ts';
import { rtnl_lock, rtnl_unlock } from '../../../net/core/rtnetlink.ts';

/** rtnl_dellink(). */
export function rtnl_dellink(k: kernel, dev: net_device): number {
  rtnl_lock(k);
  let err = 0;
  const ops = dev.rtnl_link_ops;
  if (!ops?.dellink) err = -EOPNOTSUPP;
  else ops.dellink(k, dev, null);
  rtnl_unlock(k);
  return err;
}
