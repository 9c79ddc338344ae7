import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from '../../properties/counterexample.ts';
import { cli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'netns-replay-'));
const FIFO = 'test/fixtures/fifo-implementation.ts';
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);

describe('record, replay and render a failure', () => {
  it('saves a shrunk counterexample, replays it byte-for-byte twice, and renders it', async () => {
    const checked = await cli(
      'check',
      '--impl',
      FIFO,
      '--seed',
      '5',
      '--runs',
      '100',
      '--save-dir',
      dir,
    );
    expect(checked.code).toBe(1);
    const file = readdirSync(dir)
      .map((f) => join(dir, f))
      .find((f) => f.includes('refinement-'))!;
    const cx = load(file);
    expect(cx.implementation).toEqual({ name: FIFO });
    expect(cx.actions.length).toBeLessThanOrEqual(6);
    expect(cx.observed!.at(-1)![0]).toMatchObject({ type: 'batch' });

    const first = await cli('replay', file);
    const second = await cli('replay', file);
    expect(first.code).toBe(1);
    expect(second.out).toBe(first.out);
    expect(first.out).toMatch(
      /DIVERGED: implementation ret .*, event #0 is batch\{nets=\[n1,n2\]\}, model says batch\{nets=\[n2,n1\]\}/,
    );
    expect(first.out).toMatch(/state {3}~ counters workRuns \+1/);

    const json = await cli('replay', file, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ divergedAt: cx.actions.length - 1 });

    const fixed = await cli('replay', file, '--impl', 'model');
    expect(fixed.code).toBe(0);
    expect(fixed.out).toMatch(/agrees with the model at every step \(fixed\)/);

    const html = join(dir, 'timeline.html');
    await cli('replay', file, '--html', html);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('stroke="#e00"');
    expect(page).toContain('<title>impl #0 batch{nets=[n1,n2]}</title>');
  });

  it.skipIf(!CHROMIUM)(
    `renders the HTML timeline in a real headless browser${CHROMIUM ? '' : ' (skipped: no chromium at /usr/bin/chromium; apt-get install chromium)'}`,
    async () => {
      const file = readdirSync(dir)
        .map((f) => join(dir, f))
        .find((f) => f.includes('refinement-'))!;
      const html = join(dir, 'browser.html');
      await cli('replay', file, '--html', html);
      const flags = [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${mkdtempSync(join(tmpdir(), 'chromium-'))}`,
      ];
      const dom = execFileSync(CHROMIUM!, [...flags, '--dump-dom', `file://${html}`], {
        encoding: 'utf8',
        timeout: 60_000,
        stdio: ['ignore', 'pipe', 'ignore'], // chromium's stderr is D-Bus noise in containers
      });
      expect(dom).toContain('<svg');
      expect(dom.match(/<circle/g)!.length).toBeGreaterThan(10);
      const shot = join(dir, 'shot.png');
      spawnSync(
        CHROMIUM!,
        [...flags, `--screenshot=${shot}`, '--window-size=1000,600', `file://${html}`],
        { timeout: 60_000 },
      );
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    },
  );
});
