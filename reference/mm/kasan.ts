/**
 * mm/kasan — the Kernel Address SANitizer, reduced to what the netns paths need: every slab
 * object has a shadow state (live or freed, and by whom); accessing a freed object, freeing it
 * twice, or dereferencing a NULL net_generic slot stops the kernel with a report.
 * @remarks The shadow lives in the kernel object (a WeakMap keyed by object), not in memory.
 */

/** A KASAN report: the kernel stops at the faulting access. */
export class KasanReport extends Error {
  override name = 'KasanReport';
}

interface kasan_shadow {
  /** What the object is, for reports (evaluated lazily, through the symbolizer). */
  describe: () => string;
  /** The function that freed it, or null while live. */
  freed_by: string | null;
}

/** Per-kernel KASAN state: the shadow, and the symbolizer used to print objects. */
export interface kasan_state {
  shadow: WeakMap<object, kasan_shadow>;
  /** Resolves a kernel object to a printable name (kallsyms/addr2line stand-in). */
  symbolize: (obj: object) => string;
}

interface has_kasan {
  kasan: kasan_state;
}

/** A fresh KASAN state whose symbolizer prints `name` fields, or the constructor name. */
export function kasan_init(): kasan_state {
  return {
    shadow: new WeakMap(),
    symbolize: (obj) => {
      const name = (obj as { name?: unknown }).name;
      return typeof name === 'string' ? name : obj.constructor.name;
    },
  };
}

/** kasan_unpoison(): `obj` was just allocated. */
export function kasan_alloc(k: has_kasan, obj: object, describe: () => string): void {
  k.kasan.shadow.set(obj, { describe, freed_by: null });
}

/** kasan_report(): stop with a report of the given bug type. */
export function kasan_report(bug: string, where: string, what: string): never {
  throw new KasanReport(`KASAN: ${bug} in ${where}: ${what}`);
}

/** kasan_slab_free(): `obj` is being freed by `site`; a second free is a double-free. */
export function kasan_free(k: has_kasan, obj: object, site: string): void {
  const s = k.kasan.shadow.get(obj);
  if (!s) return;
  if (s.freed_by !== null)
    kasan_report('double-free', site, `${s.describe()} already freed by ${s.freed_by}`);
  s.freed_by = site;
}

/** __kasan_check_read(): an access to `obj` from `where`; freed objects are reported. */
export function kasan_check(k: has_kasan, obj: object, where: string): void {
  const s = k.kasan.shadow.get(obj);
  if (s && s.freed_by !== null)
    kasan_report('use-after-free', where, `${s.describe()} freed by ${s.freed_by}`);
}

/** Whether `obj` has been freed (for views and tests; performs no access). */
export function kasan_is_freed(k: has_kasan, obj: object): boolean {
  return k.kasan.shadow.get(obj)?.freed_by != null;
}
