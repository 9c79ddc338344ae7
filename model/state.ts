/**
 * The model's VARIABLES and Init: plain, normalised, printable records (DESIGN.md §2,
 * docs/contract.md "Boot"). Derived facts live in selectors, not in the state.
 */
import type { DevKind, Hook } from './actions.ts';
import { type Counters, ZERO_COUNTERS } from './events.ts';
import type { Kernel } from './kernels.ts';
import { type Table, tableOf } from './table.ts';

export type { Kernel } from './kernels.ts';

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

/** A TIME_WAIT socket in the global table: the net is part of its key. */
export interface TwEntry {
  readonly net: string;
  readonly key: string;
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
  /**
   * tcp_hashinfo's TIME_WAIT sockets: one table for every net, keyed by {@link twId}; null
   * until tcp_v4_init() has run.
   */
  readonly tw: Table<TwEntry> | null;
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

/** The ops `net_dev_init()` registers in 6.18; they cannot be unregistered. */
export const CORE_OPS: readonly Op[] = [
  { id: 'netdev', kind: 'subsys', hooks: ['init', 'exit'], genericId: null },
  { id: 'loopback', kind: 'device', hooks: ['init'], genericId: null },
  { id: 'default_device', kind: 'device', hooks: ['exit_batch'], genericId: null },
];

/**
 * The core ops of each profile: before v2.6.33 loopback had its own exit
 * (`loopback_net_exit()`) and default_device only a per-net exit; v2.6.33 added
 * default_device_exit_batch() and kept the per-net exit for migration until v5.18.
 * @see net_dev_init() (net/core/dev.c), loopback_net_ops (drivers/net/loopback.c)
 */
export const CORE_OPS_OF: { readonly [K in Kernel]: readonly Op[] } = {
  '6.18': CORE_OPS,
  '2.6.33': [
    CORE_OPS[0]!,
    CORE_OPS[1]!,
    { id: 'default_device', kind: 'device', hooks: ['exit', 'exit_batch'], genericId: null },
  ],
  '2.6.32': [
    CORE_OPS[0]!,
    { id: 'loopback', kind: 'device', hooks: ['init', 'exit'], genericId: null },
    { id: 'default_device', kind: 'device', hooks: ['exit'], genericId: null },
  ],
};

/** The op tcp_v4_init() registers (tcp_sk_ops): exit_batch purges TIME_WAIT from v2.6.33. */
export const TCP_OP = 'tcp';

/** tcp_sk_ops of each profile. @see tcp_sk_ops (net/ipv4/tcp_ipv4.c) */
export const tcpOp = (kernel: Kernel): Op => ({
  id: TCP_OP,
  kind: 'subsys',
  hooks: kernel === '2.6.32' ? ['init', 'exit'] : ['init', 'exit', 'exit_batch'],
  genericId: null,
});

/** The id of a TIME_WAIT entry in the global table: the net and the key together. */
export const twId = (net: string, key: string): string => JSON.stringify([net, key]);

/** The id of net `net`'s loopback device. */
export const loopbackId = (net: string): string => `lo@${net}`;

/**
 * The state after boot: `net_dev_init()` done and init_net set up (`full`), or init_net
 * alone before it (`bare`).
 * @see net_ns_init(), net_dev_init() (Linux v6.18, v2.6.33, v2.6.32)
 */
export function initialState(opts: InitOptions = {}): State {
  const boot = opts.boot ?? 'full';
  const kernel = opts.kernel ?? '6.18';
  const full = boot === 'full';
  const lo = loopbackId(INIT_NET);
  return {
    kernel,
    boot,
    pernet: full ? CORE_OPS_OF[kernel] : [],
    firstDevice: full ? 'loopback' : null,
    netList: [INIT_NET],
    nets: tableOf([[INIT_NET, { id: INIT_NET, count: 1, devices: full ? [lo] : [], nsids: {} }]]),
    cleanupList: [],
    devices: tableOf<Device>(
      full ? [[lo, { id: lo, name: 'lo', kind: 'loopback', net: INIT_NET, peer: null }]] : [],
    ),
    tw: null,
    used: {
      nets: tableOf<true>([[INIT_NET, true]]),
      ops: full ? { netdev: true, loopback: true, default_device: true } : {},
      devs: tableOf<true>(full ? [[lo, true]] : []),
    },
    counters: ZERO_COUNTERS,
  };
}
