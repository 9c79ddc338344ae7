/**
 * bench:canonical — the explorer's per-successor key, `fingerprint(canonical(state))`, on a
 * fixed sample: the non-loop successors of every distinct state the explorer reaches on the
 * issue's scope (3 nets × 3 ops × 2 devices) up to a budget, i.e. exactly the states the
 * search canonicalises, in its order. Prints microseconds per call by CPU time (the machine
 * is shared) and the load average. BENCH_STATES (default 20000) sets the budget of distinct
 * states, BENCH_ROUNDS (default 5) the timed passes over the sample.
 */
import { loadavg } from 'node:os';
import { alphabets } from '../explore/alphabet.ts';
import { explore } from '../explore/bfs.ts';
import { canonical } from '../explore/canonical.ts';
import { fingerprint } from '../explore/fingerprint.ts';
import { poolsOf } from '../explore/scope.ts';
import type { State } from '../model/state.ts';
import { step } from '../model/step.ts';

const scope = { nets: 3, ops: 3, devices: 2, depth: 8 };
const pools = poolsOf(scope);
const budget = Number(process.env.BENCH_STATES ?? 20_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

/** Every distinct state the explorer hands to its level hook (all but the last level). */
async function distinctStates(): Promise<State[]> {
  const states: State[] = [];
  await explore({
    scope,
    maxStates: budget,
    invariants: [],
    onLevel: async ({ nodes }) => {
      for (const n of nodes) if (n.state !== null) states.push(n.state);
      return null;
    },
  });
  return states;
}

/** Each state's non-loop successors, in alphabet order (what the search canonicalises). */
function successors(states: readonly State[]): State[] {
  const alphabet = alphabets(pools);
  const out: State[] = [];
  for (const s of states) {
    for (const a of alphabet(s)) {
      const after = step(s, a).state;
      if (after !== s) out.push(after);
    }
  }
  return out;
}

/** CPU microseconds per `fingerprint(canonical(s))` over one pass of `sample`. */
function pass(sample: readonly State[], symmetric: boolean): number {
  let sink = 0;
  const cpu = process.cpuUsage();
  for (const s of sample) sink ^= fingerprint(canonical(s, pools, symmetric)).hi;
  const used = process.cpuUsage(cpu);
  if (sink === 0.5) console.log('unreachable'); // keeps the result alive
  return (used.user + used.system) / sample.length;
}

const load = (): string => loadavg()[0]!.toFixed(1);

console.log(`load average at start: ${load()}`);
const states = await distinctStates();
const sample = successors(states);
console.log(`${states.length} distinct states, ${sample.length} non-loop successors sampled`);
for (const symmetric of [true, false]) {
  pass(sample, symmetric); // warm-up: JIT
  const times = Array.from({ length: rounds }, () => pass(sample, symmetric));
  const best = Math.min(...times).toFixed(2);
  const median = [...times].sort((a, b) => a - b)[Math.floor(rounds / 2)]!.toFixed(2);
  const label = symmetric ? 'symmetric' : 'no symmetry';
  console.log(`${label}: ${median} µs/call median, ${best} best, of ${rounds} passes (CPU time)`);
}
console.log(`load average at the end: ${load()}`);
