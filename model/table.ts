/**
 * A keyed table with structural sharing: entries live in a fixed number of buckets chosen by
 * a hash of the id, so a step's write copies one bucket (about n/64 keys) and the bucket
 * index (64 keys) instead of every entry (model/context.ts). Plain records all the way down, so the state stays
 * printable.
 */

/** bucket → id → entry. */
export type Table<T> = { readonly [bucket: string]: { readonly [id: string]: T } };

type Writable<T> = { [bucket: string]: { [id: string]: T } };

const BUCKETS = 64;

/**
 * Bucket names: strings that are not array indices, so that a bucket index is an object with
 * named properties only, which the engine copies much faster than one with sparse elements.
 */
const BUCKET_NAMES = Array.from({ length: BUCKETS }, (_, i) => `b${i}`);

/** FNV-1a of the id, reduced to a bucket name. */
export function bucketOf(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return BUCKET_NAMES[(h >>> 0) % BUCKETS]!;
}

/** A table holding `entries`. */
export function tableOf<T>(entries: readonly (readonly [string, T])[]): Table<T> {
  const table: Writable<T> = {};
  for (const [id, value] of entries) put(table, id, value);
  return table;
}

/** The entry for `id`, if any. */
export function get<T>(table: Table<T>, id: string): T | undefined {
  return table[bucketOf(id)]?.[id];
}

/** Whether `id` has an entry. */
export function has<T>(table: Table<T>, id: string): boolean {
  return get(table, id) !== undefined;
}

/** Sets the entry for `id`. */
export function put<T>(table: Writable<T>, id: string, value: T): void {
  (table[bucketOf(id)] ??= {})[id] = value;
}

/** Every entry, bucket by bucket (an order with no meaning). */
export function values<T>(table: Table<T>): T[] {
  return Object.values(table).flatMap((bucket) => Object.values(bucket));
}
