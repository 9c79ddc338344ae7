/**
 * `netns-model explore`, called through its exported function (cli/main.ts wires it up).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/args.ts';
import { explore } from '../../cli/explore.ts';
import { parseCounterexample } from '../../properties/counterexample.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await explore(argv, (s) => out.push(s));
  return { code, out: out.join('\n') };
}

describe('explore command', () => {
  it('prints its usage', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^usage: netns-model explore/);
  });

  it('refuses bad flags', async () => {
    await expect(run('--nets', '9')).rejects.toThrow(UsageError);
    await expect(run('--edges', 'some')).rejects.toThrow(/--edges must be all or new/);
    await expect(run('--paths', 'edges')).rejects.toThrow(/--paths needs --impl/);
    await expect(run('extra')).rejects.toThrow(/unexpected argument/);
    await expect(run('--workers', '0')).rejects.toThrow(/--workers must be 1–64, got 0/);
    await expect(run('--workers', '2', '--impl', 'reference')).rejects.toThrow(/one thread/);
  });

  it('prints the TLC-style summary of a complete search', async () => {
    const { code, out } = await run('--nets', '1', '--ops', '1', '--devices', '1', '--depth', '2');
    expect(code).toBe(0);
    expect(out).toContain('Model checking completed. No error has been found.');
    expect(out).toMatch(/\d+ states generated, \d+ distinct states found, 0 states left on queue/);
    expect(out).toMatch(/distinct states\/s/);
  });

  it('prints the same JSON verdict with two workers', async () => {
    const flags = ['--nets', '2', '--ops', '1', '--devices', '1', '--depth', '3', '--json'];
    const timing = ({ seconds, ...rest }: { seconds: number }) => (seconds >= 0 ? rest : {});
    const one = JSON.parse((await run(...flags)).out) as { seconds: number };
    const two = JSON.parse((await run(...flags, '--workers', '2')).out) as { seconds: number };
    expect(timing(two)).toEqual(timing(one));
  });

  it('prints JSON', async () => {
    const { code, out } = await run('--nets', '1', '--ops', '0', '--devices', '0', '--json');
    const r = JSON.parse(out) as { complete: boolean; perDepth: number[]; finding: null };
    expect([code, r.complete, r.finding]).toEqual([0, true, null]);
    expect(r.perDepth[0]).toBe(1);
  });

  it('saves and prints the shortest lockstep counterexample of a broken implementation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'explore-cli-'));
    const impl = 'test/fixtures/fifo-implementation.ts';
    const flags = ['--nets', '2', '--ops', '0', '--devices', '0', '--depth', '5'];
    const { code, out } = await run(...flags, '--impl', impl, '--save-dir', dir);
    expect(code).toBe(1);
    expect(out).toContain('Error: property refinement is violated.');
    expect(out).toContain('The shortest counterexample (5 kernel calls):');
    const file = /saved (\S+)/.exec(out)![1]!;
    expect(existsSync(file)).toBe(true);
    const cx = parseCounterexample(readFileSync(file, 'utf8'), file);
    expect(cx.implementation).toEqual({ name: impl });
    expect(cx.actions).toHaveLength(5);
  });
});
