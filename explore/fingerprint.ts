/**
 * 64-bit state fingerprints (two independent 32-bit hashes of the canonical string, as TLC
 * keeps 64-bit fingerprints), and an open-addressing index and set of them: 16 bytes a state,
 * no per-entry objects. Two different states collide with probability about n²/2⁶⁵ for n states.
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

/** The slot where probing for fingerprint (`hi`, `lo`) starts. */
const home = (hi: number, lo: number, mask: number): number =>
  (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;

/**
 * Fingerprints numbered 0, 1, 2, … in the order they were first added: an open-addressing
 * table of those numbers (kept at most half full) over dense arrays of the two halves, so
 * 16 bytes a fingerprint and no per-entry objects.
 */
export class FingerprintIndex {
  /** Per slot: the number of the fingerprint there, plus one (0: empty). */
  private slots = new Int32Array(1 << 16);
  private his = new Uint32Array(1 << 15);
  private los = new Uint32Array(1 << 15);
  private count = 0;

  /** How many fingerprints are numbered. */
  get size(): number {
    return this.count;
  }

  /** The number of fingerprint (`hi`, `lo`); a new one gets the next number, `size`. */
  idOf(hi: number, lo: number): number {
    if (this.count === this.his.length) this.grow();
    const mask = this.slots.length - 1;
    for (let i = home(hi, lo, mask); ; i = (i + 1) & mask) {
      const slot = this.slots[i]!;
      if (slot === 0) {
        const id = this.count++;
        this.his[id] = hi;
        this.los[id] = lo;
        this.slots[i] = id + 1;
        return id;
      }
      if (this.his[slot - 1] === hi && this.los[slot - 1] === lo) return slot - 1;
    }
  }

  /** The halves of fingerprint number `id`. */
  hi(id: number): number {
    return this.his[id]!;
  }
  lo(id: number): number {
    return this.los[id]!;
  }

  /** Doubles the table and the arrays, and puts every number back in its slot. */
  private grow(): void {
    const n = this.slots.length * 2;
    this.slots = new Int32Array(n);
    const { his, los } = this;
    (this.his = new Uint32Array(n / 2)).set(his);
    (this.los = new Uint32Array(n / 2)).set(los);
    const mask = n - 1;
    for (let id = 0; id < this.count; id += 1) {
      let i = home(his[id]!, los[id]!, mask);
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = id + 1;
    }
  }
}

/** A set of fingerprints; `add` says whether the fingerprint was new. */
export class FingerprintSet {
  private readonly index = new FingerprintIndex();

  /** How many fingerprints the set holds. */
  get size(): number {
    return this.index.size;
  }

  /** Adds `fp`; returns true when it was not there yet (it got the next number). */
  add(fp: Fingerprint): boolean {
    const next = this.index.size;
    return this.index.idOf(fp.hi, fp.lo) === next;
  }
}
