/**
 * The live kernel: random scenarios, all accepted, and nothing left behind after success,
 * failure, timeout and SIGINT. Skipped, with the reason printed, where the kernel cannot be
 * driven (not root, no `ip`). The seed is fixed (printed; NETNS_SEED overrides it) and the
 * count is NETNS_KERNEL_SCENARIOS (default 50, about 15 s).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCampaign } from '../../adapters/linux/campaign.ts';
import { kernelCounterexample, saveKernel } from '../../adapters/linux/counterexample.ts';
import { findIp, ipSync } from '../../adapters/linux/ip.ts';
import { runScenario, windowLines } from '../../adapters/linux/runner.ts';
import { buildScenario } from '../../adapters/linux/scenario.ts';
import { kernelUnavailable } from '../../adapters/linux/session.ts';
import { UsageError } from '../../cli/args.ts';
import { kernel, replayKernel } from '../../cli/kernel.ts';
import { runSeed } from '../../properties/seed.ts';

const reason = kernelUnavailable();
if (reason) console.log(`live kernel suite skipped: ${reason}`);
const scenarios = Number(process.env.NETNS_KERNEL_SCENARIOS ?? 50);
const seed = process.env.NETNS_SEED ? runSeed() : 20_251_123;
const dir = mkdtempSync(join(tmpdir(), 'netns-kernel-live-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Entries of other runs (another process's prefix) come and go on their own. */
const foreign = (name: string, ours: readonly number[]): boolean =>
  /^nm-\d+-/.test(name) && !ours.some((pid) => name.startsWith(`nm-${pid}-`));

/**
 * What a run must leave as it found: named namespaces, their mounts, init_net's devices
 * (ignoring other processes' runs, except those of the `children` this test started).
 */
function host(children: readonly number[] = []) {
  const ours = [process.pid, ...children];
  const bin = findIp()!;
  const names = (text: string, re: RegExp) =>
    text
      .split('\n')
      .map((l) => re.exec(l)?.[1])
      .filter((n): n is string => n !== undefined && !foreign(n, ours))
      .sort();
  return {
    netns: names(ipSync(bin, ['netns', 'list'], 5000).stdout, /^(\S+)/),
    runNetns: existsSync('/run/netns')
      ? readdirSync('/run/netns')
          .filter((n) => !foreign(n, ours))
          .sort()
      : [],
    mounts: names(readFileSync('/proc/self/mountinfo', 'utf8'), / \/run\/netns\/(\S+) /),
    links: names(ipSync(bin, ['-o', 'link', 'show'], 5000).stdout, /^\d+: ([^:@]+)/),
  };
}

/** A scenario with two veths into the witness, an nsid and a held reference. */
const small = buildScenario(2, [
  { t: 'veth', a: 0, b: 0, shape: 0 },
  { t: 'veth', a: 1, b: 0, shape: 0 },
  { t: 'nsid', a: 1 },
  { t: 'hold', a: 0, via: 'proc' },
]);

describe.skipIf(reason)('the live kernel', () => {
  it(`accepts ${scenarios} random scenarios of 1–12 namespaces and leaves nothing behind`, async () => {
    const before = host();
    console.log(`live kernel: seed ${seed} (NETNS_SEED=${seed} to repeat), ${scenarios} scenarios`);
    const t0 = performance.now();
    const summary = await runCampaign({ seed, scenarios, maxNets: 12 });
    const s = (performance.now() - t0) / 1000;
    const bad = summary.results.filter((r) => !r.verdict?.ok);
    console.log(
      `live kernel: ${summary.scenarios} scenarios in ${s.toFixed(1)} s (${(summary.scenarios / s).toFixed(1)}/s), ${summary.namespaces} namespaces, ${summary.events} events, ${summary.batches} batches (size: count) ${JSON.stringify(summary.batchSizes)}`,
    );
    expect(
      bad.map((r) => `#${r.index}: ${r.error ?? (r.verdict as { message: string }).message}`),
    ).toEqual([]);
    const sizes = summary.results.map((r) => r.scenario.nets.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(12);
    expect(host()).toEqual(before);
  }, 180_000);

  it('cleans up after a run that times out', async () => {
    const before = host();
    await expect(runScenario(small, { timeoutMs: 1 })).rejects.toThrow(/within 1 ms/);
    expect(host()).toEqual(before);
  });

  it('cleans up when interrupted (SIGINT) in the middle of a run', async () => {
    const before = host();
    const script = `const { kernel } = await import('./cli/kernel.ts');
      process.exitCode = await kernel(['--scenarios', '50', '--seed', '${seed}'], console.log);`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (b: Buffer) => {
        output += b.toString();
        if (output.includes('#2 ')) resolve();
      }),
    );
    const exited = new Promise<string | null>((resolve) => child.on('exit', (_, s) => resolve(s)));
    const prefix = `nm-${child.pid}-`;
    const deadline = performance.now() + 10_000;
    const mid = (): boolean => readdirSync('/run/netns').some((n) => n.startsWith(prefix));
    while (!mid() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(mid()).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(output).not.toMatch(/^scenarios /m);
    expect(host([child.pid!])).toEqual(before);
  }, 60_000);

  it('replays a saved scenario with replay --kernel', async () => {
    const before = host();
    const run = await runScenario(small);
    const cx = kernelCounterexample(run.trace, windowLines(run), 'saved by hand', {
      seed: null,
      index: null,
    });
    const file = saveKernel(dir, cx);
    const lines: string[] = [];
    expect(await replayKernel([file, '--runs', '2'], (s) => lines.push(s))).toBe(0);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}recorded trace, 4 events: batches \[\d(,\d)*\] {2}accepted$/),
      expect.stringMatching(/^ {2}live run 1, 4 events: batches/),
      expect.stringMatching(/^ {2}live run 2, 4 events: batches/),
      'accepted: the case is fixed',
    ]);
    expect(host()).toEqual(before);
  }, 60_000);
});

describe('refusal', () => {
  const probe = (caps: string, ip: string | null) => ({
    status: () => `Name:\tnode\nCapEff:\t${caps}\n`,
    findIp: () => ip,
    runs: () => true,
  });

  it('names the missing privilege or tool in one line', () => {
    expect(kernelUnavailable(probe('0000000000000000', '/usr/sbin/ip'))).toMatch(/CAP_SYS_ADMIN/);
    expect(kernelUnavailable(probe('000001ffffffffff', null))).toMatch(/`ip` not found/);
    expect(kernelUnavailable(probe('000001ffffffffff', '/usr/sbin/ip'))).toBeNull();
  });

  it('is a usage error (exit 2) before anything touches the kernel', async () => {
    const nocap = probe('0000000000000000', '/usr/sbin/ip');
    const refused = /^cannot drive the live kernel: needs root \(CAP_SYS_ADMIN\)/;
    await expect(kernel(['--scenarios', '1'], () => {}, nocap)).rejects.toThrow(refused);
    await expect(kernel(['--scenarios', '1'], () => {}, nocap)).rejects.toBeInstanceOf(UsageError);
    await expect(replayKernel(['x.json'], () => {}, nocap)).rejects.toThrow(/cannot read/);
    await expect(kernel(['--max-nets', '99'], () => {})).rejects.toThrow(
      '--max-nets takes 1 to 64, got 99',
    );
  });

  it.skipIf(reason !== null || !existsSync('/usr/bin/setpriv'))(
    'really refuses as an unprivileged user',
    () => {
      const script = `const { kernelUnavailable } = await import('./adapters/linux/session.ts');
        console.log(kernelUnavailable());`;
      const r = spawnSync(
        '/usr/bin/setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all'].concat([
          process.execPath,
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
        ]),
        { encoding: 'utf8', timeout: 30_000 },
      );
      expect(r.stdout.trim()).toBe('needs root (CAP_SYS_ADMIN) to create network namespaces');
    },
    30_000,
  );
});
