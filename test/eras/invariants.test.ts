/**
 * The invariant families per profile: the model's own traces satisfy every family in every
 * era (a fast-check property, seed printed); the era-specific forms of families 2 and 6 and
 * family 9 (TIME_WAIT) each catch a deliberately broken trace; and a 2.6.32 trace judged by
 * the 6.18 forms fails, which is why they are era-specific.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Action,
  type Event,
  initialState,
  type Kernel,
  KERNELS,
  step,
  type Trace,
  view,
} from '../../model/index.ts';
import {
  batching,
  INVARIANTS,
  reverseOrderDeviceRemoval,
  timewait,
} from '../../model/invariants/index.ts';
import { choicesArb } from '../../properties/choices.ts';
import { decode } from '../../properties/decode.ts';
import { runSeed } from '../../properties/seed.ts';
import { freeze } from 'immer';
import { A } from '../model/helpers.ts';

const seed = runSeed();
console.log(`eras invariants: NETNS_SEED=${seed}`);

/** The model's trace of `actions` in `kernel`, with views. */
function traceOf(
  kernel: Kernel,
  actions: readonly Action[],
  boot: 'full' | 'bare' = 'full',
): Trace {
  let state = initialState({ kernel, boot });
  const steps = actions.map((action) => {
    const r = step(freeze(state, true), action);
    state = r.state;
    return { action, ret: r.ret, events: r.events, view: view(state) };
  });
  return { kernel, boot, steps };
}

/** `trace` with step `i`'s events rewritten. */
const edit = (trace: Trace, i: number, f: (events: readonly Event[]) => Event[]): Trace => ({
  ...trace,
  steps: trace.steps.map((s, j) => (j === i ? { ...s, events: f(s.events) } : s)),
});

const messages = (inv: { check: (t: Trace) => { message: string }[] }, t: Trace) =>
  inv.check(t).map((v) => v.message);

const tcp: Action = { type: 'tcp_v4_init' };
const add = (net: string, key: string): Action => ({ type: 'inet_twsk_hashdance', net, key });

describe('the model in every profile', () => {
  for (const kernel of KERNELS) {
    it(`satisfies every invariant family on its own traces (${kernel})`, () => {
      fc.assert(
        fc.property(choicesArb(40), fc.constantFrom('full', 'bare'), (choices, boot) => {
          const how = { kernel, boot: boot as 'full' | 'bare' };
          const trace = traceOf(kernel, decode(choices, how), how.boot);
          for (const invariant of INVARIANTS) {
            expect(invariant.check(trace), `${invariant.name} (${kernel})`).toEqual([]);
          }
        }),
        { seed, numRuns: 150 },
      );
    });
  }
});

// Two nets queued in order n1, n2, each with devices, torn down.
const SCENE: Action[] = [
  tcp,
  A.create('n1'),
  A.create('n2'),
  A.dummy('a1', 'n1'),
  A.dummy('b1', 'n1'),
  A.physical('x1', 'n1', 'eth9'),
  A.veth('v2', 'n2', 'p2', 'n2'),
  add('n1', 'k'),
  A.put('n1'),
  A.put('n2'),
  A.cleanup,
  A.cleanup,
];

describe('family 2 per profile', () => {
  it('2.6.32: forward order, migration interleaved; the 6.18 form rejects it', () => {
    const trace = traceOf('2.6.32', SCENE);
    expect(reverseOrderDeviceRemoval.check(trace)).toEqual([]);
    expect(messages(reverseOrderDeviceRemoval, { ...trace, kernel: '6.18' })).toEqual([
      'step 10 (cleanup_net): net n1 unregistered [a1, b1, lo@n1]; expected [b1, a1, lo@n1] ' +
        '(the devices still in it, in reverse order of entry)',
      'step 10 (cleanup_net): dev_move{x1,n1,init_net,eth9} comes after ' +
        'dev_unregister{a1,n1}; expected every migration of the batch before any device deletion',
      'step 11 (cleanup_net): net n2 unregistered [p2, v2, lo@n2]; expected [v2, p2, lo@n2] ' +
        '(the devices still in it, in reverse order of entry)',
    ]);
  });

  it('2.6.32: catches a reverse walk, and lo before the others', () => {
    const trace = traceOf('2.6.32', SCENE);
    const swapped = edit(trace, 10, (es) => {
      const out = [...es];
      const i = out.findIndex((e) => e.type === 'dev_unregister');
      [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
      return out;
    });
    expect(messages(reverseOrderDeviceRemoval, swapped)).toEqual([
      'step 10 (cleanup_net): net n1 lost [b1, a1, x1, lo@n1]; expected [a1, b1, x1, lo@n1] ' +
        '(the devices still in it, in order of entry, lo last (2.6.32))',
    ]);
  });

  it('2.6.33: a veth pair with both ends dying may come out of turn, nothing else may', () => {
    const trace = traceOf('2.6.33', SCENE);
    expect(reverseOrderDeviceRemoval.check(trace)).toEqual([]);
    const kill = trace.steps[10]!.events.filter((e) => e.type === 'dev_unregister');
    expect(kill.map((e) => (e.type === 'dev_unregister' ? e.dev : ''))).toEqual([
      'p2',
      'v2',
      'lo@n2',
      'b1',
      'a1',
      'lo@n1',
    ]);
    const swapped = edit(trace, 10, (es) => {
      const out = [...es];
      const i = out.findIndex((e) => e.type === 'dev_unregister' && e.dev === 'b1');
      [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
      return out;
    });
    expect(messages(reverseOrderDeviceRemoval, swapped)).toEqual([
      'step 10 (cleanup_net): net n1 unregistered [a1, b1, lo@n1]; expected [b1, a1, lo@n1] ' +
        '(the devices still in it, in reverse order of entry)',
    ]);
  });
});

describe('family 6 per profile', () => {
  it('2.6.32: one net per run, oldest first; the 6.18 form rejects it', () => {
    const trace = traceOf('2.6.32', SCENE);
    expect(batching.check(trace)).toEqual([]);
    expect(messages(batching, { ...trace, kernel: '6.18' })).toEqual([
      'step 10 (cleanup_net): batch{[n1]}; expected batch{[n2,n1]} (the nets queued since ' +
        'the previous batch, newest first)',
      'step 10 (cleanup_net): unregisterMany rose by 3; expected at most 1 per batch',
      'step 11 (cleanup_net): batch{[n2]}; expected batch{[]} (the nets queued since the ' +
        'previous batch, newest first)',
      'step 11 (cleanup_net): unregisterMany rose by 3; expected at most 1 per batch',
    ]);
  });

  it('2.6.32: catches a batched run (the whole list, newest first)', () => {
    const trace = { ...traceOf('2.6.33', SCENE), kernel: '2.6.32' as const };
    expect(messages(batching, trace)).toEqual([
      'step 10 (cleanup_net): batch{[n2,n1]}; expected batch{[n1]} (the oldest queued net ' +
        'alone: one work item per net, FIFO)',
    ]);
  });

  it('catches a run that does not walk the TIME_WAIT table, or walks it twice', () => {
    for (const kernel of KERNELS) {
      const trace = traceOf(kernel, SCENE);
      const none = edit(trace, 10, (es) => es.filter((e) => e.type !== 'tw_purge'));
      expect(messages(batching, none)).toEqual([
        'step 10 (cleanup_net): 0 tw_purge events; expected exactly 1',
      ]);
      const twice = edit(trace, 10, (es) => [...es, es.find((e) => e.type === 'tw_purge')!]);
      expect(messages(batching, twice)).toEqual([
        'step 10 (cleanup_net): 2 tw_purge events; expected exactly 1',
      ]);
    }
  });
});

describe('family 9: the TIME_WAIT table', () => {
  const lookup = (net: string, key: string): Action => ({
    type: 'inet_lookup_established',
    net,
    key,
  });
  const actions: Action[] = [
    tcp,
    A.create('n1'),
    A.create('n2'),
    add('n1', 'k'),
    lookup('n2', 'k'),
    lookup('n1', 'k'),
    A.put('n1'),
    A.cleanup,
  ];
  const base = traceOf('6.18', actions);
  const withRet = (i: number, ret: Trace['steps'][number]['ret']): Trace => ({
    ...base,
    steps: base.steps.map((s, j) => (j === i ? { ...s, ret } : s)),
  });

  it('passes the model’s trace', () => {
    expect(timewait.check(base)).toEqual([]);
  });

  it('catches a lookup that returns another net’s entry (key-only match)', () => {
    expect(messages(timewait, withRet(4, { ok: true, found: true, net: 'n1' }))).toEqual([
      "step 4 (inet_lookup_established): returned n1's entry for n2; expected only n2's own",
      'step 4 (inet_lookup_established): found=true but n2 holds no entry k',
    ]);
  });

  it('catches a lookup that misses an entry its net holds', () => {
    expect(messages(timewait, withRet(5, { ok: true, found: false }))).toEqual([
      'step 5 (inet_lookup_established): found=false but n1 holds entry k',
    ]);
  });

  it('catches an entry that survives its batch, and a purge that miscounts', () => {
    const kept = edit(base, 7, (es) => es.filter((e) => e.type !== 'tw_purge'));
    expect(messages(timewait, kept)).toEqual([
      'step 7 (cleanup_net): net_free{n1}: entries [k] of n1 survive its batch',
    ]);
    const miscount = edit(base, 7, (es) =>
      es.map((e) => (e.type === 'tw_purge' ? { ...e, purged: 0 } : e)),
    );
    expect(messages(timewait, miscount)).toEqual([
      'step 7 (cleanup_net): tw_purge{[n1],0}: its nets and the queued ones held 1 entries; ' +
        'expected all of them purged',
    ]);
  });

  it('wants a walk to take the queued nets’ entries too, from 2.6.33 on', () => {
    const steal: Action[] = [
      A.create('n1'),
      tcp,
      add('n1', 'a'),
      A.put('n1'),
      A.create('n3', 'loopback'),
      A.cleanup,
    ];
    for (const kernel of KERNELS) expect(timewait.check(traceOf(kernel, steal))).toEqual([]);
    // A 2.6.33 walk that purges only its own nets (as 2.6.32 did): n1's entry stays.
    const own = edit(traceOf('2.6.33', steal), 4, (es) =>
      es.map((e) => (e.type === 'tw_purge' ? { ...e, purged: 0 } : e)),
    );
    expect(messages(timewait, own)).toEqual([
      'step 4 (copy_net_ns): tw_purge{[n3],0}: its nets and the queued ones held 1 entries; ' +
        'expected all of them purged',
    ]);
  });

  it('catches a view that still shows a freed net’s entry', () => {
    const leaky: Trace = {
      ...base,
      steps: base.steps.map((s, j) =>
        j === 7 ? { ...s, view: { ...s.view!, tw: [{ net: 'n1', key: 'k' }] } } : s,
      ),
    };
    expect(messages(timewait, leaky)).toEqual([
      "step 7 (cleanup_net): the view still has n1's entry k after n1 was freed",
    ]);
  });
});
