/**
 * The messages between the parallel search (explore/parallel.ts) and its workers
 * (explore/worker.ts). Everything crossing is plain data: fingerprints and keys as typed
 * arrays, paths as actions, findings as trace steps.
 */
import type { Action } from '../model/actions.ts';
import type { Finding } from './checker.ts';
import type { ModuleExport } from './expand.ts';
import type { Scope } from './scope.ts';

/** What every worker of a search is set up with. */
export interface WorkerSetup {
  readonly id: number;
  readonly scope: Scope;
  readonly symmetry: boolean;
  readonly edges: 'all' | 'new';
  /** Names of the invariant families checked (from model/invariants). */
  readonly invariants: readonly string[];
  /** The step function explored, if not the model's. */
  readonly step: ModuleExport | null;
  /** Two Int32 cells shared by all: {@link STOP} and {@link LIMIT}. */
  readonly control: SharedArrayBuffer;
}

/** Control cell: set to 1 when the state budget is spent (stop after the current node). */
export const STOP = 0;
/** Control cell: the least level index of a node with a finding (skip the nodes after it). */
export const LIMIT = 1;

/** Orders to a worker. */
export type Order =
  /** Drop any earlier search; take part in this one (answered `ready` or `failed`). */
  | { readonly type: 'setup'; readonly setup: WorkerSetup }
  /** Expand the frontier; keep no new states when `last` (the depth bound's level). */
  | { readonly type: 'expand'; readonly last: boolean }
  /** Add every winner's fingerprint; keep offers `keep` as the frontier, at `index`. */
  | {
      readonly type: 'commit';
      readonly keep: readonly number[];
      readonly index: readonly number[];
      readonly fingerprints: Uint32Array;
    }
  /** Hand over `count` nodes of the frontier. */
  | { readonly type: 'give'; readonly count: number }
  /** Take over nodes: the paths to them and their level indices. */
  | {
      readonly type: 'take';
      readonly paths: readonly (readonly Action[])[];
      readonly index: readonly number[];
    };

/** Reports from a worker. */
export type Report =
  /** New states found (offers numbered in order from 0 each level), and counts so far. */
  | {
      readonly type: 'offers';
      readonly fingerprints: Uint32Array;
      readonly keys: Float64Array;
      readonly expanded: number;
    }
  /** The level is expanded: totals so far, and the worker's finding with its key, if any. */
  | {
      readonly type: 'done';
      readonly generated: number;
      readonly checks: number;
      readonly finding: { readonly key: number; readonly finding: Finding } | null;
    }
  | { readonly type: 'ready' | 'committed' | 'taken' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'given'; readonly paths: Action[][]; readonly index: number[] };
