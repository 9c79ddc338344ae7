/**
 * The parallel search's merge of one level: every worker offers the new states it found
 * (fingerprint, discovery key, where it keeps the state), and each fingerprint goes to the
 * offer with the smallest key. The key orders discoveries as the sequential search makes
 * them (parent's index in its level, then the action's index in the parent's alphabet), so
 * the winners, in key order, are exactly the nodes and the order of the sequential level.
 */

/**
 * Room for an alphabet's indices in a key; the last one stands for a node's self-loops,
 * which the sequential search checks after all its edges. Parent indices stay exact up to
 * 2³⁷, far beyond any level that fits in memory.
 */
export const KEY_ACTIONS = 65_536;

/** A discovery key: the parent's index in its level, then the action's in its alphabet. */
export const discoveryKey = (parent: number, action: number): number =>
  parent * KEY_ACTIONS + action;

/** Where each winner of a level is kept, in the sequential search's order. */
export interface Winners {
  /** Per worker: the indices of its offers that won, in order. */
  readonly keep: readonly number[][];
  /** Per worker: the level index of each kept node (its rank among all winners). */
  readonly index: readonly number[][];
  /** Every winner's fingerprint as (hi, lo) pairs, for every worker's seen set. */
  readonly fingerprints: Uint32Array;
}

/** An open-addressing table from fingerprint to the best offer made for it. */
export class LevelTable {
  private his = new Uint32Array(1 << 12);
  private los = new Uint32Array(1 << 12);
  private keys = new Float64Array(1 << 12);
  private owners = new Uint16Array(1 << 12);
  private offers = new Uint32Array(1 << 12);
  private used = new Uint8Array(1 << 12);
  private count = 0;

  constructor(private readonly workers: number) {}

  /** How many distinct fingerprints were offered. */
  get size(): number {
    return this.count;
  }

  /** Worker `owner`'s offer number `offer`: fingerprint (hi, lo) found with `key`. */
  offer(hi: number, lo: number, key: number, owner: number, offer: number): void {
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    if (this.insert(hi, lo, key, owner, offer)) this.count += 1;
  }

  /** The winners in key order, and empties the table for the next level. */
  winners(): Winners {
    const slots: number[] = [];
    for (let i = 0; i < this.used.length; i += 1) if (this.used[i] === 1) slots.push(i);
    slots.sort((a, b) => this.keys[a]! - this.keys[b]!);
    const keep: number[][] = Array.from({ length: this.workers }, () => []);
    const index: number[][] = Array.from({ length: this.workers }, () => []);
    const fingerprints = new Uint32Array(slots.length * 2);
    slots.forEach((slot, rank) => {
      keep[this.owners[slot]!]!.push(this.offers[slot]!);
      index[this.owners[slot]!]!.push(rank);
      fingerprints[rank * 2] = this.his[slot]!;
      fingerprints[rank * 2 + 1] = this.los[slot]!;
    });
    this.used.fill(0);
    this.count = 0;
    return { keep, index, fingerprints };
  }

  /** Inserts or lowers the key of (hi, lo); true when the fingerprint is new. */
  private insert(hi: number, lo: number, key: number, owner: number, offer: number): boolean {
    const mask = this.used.length - 1;
    for (let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      if (this.used[i] === 0) {
        this.used[i] = 1;
        [this.his[i], this.los[i], this.keys[i]] = [hi, lo, key];
        [this.owners[i], this.offers[i]] = [owner, offer];
        return true;
      }
      if (this.his[i] === hi && this.los[i] === lo) {
        if (key < this.keys[i]!) {
          [this.keys[i], this.owners[i], this.offers[i]] = [key, owner, offer];
        }
        return false;
      }
    }
  }

  private grow(): void {
    const { his, los, keys, owners, offers, used } = this;
    const n = used.length * 2;
    this.his = new Uint32Array(n);
    this.los = new Uint32Array(n);
    this.keys = new Float64Array(n);
    this.owners = new Uint16Array(n);
    this.offers = new Uint32Array(n);
    this.used = new Uint8Array(n);
    for (let i = 0; i < used.length; i += 1) {
      if (used[i] === 1) this.insert(his[i]!, los[i]!, keys[i]!, owners[i]!, offers[i]!);
    }
  }
}
