/**
 * Interface names: validity (`dev_valid_name()`) and picking a free name from a `%d`
 * pattern (`dev_prep_valid_name()` → `__dev_alloc_name()`).
 */

/** IFNAMSIZ − 1, in bytes. */
const MAX_NAME = 15;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (s: string): number => utf8(s).length;

/** The bytes `isspace()` accepts (lib/ctype.c `_ctype[]`: `_S`), 0xA0 (Latin-1 NBSP) included. */
const SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]);

/**
 * Whether `name` may name an interface: 1–15 bytes of UTF-8, not `.` or `..`, no `/`, `:`
 * or `%`, and no byte that the kernel's `isspace()` accepts: ASCII white space and 0xA0, so
 * `à` (C3 A0) is out too.
 * @see dev_valid_name() (net/core/dev.c, Linux v6.18)
 */
export function validName(name: string): boolean {
  return (
    name.length > 0 &&
    bytes(name) <= MAX_NAME &&
    name !== '.' &&
    name !== '..' &&
    !/[/:%]/.test(name) &&
    !utf8(name).some((b) => SPACE.has(b))
  );
}

/**
 * Whether `name` is a valid literal name or a valid pattern (a single `%d`).
 * @see __dev_alloc_name() (net/core/dev.c, Linux v6.18)
 */
export function validPattern(name: string): boolean {
  return validName(name) || (name.split('%').length === 2 && validName(name.replace('%d', '0')));
}

/**
 * The name a device gets from `pattern` among the names in use: a literal if free, or the
 * smallest free number substituted for a single `%d`; null when no name can be had.
 * @see dev_prep_valid_name(), __dev_alloc_name() (net/core/dev.c, Linux v6.18)
 * @remarks The kernel bounds the search by a page of bits; the model's search is unbounded.
 */
export function pickName(pattern: string, inUse: ReadonlySet<string>): string | null {
  const at = pattern.indexOf('%d');
  if (at < 0) return inUse.has(pattern) ? null : pattern;
  const [head, tail] = [pattern.slice(0, at), pattern.slice(at + 2)];
  let k = 0;
  while (inUse.has(`${head}${k}${tail}`)) k += 1;
  const name = `${head}${k}${tail}`;
  return bytes(name) <= MAX_NAME ? name : null;
}
