/**
 * ops_init: allocate and publish an op's generic data, then call its init.
 */
import { type Ctx, isCore } from '../context.ts';
import { registerDevice } from '../devices/register-netdev.ts';
import { loopbackId, type Op } from '../state.ts';

/**
 * Initialises `op` on `net`; `fails` injects -ENOMEM from its init. Returns whether it
 * succeeded. On failure the slot is cleared and the data freed at once: no exit follows.
 * @see ops_init() (net/core/net_namespace.c, Linux v6.18); loopback_net_init()
 *   (drivers/net/loopback.c)
 */
export function opsInit(ctx: Ctx, op: Op, net: string, fails: boolean): boolean {
  const generic = op.genericId !== null;
  if (generic) ctx.events.push({ type: 'alloc', op: op.id, net });
  if (!op.hooks.includes('init')) return true;
  if (fails) {
    ctx.events.push({ type: 'init_failed', op: op.id, net });
    if (generic) ctx.events.push({ type: 'free', op: op.id, net });
    return false;
  }
  ctx.events.push({ type: 'init', op: op.id, net });
  if (op.id === 'loopback' && isCore(ctx.s, op.id)) {
    ctx.bump('rtnl'); // loopback_net_init() → register_netdev() takes RTNL
    registerDevice(ctx, { id: loopbackId(net), name: 'lo', kind: 'loopback', net, peer: null });
  }
  return true;
}
