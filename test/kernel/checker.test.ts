/**
 * The trace checker on hand-made traces: the model computes what each net shows the
 * witness, and the checker accepts exactly the segment reversals of the final-put order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTrace, type KernelTrace } from '../../adapters/linux/checker.ts';
import {
  type NsidSeen,
  replaySetup,
  replayTeardown,
  setupAction,
  type StepRet,
  teardownPlan,
} from '../../adapters/linux/project.ts';
import {
  type Scenario,
  scenarioArb,
  type SetupStep,
  WITNESS,
} from '../../adapters/linux/scenario.ts';
import { type Observed, scan } from '../../adapters/linux/scan.ts';
import { initialState, step } from '../../model/index.ts';

const veth = (dev: string, net: string, peer: string): SetupStep => ({
  op: 'veth',
  dev,
  net,
  peer,
  peerNet: 'w',
});

/** a holds va1 then va2, b holds vb1, c holds vc1, all with peers in the witness and nsids 0–2. */
const base: Scenario = {
  nets: ['a', 'b', 'c'],
  setup: [
    veth('va1', 'a', 'wa1'),
    veth('va2', 'a', 'wa2'),
    veth('vb1', 'b', 'wb1'),
    veth('vc1', 'c', 'wc1'),
    { op: 'nsid', net: 'a' },
    { op: 'nsid', net: 'b' },
    { op: 'nsid', net: 'c' },
  ],
  teardown: [
    { op: 'del', net: 'a' },
    { op: 'del', net: 'b' },
    { op: 'del', net: 'c' },
  ],
  sentinel: { net: 'c', witnessDev: 'wc1' },
};

const ok: StepRet = { ok: true };
const nsids = [
  { net: 'a', id: 0 },
  { net: 'b', id: 1 },
  { net: 'c', id: 2 },
];

/** Parses `ns0 wa2 wa1 | ns1 wb1` into events (bars are for the reader only). */
const events = (text: string): Observed[] =>
  text
    .split(/\s+/)
    .filter((t) => t !== '|' && t !== '')
    .map((t) =>
      t.startsWith('ns')
        ? { kind: 'delnsid', id: Number(t.slice(2)) }
        : { kind: 'dellink', dev: t },
    );

const trace = (observed: string, scenario = base): KernelTrace => ({
  scenario,
  rets: scenario.setup.map(() => ok),
  nsids,
  observed: events(observed),
});

describe('checkTrace accepts every batching of the put order a, b, c', () => {
  it.each([
    ['ns0 wa2 wa1 | ns1 wb1 | ns2 wc1', [['a'], ['b'], ['c']]],
    ['ns0 wa2 wa1 | ns2 ns1 wc1 wb1', [['a'], ['c', 'b']]],
    ['ns1 ns0 wb1 wa2 wa1 | ns2 wc1', [['b', 'a'], ['c']]],
    ['ns2 ns1 ns0 wc1 wb1 wa2 wa1', [['c', 'b', 'a']]],
  ])('%s', (observed, batches) => {
    expect(checkTrace(trace(observed))).toEqual({ ok: true, batches });
  });

  it('and a net whose counterpart moved in later deletes that peer first', () => {
    const moved: Scenario = {
      ...base,
      setup: [...base.setup, { op: 'move', dev: 'va1', from: 'a', to: 'b' }],
    };
    expect(checkTrace(trace('ns0 wa2 | ns1 wa1 wb1 | ns2 wc1', moved)).ok).toBe(true);
  });
});

describe('checkTrace rejects, naming the first impossible event', () => {
  it.each([
    ['FIFO inside a batch', 'ns0 ns1 ns2 wa2 wa1 wb1 wc1', 1, /expected dellink wa2 of a/],
    [
      'forward device order',
      'ns0 wa1 wa2 | ns1 wb1 | ns2 wc1',
      1,
      /newest entry first: expected dellink wa2/,
    ],
    [
      'a non-contiguous batch {a, c}',
      'ns2 ns0 wc1 wa2 wa1 | ns1 wb1',
      1,
      /expected delnsid 1 of b/,
    ],
    [
      'a delnsid after device events',
      'ns0 wa2 wa1 | ns1 wb1 | wc1 ns2',
      5,
      /delnsid 2 must precede/,
    ],
    [
      'devices of two nets interleaved',
      'ns1 ns0 wb1 wa2 | ns2 wa1 wc1',
      4,
      /expected dellink wa1 of a/,
    ],
    [
      'an event missing at the end',
      'ns0 wa2 wa1 | ns1 wb1 | ns2',
      6,
      /dellink wc1 of c never came/,
    ],
    ['a device nobody deletes', 'ns0 wa2 wa1 eth0', 3, /no dying net/],
  ])('%s', (_, observed, index, message) => {
    const v = checkTrace(trace(observed));
    expect(v).toMatchObject({ ok: false, stage: 'teardown', index });
    expect(!v.ok && v.message).toMatch(message);
  });

  it('a peer before its counterpart: wa1 goes with a, but its counterpart va1 moved on to b', () => {
    const moved: Scenario = {
      ...base,
      setup: [...base.setup, { op: 'move', dev: 'va1', from: 'a', to: 'b' }],
    };
    const v = checkTrace(trace('ns0 wa2 wa1 | ns1 wb1 | ns2 wc1', moved));
    expect(v).toMatchObject({ ok: false, stage: 'teardown', index: 2 });
    expect(!v.ok && v.message).toMatch(/^event #2 \(dellink wa1\): b was already torn down|wa1/);
  });

  it('a peer whose counterpart survives in the witness', () => {
    const home: Scenario = {
      ...base,
      setup: [...base.setup, { op: 'move', dev: 'va1', from: 'a', to: 'w' }],
    };
    const v = checkTrace(trace('ns0 wa2 wa1 | ns1 wb1 | ns2 wc1', home));
    expect(v).toMatchObject({ ok: false, index: 2 });
    expect(!v.ok && v.message).toMatch(/no dying net/);
  });
});

describe('checkTrace checks the setup against the model first', () => {
  it('rejects a kernel answer the model does not give', () => {
    const bridge: Scenario = {
      ...base,
      setup: [
        ...base.setup,
        { op: 'bridge', dev: 'br', net: 'a' },
        { op: 'move', dev: 'br', from: 'a', to: 'b' },
      ],
    };
    const t = { ...trace('ns0 wa2 wa1 | ns1 wb1 | ns2 wc1', bridge) };
    expect(checkTrace(t).ok).toBe(false);
    const rets = [
      ...t.rets.slice(0, -1),
      { ok: false, errno: 'EINVAL', message: 'netns is immutable' } as const,
    ];
    expect(checkTrace({ ...t, rets }).ok).toBe(true);
  });

  it('rejects an nsid that is not the lowest free one', () => {
    const v = checkTrace({ ...trace('ns0 wa2 wa1'), nsids: [{ net: 'a', id: 3 }] });
    expect(v).toMatchObject({ ok: false, stage: 'setup' });
  });

  it('takes the final put from a held reference, not from the delete', () => {
    const held: Scenario = {
      ...base,
      setup: [...base.setup, { op: 'hold', id: 'h', net: 'a', via: 'fd' }],
      teardown: [...base.teardown, { op: 'release', hold: 'h' }],
    };
    expect(checkTrace(trace('ns1 wb1 | ns2 wc1 | ns0 wa2 wa1', held)).ok).toBe(true);
    expect(checkTrace(trace('ns0 wa2 wa1 | ns1 wb1 | ns2 wc1', held)).ok).toBe(false);
  });
});

/** The model's own answers to a scenario's setup, as if the kernel had given them. */
function modelTrace(sc: Scenario): Omit<KernelTrace, 'observed'> {
  let state = initialState();
  for (const net of [WITNESS, ...sc.nets]) state = step(state, { type: 'copy_net_ns', net }).state;
  const rets: StepRet[] = [];
  const nsids: NsidSeen[] = [];
  for (const s of sc.setup) {
    if (s.op === 'nsid' && !nsids.some((n) => n.net === s.net))
      nsids.push({ net: s.net, id: nsids.length });
    const action = setupAction(s);
    const r = action === null ? null : step(state, action);
    rets.push(!r || r.ret.ok ? { ok: true } : { ok: false, errno: r.ret.errno, message: '' });
    if (r) state = r.state;
  }
  return { scenario: sc, rets, nsids };
}

describe('the scan agrees with the model', () => {
  it('on random scenarios cut into random batches: accepted, and its batching re-runs to the same events', () => {
    const arb = fc.tuple(scenarioArb(8), fc.array(fc.boolean(), { maxLength: 16 }));
    fc.assert(
      fc.property(arb, ([sc, cuts]) => {
        const t = modelTrace(sc);
        const setup = replaySetup(sc, t.rets, t.nsids);
        if (!setup.ok) throw new Error(setup.message);
        const sigma = teardownPlan(setup.state, sc).sigma.map((p) => p.net);
        const batches: string[][] = [];
        sigma.forEach((net, i) =>
          i === 0 || cuts[i % Math.max(1, cuts.length)]
            ? batches.push([net])
            : batches.at(-1)!.push(net),
        );
        const observed = replayTeardown(
          setup.state,
          sc,
          batches.map((b) => [...b].reverse()),
        );
        const found = scan(teardownPlan(setup.state, sc).sigma, observed);
        expect(found.ok).toBe(true);
        expect(checkTrace({ ...t, observed })).toMatchObject({ ok: true });
      }),
      {
        seed: Number(process.env.NETNS_SEED ?? 42),
        numRuns: Number(process.env.NETNS_RUNS ?? 300),
      },
    );
  });
});

describe('scenarioArb', () => {
  it('names only its own namespaces, holds and devices', () => {
    for (const sc of fc.sample(scenarioArb(12), { seed: 3, numRuns: 500 })) {
      const nets = new Set([WITNESS, ...sc.nets]);
      const holds = new Set(sc.setup.flatMap((s) => (s.op === 'hold' ? [s.id] : [])));
      for (const s of [...sc.setup, ...sc.teardown])
        for (const [key, value] of Object.entries(s))
          if (['net', 'peerNet', 'from', 'to'].includes(key)) expect(nets).toContain(value);
          else if (key === 'hold') expect(holds).toContain(value);
      expect(sc.teardown.at(-1)).toEqual({ op: 'del', net: sc.sentinel.net });
      expect(sc.nets.length).toBeGreaterThanOrEqual(1);
      expect(sc.nets.length).toBeLessThanOrEqual(12);
    }
  });
});
