/**
 * mm/slab — kzalloc()/kfree() and kmem_cache_free(), wired to KASAN: every allocation gets a
 * shadow, every free poisons it.
 * @remarks Allocations never fail here: failures are injected at the pernet init call instead.
 */
import { kasan_alloc, kasan_free, type kasan_state } from './kasan.ts';

interface has_kasan {
  kasan: kasan_state;
}

/** kzalloc(): a zeroed object described by `describe` in KASAN reports. */
export function kzalloc<T extends object>(k: has_kasan, obj: T, describe: () => string): T {
  kasan_alloc(k, obj, describe);
  return obj;
}

/** kfree(): NULL is a no-op; anything else is poisoned (a second kfree is a double-free). */
export function kfree(k: has_kasan, obj: object | null, site: string): void {
  if (obj === null) return;
  kasan_free(k, obj, site);
}

/** kmem_cache_free(): the same, for objects from a dedicated cache (struct net). */
export const kmem_cache_free = kfree;
