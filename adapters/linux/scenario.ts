/**
 * Kernel scenarios: what a conformance run does to the live kernel, as plain JSON, and the
 * fast-check arbitrary that generates them. Names are logical (`w`, `t0`, `v3`); the runner
 * prefixes them per run, so a saved scenario replays on any machine.
 */
import fc from 'fast-check';

/** The witness namespace's logical name: it never dies during a run and sees everything. */
export const WITNESS = 'w';

/** The sentinel namespace's logical name: always the last final put of a scenario. */
export const SENTINEL = 's';

/** One setup command, in run order. `net`, `peerNet`, `from`, `to` are logical net names. */
export type SetupStep =
  /** `ip link add DEV netns NET type veth peer name PEER netns PEERNET` (peer registered first). */
  | {
      readonly op: 'veth';
      readonly dev: string;
      readonly net: string;
      readonly peer: string;
      readonly peerNet: string;
    }
  /** `ip link add DEV netns NET type bridge` (netns_local: it cannot move). */
  | { readonly op: 'bridge'; readonly dev: string; readonly net: string }
  /** `ip -n FROM link set dev DEV netns TO`. */
  | { readonly op: 'move'; readonly dev: string; readonly from: string; readonly to: string }
  /** `ip -n w netns set NET auto`: the witness assigns NET an nsid (lowest free). */
  | { readonly op: 'nsid'; readonly net: string }
  /** Take a reference on NET: an open fd on its nsfs file, or a `sleep` run inside it. */
  | { readonly op: 'hold'; readonly id: string; readonly net: string; readonly via: 'fd' | 'proc' };

/** One teardown command, in run order. */
export type TeardownStep =
  /** `ip netns del NET`: drops the bind mount's reference. */
  | { readonly op: 'del'; readonly net: string }
  /** Drops the reference taken by the hold step `hold`. */
  | { readonly op: 'release'; readonly hold: string }
  /** Wait until every net put so far has been torn down (so the next puts start a new batch). */
  | { readonly op: 'settle' };

/** A whole scenario. `nets` are the namespaces under test, in creation order. */
export interface Scenario {
  readonly nets: readonly string[];
  readonly setup: readonly SetupStep[];
  readonly teardown: readonly TeardownStep[];
  /** The last net put, and its device in the witness whose RTM_DELLINK ends the run. */
  readonly sentinel: { readonly net: string; readonly witnessDev: string };
}

/** A generator intent, resolved against the scenario built so far ("choose by index"). */
export type Intent =
  | { readonly t: 'veth'; readonly a: number; readonly b: number; readonly shape: number }
  | { readonly t: 'bridge'; readonly a: number }
  | { readonly t: 'move'; readonly d: number; readonly to: number }
  | { readonly t: 'nsid'; readonly a: number }
  | { readonly t: 'hold'; readonly a: number; readonly via: 'fd' | 'proc' };

interface Draft {
  readonly tests: string[];
  readonly setup: SetupStep[];
  readonly where: Map<string, string>;
  readonly holds: string[];
}

function resolve(d: Draft, intent: Intent, k: number): void {
  const all = [WITNESS, ...d.tests];
  const pick = (i: number, from: readonly string[]): string => from[i % from.length]!;
  // Bridges, nsids and holds need a namespace under test; without one they are dropped.
  if (d.tests.length === 0 && intent.t !== 'veth' && intent.t !== 'move') return;
  if (intent.t === 'veth') {
    const test = d.tests.length > 0 ? pick(intent.a, d.tests) : WITNESS;
    const ends: [string, string][] = [
      [test, WITNESS],
      [WITNESS, test],
      [pick(intent.a, all), pick(intent.b, all)],
    ];
    const [net, peerNet] = ends[intent.shape % ends.length]!;
    const [dev, peer] = [`v${k}`, `p${k}`];
    d.setup.push({ op: 'veth', dev, net, peer, peerNet });
    d.where.set(dev, net).set(peer, peerNet);
  } else if (intent.t === 'bridge') {
    const net = pick(intent.a, d.tests);
    d.setup.push({ op: 'bridge', dev: `b${k}`, net });
    d.where.set(`b${k}`, net);
  } else if (intent.t === 'move') {
    const devs = [...d.where.keys()];
    if (devs.length === 0) return;
    const dev = pick(intent.d, devs);
    const [from, to] = [d.where.get(dev)!, pick(intent.to, all)];
    d.setup.push({ op: 'move', dev, from, to });
    if (!dev.startsWith('b')) d.where.set(dev, to);
  } else if (intent.t === 'nsid') {
    d.setup.push({ op: 'nsid', net: pick(intent.a, d.tests) });
  } else {
    d.setup.push({ op: 'hold', id: `h${k}`, net: pick(intent.a, d.tests), via: intent.via });
    d.holds.push(`h${k}`);
  }
}

/** Puts the final-put candidates in the order `keys` gives, then sprinkles settles. */
function teardownOf(d: Draft, keys: readonly number[], settles: readonly number[]): TeardownStep[] {
  const steps: TeardownStep[] = [
    ...d.tests.map((net) => ({ op: 'del', net }) as const),
    ...d.holds.map((hold) => ({ op: 'release', hold }) as const),
  ];
  const key = (i: number): number => (keys.length === 0 ? i : keys[i % keys.length]!);
  const order = steps.map((s, i) => ({ s, k: key(i), i })).sort((x, y) => x.k - y.k || x.i - y.i);
  const out: TeardownStep[] = order.map((o) => o.s);
  for (const at of settles) out.splice(at % (out.length + 1), 0, { op: 'settle' });
  return [...out, { op: 'del', net: SENTINEL }];
}

/** Builds a scenario from resolved intents; exported for tests and the bench. */
export function buildScenario(
  tests: number,
  intents: readonly Intent[],
  keys: readonly number[] = [],
  settles: readonly number[] = [],
): Scenario {
  const d: Draft = {
    tests: Array.from({ length: tests }, (_, i) => `t${i}`),
    setup: [],
    where: new Map(),
    holds: [],
  };
  intents.forEach((intent, k) => resolve(d, intent, k));
  d.setup.push({ op: 'veth', dev: 'sv', net: SENTINEL, peer: 'sw', peerNet: WITNESS });
  return {
    nets: [...d.tests, SENTINEL],
    setup: d.setup,
    teardown: teardownOf(d, keys, settles),
    sentinel: { net: SENTINEL, witnessDev: 'sw' },
  };
}

const intentArb: fc.Arbitrary<Intent> = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('veth' as const),
      a: fc.nat(),
      b: fc.nat(),
      shape: fc.nat(),
    }),
    weight: 8,
  },
  { arbitrary: fc.record({ t: fc.constant('bridge' as const), a: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({ t: fc.constant('move' as const), d: fc.nat(), to: fc.nat() }),
    weight: 3,
  },
  { arbitrary: fc.record({ t: fc.constant('nsid' as const), a: fc.nat() }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant('hold' as const),
      a: fc.nat(),
      via: fc.constantFrom('fd' as const, 'proc' as const),
    }),
    weight: 2,
  },
);

/**
 * Scenarios with 1 to `maxNets` namespaces under test (the last one is the sentinel), up
 * to three setup commands per namespace, and a random final-put order with a few settles.
 */
export function scenarioArb(maxNets = 12): fc.Arbitrary<Scenario> {
  return fc
    .integer({ min: 0, max: Math.max(0, maxNets - 1) })
    .chain((tests) =>
      fc.tuple(
        fc.constant(tests),
        fc.array(intentArb, { minLength: tests, maxLength: 3 * tests + 1 }),
        fc.array(fc.nat({ max: 1000 }), { maxLength: 2 * tests + 2 }),
        fc.array(fc.nat(), { maxLength: 2 }),
      ),
    )
    .map(([tests, intents, keys, settles]) => buildScenario(tests, intents, keys, settles));
}
