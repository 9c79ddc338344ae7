/**
 * reference/README.md's bug-switch table is rendered from BUGS (reference/bugs.ts).
 * `UPDATE_README=1 npx vitest run test/reference/readme.test.ts` rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { BUGS } from '../../reference/bugs.ts';

const README = resolve(import.meta.dirname, '../../reference/README.md');
const START = '<!-- bugs:start -->';
const END = '<!-- bugs:end -->';

const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The markdown table of the bug switches. */
export function renderBugTable(): string {
  const rows = BUGS.map(
    (b) => `| \`${b.id}\` | ${cell(b.undoes)} | ${cell(b.where)} | ${cell(b.observable)} |`,
  );
  return ['| switch | undoes | where | observable as |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

describe('reference/README.md', () => {
  it('lists every bug switch of BUGS, as rendered from it (prettier-formatted)', async () => {
    const readme = readFileSync(README, 'utf8');
    const [before, rest] = readme.split(START);
    expect(rest, `markers ${START} … ${END}`).toContain(END);
    const raw = `${before}${START}\n\n${renderBugTable()}\n\n${END}${rest!.split(END)[1]}`;
    const options = (await resolveConfig(README)) ?? {};
    const fresh = await format(raw, { ...options, filepath: README });
    if (process.env['UPDATE_README'] && fresh !== readme) writeFileSync(README, fresh);
    else expect(readme).toBe(fresh);
  });
});
