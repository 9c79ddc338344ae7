/**
 * The model's side of a kernel trace: replays a scenario's setup through `step`, computes
 * what each dying net shows the witness, and re-runs the teardown under a given batching.
 * Pure.
 */
import { type Action, type Event, initialState, type State, step } from '../../model/index.ts';
import { type Scenario, type SetupStep, WITNESS } from './scenario.ts';
import type { NetProjection, Observed } from './scan.ts';

/** What the kernel answered to one setup step. */
export type StepRet =
  { readonly ok: true } | { readonly ok: false; readonly errno: string; readonly message: string };

/** An nsid the witness allocated during setup (RTM_NEWNSID), in arrival order. */
export interface NsidSeen {
  readonly net: string;
  readonly id: number;
}

/**
 * The model action a setup step is, or null when the kernel entry point calls no modelled
 * function: `nsid` (the model allocates nsids only in peernet2id_alloc; the kernel's explicit
 * and implicit allocations are fed from what the witness saw instead), and a move to the
 * namespace the device is already in (rtnl_setlink's do_setlink calls
 * __dev_change_net_namespace only when the target differs, and returns 0).
 */
export function setupAction(s: SetupStep): Action | null {
  switch (s.op) {
    case 'veth':
      return {
        type: 'register_netdev',
        ...{ dev: s.dev, name: s.dev, net: s.net, kind: 'veth' },
        peer: { dev: s.peer, name: s.peer, net: s.peerNet },
      };
    case 'bridge':
      return { type: 'register_netdev', dev: s.dev, name: s.dev, net: s.net, kind: 'bridge' };
    case 'move':
      return s.from === s.to ? null : { type: 'dev_change_net_namespace', dev: s.dev, net: s.to };
    case 'hold':
      return { type: 'get_net', net: s.net };
    case 'nsid':
      return null;
  }
}

function must(state: State, action: Action): State {
  const r = step(state, action);
  if (!r.ret.ok) throw new Error(`model refused ${action.type}: ${r.ret.errno}`);
  return r.state;
}

const show = (ok: boolean, errno?: string): string => (ok ? 'succeeded' : `failed with ${errno}`);

/**
 * Replays the setup: namespaces, then each step (comparing the kernel's answer), then the
 * witness's nsids in the order it allocated them (comparing ids: both take the lowest free).
 */
export function replaySetup(
  scenario: Scenario,
  rets: readonly (StepRet | null)[],
  nsids: readonly NsidSeen[],
): { ok: true; state: State } | { ok: false; message: string } {
  let state = initialState();
  for (const net of [WITNESS, ...scenario.nets]) state = must(state, { type: 'copy_net_ns', net });
  for (const [i, s] of scenario.setup.entries()) {
    const kernel = rets[i];
    if (!kernel || s.op === 'nsid') continue;
    const action = setupAction(s);
    const r = action === null ? { state, ret: { ok: true } as const } : step(state, action);
    const same =
      r.ret.ok === kernel.ok && (r.ret.ok || (!kernel.ok && r.ret.errno === kernel.errno));
    if (!same) {
      const k = kernel.ok ? show(true) : `${show(false, kernel.errno)} ("${kernel.message}")`;
      const m = show(r.ret.ok, r.ret.ok ? undefined : r.ret.errno);
      return {
        ok: false,
        message: `setup step #${i} ${JSON.stringify(s)}: the kernel ${k}, the model ${m}`,
      };
    }
    state = r.state;
  }
  for (const { net, id } of nsids) {
    const r = step(state, { type: 'peernet2id_alloc', net: WITNESS, peer: net });
    if (!r.ret.ok || r.ret.id !== id)
      return {
        ok: false,
        message: `the witness gave ${net} nsid ${id}; the model's lowest free id is ${r.ret.ok ? r.ret.id : r.ret.errno}`,
      };
    state = r.state;
  }
  return { ok: true, state };
}

/** The net each teardown step puts (null for settle). */
function putNets(scenario: Scenario): (string | null)[] {
  const holds = new Map<string, string>();
  for (const s of scenario.setup) if (s.op === 'hold') holds.set(s.id, s.net);
  return scenario.teardown.map((t) =>
    t.op === 'del' ? t.net : t.op === 'release' ? holds.get(t.hold)! : null,
  );
}

/** The teardown as the model sees it: the final-put order and what each net shows the witness. */
export interface Plan {
  /** σ: the nets in final-put order, with their projections onto the witness. */
  readonly sigma: readonly NetProjection[];
  /** For each teardown step, how many witness events the nets put so far owe in total. */
  readonly owedAfter: readonly number[];
}

/**
 * Puts every net as the teardown does, then tears them all down in one batch and attributes
 * each witness event to its dying net: an RTM_DELNSID names it, and a witness peer follows
 * its counterpart on the kill list (veth_dellink queues self, then peer).
 */
export function teardownPlan(state: State, scenario: Scenario): Plan {
  const order: string[] = [];
  const finals = putNets(scenario).map((net) => {
    if (net === null) return null;
    const r = step(state, { type: 'put_net', net });
    if (!r.ret.ok) throw new Error(`model refused put_net ${net}: ${r.ret.errno}`);
    state = r.state;
    return r.events.some((e) => e.type === 'queue') ? (order.push(net), net) : null;
  });
  const byNet = attribute(order, step(state, { type: 'cleanup_net' }).events);
  const owes = (p: NetProjection): number => (p.nsid === null ? 0 : 1) + p.devs.length;
  let owed = 0;
  const owedAfter = finals.map((net) => (owed += net === null ? 0 : owes(byNet.get(net)!)));
  return { sigma: order.map((net) => byNet.get(net)!), owedAfter };
}

/** Splits one batch's witness events by dying net. */
function attribute(order: readonly string[], events: readonly Event[]): Map<string, NetProjection> {
  const byNet = new Map(
    order.map((net) => [net, { net, nsid: null as number | null, devs: [] as string[] }]),
  );
  let counterpart: string | null = null;
  for (const e of events) {
    if (e.type === 'nsid_unhash' && e.in === WITNESS) byNet.get(e.peer)!.nsid = e.id;
    if (e.type !== 'dev_unregister') continue;
    if (e.net !== WITNESS) counterpart = e.net;
    else if (counterpart === null)
      throw new Error(`model: ${e.dev} unregistered without a counterpart`);
    else byNet.get(counterpart)!.devs.push(e.dev);
  }
  return byNet;
}

/** The witness's view of one cleanup_net run of the model. */
export function witnessView(events: readonly Event[]): Observed[] {
  const out: Observed[] = [];
  for (const e of events) {
    if (e.type === 'nsid_unhash' && e.in === WITNESS) out.push({ kind: 'delnsid', id: e.id });
    if (e.type === 'dev_unregister' && e.net === WITNESS) out.push({ kind: 'dellink', dev: e.dev });
  }
  return out;
}

/**
 * Re-runs the teardown in the model with a cleanup_net right after the final put of each
 * batch's newest net, and returns what the witness sees.
 */
export function replayTeardown(
  state: State,
  scenario: Scenario,
  batches: readonly (readonly string[])[],
): Observed[] {
  const closes = new Set(batches.map((b) => b[0]!));
  const out: Observed[] = [];
  for (const net of putNets(scenario)) {
    if (net === null) continue;
    const r = step(state, { type: 'put_net', net });
    state = r.state;
    if (!r.events.some((e) => e.type === 'queue') || !closes.has(net)) continue;
    const c = step(state, { type: 'cleanup_net' });
    state = c.state;
    out.push(...witnessView(c.events));
  }
  return out;
}
