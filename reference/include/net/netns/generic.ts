/**
 * include/net/netns/generic.h — struct net_generic and net_generic(): the per-net array of
 * pointers to the pernet_operations' private data, indexed by the op's id.
 */
import type { kernel } from '../../../kernel.ts';
import { kasan_check, kasan_report } from '../../../mm/kasan.ts';
import type { net } from '../net_namespace.ts';

/**
 * struct net_generic: a union of `{ unsigned int len; struct rcu_head rcu; } s` and
 * `void *ptr[]`, which is why ids start at MIN_PERNET_OPS_ID (ptr[0..2] overlap `s`).
 */
export interface net_generic {
  s: { len: number };
  ptr: (object | null)[];
}

/**
 * net_generic(): RCU read of `net->gen->ptr[id]` — `ptr[id - 1]` before v4.x, where ids start at
 * 1 (no bounds check in 6.18 C; KASAN would report a slab-out-of-bounds read, and so does this;
 * 2.6.33 has `BUG_ON(id == 0 || id > ng->len)`).
 * @remarks 2.6.33's `BUG_ON(!ptr)` is left to the callers, which report a NULL slot themselves.
 */
export function net_generic(k: kernel, net: net, id: number): object | null {
  kasan_check(k, net, 'net_generic');
  const ng = net.gen;
  kasan_check(k, ng, 'net_generic');
  const slot = id + k.era.generic_slot_offset;
  if (slot < 0 || slot >= ng.s.len)
    kasan_report(
      'slab-out-of-bounds',
      'net_generic',
      `id ${id} of a net_generic of len ${ng.s.len} (net ${k.kasan.symbolize(net)})`,
    );
  return ng.ptr[slot] ?? null;
}
