/**
 * The parallel search's merge of one level: every worker offers the new states it found
 * (fingerprint, discovery key, where it keeps the state), and each fingerprint goes to the
 * offer with the smallest key. The key orders discoveries as the sequential search makes
 * them (parent's index in its level, then the action's index in the parent's alphabet), so
 * the winners, in key order, are exactly the nodes and the order of the sequential level.
 */
import { FingerprintIndex } from './fingerprint.ts';

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

/** The best offer made for each fingerprint of a level. */
export class LevelTable {
  private index = new FingerprintIndex();
  /** By fingerprint number: the best offer's key, its worker and its number there. */
  private keys: number[] = [];
  private owners: number[] = [];
  private offers: number[] = [];

  constructor(private readonly workers: number) {}

  /** How many distinct fingerprints were offered. */
  get size(): number {
    return this.index.size;
  }

  /** Worker `owner`'s offer number `offer`: fingerprint (hi, lo) found with `key`. */
  offer(hi: number, lo: number, key: number, owner: number, offer: number): void {
    const id = this.index.idOf(hi, lo);
    if (id < this.keys.length && this.keys[id]! <= key) return;
    this.keys[id] = key;
    this.owners[id] = owner;
    this.offers[id] = offer;
  }

  /** The winners in key order, and empties the table for the next level. */
  winners(): Winners {
    const { index, keys } = this;
    const ids = keys.map((_, id) => id).sort((a, b) => keys[a]! - keys[b]!);
    const keep: number[][] = Array.from({ length: this.workers }, () => []);
    const ranks: number[][] = Array.from({ length: this.workers }, () => []);
    const fingerprints = new Uint32Array(ids.length * 2);
    ids.forEach((id, rank) => {
      keep[this.owners[id]!]!.push(this.offers[id]!);
      ranks[this.owners[id]!]!.push(rank);
      fingerprints[rank * 2] = index.hi(id);
      fingerprints[rank * 2 + 1] = index.lo(id);
    });
    this.index = new FingerprintIndex();
    [this.keys, this.owners, this.offers] = [[], [], []];
    return { keep, index: ranks, fingerprints };
  }
}
