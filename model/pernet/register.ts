/**
 * register_pernet_{subsys,device} and unregister_pernet_{subsys,device}.
 */
import { HOOKS, type RegisterAction, type UnregisterAction } from '../actions.ts';
import { commit, type Ctx, isCore, reject, type Result } from '../context.ts';
import { profileOf } from '../kernels.ts';
import { firstBroken, type Rule, rule } from '../rules.ts';
import type { Op, State } from '../state.ts';
import { opsInit } from './ops-init.ts';
import { opsUndoList } from './ops-undo-list.ts';

/**
 * The first generic id in 6.18: sizeof(struct net_generic) in pointers on 64-bit. 2.6.33
 * started at 1 (`ida_get_new_above(&net_generic_ids, 1, ops->id)`, `ptr[id - 1]`).
 */
export const MIN_PERNET_OPS_ID = 3;

const kindOf = (a: RegisterAction | UnregisterAction): Op['kind'] =>
  a.type.endsWith('subsys') ? 'subsys' : 'device';

/** Preconditions of register_pernet_subsys / register_pernet_device, in order. */
export const REGISTER_RULES: readonly Rule<RegisterAction>[] = [
  rule(
    'EEXIST',
    '`op` names an op this run already registered',
    (s, a) => s.used.ops[a.op] === true,
  ),
  rule(
    'EINVAL',
    '`hooks` has an unknown or repeated hook',
    (_, a) => new Set(a.hooks).size !== a.hooks.length || a.hooks.some((h) => !HOOKS.includes(h)),
  ),
  rule('EINVAL', '`hooks` has a hook this kernel’s struct pernet_operations lacks', (s, a) =>
    a.hooks.some((h) => !profileOf(s.kernel).hooks.includes(h)),
  ),
  rule(
    'EINVAL',
    '`generic` is set but this kernel has no core-allocated per-net data (2.6.32: no `id`/`size`)',
    (s, a) => a.generic && profileOf(s.kernel).genericMin === null,
  ),
  rule(
    'ENOENT',
    '`fail.net` is not listed',
    (s, a) => a.fail !== undefined && !s.netList.includes(a.fail.net),
  ),
  rule(
    'EINVAL',
    '`fail` is given but the op has no init hook to fail',
    (_, a) => a.fail !== undefined && !a.hooks.includes('init'),
  ),
];

const registered = (s: State, op: string) => s.pernet.find((o) => o.id === op);

/** Preconditions of unregister_pernet_subsys / unregister_pernet_device, in order. */
export const UNREGISTER_RULES: readonly Rule<UnregisterAction>[] = [
  rule('ENOENT', '`op` is not registered', (s, a) => !registered(s, a.op)),
  rule(
    'EPERM',
    '`op` is a core op: netdev, loopback, default_device (full boot), tcp (after tcp_v4_init)',
    (s, a) => isCore(s, a.op),
  ),
  rule(
    'EINVAL',
    '`op` was registered with the other kind (subsys vs device)',
    (s, a) => registered(s, a.op)!.kind !== kindOf(a),
  ),
];

/** The smallest free generic id ≥ `min` (ida_alloc_min). */
function idaAllocMin(pernet: readonly Op[], min: number): number {
  const taken = new Set(pernet.map((op) => op.genericId));
  let id = min;
  while (taken.has(id)) id += 1;
  return id;
}

/**
 * Inits the op on every listed net in list order; on failure at net k undoes it on the nets
 * before k only. Returns whether every init succeeded.
 * @see __register_pernet_operations() (net/core/net_namespace.c, Linux v6.18)
 */
function registerOnNets(ctx: Ctx, op: Op, failNet: string | undefined): boolean {
  if (!op.hooks.includes('init') && op.genericId === null) return true;
  const nets = ctx.s.netList;
  for (const [k, net] of nets.entries()) {
    if (opsInit(ctx, op, net, net === failNet)) continue;
    opsUndoList(ctx, [op], nets.slice(0, k), profileOf(ctx.s.kernel).undoGracePeriod);
    return false;
  }
  return true;
}

/** Where `op` goes: a subsys op just before first_device, a device op at the tail. */
function insertionIndex(state: Pick<State, 'pernet' | 'firstDevice'>, kind: Op['kind']): number {
  const at =
    state.firstDevice === null ? -1 : state.pernet.findIndex((o) => o.id === state.firstDevice);
  return kind === 'device' || at < 0 ? state.pernet.length : at;
}

/**
 * Inserts `op` into pernet_list and inits it on every listed net; when an init fails, undoes
 * it and takes it out again. Returns whether it stayed.
 */
export function registerOp(ctx: Ctx, op: Op, failNet?: string): boolean {
  const before = ctx.s.pernet;
  const index = insertionIndex(ctx.s, op.kind);
  ctx.s.pernet = before.toSpliced(index, 0, op);
  if (registerOnNets(ctx, op, failNet)) return true;
  ctx.s.pernet = before;
  return false;
}

/** rcu_barrier() at the end of (un)registration, where the kernel has it. */
function registerBarrier(ctx: Ctx): void {
  if (!profileOf(ctx.s.kernel).registerBarrier) return;
  ctx.events.push({ type: 'rcu_barrier' });
  ctx.bump('rcuBarriers');
}

/**
 * Registers a pernet op: subsys ops go just before first_device, device ops at the tail;
 * the first device op becomes first_device. 2.6.32 has no rcu_barrier() on failure.
 * @see register_pernet_subsys(), register_pernet_device(), register_pernet_operations()
 *   (net/core/net_namespace.c, Linux v6.18, v2.6.33, v2.6.32)
 */
export function registerPernetOperations(state: State, a: RegisterAction): Result {
  const errno = firstBroken(REGISTER_RULES, state, a);
  if (errno) return reject(state, errno);
  const kind = kindOf(a);
  const min = profileOf(state.kernel).genericMin!;
  const op: Op = {
    id: a.op,
    kind,
    hooks: [...a.hooks],
    genericId: a.generic ? idaAllocMin(state.pernet, min) : null,
  };
  return commit(state, (ctx) => {
    ctx.bump('pernetLock');
    ctx.useOp(a.op);
    if (!registerOp(ctx, op, a.fail?.net)) {
      registerBarrier(ctx);
      return { ok: false, errno: 'ENOMEM' };
    }
    if (kind === 'device') ctx.s.firstDevice ??= a.op;
    return op.genericId === null ? { ok: true } : { ok: true, id: op.genericId };
  });
}

/**
 * Unregisters a pernet op: advances first_device past it, removes it, and undoes it on every
 * listed net (queued ones included), then waits for RCU callbacks before freeing its id
 * (not in 2.6.32).
 * @see unregister_pernet_subsys(), unregister_pernet_device(),
 *   __unregister_pernet_operations() (net/core/net_namespace.c, Linux v6.18, v2.6.32)
 */
export function unregisterPernetOperations(state: State, a: UnregisterAction): Result {
  const errno = firstBroken(UNREGISTER_RULES, state, a);
  if (errno) return reject(state, errno);
  const index = state.pernet.findIndex((o) => o.id === a.op);
  const op = state.pernet[index]!;
  return commit(state, (ctx) => {
    ctx.bump('pernetLock');
    if (state.firstDevice === a.op) ctx.s.firstDevice = state.pernet[index + 1]?.id ?? null;
    ctx.s.pernet = state.pernet.toSpliced(index, 1);
    opsUndoList(ctx, [op], state.netList, profileOf(state.kernel).undoGracePeriod);
    registerBarrier(ctx);
    return { ok: true };
  });
}
