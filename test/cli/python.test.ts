/**
 * The example external implementation (examples/python) passes `check --impl-cmd`, and its
 * own hand-derived self-test passes. Skipped, with the reason, when python3 is missing.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli.ts';
import { runSeed } from '../../properties/seed.ts';

const python = spawnSync('python3', ['--version']).status === 0;
const IMPL = 'python3 examples/python/netns_impl.py';

describe.skipIf(!python)('examples/python (skipped: python3 not on PATH)', () => {
  it('passes check --impl-cmd over NDJSON stdio', async () => {
    const seed = String(runSeed());
    const { code, out, err } = await cli(
      'check',
      '--impl-cmd',
      IMPL,
      '--seed',
      seed,
      '--runs',
      '200',
      '--no-save',
    );
    expect(err, `seed ${seed}`).toBe('');
    expect(out).toMatch(/all properties hold/i);
    expect(code, `seed ${seed}\n${out}`).toBe(0);
  }, 120_000);

  it('passes its own self-test', () => {
    const r = spawnSync('python3', ['-m', 'unittest', '-q'], { cwd: 'examples/python' });
    expect(r.status, r.stderr.toString()).toBe(0);
  });
});
