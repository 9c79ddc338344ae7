/**
 * The kernel's statics, gathered in one object that every kernel function takes first (C keeps
 * them in file-scope `static` variables; module-level state here would leak between runs), and
 * start_kernel(), which boots it the way net_ns_init() and net_dev_init() do.
 */
import type { BugId } from './bugs.ts';
import type { warn_state } from './include/bug.ts';
import { DEFINE_IDA, type ida } from './include/idr.ts';
import { LIST_HEAD, type list_head } from './include/list.ts';
import { llist_head } from './include/llist.ts';
import type { net, pernet_operations } from './include/net/net_namespace.ts';
import type { net_device } from './include/linux/netdevice.ts';
import { RAW_NOTIFIER_HEAD, type raw_notifier_head } from './include/linux/notifier.ts';
import type { rcu_state } from './include/rcupdate.ts';
import { DECLARE_RWSEM, type rw_semaphore } from './include/rwsem.ts';
import { netns_counters_init, type trace_state } from './include/trace/events/netns.ts';
import { kasan_init, type kasan_state } from './mm/kasan.ts';
import {
  INIT_WORK,
  create_singlethread_workqueue,
  type work_struct,
  type workqueue_struct,
} from './kernel/workqueue.ts';
import { INITIAL_NET_GEN_PTRS, net_zalloc } from './net/core/net_namespace.ts';
import type { inet_hashinfo, inet_timewait_death_row } from './include/net/inet_timewait_sock.ts';
import type { kernel_era, kernel_version } from './era.ts';
import { era_6_18 } from './era_6_18.ts';
import { era_2_6_33 } from './v2.6.33/era.ts';
import { era_2_6_32 } from './v2.6.32/era.ts';

/** The builds: each profile's entry points. */
const ERAS: Readonly<Record<kernel_version, () => kernel_era>> = {
  '6.18': era_6_18,
  '2.6.33': era_2_6_33,
  '2.6.32': era_2_6_32,
};

/**
 * Fault injection at the pernet init call (the fail_function / ALLOW_ERROR_INJECTION stand-in):
 * `ops->init(net)` returns -ENOMEM without running, for this op and this net (`null`: any net).
 */
export interface fail_function_attr {
  ops: pernet_operations;
  net: net | null;
}

/** The kernel object: every static of the files mirrored here. */
export interface kernel extends warn_state, trace_state {
  /** Which kernel this is, and its entry points (era.ts). */
  readonly era: kernel_era;
  readonly bugs: ReadonlySet<BugId>;
  kasan: kasan_state;
  rcu: rcu_state;
  fail_function: fail_function_attr | null;
  /* net/core/net_namespace.c */
  readonly pernet_list: list_head<pernet_operations>;
  first_device: list_head<pernet_operations>;
  readonly net_namespace_list: list_head<net>;
  readonly net_rwsem: rw_semaphore;
  readonly pernet_ops_rwsem: rw_semaphore;
  /** Before v4.16: net_mutex, a mutex (a writer-only rwsem here) counted like pernet_ops_rwsem. */
  readonly net_mutex: rw_semaphore;
  /** v2.6.33–4.x: `static LIST_HEAD(cleanup_list)` under cleanup_list_lock (an llist since). */
  readonly v2633_cleanup_list: list_head<net>;
  readonly init_net: net;
  init_net_initialized: boolean;
  max_gen_ptrs: number;
  readonly net_generic_ids: ida;
  readonly cleanup_list: llist_head<net>;
  readonly defer_free_list: llist_head<net>;
  readonly netns_wq: workqueue_struct;
  readonly net_cleanup_work: work_struct;
  cleanup_net_task: boolean;
  /** proc_alloc_inum() stand-in. */
  last_inum: number;
  /* net/core/dev.c */
  dev_boot_phase: boolean;
  readonly net_todo_list: list_head<net_device>;
  /** netdev_chain: the netdevice notifier chain (RTNL protects it). */
  readonly netdev_chain: raw_notifier_head;
  readonly netdev_net_ops: pernet_operations;
  readonly default_device_ops: pernet_operations;
  /* drivers/net/loopback.c */
  readonly loopback_net_ops: pernet_operations;
  /* net/ipv4/tcp_ipv4.c */
  tcp_hashinfo: inet_hashinfo | null;
  /** Before v6.1: the one global tcp_death_row (per net since). */
  tcp_death_row: inet_timewait_death_row | null;
  readonly tcp_sk_ops: pernet_operations;
  /* net/core/rtnetlink.c */
  readonly rtnl_mutex: { locked: boolean };
}

/** Boot options: `full` registers the netdev core like net_dev_init(); `bare` stops before it. */
export interface boot_options {
  boot?: 'full' | 'bare';
  kernel?: kernel_version;
  bugs?: Iterable<BugId>;
  panic_on_warn?: boolean;
}

/** The statics, zero-initialised as the C file-scope variables are. */
function kernel_alloc(opts: boot_options): kernel {
  const kasan = kasan_init();
  const pernet_list = LIST_HEAD<pernet_operations>();
  const era = ERAS[opts.kernel ?? '6.18']();
  return {
    era,
    // Stryker disable next-line ArrayDeclaration: equivalent: a bug set with an element no switch is named after is the empty set
    bugs: new Set(opts.bugs ?? []),
    panic_on_warn: opts.panic_on_warn ?? true,
    warnings: [],
    // Stryker disable next-line ArrayDeclaration: equivalent: start_kernel() empties the trace buffer after boot
    trace: [],
    counters: netns_counters_init(),
    kasan,
    rcu: { callbacks: [] },
    fail_function: null,
    pernet_list,
    first_device: pernet_list,
    net_namespace_list: LIST_HEAD(),
    net_rwsem: DECLARE_RWSEM('net_rwsem', null),
    pernet_ops_rwsem: DECLARE_RWSEM('pernet_ops_rwsem', 'pernetLock'),
    net_mutex: DECLARE_RWSEM('net_mutex', 'pernetLock'),
    v2633_cleanup_list: LIST_HEAD(),
    init_net: net_zalloc({ kasan }, 1),
    // Stryker disable next-line BooleanLiteral: equivalent: init_net_initialized is written (net_ns_init) and never read
    init_net_initialized: false,
    max_gen_ptrs: INITIAL_NET_GEN_PTRS,
    net_generic_ids: DEFINE_IDA(),
    cleanup_list: new llist_head(),
    defer_free_list: new llist_head(),
    netns_wq: create_singlethread_workqueue('netns'),
    net_cleanup_work: INIT_WORK(era.cleanup_net),
    // Stryker disable next-line BooleanLiteral: equivalent: cleanup_net_task is written (cleanup_net) and never read
    cleanup_net_task: false,
    last_inum: 1,
    // Stryker disable next-line BooleanLiteral: equivalent: nothing registers or unregisters a device before the boot ends the phase
    dev_boot_phase: true,
    net_todo_list: LIST_HEAD(),
    netdev_chain: RAW_NOTIFIER_HEAD(),
    netdev_net_ops: era.netdev_net_ops_init(),
    default_device_ops: era.default_device_ops_init(),
    loopback_net_ops: era.loopback_net_ops_init(),
    tcp_hashinfo: null,
    tcp_death_row: null,
    tcp_sk_ops: era.tcp_sk_ops_init(),
    // Stryker disable next-line ObjectLiteral: equivalent: an absent `locked` reads as false, like `locked: false`
    rtnl_mutex: { locked: false },
  };
}

/**
 * Boot: net_ns_init() sets up init_net with whatever pernet_list holds (nothing yet), then, for a
 * full boot, net_dev_init() registers netdev_net_ops, loopback_net_ops and default_device_ops.
 * The boot leaves no trace and zero counters.
 * @remarks net_ns_ops (net_ns_net_init, debugfs only) is not registered: it has no observable
 * effect and the v1 contract's boot pernet_list does not list it. A `bare` boot is the pernet
 * core without the netdev core, not literally the moment before net_dev_init(): the boot phase
 * is over (dev_boot_phase = 0), because the contract runs phase C of ops_undo_list() (an empty
 * unregister_netdevice_many(), counted) on a bare boot too, where the kernel would hit
 * BUG_ON(dev_boot_phase) (reference/README.md, disagreement X2).
 */
export function start_kernel(opts: boot_options = {}): kernel {
  const k = kernel_alloc(opts);
  k.era.net_ns_init(k);
  if ((opts.boot ?? 'full') === 'full') k.era.net_dev_init(k);
  else k.dev_boot_phase = false;
  k.trace.length = 0;
  Object.assign(k.counters, netns_counters_init());
  return k;
}
