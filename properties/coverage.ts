/**
 * Coverage tags: the kernel phases and branches a good run reaches, counted per run and
 * gated by minimum shares (the `cover`/`checkCoverage` idea fast-check lacks). Tags are
 * read off the model's trace, so they say what the run exercised, whoever implements it.
 */
import type { Event } from '../model/events.ts';
import { type Kernel, type Profile, profileOf } from '../model/kernels.ts';
import type { TraceStep } from '../model/trace.ts';
import type { View } from '../model/view.ts';

/** A tag: a name, what it means, the minimum share of runs that must hit it, and a test. */
export interface Tag {
  readonly name: string;
  readonly meaning: string;
  /** Minimum fraction of runs (0–1) that must hit it. */
  readonly min: number;
  readonly hit: (step: TraceStep, before: View) => boolean;
  /**
   * Whether a run can hit it at all, under a kernel profile and with or without the TIME_WAIT
   * actions in 6.18 (default: always).
   */
  readonly applies?: (profile: Profile, timewait: boolean) => boolean;
}

const batched = (p: Profile) => p.cleanup === 'batch';
const hook = (h: Profile['hooks'][number]) => (p: Profile) => p.hooks.includes(h);

const events = (s: TraceStep, type: Event['type']) => s.events.filter((e) => e.type === type);
const batchOf = (s: TraceStep): readonly string[] => {
  const b = s.events.find((e) => e.type === 'batch');
  return b?.type === 'batch' ? b.nets : [];
};
const deviceBefore = (before: View, dev: string) =>
  before.nets
    .flatMap((n) => n.devices.map((d) => ({ ...d, net: n.id })))
    .find((d) => d.dev === dev);

/** Every tag, with its minimum. */
export const TAGS: readonly Tag[] = [
  {
    name: 'setup-failure',
    meaning: 'copy_net_ns failed in setup_net and was unwound',
    min: 0.05,
    hit: (s) => s.action.type === 'copy_net_ns' && !s.ret.ok && s.ret.errno === 'ENOMEM',
  },
  {
    name: 'setup-failure-after-lo',
    meaning: 'setup_net failed after loopback init; lo was deleted by the undo',
    min: 0.005,
    hit: (s) => s.action.type === 'copy_net_ns' && events(s, 'dev_unregister').length > 0,
  },
  {
    name: 'register-failure',
    meaning: 'register_pernet_* failed at some net and was unwound',
    min: 0.02,
    hit: (s) =>
      s.action.type.startsWith('register_pernet') && !s.ret.ok && s.ret.errno === 'ENOMEM',
  },
  {
    name: 'batch>=2',
    meaning: 'a cleanup run took at least two nets',
    min: 0.1,
    hit: (s) => batchOf(s).length >= 2,
    applies: batched,
  },
  {
    name: 'batch>=3',
    meaning: 'a cleanup run took at least three nets',
    min: 0.02,
    hit: (s) => batchOf(s).length >= 3,
    applies: batched,
  },
  {
    name: 'pre_exit',
    meaning: 'phase A ran a pre_exit in a cleanup batch',
    min: 0.05,
    hit: (s) => batchOf(s).length > 0 && events(s, 'pre_exit').length > 0,
    applies: hook('pre_exit'),
  },
  {
    name: 'exit_rtnl',
    meaning: 'phase C ran in a cleanup batch',
    min: 0.05,
    hit: (s) => batchOf(s).length > 0 && events(s, 'exit_rtnl').length > 0,
    applies: hook('exit_rtnl'),
  },
  {
    name: 'exit_batch-user',
    meaning: 'a user op’s exit_batch ran in a cleanup batch',
    min: 0.05,
    hit: (s) =>
      events(s, 'exit_batch').some((e) => e.type === 'exit_batch' && e.op !== 'default_device') &&
      batchOf(s).length > 0,
    applies: hook('exit_batch'),
  },
  {
    name: 'generic-free',
    meaning: 'phase E freed generic data in a cleanup batch',
    min: 0.1,
    hit: (s) => batchOf(s).length > 0 && events(s, 'free').length > 0,
    applies: (p) => p.genericMin !== null,
  },
  {
    name: 'migration',
    meaning: 'a physical device went back to init_net',
    min: 0.015,
    hit: (s) => batchOf(s).length > 0 && events(s, 'dev_move').length > 0,
  },
  {
    name: 'migration-rename',
    meaning: 'a migrated device was renamed on a clash',
    min: 0.003,
    hit: (s, before) =>
      batchOf(s).length > 0 &&
      s.events.some((e) => e.type === 'dev_move' && deviceBefore(before, e.dev)?.name !== e.name),
  },
  {
    name: 'lo-last',
    meaning: 'a dying net lost another device before lo',
    min: 0.05,
    hit: (s) => {
      const b = batchOf(s);
      return b.some(
        (n) => s.events.filter((e) => e.type === 'dev_unregister' && e.net === n).length >= 2,
      );
    },
  },
  {
    name: 'veth-peer-survives',
    meaning: 'a batch deleted a veth peer living in a survivor',
    min: 0.02,
    hit: (s) => {
      const b = new Set(batchOf(s));
      return b.size > 0 && s.events.some((e) => e.type === 'dev_unregister' && !b.has(e.net));
    },
  },
  {
    name: 'veth-across-dying',
    meaning: 'a veth pair had its two ends in two nets of one batch',
    min: 0.003,
    hit: (s, before) => {
      const b = new Set(batchOf(s));
      return s.events.some((e) => {
        if (e.type !== 'dev_unregister') return false;
        const d = deviceBefore(before, e.dev);
        return (
          d?.kind === 'veth' &&
          b.has(d.net) &&
          s.events.some(
            (f) =>
              f.type === 'dev_unregister' &&
              f.dev !== e.dev &&
              f.net !== e.net &&
              b.has(f.net) &&
              deviceBefore(before, f.dev)?.kind === 'veth',
          )
        );
      });
    },
    applies: batched,
  },
  {
    name: 'nsid-unhash',
    meaning: 'a survivor lost its nsid of a dying net',
    min: 0.025,
    hit: (s) => events(s, 'nsid_unhash').length > 0,
    applies: (p) => p.nsid,
  },
  {
    name: 'tw-purge',
    meaning: 'a purge removed TIME_WAIT entries of a dead net',
    min: 0.03,
    hit: (s) => s.events.some((e) => e.type === 'tw_purge' && e.purged > 0),
    applies: (p, timewait) => timewait || !p.nsid,
  },
  {
    name: 'first-device-unregister',
    meaning: 'the op first_device points at was unregistered',
    min: 0.003,
    hit: (s, before) =>
      s.action.type === 'unregister_pernet_device' &&
      s.ret.ok &&
      before.firstDevice === s.action.op,
  },
  {
    name: 'register-on-queued-net',
    meaning: 'an op was registered while a net was queued but not cleaned up',
    min: 0.02,
    hit: (s, before) =>
      s.action.type.startsWith('register_pernet') && s.ret.ok && before.cleanupList.length > 0,
  },
  {
    name: 'unregister-with-nets',
    meaning: 'an op with exits was unregistered while other nets existed',
    min: 0.03,
    hit: (s, before) =>
      s.action.type.startsWith('unregister_pernet') && s.ret.ok && before.nets.length > 1,
  },
  {
    name: 'invalid-request',
    meaning: 'a request was rejected by validation',
    min: 0.1,
    hit: (s) => !s.ret.ok && s.ret.errno !== 'ENOMEM',
  },
];

/** How many runs hit each tag. */
export class CoverageCounter {
  runs = 0;
  /** The tags the profile can hit; the others are not counted, shown or gated. */
  readonly tags: readonly Tag[];
  readonly hits: Map<string, number>;

  /** `timewait`: the runs have TIME_WAIT actions in 6.18 too (decode's option). */
  constructor(
    readonly kernel: Kernel = '6.18',
    readonly timewait = false,
  ) {
    this.tags = TAGS.filter((t) => t.applies?.(profileOf(kernel), timewait) ?? true);
    this.hits = new Map(this.tags.map((t) => [t.name, 0]));
  }

  /** Adds another counter's runs and hits to this one. */
  merge(other: CoverageCounter): void {
    this.runs += other.runs;
    for (const [tag, n] of other.hits) this.hits.set(tag, this.hits.get(tag)! + n);
  }

  /** Counts one run (its model trace, with the boot view before the first step). */
  add(boot: View, steps: readonly TraceStep[]): void {
    this.runs += 1;
    for (const tag of this.tags) {
      let before = boot;
      for (const s of steps) {
        if (tag.hit(s, before)) {
          this.hits.set(tag.name, this.hits.get(tag.name)! + 1);
          break;
        }
        before = s.view!;
      }
    }
  }

  /** One row per tag: hits, share of runs, minimum, and the gate's verdict on these runs. */
  rows(): {
    name: string;
    meaning: string;
    hits: number;
    share: number;
    min: number;
    verdict: Verdict;
  }[] {
    return this.tags.map((t) => {
      const hits = this.hits.get(t.name)!;
      const share = this.runs === 0 ? 0 : hits / this.runs;
      const v = verdict(hits, this.runs, t.min);
      return { name: t.name, meaning: t.meaning, hits, share, min: t.min, verdict: v };
    });
  }
}

/** z for a one-sided error of about 1e-6 per tag and verdict. */
const Z = 4.75;
/** A tag passes when its share is, with confidence, at least this fraction of its minimum. */
const TOLERANCE = 0.9;
/** The Wilson score interval of `hits` successes in `n` trials. */
export function wilson(hits: number, n: number, z = Z): { lo: number; hi: number } {
  if (n === 0) return { lo: 0, hi: 1 };
  const p = hits / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return { lo: (centre - spread) / denominator, hi: (centre + spread) / denominator };
}

/** A tag's verdict on the evidence so far. */
export type Verdict = 'pass' | 'fail' | 'undecided';

/** The verdict for `hits` of `n` runs against a minimum share `min`. */
export function verdict(hits: number, n: number, min: number): Verdict {
  const { lo, hi } = wilson(hits, n);
  if (lo >= TOLERANCE * min) return 'pass';
  if (hi < min) return 'fail';
  return 'undecided';
}

const MARK: Record<Verdict, string> = { pass: ' ', fail: '!', undecided: '?' };

/** The coverage table as text. */
export function renderCoverage(counter: CoverageCounter): string {
  const lines = counter
    .rows()
    .map(
      (r) =>
        `${MARK[r.verdict]} ${r.name.padEnd(24)} ${String(r.hits).padStart(6)} ${(r.share * 100).toFixed(1).padStart(6)}%  (min ${(r.min * 100).toFixed(1)}%)  ${r.meaning}`,
    );
  return [
    `coverage over ${counter.runs} runs (!: below its minimum with confidence; ?: not yet shown to reach it):`,
    ...lines,
  ].join('\n');
}
