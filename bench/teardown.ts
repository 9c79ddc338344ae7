/**
 * The seed scenario of issue 7 (Biederman's 2009 measurement, docs/eras.md): n nets, each
 * with a veth whose peer lives in init_net and a few TIME_WAIT sockets, all put, then torn
 * down by cleanup_net runs until nothing is queued. Returns the teardown's cost (model/cost.ts)
 * and how long the model took.
 */
import {
  type Action,
  initialState,
  type Kernel,
  type Result,
  type State,
  step,
} from '../model/index.ts';
import { type Cost, costOf } from '../model/cost.ts';

/** The scenario's knobs. */
export interface Scenario {
  readonly kernel: Kernel;
  readonly nets: number;
  /** TIME_WAIT entries per net (default 2). */
  readonly tw?: number;
  /** Nets put between two cleanup runs (default: all of them, one batch). */
  readonly batch?: number;
}

/** What a teardown cost and took. */
export interface Teardown {
  readonly cost: Cost;
  readonly setupMs: number;
  /** The put_net steps that queue the nets. */
  readonly putsMs: number;
  /** The cleanup_net runs alone (what bench:model calls teardown). */
  readonly teardownMs: number;
  readonly events: number;
}

function apply(state: State, action: Action): Result {
  const result = step(state, action);
  if (!result.ret.ok) throw new Error(`${action.type} failed: ${result.ret.errno}`);
  return result;
}

/** The setup: tcp_v4_init, then each net with its veth and TIME_WAIT entries. */
export function setupActions(nets: number, tw: number): Action[] {
  const out: Action[] = [{ type: 'tcp_v4_init' }];
  for (let i = 0; i < nets; i += 1) {
    const net = `n${i}`;
    out.push(
      { type: 'copy_net_ns', net },
      {
        type: 'register_netdev',
        dev: `v${i}`,
        name: 'eth0',
        net,
        kind: 'veth',
        peer: { dev: `p${i}`, name: `veth${i}`, net: 'init_net' },
      },
    );
    for (let k = 0; k < tw; k += 1)
      out.push({ type: 'inet_twsk_hashdance', net, key: `10.0.0.${k}:80-192.0.2.1:${i}` });
  }
  return out;
}

/** Runs the scenario on the model. */
export function teardown(s: Scenario): Teardown {
  let state = initialState({ kernel: s.kernel });
  const t0 = performance.now();
  for (const action of setupActions(s.nets, s.tw ?? 2)) state = apply(state, action).state;
  const t1 = performance.now();
  const before = state;
  const steps: { action: Action; result: Result }[] = [];
  const ms = { put_net: 0, cleanup_net: 0 };
  const run = (action: Action & { type: 'put_net' | 'cleanup_net' }): void => {
    const t = performance.now();
    const result = apply(state, action);
    ms[action.type] += performance.now() - t;
    steps.push({ action, result });
    state = result.state;
  };
  const batch = Math.max(1, s.batch ?? s.nets);
  for (let i = 0; i < s.nets; i += batch) {
    for (let j = i; j < Math.min(i + batch, s.nets); j += 1) run({ type: 'put_net', net: `n${j}` });
    while (state.cleanupList.length > 0) run({ type: 'cleanup_net' });
  }
  const events = steps.reduce((n, { result }) => n + result.events.length, 0);
  const cost = costOf(before, steps);
  return { cost, setupMs: t1 - t0, putsMs: ms.put_net, teardownMs: ms.cleanup_net, events };
}
