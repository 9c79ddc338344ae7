/**
 * The abstract view compared in lockstep (docs/contract.md "Abstract view"), and the
 * selector that computes it from the model state.
 */
import { get, values } from './table.ts';
import { type DevKind, HOOKS, type Hook } from './actions.ts';
import type { Counters } from './events.ts';
import type { Kernel, Op, State } from './state.ts';

/** One net as the view shows it. */
export interface NetView {
  readonly id: string;
  readonly count: number;
  readonly queued: boolean;
  readonly devices: readonly {
    readonly dev: string;
    readonly name: string;
    readonly kind: DevKind;
  }[];
  readonly nsids: readonly { readonly peer: string; readonly id: number }[];
  /** Ops with allocated generic data on this net, in pernet_list order. */
  readonly data: readonly string[];
}

/** One pernet_operations as the view shows it. */
export interface OpView {
  readonly op: string;
  readonly kind: 'subsys' | 'device';
  readonly hooks: readonly Hook[];
  readonly id?: number;
}

/** What any implementation must agree on after every step. */
export interface View {
  /** The profile, shown only when it is not 6.18 (so v1 views stay valid). */
  readonly kernel?: Kernel;
  readonly nets: readonly NetView[];
  readonly pernet: readonly OpView[];
  readonly firstDevice: string | null;
  readonly cleanupList: readonly string[];
  readonly counters: Counters;
  /** The global TIME_WAIT table, sorted by net then key; only once tcp_v4_init has run. */
  readonly tw?: readonly { readonly net: string; readonly key: string }[];
}

/** Table order: by net, then key (entries are unique, so never equal). */
const byNetThenKey = (a: { net: string; key: string }, b: { net: string; key: string }) =>
  a.net === b.net ? (a.key < b.key ? -1 : 1) : a.net < b.net ? -1 : 1;

/**
 * The last pernet_list viewed, and its view. Consecutive states share their pernet_list
 * unless a step registered or unregistered an op (the state is copy-on-write), so the
 * explorer, which views every successor of a state, rebuilds it rarely. Views are never
 * modified, so sharing them is safe.
 */
let lastPernet: { list: readonly Op[]; ops: readonly OpView[]; data: readonly string[] } | null =
  null;

/** pernet_list as the view shows it, and the ops with generic data. */
function opsView(list: readonly Op[]): { ops: readonly OpView[]; data: readonly string[] } {
  if (lastPernet?.list !== list) {
    const ops = list.map((op) => ({
      op: op.id,
      kind: op.kind,
      hooks: HOOKS.filter((h) => op.hooks.includes(h)),
      ...(op.genericId === null ? {} : { id: op.genericId }),
    }));
    const data = list.filter((op) => op.genericId !== null).map((op) => op.id);
    lastPernet = { list, ops, data };
  }
  return lastPernet;
}

const NO_NSIDS: readonly { readonly peer: string; readonly id: number }[] = [];

/** A net's nsids, in id order. */
function nsidsView(nsids: Readonly<Record<string, number>>) {
  let out: { peer: string; id: number }[] | null = null;
  for (const peer in nsids) (out ??= []).push({ peer, id: nsids[peer]! });
  return out === null ? NO_NSIDS : out.sort((a, b) => a.id - b.id);
}

/** The abstract view of a model state. */
export function view(state: State): View {
  const queued = new Set(state.cleanupList);
  const { ops, data } = opsView(state.pernet);
  return {
    ...(state.kernel === '6.18' ? {} : { kernel: state.kernel }),
    nets: state.netList.map((id) => {
      const net = get(state.nets, id)!;
      return {
        id,
        count: net.count,
        queued: queued.has(id),
        devices: net.devices.map((dev) => {
          const { name, kind } = get(state.devices, dev)!;
          return { dev, name, kind };
        }),
        nsids: nsidsView(net.nsids),
        data,
      };
    }),
    pernet: ops,
    firstDevice: state.firstDevice,
    cleanupList: state.cleanupList,
    counters: state.counters,
    ...(state.tw === null
      ? {}
      : {
          tw: values(state.tw)
            .map(({ net, key }) => ({ net, key }))
            .sort(byNetThenKey),
        }),
  };
}
