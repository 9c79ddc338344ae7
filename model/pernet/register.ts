/**
 * register_pernet_{subsys,device} and unregister_pernet_{subsys,device}.
 */
import { castDraft } from 'immer';
import { HOOKS, type RegisterAction, type UnregisterAction } from '../actions.ts';
import { bump, commit, type Ctx, isCore, reject, type Result } from '../context.ts';
import { firstBroken, type Rule, rule } from '../rules.ts';
import type { Op, State } from '../state.ts';
import { opsInit } from './ops-init.ts';
import { opsUndoList } from './ops-undo-list.ts';

/** The first generic id: sizeof(struct net_generic) in pointers on 64-bit. */
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
  rule('EPERM', '`op` is a core op (netdev, loopback, default_device) of a full boot', (s, a) =>
    isCore(s, a.op),
  ),
  rule(
    'EINVAL',
    '`op` was registered with the other kind (subsys vs device)',
    (s, a) => registered(s, a.op)!.kind !== kindOf(a),
  ),
];

/** The smallest free generic id ≥ MIN_PERNET_OPS_ID (ida_alloc_min). */
function idaAllocMin(pernet: readonly Op[]): number {
  const taken = new Set(pernet.map((op) => op.genericId));
  let id = MIN_PERNET_OPS_ID;
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
  const nets = [...ctx.s.netList];
  for (const [k, net] of nets.entries()) {
    if (opsInit(ctx, op, net, net === failNet)) continue;
    opsUndoList(ctx, [op], nets.slice(0, k));
    return false;
  }
  return true;
}

/**
 * Registers a pernet op: subsys ops go just before first_device, device ops at the tail;
 * the first device op becomes first_device.
 * @see register_pernet_subsys(), register_pernet_device(), register_pernet_operations()
 *   (net/core/net_namespace.c, Linux v6.18)
 */
export function registerPernetOperations(state: State, a: RegisterAction): Result {
  const errno = firstBroken(REGISTER_RULES, state, a);
  if (errno) return reject(state, errno);
  const kind = kindOf(a);
  const op: Op = {
    id: a.op,
    kind,
    hooks: [...a.hooks],
    genericId: a.generic ? idaAllocMin(state.pernet) : null,
  };
  const at =
    state.firstDevice === null ? -1 : state.pernet.findIndex((o) => o.id === state.firstDevice);
  const index = kind === 'device' || at < 0 ? state.pernet.length : at;
  return commit(state, (ctx) => {
    bump(ctx, 'pernetLock');
    ctx.s.used.ops[a.op] = true;
    ctx.s.pernet.splice(index, 0, castDraft(op));
    if (!registerOnNets(ctx, op, a.fail?.net)) {
      ctx.s.pernet.splice(index, 1);
      ctx.events.push({ type: 'rcu_barrier' });
      bump(ctx, 'rcuBarriers');
      return { ok: false, errno: 'ENOMEM' };
    }
    if (kind === 'device') ctx.s.firstDevice ??= a.op;
    return op.genericId === null ? { ok: true } : { ok: true, id: op.genericId };
  });
}

/**
 * Unregisters a pernet op: advances first_device past it, removes it, and undoes it on every
 * listed net (queued ones included), then waits for RCU callbacks before freeing its id.
 * @see unregister_pernet_subsys(), unregister_pernet_device(),
 *   __unregister_pernet_operations() (net/core/net_namespace.c, Linux v6.18)
 */
export function unregisterPernetOperations(state: State, a: UnregisterAction): Result {
  const errno = firstBroken(UNREGISTER_RULES, state, a);
  if (errno) return reject(state, errno);
  const index = state.pernet.findIndex((o) => o.id === a.op);
  const op = state.pernet[index]!;
  return commit(state, (ctx) => {
    bump(ctx, 'pernetLock');
    if (state.firstDevice === a.op) ctx.s.firstDevice = state.pernet[index + 1]?.id ?? null;
    ctx.s.pernet.splice(index, 1);
    opsUndoList(ctx, [op], state.netList);
    ctx.events.push({ type: 'rcu_barrier' });
    bump(ctx, 'rcuBarriers');
    return { ok: true };
  });
}
