/**
 * net/core/dev.c (Linux v6.18), the device core: names, the per-net device list,
 * register_netdevice(), unregister_netdevice_queue()/_many(), netdev_run_todo() and
 * __dev_change_net_namespace(). The pernet side of dev.c is in dev_pernet.ts.
 * @remarks No ifindex, altnames, queues or sysfs; the notifier chain carries REGISTER and
 * UNREGISTER only (reference/README.md).
 */
import type { kernel } from '../../kernel.ts';
import { BUG_ON, WARN_ON } from '../../include/bug.ts';
import { EEXIST, EINVAL, ENFILE } from '../../include/errno.ts';
import {
  LIST_HEAD,
  list_add,
  list_add_tail,
  list_add_tail_rcu,
  list_del,
  list_del_rcu,
  list_empty,
  list_first_entry,
  list_for_each_entry,
  list_for_each_entry_safe,
  list_head,
  list_move_tail,
  list_replace_init,
} from '../../include/list.ts';
import {
  IFNAMSIZ,
  NETDEV_REGISTER,
  NETDEV_UNREGISTER,
  dev_net,
  dev_net_set,
  for_each_netdev,
  type net_device,
  type netdev_name_node,
} from '../../include/linux/netdevice.ts';
import { raw_notifier_call_chain } from '../../include/linux/notifier.ts';
import { net_eq, type net } from '../../include/net/net_namespace.ts';
import { rcu_barrier_uncounted } from '../../include/rcupdate.ts';
import { trace_netns } from '../../include/trace/events/netns.ts';
import { kasan_check } from '../../mm/kasan.ts';
import { kfree, kzalloc } from '../../mm/slab.ts';
import { ASSERT_RTNL, __rtnl_unlock, rtnl_net_lock, rtnl_net_unlock } from './rtnetlink.ts';

const max_netdevices = 8 * 4096;

/** isspace() of lib/ctype.c: \t \n \v \f \r, space, and 0xa0 (Latin-1 NBSP). */
function isspace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0;
}

/** The C string of a name: its UTF-8 bytes. */
function bytes(name: string): Buffer {
  return Buffer.from(name, 'utf8');
}

/** snprintf(buf, IFNAMSIZ, ...): at most IFNAMSIZ - 1 bytes. */
function ifname_trunc(s: string): string {
  return bytes(s)
    .subarray(0, IFNAMSIZ - 1)
    .toString('utf8');
}

/**
 * dev_valid_name(): 1..IFNAMSIZ-1 bytes, not "." or "..", no '/', ':' or white space.
 * @remarks A NUL inside the string (which would end a C string) makes the name invalid.
 */
export function dev_valid_name(name: string): boolean {
  const b = bytes(name);
  if (b.length === 0) return false;
  if (b.length >= IFNAMSIZ) return false;
  if (name === '.' || name === '..') return false;

  for (const c of b) if (c === 0 || c === 0x2f || c === 0x3a || isspace(c)) return false;
  return true;
}

/** sscanf(name, fmt, &i) for a fmt with one "%d": the converted number, or null. */
function sscanf_d(name: string, fmt: string): number | null {
  const p = fmt.indexOf('%');
  if (!name.startsWith(fmt.slice(0, p))) return null;
  const m = /^[\t\n\v\f\r ]*([+-]?\d+)/.exec(name.slice(p));
  return m ? Number(m[1]) : null;
}

/**
 * __dev_alloc_name(): for a format with exactly one "%d", the smallest unit not used by a
 * device of `net`; returns the unit and the name, or -errno.
 */
function __dev_alloc_name(net: net, name: string): { err: number; res: string } {
  const p = name.indexOf('%');
  if (p < 0 || name[p + 1] !== 'd' || name.indexOf('%', p + 2) >= 0)
    return { err: -EINVAL, res: '' };

  /* Use one page as a bit array of possible slots */
  const inuse = new Uint8Array(max_netdevices);
  for (const d of for_each_netdev(net)) {
    const i = sscanf_d(d.name, name);
    if (i === null) continue;
    // Stryker disable next-line LogicalOperator: equivalent: an out-of-range unit indexes the Uint8Array bitmap out of bounds, a no-op write
    if (i < 0 || i >= max_netdevices) continue;

    /* avoid cases where sscanf is not exact inverse of printf */
    if (ifname_trunc(name.replace('%d', String(i))) === d.name) inuse[i] = 1;
  }

  const i = inuse.indexOf(0);
  if (i < 0) return { err: -ENFILE, res: '' };
  return { err: i, res: ifname_trunc(name.replace('%d', String(i))) };
}

/** dev_prep_valid_name(): validate `want_name`, expand a pattern; returns the name or -errno. */
export function dev_prep_valid_name(
  net: net,
  want_name: string,
  dup_errno: number,
): { err: number; out_name: string } {
  if (!dev_valid_name(want_name)) return { err: -EINVAL, out_name: '' };

  if (want_name.includes('%')) {
    const { err, res } = __dev_alloc_name(net, want_name);
    return { err, out_name: res };
  }

  if (netdev_name_in_use(net, want_name)) return { err: -dup_errno, out_name: '' };
  return { err: 0, out_name: want_name };
}

/** netdev_name_in_use(): a lookup in the per-net name hash. */
export function netdev_name_in_use(net: net, name: string): boolean {
  return net.dev_name_head?.has(name) ?? false;
}

function netdev_name_node_add(net: net, name_node: netdev_name_node): void {
  // Stryker disable next-line OptionalChaining: equivalent: a device is listed only in a net whose netdev_init() ran (dev_name_head set)
  net.dev_name_head?.set(name_node.name, name_node);
}

function netdev_name_node_del(net: net, name_node: netdev_name_node): void {
  // Stryker disable next-line OptionalChaining: equivalent: a device is unlisted before netdev_exit() clears dev_name_head (it WARNs otherwise)
  net.dev_name_head?.delete(name_node.name);
}

/** call_netdevice_notifiers(): tell every netdevice notifier about `dev` (RTNL held). */
export function call_netdevice_notifiers(k: kernel, val: number, dev: net_device): number {
  ASSERT_RTNL(k);
  return raw_notifier_call_chain(k, k.netdev_chain, val, dev);
}

/** list_netdevice(): append to the net's device list and name hash. */
function list_netdevice(k: kernel, dev: net_device): void {
  const net = dev_net(dev);
  ASSERT_RTNL(k);
  list_add_tail_rcu(dev.dev_list, net.dev_base_head);
  if (dev.name_node) netdev_name_node_add(net, dev.name_node);
}

/** unlist_netdevice(): remove from the net's device list and name hash. */
function unlist_netdevice(k: kernel, dev: net_device): void {
  const net = dev_net(dev);
  ASSERT_RTNL(k);
  /* Unlink dev from the device chain */
  list_del_rcu(dev.dev_list);
  if (dev.name_node) netdev_name_node_del(net, dev.name_node);
}

/** alloc_netdev(): a device in init_net, named `name`, set up by `setup`. */
export function alloc_netdev(
  k: kernel,
  name: string,
  setup: (dev: net_device) => void,
): net_device {
  const dev = {
    name,
    nd_net: k.init_net,
    reg_state: 'NETREG_UNINITIALIZED',
    rtnl_link_ops: null,
    netns_immutable: false,
    flags: 0,
    dismantle: false,
    needs_free_netdev: false,
    name_node: null,
    priv: null,
  } as unknown as net_device;
  Object.assign(dev, {
    dev_list: new list_head(dev),
    unreg_list: new list_head(dev),
    todo_list: new list_head(dev),
  });
  setup(dev);
  return kzalloc(k, dev, () => `net_device ${k.kasan.symbolize(dev)}`);
}

/** free_netdev(). */
export function free_netdev(k: kernel, dev: net_device): void {
  /* When called immediately after register_netdevice() failed the unwind
   * handling may still be dismantling the device. Handle that case by deferring the free.
   */
  if (dev.reg_state === 'NETREG_UNREGISTERING') {
    ASSERT_RTNL(k);
    dev.needs_free_netdev = true;
    return;
  }
  if (dev.reg_state !== 'NETREG_UNINITIALIZED') {
    BUG_ON(dev.reg_state !== 'NETREG_UNREGISTERED', `free_netdev: ${dev.name} still registered`);
    dev.reg_state = 'NETREG_RELEASED';
  }
  kfree(k, dev, 'free_netdev');
}

/** register_netdevice(): validate the name, then list the device in its net (RTNL held). */
export function register_netdevice(k: kernel, dev: net_device): number {
  const net = dev_net(dev);

  BUG_ON(k.dev_boot_phase, 'register_netdevice during dev_boot_phase');
  ASSERT_RTNL(k);
  /* When net_device's are persistent, this will be fatal. */
  BUG_ON(dev.reg_state !== 'NETREG_UNINITIALIZED', `register_netdevice: ${dev.name} reused`);

  const { err, out_name } = dev_prep_valid_name(net, dev.name, EEXIST);
  if (err < 0) return err;
  dev.name = out_name;

  dev.name_node = {
    dev,
    get name() {
      return this.dev.name;
    },
  };

  dev.reg_state = 'NETREG_REGISTERED';
  list_netdevice(k, dev);

  /* Notify protocols, that a new device appeared. */
  call_netdevice_notifiers(k, NETDEV_REGISTER, dev);
  /* RTM_NEWLINK */
  trace_netns(k, { type: 'dev_register', dev, net, name: dev.name });
  return 0;
}

/** register_netdev(): register_netdevice() under the (per-net) RTNL. */
export function register_netdev(k: kernel, dev: net_device): number {
  const net = dev_net(dev);

  rtnl_net_lock(k, net);
  const err = register_netdevice(k, dev);
  rtnl_net_unlock(k, net);
  return err;
}

/** unregister_netdevice_queue(): queue `dev` on `head` (list_move_tail), or unregister now. */
export function unregister_netdevice_queue(
  k: kernel,
  dev: net_device,
  head: list_head<net_device> | null,
): void {
  ASSERT_RTNL(k);
  kasan_check(k, dev, 'unregister_netdevice_queue');

  if (head) {
    if (k.bugs.has('B23')) list_add_tail(dev.unreg_list, head);
    else list_move_tail(dev.unreg_list, head);
  } else {
    const single = LIST_HEAD<net_device>();
    list_add(dev.unreg_list, single);
    unregister_netdevice_many(k, single);
  }
}

/** net_set_todo(). */
function net_set_todo(k: kernel, dev: net_device): void {
  list_add_tail(dev.todo_list, k.net_todo_list);
}

/**
 * unregister_netdevice_many(): unlist every queued device, then notify NETDEV_UNREGISTER /
 * RTM_DELLINK for each, in kill-list order. Each call is one contract `unregisterMany`.
 * @remarks Its synchronize_net() calls are not counted (contract simplification).
 */
export function unregister_netdevice_many(k: kernel, head: list_head<net_device>): void {
  k.counters.unregisterMany += 1;
  BUG_ON(k.dev_boot_phase, 'unregister_netdevice_many during dev_boot_phase');
  ASSERT_RTNL(k);

  if (list_empty(head)) return;

  for (const dev of list_for_each_entry_safe(head)) {
    /* Some devices call without registering for initialization unwind. */
    if (dev.reg_state === 'NETREG_UNINITIALIZED') {
      WARN_ON(k, true, `unregister_netdevice: device ${dev.name} never was registered`);
      list_del(dev.unreg_list);
      continue;
    }
    // Stryker disable next-line BooleanLiteral: equivalent: dismantle is written and never read
    dev.dismantle = true;
    BUG_ON(
      dev.reg_state !== 'NETREG_REGISTERED',
      `unregister_netdevice: ${dev.name} not registered`,
    );
  }

  for (const dev of list_for_each_entry(head)) {
    /* And unlink it from device chain. */
    unlist_netdevice(k, dev);
    dev.reg_state = 'NETREG_UNREGISTERING';
  }

  synchronize_net(k);

  for (const dev of list_for_each_entry(head)) {
    /* Notify protocols, that we are about to destroy this device.
     * They should clean all the things.
     */
    call_netdevice_notifiers(k, NETDEV_UNREGISTER, dev);
    /* RTM_DELLINK */
    trace_netns(k, { type: 'dev_unregister', dev, net: dev_net(dev) });
    dev.name_node = null;
  }

  synchronize_net(k);

  for (const dev of list_for_each_entry(head)) net_set_todo(k, dev);

  list_del(head);
}

/** unregister_netdevice(): unregister_netdevice_queue(dev, NULL). */
export function unregister_netdevice(k: kernel, dev: net_device): void {
  unregister_netdevice_queue(k, dev, null);
}

/** synchronize_net(): the grace periods of device removal, folded by the contract (not counted). */
export function synchronize_net(_k: kernel): void {}

/** netdev_run_todo(): called by rtnl_unlock(); finishes and frees the unregistered devices. */
export function netdev_run_todo(k: kernel): void {
  const list = LIST_HEAD<net_device>();

  /* Snapshot list, allow later requests */
  list_replace_init(k.net_todo_list, list);

  __rtnl_unlock(k);

  /* Wait for rcu callbacks to finish before next phase (divergence D3: not counted) */
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: equivalent: the only RCU callbacks free replaced net_generic arrays, which nothing reads again; when they run does not show
  if (!list_empty(list)) rcu_barrier_uncounted(k);

  for (const dev of list_for_each_entry_safe(list)) {
    if (dev.reg_state !== 'NETREG_UNREGISTERING') {
      WARN_ON(k, true, `run_todo but not unregistering: ${dev.name}`);
      list_del(dev.todo_list);
      continue;
    }
    dev.reg_state = 'NETREG_UNREGISTERED';
  }

  while (!list_empty(list)) {
    const dev = list_first_entry(list);
    list_del(dev.todo_list);
    if (dev.needs_free_netdev) free_netdev(k, dev);
  }
}

/**
 * __dev_change_net_namespace(): move `dev` to `net`, keeping its name if free there, else
 * taking `pat` (a name or a "%d" pattern). Same net: nothing to do.
 * @remarks No ifindex or altnames; the implicit peernet2id_alloc() is not done (divergence D5).
 */
export function __dev_change_net_namespace(
  k: kernel,
  dev: net_device,
  net: net,
  pat: string | null,
): number {
  const net_old = dev_net(dev);
  let new_name = '';

  ASSERT_RTNL(k);

  /* Don't allow namespace local devices to be moved. */
  if (dev.netns_immutable) return -EINVAL;

  /* Ensure the device has been registered */
  if (dev.reg_state !== 'NETREG_REGISTERED') return -EINVAL;

  /* Get out if there is nothing todo */
  if (net_eq(net_old, net)) return 0;

  /* Pick the destination device name, and ensure
   * we can use it in the destination network namespace.
   */
  if (netdev_name_in_use(net, dev.name)) {
    /* We get here if we can't use the current device name */
    if (!pat) return -EEXIST;
    const { err, out_name } = dev_prep_valid_name(net, pat, EEXIST);
    if (err < 0) return err;
    new_name = out_name;
  }

  /* And now a mini version of register_netdevice unregister_netdevice. */
  unlist_netdevice(k, dev);
  synchronize_net(k);

  /* Notify protocols, that we are about to destroy this device. They should clean all the things. */
  call_netdevice_notifiers(k, NETDEV_UNREGISTER, dev);

  /* (not counted by the contract: reference/README.md, D2) */
  rcu_barrier_uncounted(k);
  /* new_nsid = peernet2id_alloc(dev_net(dev), net, GFP_KERNEL); -- divergence D5 */

  /* Actually switch the network namespace */
  dev_net_set(dev, net);
  if (new_name) dev.name = new_name;

  /* Add the device back in the hashes */
  list_netdevice(k, dev);

  /* Notify protocols, that a new device appeared. */
  call_netdevice_notifiers(k, NETDEV_REGISTER, dev);
  /* RTM_NEWLINK */
  trace_netns(k, { type: 'dev_move', dev, from: net_old, to: net, name: dev.name });

  synchronize_net(k);
  return 0;
}

/** dev_change_net_namespace(). */
export function dev_change_net_namespace(
  k: kernel,
  dev: net_device,
  net: net,
  pat: string | null,
): number {
  return __dev_change_net_namespace(k, dev, net, pat);
}
