/**
 * The v1 contract's plain-JSON vocabulary (docs/contract.md), declared here for the reference
 * alone: actions in, `{ ret, events }` out, and the abstract view. Nothing is imported from the
 * model; these types are the adapter's reading of the page.
 */
import type { BugId } from './bugs.ts';

/** A pernet hook, in the canonical order init, pre_exit, exit, exit_batch, exit_rtnl. */
export type Hook = 'init' | 'pre_exit' | 'exit' | 'exit_batch' | 'exit_rtnl';

/** Device kinds; `loopback` only appears in views and events. */
export type DevKind = 'dummy' | 'veth' | 'bridge' | 'physical' | 'loopback';

/** The contract's actions. */
export type Action =
  | { type: 'copy_net_ns'; net: string; fail?: { op: string } }
  | { type: 'get_net'; net: string }
  | { type: 'put_net'; net: string }
  | { type: 'cleanup_net' }
  | {
      type: 'register_pernet_subsys' | 'register_pernet_device';
      op: string;
      hooks: Hook[];
      generic: boolean;
      fail?: { net: string };
    }
  | { type: 'unregister_pernet_subsys' | 'unregister_pernet_device'; op: string }
  | {
      type: 'register_netdev';
      dev: string;
      name: string;
      net: string;
      kind: Exclude<DevKind, 'loopback'>;
      peer?: { dev: string; name: string; net: string };
    }
  | { type: 'dev_change_net_namespace'; dev: string; net: string; name?: string }
  | { type: 'unregister_netdev'; dev: string }
  | { type: 'peernet2id_alloc'; net: string; peer: string }
  | { type: 'tcp_v4_init' }
  | { type: 'inet_twsk_hashdance'; net: string; key: string }
  | { type: 'inet_lookup_established'; net: string; key: string };

/** The contract's events, in trace order. */
export type Event =
  | {
      type: 'alloc' | 'init' | 'init_failed' | 'free' | 'pre_exit' | 'exit' | 'exit_rtnl';
      op: string;
      net: string;
    }
  | { type: 'exit_batch'; op: string; nets: string[] }
  | { type: 'publish' | 'queue' | 'unlink' | 'net_free'; net: string }
  | { type: 'batch'; nets: string[] }
  | { type: 'nsid_alloc' | 'nsid_unhash'; in: string; peer: string; id: number }
  | { type: 'synchronize_rcu' | 'rcu_barrier' }
  | { type: 'dev_register'; dev: string; net: string; name: string }
  | { type: 'dev_move'; dev: string; from: string; to: string; name: string }
  | { type: 'dev_unregister'; dev: string; net: string }
  | { type: 'tw_purge'; nets: string[]; purged: number };

/** An action's result: `ok` with the action's extra fields, or an errno name. */
export type Ret =
  | { ok: true }
  | { ok: true; count: number }
  | { ok: true; nets: string[] }
  | { ok: true; id: number }
  | { ok: true; found: true; net: string }
  | { ok: true; found: false }
  | { ok: false; errno: string };

/** The cost counters compared with the view. */
export interface Counters {
  workRuns: number;
  pernetLock: number;
  rtnl: number;
  gracePeriods: number;
  rcuBarriers: number;
  unregisterMany: number;
}

/** One net of the view. */
export interface NetView {
  id: string;
  count: number;
  queued: boolean;
  devices: { dev: string; name: string; kind: DevKind }[];
  nsids: { peer: string; id: number }[];
  data: string[];
}

/** The abstract view compared after every step. */
export interface View {
  /** The profile, for 2.6.33 and 2.6.32 (absent for 6.18). */
  kernel?: '2.6.33' | '2.6.32';
  nets: NetView[];
  pernet: { op: string; kind: 'subsys' | 'device'; hooks: Hook[]; id?: number }[];
  firstDevice: string | null;
  cleanupList: string[];
  counters: Counters;
  /** The TIME_WAIT table, once tcp_v4_init ran: by net, then key. */
  tw?: { net: string; key: string }[];
}

/** Options of createReferenceKernel(). */
export interface ReferenceOptions {
  boot?: 'full' | 'bare';
  /** The kernel profile (default 6.18). */
  kernel?: '6.18' | '2.6.33' | '2.6.32';
  bugs?: BugId[];
}

/** What createReferenceKernel() returns. */
export interface ReferenceImplementation {
  apply(action: Action): { ret: Ret; events: Event[] };
  view(): View;
}
