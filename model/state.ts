/**
 * The model's VARIABLES and Init: plain, normalised, printable records (DESIGN.md §2,
 * docs/contract.md "Boot"). Derived facts live in selectors, not in the state.
 */
import type { DevKind, Hook } from './actions.ts';
import { type Counters, ZERO_COUNTERS } from './events.ts';
import { type Table, tableOf } from './table.ts';

/** The kernel profile the model follows. */
export type Kernel = '6.18';

/** A registered pernet_operations. */
export interface Op {
  readonly id: string;
  readonly kind: 'subsys' | 'device';
  readonly hooks: readonly Hook[];
  /** The net_generic slot (`*ops->id`), or null for an op without per-net data. */
  readonly genericId: number | null;
}

/** A struct net on net_namespace_list (live, or queued for cleanup). */
export interface Net {
  readonly id: string;
  readonly count: number;
  /** dev_base_head: device ids in order of entry (registration or move-in). */
  readonly devices: readonly string[];
  /** netns_ids: the id this net assigned to each peer net. */
  readonly nsids: Readonly<Record<string, number>>;
}

/** A registered net_device. */
export interface Device {
  readonly id: string;
  readonly name: string;
  readonly kind: DevKind;
  readonly net: string;
  /** The other end of a veth pair, until veth_dellink clears it. */
  readonly peer: string | null;
}

/** The whole model state. */
export interface State {
  readonly kernel: Kernel;
  readonly boot: 'full' | 'bare';
  /** pernet_list, in list order: `[subsys… | device…]`. */
  readonly pernet: readonly Op[];
  /** The op `first_device` points at, or null when it points at the list head. */
  readonly firstDevice: string | null;
  /** net_namespace_list order. */
  readonly netList: readonly string[];
  readonly nets: Table<Net>;
  /** The LIFO cleanup llist, newest first. */
  readonly cleanupList: readonly string[];
  readonly devices: Table<Device>;
  /** Ids consumed in this run; ids are never reused (docs/contract.md). */
  readonly used: {
    readonly nets: Table<true>;
    readonly ops: Readonly<Record<string, true>>;
    readonly devs: Table<true>;
  };
  readonly counters: Counters;
}

/** Options of {@link initialState}. */
export interface InitOptions {
  readonly kernel?: Kernel;
  readonly boot?: 'full' | 'bare';
}

/** The net that exists from boot and never dies. */
export const INIT_NET = 'init_net';

/** The ops `net_dev_init()` registers; they cannot be unregistered. */
export const CORE_OPS: readonly Op[] = [
  { id: 'netdev', kind: 'subsys', hooks: ['init', 'exit'], genericId: null },
  { id: 'loopback', kind: 'device', hooks: ['init'], genericId: null },
  { id: 'default_device', kind: 'device', hooks: ['exit_batch'], genericId: null },
];

/** The id of net `net`'s loopback device. */
export const loopbackId = (net: string): string => `lo@${net}`;

/**
 * The state after boot: `net_dev_init()` done and init_net set up (`full`), or init_net
 * alone before it (`bare`).
 * @see net_ns_init(), net_dev_init() (Linux v6.18)
 */
export function initialState(opts: InitOptions = {}): State {
  const boot = opts.boot ?? 'full';
  const full = boot === 'full';
  const lo = loopbackId(INIT_NET);
  return {
    kernel: opts.kernel ?? '6.18',
    boot,
    pernet: full ? CORE_OPS : [],
    firstDevice: full ? 'loopback' : null,
    netList: [INIT_NET],
    nets: tableOf([[INIT_NET, { id: INIT_NET, count: 1, devices: full ? [lo] : [], nsids: {} }]]),
    cleanupList: [],
    devices: tableOf<Device>(
      full ? [[lo, { id: lo, name: 'lo', kind: 'loopback', net: INIT_NET, peer: null }]] : [],
    ),
    used: {
      nets: tableOf<true>([[INIT_NET, true]]),
      ops: full ? { netdev: true, loopback: true, default_device: true } : {},
      devs: tableOf<true>(full ? [[lo, true]] : []),
    },
    counters: ZERO_COUNTERS,
  };
}
