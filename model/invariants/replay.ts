/**
 * An independent reconstruction, from a trace alone, of what some families need to know
 * around each step: pernet_list (from the (un)register actions and their rets) and
 * net_namespace_list (from publish/unlink events), one step at a time. Deliberately not
 * the reducer.
 */
import type { Action, Hook, RegisterAction, UnregisterAction } from '../actions.ts';
import type { Trace, TraceStep } from '../trace.ts';
import { CORE_OPS_OF, INIT_NET, type Kernel, TCP_OP, tcpOp } from '../state.ts';

/** A pernet_operations as the trace shows it. */
export interface OpInfo {
  readonly op: string;
  readonly kind: 'subsys' | 'device';
  readonly hooks: readonly Hook[];
  readonly generic: boolean;
}

/** What the trace says the kernel looked like around one step. */
export interface StepContext {
  readonly step: TraceStep;
  readonly index: number;
  /** pernet_list while the step runs (an op being registered or unregistered included). */
  readonly ops: readonly OpInfo[];
  /** net_namespace_list before the step. */
  readonly listed: readonly string[];
}

/** The two lists between steps, and the profile that decides what tcp_v4_init registers. */
export interface Lists {
  readonly kernel: Kernel;
  /** pernet_list. */
  readonly ops: readonly OpInfo[];
  /** net_namespace_list. */
  readonly listed: readonly string[];
}

/** Whether `action` registers a pernet op. */
export const isRegister = (action: Action): action is RegisterAction =>
  action.type === 'register_pernet_subsys' || action.type === 'register_pernet_device';

/** Whether `action` unregisters a pernet op. */
export const isUnregister = (action: Action): action is UnregisterAction =>
  action.type === 'unregister_pernet_subsys' || action.type === 'unregister_pernet_device';

/** Whether a step got past validation: it succeeded, or failed by an injected ENOMEM. */
export const validated = (step: TraceStep): boolean => step.ret.ok || step.ret.errno === 'ENOMEM';

/** Whether `op` has callback `hook`. */
export const has = (op: Pick<OpInfo, 'hooks'>, hook: Hook): boolean => op.hooks.includes(hook);

/** Subsys ops go just before the first device op (`first_device`), device ops at the tail. */
function insert(ops: readonly OpInfo[], info: OpInfo): OpInfo[] {
  const at = info.kind === 'device' ? -1 : ops.findIndex((op) => op.kind === 'device');
  return at < 0 ? [...ops, info] : [...ops.slice(0, at), info, ...ops.slice(at)];
}

/** pernet_list while `step` runs. */
function opsDuring(ops: readonly OpInfo[], step: TraceStep, kernel: Kernel): readonly OpInfo[] {
  const { action } = step;
  if (action.type === 'tcp_v4_init' && step.ret.ok) {
    return insert(ops, { op: TCP_OP, kind: 'subsys', hooks: tcpOp(kernel).hooks, generic: false });
  }
  if (!isRegister(action) || !validated(step)) return ops;
  const kind = action.type === 'register_pernet_device' ? 'device' : 'subsys';
  return insert(ops, { op: action.op, kind, hooks: action.hooks, generic: action.generic });
}

/** pernet_list after `step`: a failed registration or a done unregistration drops the op. */
function opsAfter(
  ops: readonly OpInfo[],
  during: readonly OpInfo[],
  step: TraceStep,
): readonly OpInfo[] {
  const { action, ret } = step;
  if (isRegister(action) || action.type === 'tcp_v4_init') return ret.ok ? during : ops;
  if (isUnregister(action) && ret.ok) return ops.filter((op) => op.op !== action.op);
  return ops;
}

/** net_namespace_list after `step`'s publish and unlink events. */
function listedAfter(listed: readonly string[], step: TraceStep): readonly string[] {
  let out = listed;
  for (const event of step.events) {
    const { type } = event;
    if (type === 'publish') out = [...out, event.net];
    if (type === 'unlink') out = out.filter((net) => net !== event.net);
  }
  return out;
}

/** pernet_list at boot: the profile's three core ops (`full`) or none (`bare`). */
export function bootOps(boot: Trace['boot'], kernel: Kernel = '6.18'): readonly OpInfo[] {
  if (boot === 'bare') return [];
  return CORE_OPS_OF[kernel].map((op) => ({
    op: op.id,
    kind: op.kind,
    hooks: op.hooks,
    generic: op.genericId !== null,
  }));
}

/** The lists at boot, one object per profile and boot (so families start from the same one). */
const BOOT_LISTS = new Map<string, Lists>();

/** The lists at boot: the same object every time for the same profile and boot. */
export function bootLists({ kernel, boot }: Pick<Trace, 'kernel' | 'boot'>): Lists {
  const key = `${kernel} ${boot}`;
  let lists = BOOT_LISTS.get(key);
  if (lists === undefined) {
    lists = { kernel, ops: bootOps(boot, kernel), listed: [INIT_NET] };
    BOOT_LISTS.set(key, lists);
  }
  return lists;
}

/** A step's replay: the lists before it, its context, and the lists after it. */
interface Replayed {
  readonly before: Lists;
  readonly context: StepContext;
  readonly after: Lists;
}

/** The context of step `index` given the lists before it, and the lists after it. */
function replay(lists: Lists, step: TraceStep, index: number): Replayed {
  const during = opsDuring(lists.ops, step, lists.kernel);
  const context: StepContext = { step, index, ops: during, listed: lists.listed };
  const ops = opsAfter(lists.ops, during, step);
  const listed = listedAfter(lists.listed, step);
  const same = ops === lists.ops && listed === lists.listed;
  return { before: lists, context, after: same ? lists : { kernel: lists.kernel, ops, listed } };
}

/** The last replay. */
let last: Replayed | null = null;

/**
 * {@link replay}, remembering the last one: a checker steps families 4–7 one after the other
 * on the same step, and they hold the same lists (the boot lists are one object, and each
 * replays the next step into the object the first one made), so the step is replayed once
 * instead of four times. A replay is a function of its arguments, none of which is ever
 * modified, so a remembered one is the replay itself.
 */
export function replayStep(lists: Lists, step: TraceStep, index: number): Replayed {
  let out = last;
  if (out?.before !== lists || out.context.step !== step || out.context.index !== index) {
    out = last = replay(lists, step, index);
  }
  return out;
}
