/**
 * bench:model — builds N namespaces, each with a veth pair into init_net and two user ops
 * with generic data, tears them all down in one batch, and prints setup and teardown
 * figures separately, for N = 4096 and 8192.
 */
import { type Action, initialState, type State, step } from '../model/index.ts';

interface Figures {
  nets: number;
  setupMs: number;
  setupEvents: number;
  teardownMs: number;
  teardownEvents: number;
}

function apply(state: State, action: Action): { state: State; events: number } {
  const result = step(state, action);
  if (!result.ret.ok) throw new Error(`${action.type} failed: ${result.ret.errno}`);
  return { state: result.state, events: result.events.length };
}

function measure(nets: number): Figures {
  let state = initialState();
  let setupEvents = 0;
  const t0 = performance.now();
  for (const op of ['tcp', 'xfrm']) {
    state = apply(state, {
      type: 'register_pernet_subsys',
      op,
      hooks: ['init', 'pre_exit', 'exit', 'exit_batch'],
      generic: true,
    }).state;
  }
  for (let i = 0; i < nets; i += 1) {
    const net = `n${i}`;
    for (const action of [
      { type: 'copy_net_ns', net },
      {
        type: 'register_netdev',
        dev: `v${i}`,
        name: 'eth0',
        net,
        kind: 'veth',
        peer: { dev: `p${i}`, name: `veth${i}`, net: 'init_net' },
      },
    ] satisfies Action[]) {
      const r = apply(state, action);
      state = r.state;
      setupEvents += r.events;
    }
  }
  for (let i = 0; i < nets; i += 1) state = apply(state, { type: 'put_net', net: `n${i}` }).state;
  const t1 = performance.now();
  const torn = apply(state, { type: 'cleanup_net' });
  const t2 = performance.now();
  return { nets, setupMs: t1 - t0, setupEvents, teardownMs: t2 - t1, teardownEvents: torn.events };
}

const rate = (events: number, ms: number): string =>
  `${Math.round(events / (ms / 1000)).toLocaleString('en')} events/s`;

measure(256); // warm-up: JIT and immer's first-use costs
const results = (process.env.BENCH_NETS ?? '4096,8192').split(',').map(Number).map(measure);
for (const f of results) {
  console.log(
    `nets=${f.nets}  setup ${f.setupMs.toFixed(0)} ms (${f.setupEvents} events, ${rate(f.setupEvents, f.setupMs)})` +
      `  teardown ${f.teardownMs.toFixed(0)} ms (${f.teardownEvents} events, ${rate(f.teardownEvents, f.teardownMs)})`,
  );
}
const [small, large] = results as [Figures, Figures];
console.log(
  `teardown 8192/4096 = ${(large.teardownMs / small.teardownMs).toFixed(2)} (target ≤ 2.3; 4096-net target < 500 ms)`,
);
console.log(`setup    8192/4096 = ${(large.setupMs / small.setupMs).toFixed(2)}`);
