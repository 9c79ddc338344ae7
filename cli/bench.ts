/**
 * `netns-model bench teardown`: the seed scenario of the 2009 batching series (n nets, each
 * with a veth into init_net and TIME_WAIT sockets, all dying together) run on the model in
 * each kernel profile: the cost table (model/cost.ts), how each quantity grows with n, the
 * time estimate, and how long the model took.
 */
import { teardown, type Teardown } from '../bench/teardown.ts';
import { estimate, GROWTH, type Growth, QUANTITIES, type Quantity } from '../model/cost.ts';
import { type Kernel, KERNELS } from '../model/kernels.ts';
import { parseFlags, UsageError } from './args.ts';

export const BENCH_HELP = `usage: netns-model bench teardown [options]

Tears down n nets (each with a veth whose peer lives in init_net and TIME_WAIT sockets) on
the model in each kernel profile and prints the cost table, the growth of each quantity over
1, 16, 256, … n nets (O(1) per batch or O(n); checked by test/eras/cost.test.ts), the time
estimate (per-operation costs: model/cost.ts COSTS) and how long the model took.

  --nets N        nets torn down together (default 4096)
  --kernel LIST   comma-separated profiles among ${KERNELS.join(', ')} (default: all, oldest first)
  --tw N          TIME_WAIT sockets per net (default 2)
  --batch N       nets put between two cleanup runs (default: all, one batch)
  --json          print the figures as JSON`;

const FLAGS = {
  nets: 'int',
  kernel: 'string',
  tw: 'int',
  batch: 'int',
  json: 'bool',
  help: 'bool',
} as const;

/** Row labels of the cost table. */
const LABELS: { readonly [Q in Quantity]: string } = {
  workRuns: 'work runs',
  pernetLock: 'pernet lock rounds',
  rtnl: 'RTNL sections',
  gracePeriods: 'grace periods',
  rcuBarriers: 'rcu_barrier',
  unregisterMany: 'unregister calls',
  twWalks: 'TIME_WAIT walks',
  callbacks: 'pernet callbacks',
  devices: 'devices unregistered',
  twVisited: 'TIME_WAIT entries walked past',
  netFrees: 'nets freed',
};

interface Options {
  readonly nets: number;
  readonly kernels: readonly Kernel[];
  readonly tw: number;
  readonly batch?: number;
  readonly json: boolean;
}

function options(argv: readonly string[]): Options | null {
  const { flags, rest } = parseFlags(argv, FLAGS);
  if (flags.help) return null;
  if (rest[0] !== 'teardown')
    throw new UsageError(
      rest.length === 0 ? 'which benchmark? (teardown)' : `unknown benchmark "${rest[0]}"`,
    );
  if (rest.length > 1) throw new UsageError(`unexpected argument "${rest[1]}"`);
  const kernels = ((flags.kernel as string | undefined) ?? [...KERNELS].reverse().join(','))
    .split(',')
    .map((k) => k.trim());
  for (const k of kernels) {
    if (!(KERNELS as readonly string[]).includes(k))
      throw new UsageError(
        `--kernel: unknown profile "${k}"; expected some of ${KERNELS.join(', ')}`,
      );
  }
  const nets = (flags.nets as number | undefined) ?? 4096;
  if (nets < 1) throw new UsageError('--nets must be at least 1');
  if (flags.batch === 0) throw new UsageError('--batch must be at least 1');
  return {
    nets,
    kernels: [...new Set(kernels as Kernel[])],
    tw: (flags.tw as number | undefined) ?? 2,
    ...(flags.batch === undefined ? {} : { batch: flags.batch as number }),
    json: Boolean(flags.json),
  };
}

/** 1, 16, 256, … below n, then n. */
const sizesUpTo = (n: number): number[] => [...[1, 16, 256, 4096, 65536].filter((k) => k < n), n];

/** How a series measured at `sizes` grows: the exponent between the two largest sizes. */
function measuredGrowth(sizes: readonly number[], values: readonly number[]): Growth | '?' {
  if (values.every((v) => v === values[0])) return 'O(1)';
  const [n1, n2] = sizes.slice(-2) as [number, number];
  const [v1, v2] = values.slice(-2) as [number, number];
  if (sizes.length < 2 || v1 === 0) return '?';
  const exponent = Math.log(v2 / v1) / Math.log(n2 / n1);
  return exponent > 1.5 ? 'O(n²)' : exponent > 0.5 ? 'O(n)' : 'O(1)';
}

/** Everything measured for one profile. */
interface Era {
  readonly kernel: Kernel;
  readonly sizes: readonly number[];
  readonly runs: readonly Teardown[];
}

const pad = (s: string, n: number): string => s.padStart(n);

function costTable(o: Options, eras: readonly Era[]): string[] {
  const last = (e: Era) => e.runs.at(-1)!;
  const w = Math.max(12, ...eras.map((e) => String(last(e).cost.twVisited).length + 2));
  const row = (label: string, cells: readonly string[]) =>
    `${label.padEnd(30)}${cells.map((c) => pad(c, w)).join('')}`;
  return [
    row(
      `${o.nets} nets`,
      eras.map((e) => e.kernel),
    ),
    ...QUANTITIES.map((q) =>
      row(
        LABELS[q],
        eras.map((e) => String(last(e).cost[q])),
      ),
    ),
    row(
      'estimated time (s)',
      eras.map((e) => estimate(last(e).cost).total!.toFixed(2)),
    ),
    row(
      'model: cleanup runs (ms)',
      eras.map((e) => last(e).teardownMs.toFixed(0)),
    ),
    row(
      'model: puts (ms)',
      eras.map((e) => last(e).putsMs.toFixed(0)),
    ),
    row(
      'model: setup (ms)',
      eras.map((e) => last(e).setupMs.toFixed(0)),
    ),
  ];
}

function growthTable(eras: readonly Era[]): string[] {
  return eras.flatMap((e) => [
    `${e.kernel} (nets: ${e.sizes.join(' → ')})`,
    ...QUANTITIES.map((q) => {
      const values = e.runs.map((r) => r.cost[q]);
      const got = measuredGrowth(e.sizes, values);
      const note = got === GROWTH[e.kernel][q] ? '' : `  (property says ${GROWTH[e.kernel][q]})`;
      return `  ${LABELS[q].padEnd(30)}${got.padEnd(7)}${values.join(' → ')}${note}`;
    }),
  ]);
}

function perBatch(eras: readonly Era[]): string[] {
  return eras.map((e) => {
    const of = (g: Growth) =>
      QUANTITIES.filter((q) => GROWTH[e.kernel][q] === g)
        .map((q) => LABELS[q])
        .join(', ');
    const quad = of('O(n²)');
    return `  ${e.kernel}: O(1) per batch: ${of('O(1)') || '—'}; O(n): ${of('O(n)')}${quad ? `; O(n²): ${quad}` : ''}`;
  });
}

/** Runs the command; returns the exit code. */
export async function bench(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const o = options(argv);
  if (o === null) return (out(BENCH_HELP), 0);
  const sizes = sizesUpTo(o.nets);
  const eras: Era[] = [];
  for (const kernel of o.kernels) {
    const runs = sizes.map((nets) =>
      teardown({ kernel, nets, tw: o.tw, ...(o.batch === undefined ? {} : { batch: o.batch }) }),
    );
    eras.push({ kernel, sizes, runs });
    if (!o.json)
      out(
        `${kernel}: ${o.nets} nets torn down by the model (cleanup runs ${runs.at(-1)!.teardownMs.toFixed(0)} ms, puts ${runs.at(-1)!.putsMs.toFixed(0)} ms)`,
      );
  }
  if (o.json) {
    out(JSON.stringify({ nets: o.nets, tw: o.tw, batch: o.batch ?? o.nets, eras }, null, 2));
    return 0;
  }
  const batching = o.batch === undefined ? 'all in one batch' : `batches of ${o.batch}`;
  out(
    [
      '',
      `Seed scenario: ${o.nets} nets, each with a veth into init_net and ${o.tw} TIME_WAIT sockets, ${batching}.`,
      '',
      ...costTable(o, eras),
      '',
      'Growth with the number of nets:',
      ...growthTable(eras),
      '',
      'Per batch vs per net (model/cost.ts GROWTH, checked by test/eras/cost.test.ts):',
      ...perBatch(eras),
    ].join('\n'),
  );
  return 0;
}
