import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'netns-cli-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const valid = {
  format: 'netns-model/counterexample@1',
  kernel: '6.18',
  property: 'refinement',
  seed: 1,
  path: '0',
  boot: 'full',
  implementation: { name: 'model' },
  actions: [{ type: 'copy_net_ns', net: 'n1' }],
  expected: [[]],
  observed: null,
  message: '',
};

/** A failure is one line on stderr, exit 2, and never a stack trace. */
async function rejects(argv: string[], pattern: RegExp): Promise<void> {
  const r = await cli(...argv);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(pattern);
  expect(r.err.split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/^\s+at /m);
}

describe('bad input to netns-model', () => {
  it('names the file on malformed JSON', () =>
    rejects(['replay', file('bad.json', '{"format": ')], /bad\.json: not valid JSON/));

  it('names the field on an unknown kernel profile', () =>
    rejects(
      ['replay', file('k.json', JSON.stringify({ ...valid, kernel: '2.4' }))],
      /k\.json\.kernel: expected one of "6\.18", "2\.6\.33", "2\.6\.32", got "2\.4"/,
    ));

  it('names the field on a wrong format version', () =>
    rejects(
      [
        'replay',
        file('v2.json', JSON.stringify({ ...valid, format: 'netns-model/counterexample@2' })),
      ],
      /v2\.json\.format: expected "netns-model\/counterexample@1", got "netns-model\/counterexample@2"/,
    ));

  it('names the action and lists the known types on an unknown action type', () =>
    rejects(
      ['replay', file('type.json', JSON.stringify({ ...valid, actions: [{ type: 'clone' }] }))],
      /type\.json\.actions\[0\]\.type: expected one of copy_net_ns, get_net, .*, got "clone"/,
    ));

  it('names a missing field of an action', () =>
    rejects(
      ['replay', file('field.json', JSON.stringify({ ...valid, actions: [{ type: 'put_net' }] }))],
      /field\.json\.actions\[0\]\.net: expected a non-empty string, got nothing/,
    ));

  it('reports a missing file', () =>
    rejects(['replay', join(dir, 'nope.json')], /nope\.json: cannot read \(ENOENT\)/));

  it('rejects unknown commands, options, values and implementations', async () => {
    await rejects(['check', '--runs', 'x'], /--runs takes a whole number, got "x"/);
    await rejects(['check', '--frobnicate'], /unknown option --frobnicate/);
    await rejects(['check', '--impl', 'nosuch'], /--impl must be one of .*, got "nosuch"/);
    await rejects(['check', '--impl', 'model', '--bugs', 'B3'], /the model has no bug switches/);
    await rejects(
      ['check', '--bugs', 'B99'],
      /--bugs: unknown bug switch "B99"; expected some of B3,/,
    );
    await rejects(
      ['check', '--kernel', '2.7'],
      /--kernel must be one of 6.18, 2.6.33, 2.6.32, got "2.7"/,
    );
    await rejects(['check', '--impl', join(dir, 'missing.js')], /missing\.js: no such file/);
    await rejects(
      ['check', '--impl', file('noexport.mjs', 'export const x = 1;\n')],
      /noexport\.mjs: expected a default export or an export named "factory".*found exports: x/,
    );
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "frobnicate"/);
  });

  it('stops with exit 2 when an external program crashes, hangs or answers garbage', async () => {
    const quick = ['--runs', '3', '--seed', '1', '--no-save', '--timeout', '300'];
    await rejects(
      ['check', '--impl-cmd', 'echo oops >&2; exit 3', ...quick],
      /exited \(code 3\); its stderr ends: oops/,
    );
    await rejects(
      ['check', '--impl-cmd', 'sleep 5', ...quick],
      /did not answer reset \(\w+ boot\) within 300 ms/,
    );
    await rejects(
      ['check', '--impl-cmd', 'while read l; do echo garbage; done', ...quick],
      /answer to reset \(\w+ boot\) is not JSON: "garbage"/,
    );
    await rejects(
      ['check', '--impl-cmd', `while read l; do echo '{"ok":true}'; done`, ...quick],
      /answer to action #0 \(\w+\)\.id: expected 0, got undefined/,
    );
  });
});
