/**
 * 64-bit state fingerprints (two independent 32-bit hashes of the canonical string, as TLC
 * keeps 64-bit fingerprints) and an open-addressing set of them: 8 bytes a state, no
 * per-entry objects. Two different states collide with probability about n²/2⁶⁵ for n states.
 */

/** A fingerprint as two 32-bit halves. */
export interface Fingerprint {
  readonly hi: number;
  readonly lo: number;
}

/**
 * Hashes `s` into two 32-bit halves: murmur3_32 and an xxHash32-style lane, different
 * functions so that the halves collide independently, each fed two UTF-16 code units (one
 * 32-bit word) a round, which halves the rounds (their multiply chain is the cost), and
 * finished with the length, so a last char of 0 is not lost in the odd tail's padding.
 */
export function fingerprint(s: string): Fingerprint {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const end = s.length & ~1;
  for (let i = 0; i < end; i += 2) {
    const w = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = murmurRound(a, w);
    b = xxRound(b, w);
  }
  if (end < s.length) {
    const w = s.charCodeAt(end);
    a = murmurRound(a, w);
    b = xxRound(b, w);
  }
  a ^= s.length;
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  b = (b + s.length) | 0;
  b ^= b >>> 15;
  b = Math.imul(b, 0x85ebca77);
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae3d);
  b ^= b >>> 16;
  return { hi: a >>> 0, lo: b >>> 0 };
}

/** One murmur3_32 round: `h` after the 32-bit word `w`. */
function murmurRound(h: number, w: number): number {
  let k = Math.imul(w, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** One xxHash32 round: `h` after the 32-bit word `w`. */
function xxRound(h: number, w: number): number {
  h = (h + Math.imul(w, 0x85ebca77)) | 0;
  h = (h << 13) | (h >>> 19);
  return Math.imul(h, 0x9e3779b1);
}

/** A set of fingerprints; `add` says whether the fingerprint was new. */
export class FingerprintSet {
  private his = new Uint32Array(1 << 16);
  private los = new Uint32Array(1 << 16);
  private used = new Uint8Array(1 << 16);
  private count = 0;

  /** How many fingerprints the set holds. */
  get size(): number {
    return this.count;
  }

  /** Adds `fp`; returns true when it was not there yet. */
  add(fp: Fingerprint): boolean {
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    const added = this.insert(fp.hi, fp.lo);
    if (added) this.count += 1;
    return added;
  }

  private insert(hi: number, lo: number): boolean {
    const mask = this.used.length - 1;
    for (let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      if (this.used[i] === 0) {
        this.used[i] = 1;
        this.his[i] = hi;
        this.los[i] = lo;
        return true;
      }
      if (this.his[i] === hi && this.los[i] === lo) return false;
    }
  }

  private grow(): void {
    const { his, los, used } = this;
    this.his = new Uint32Array(used.length * 2);
    this.los = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    for (let i = 0; i < used.length; i += 1) if (used[i] === 1) this.insert(his[i]!, los[i]!);
  }
}
