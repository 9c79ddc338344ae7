/**
 * `netns-model bench teardown` (cli/bench.ts, called directly until cli/main.ts lists it):
 * strict flags, the cost and growth tables, JSON.
 */
import { describe, expect, it } from 'vitest';
import { bench, BENCH_HELP } from '../../cli/bench.ts';
import { UsageError } from '../../cli/args.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await bench(argv, (s) => out.push(s));
  return { code, out: out.join('\n') };
}

describe('bench teardown', () => {
  it('prints help', async () => {
    expect(await run('--help')).toEqual({ code: 0, out: BENCH_HELP });
  });

  it('refuses bad usage with one-line UsageErrors', async () => {
    for (const [argv, message] of [
      [[], 'which benchmark? (teardown)'],
      [['setup'], 'unknown benchmark "setup"'],
      [['teardown', 'x'], 'unexpected argument "x"'],
      [
        ['teardown', '--kernel', '2.6.18'],
        '--kernel: unknown profile "2.6.18"; expected some of 6.18, 2.6.33, 2.6.32',
      ],
      [['teardown', '--nets', '0'], '--nets must be at least 1'],
      [['teardown', '--batch', '0'], '--batch must be at least 1'],
      [['teardown', '--nets', 'many'], '--nets takes a whole number, got "many"'],
      [['teardown', '--frobnicate'], 'unknown option --frobnicate'],
    ] as const) {
      await expect(run(...argv)).rejects.toThrow(new UsageError(message));
    }
  });

  it('prints the cost table per profile, the growth and what is per batch', async () => {
    const { code, out } = await run('teardown', '--nets', '20', '--kernel', '6.18,2.6.32');
    expect(code).toBe(0);
    expect(out).toContain(
      'Seed scenario: 20 nets, each with a veth into init_net and 2 TIME_WAIT sockets, all in one batch.',
    );
    expect(out).toMatch(/^20 nets +6\.18 +2\.6\.32$/m);
    expect(out).toMatch(/^grace periods +1 +20$/m);
    expect(out).toMatch(/^TIME_WAIT entries walked past +40 +420$/m);
    expect(out).toMatch(/^6\.18 \(nets: 1 → 16 → 20\)$/m);
    expect(out).toMatch(/^ {2}grace periods +O\(1\) +1 → 1 → 1$/m);
    expect(out).toMatch(/^ {2}TIME_WAIT entries walked past O\(n²\) +2 → 272 → 420$/m);
    expect(out).toContain('  2.6.32: O(1) per batch: —; O(n): work runs');
    expect(out).not.toContain('property says');
  });

  it('runs smaller batches on request, and says where growth then differs', async () => {
    const { out } = await run(
      'teardown',
      '--nets',
      '2',
      '--kernel',
      '6.18',
      '--batch',
      '1',
      '--tw',
      '0',
    );
    expect(out).toContain(
      '2 nets, each with a veth into init_net and 0 TIME_WAIT sockets, batches of 1.',
    );
    expect(out).toMatch(/^ {2}work runs +O\(n\) +1 → 2 {2}\(property says O\(1\)\)$/m);
    expect(out).toMatch(
      /^ {2}TIME_WAIT entries walked past O\(1\) +0 → 0 {2}\(property says O\(n\)\)$/m,
    );
  });

  it('prints JSON', async () => {
    const { out } = await run('teardown', '--nets', '1', '--kernel', '2.6.33', '--json');
    const parsed = JSON.parse(out) as { nets: number; eras: { kernel: string; sizes: number[] }[] };
    expect(parsed.nets).toBe(1);
    expect(parsed.eras.map((e) => [e.kernel, e.sizes])).toEqual([['2.6.33', [1]]]);
  });
});
