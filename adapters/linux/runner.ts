/**
 * Runs one scenario on the live kernel and records what the witness saw. The only waits are
 * on monitor lines, each with a deadline; the only polling is for a holder process to enter
 * its namespace.
 */
import type { KernelTrace } from './checker.ts';
import { setupCommand } from './commands.ts';
import { findIp, ipBatch } from './ip.ts';
import { Monitor } from './monitor.ts';
import { devName, logical, type Naming, toObserved, type WitnessEvent } from './parse.ts';
import { type NsidSeen, type Plan, replaySetup, type StepRet, teardownPlan } from './project.ts';
import { type Scenario, WITNESS } from './scenario.ts';
import { freshNaming, Session } from './session.ts';

/** Options of {@link runScenario}. */
export interface RunOptions {
  /** Deadline of every command and every wait, in ms (default 15 000). */
  readonly timeoutMs?: number;
}

/** One run: the trace for the checker, and what only a human needs (times, names). */
export interface KernelRun {
  readonly trace: KernelTrace;
  readonly naming: Naming;
  /** The teardown window's monitor lines, with arrival times. */
  readonly window: readonly WitnessEvent[];
  /** When the first teardown command started (performance.now() ms, like `window[].at`). */
  readonly teardownStart: number;
  /** From the first teardown command to the last window event's arrival, in ms. */
  readonly teardownMs: number;
  /** Settle steps whose nets had not all shown their events by the deadline. */
  readonly settleTimeouts: number;
  /** Whether the sentinel's RTM_DELLINK arrived before the deadline. */
  readonly sentinelSeen: boolean;
}

interface Ctx {
  readonly s: Session;
  readonly mon: Monitor;
  readonly t: number;
  markers: number;
}

const dev = (c: Ctx, d: string): string => devName(c.s.naming, d);
const teardownEvent = (e: WitnessEvent): boolean => e.kind === 'dellink' || e.kind === 'delnsid';

async function must(
  c: { s: Session; t: number },
  netns: string | null,
  cmds: string[][],
): Promise<void> {
  const rets = await ipBatch(c.s.bin, netns, cmds, c.t);
  const bad = rets.findIndex((r) => !r.ok);
  if (bad >= 0)
    throw new Error(`ip ${cmds[bad]!.join(' ')}: ${(rets[bad] as { message: string }).message}`);
}

/** Creates a veth pair inside the witness and returns the index of its first RTM_NEWLINK. */
async function marker(c: Ctx, from: number): Promise<number> {
  const deadline = performance.now() + c.t;
  for (;;) {
    const [a, b] = [dev(c, `m${c.markers}`), dev(c, `m${c.markers}q`)];
    c.markers += 1;
    await must(c, c.s.ns(WITNESS), [['link', 'add', a, 'type', 'veth', 'peer', 'name', b]]);
    const mine = (e: WitnessEvent): boolean =>
      e.kind === 'newlink' && (e.name === a || e.name === b);
    try {
      return await c.mon.waitFor(mine, from, Math.min(300, c.t), `marker ${a}`);
    } catch (e) {
      if (performance.now() > deadline) throw e;
    }
  }
}

/** Runs the setup steps, batching consecutive commands that run in the same namespace. */
async function runSetup(c: Ctx, sc: Scenario): Promise<(StepRet | null)[]> {
  const rets: (StepRet | null)[] = sc.setup.map(() => null);
  for (let i = 0; i < sc.setup.length;) {
    const st = sc.setup[i]!;
    if (st.op === 'hold') {
      await c.s.hold(st.id, st.net, st.via, c.t);
      rets[i++] = { ok: true };
      continue;
    }
    const exec = setupCommand(st, c.s.naming)!.exec;
    const argvs: string[][] = [];
    for (let j = i; j < sc.setup.length; j += 1) {
      const cmd = setupCommand(sc.setup[j]!, c.s.naming);
      if (cmd === null || cmd.exec !== exec) break;
      argvs.push([...cmd.argv]);
    }
    const out = await ipBatch(c.s.bin, c.s.ns(exec), argvs, c.t);
    out.forEach((r) => (rets[i++] = r));
  }
  return rets;
}

/**
 * Flushes every deferred reference of the setup (a netlink socket drops its namespace
 * reference only after an RCU grace period): f1's batch ends with rcu_barrier(), and f2's
 * RTM_DELLINK proves that batch is over. Returns the index where the teardown window starts.
 */
async function flush(c: Ctx): Promise<number> {
  await must(
    c,
    null,
    ['f1', 'f2'].map((f) => ['netns', 'add', c.s.ns(f)]),
  );
  const veth = (f: string): string[] => [
    'link',
    'add',
    dev(c, `${f}v`),
    'netns',
    c.s.ns(f),
    'type',
    'veth',
    'peer',
    'name',
    dev(c, `${f}w`),
  ];
  await must(c, c.s.ns(WITNESS), [veth('f1'), veth('f2')]);
  let from = c.mon.events.length;
  for (const f of ['f1', 'f2']) {
    await must(c, null, [['netns', 'del', c.s.ns(f)]]);
    const gone = (e: WitnessEvent): boolean => e.kind === 'dellink' && e.name === dev(c, `${f}w`);
    from = (await c.mon.waitFor(gone, from, c.t, `the barrier ${f}'s teardown`)) + 1;
  }
  return from;
}

/** The witness's nsid allocations for the run's own namespaces, in arrival order. */
function seenNsids(
  events: readonly WitnessEvent[],
  n: Naming,
  nets: readonly string[],
): NsidSeen[] {
  const ours = new Set([WITNESS, ...nets]);
  return events.flatMap((e) => {
    if (e.kind !== 'newnsid') return [];
    const net = e.name === null ? null : logical(e.name, n.prefix);
    return net === null || ours.has(net) ? [{ net: net ?? `(unnamed)`, id: e.id }] : [];
  });
}

/** Waits until the window holds `owed` teardown events; false at the deadline. */
async function settle(c: Ctx, owed: number, start: number): Promise<boolean> {
  let seen = 0;
  if (owed === 0) return true;
  const enough = (e: WitnessEvent): boolean => teardownEvent(e) && ++seen >= owed;
  return c.mon.waitFor(enough, start, c.t, `${owed} teardown events`).then(
    () => true,
    () => false,
  );
}

/** Runs the teardown: consecutive deletes in one `ip -batch`, releases, settles. */
async function runTeardown(
  c: Ctx,
  sc: Scenario,
  plan: Plan | null,
  start: number,
): Promise<number> {
  let timeouts = 0;
  for (let i = 0; i < sc.teardown.length;) {
    const st = sc.teardown[i]!;
    if (st.op === 'release') await c.s.release(st.hold, c.t);
    if (st.op === 'settle' && plan && !(await settle(c, plan.owedAfter[i]!, start))) timeouts += 1;
    if (st.op !== 'del') {
      i += 1;
      continue;
    }
    const dels: string[][] = [];
    for (; sc.teardown[i]?.op === 'del'; i += 1)
      dels.push(['netns', 'del', c.s.ns((sc.teardown[i] as { net: string }).net)]);
    await must(c, null, dels);
  }
  return timeouts;
}

async function drive(s: Session, sc: Scenario, t: number): Promise<KernelRun> {
  await must({ s, t }, null, [['netns', 'add', s.ns(WITNESS)]]);
  const c: Ctx = { s, mon: (s.monitor = new Monitor(s.bin, s.ns(WITNESS))), t, markers: 0 };
  await marker(c, 0);
  await must(
    c,
    null,
    sc.nets.map((n) => ['netns', 'add', s.ns(n)]),
  );
  const rets = await runSetup(c, sc);
  const start = await flush(c);
  const nsids = seenNsids(c.mon.events.slice(0, start), s.naming, sc.nets);
  const setup = replaySetup(sc, rets, nsids);
  const t0 = performance.now();
  const settleTimeouts = await runTeardown(
    c,
    sc,
    setup.ok ? teardownPlan(setup.state, sc) : null,
    start,
  );
  const last = (e: WitnessEvent): boolean =>
    e.kind === 'dellink' && e.name === dev(c, sc.sentinel.witnessDev);
  const sentinelSeen = await c.mon.waitFor(last, start, t, 'the sentinel').then(
    () => true,
    () => false,
  );
  const window = c.mon.events.slice(start, await marker(c, start));
  const observed = window.map((e) => toObserved(e, s.naming));
  const teardownMs = window.length > 0 ? window.at(-1)!.at - t0 : 0;
  const trace = { scenario: sc, rets, nsids, observed };
  return {
    ...{ trace, naming: s.naming, window, teardownStart: t0, teardownMs },
    ...{ settleTimeouts, sentinelSeen },
  };
}

/** The teardown window's monitor lines, each with its ms since the first teardown command. */
export function windowLines(run: KernelRun): string[] {
  return run.window.map((e) => `+${(e.at - run.teardownStart).toFixed(1)}ms ${e.raw}`);
}

/**
 * Runs `scenario` in namespaces of its own (fresh prefix) and removes them all afterwards,
 * whatever happens. Throws only when the run itself cannot proceed.
 */
export async function runScenario(scenario: Scenario, opts: RunOptions = {}): Promise<KernelRun> {
  const bin = findIp();
  if (bin === null) throw new Error('iproute2 `ip` not found');
  const session = new Session(bin, freshNaming());
  try {
    return await drive(session, scenario, opts.timeoutMs ?? 15_000);
  } finally {
    session.cleanupSync();
  }
}
