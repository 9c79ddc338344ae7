/**
 * Kernel counterexamples: they round-trip, decoding errors name the field, the schema
 * describes what the code writes, and the model's counterexample database never sees them.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KernelTrace } from '../../adapters/linux/checker.ts';
import {
  KERNEL_FORMAT,
  kernelCounterexample,
  loadKernel,
  parseKernelCounterexample,
  saveKernel,
} from '../../adapters/linux/counterexample.ts';
import { scenarioArb } from '../../adapters/linux/scenario.ts';
import { storedFiles } from '../../properties/counterexample.ts';
import { replayCommand } from '../../cli/replay.ts';

const schema = JSON.parse(readFileSync('schema/kernel-counterexample.schema.json', 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'netns-kernel-cx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const [scenario] = fc.sample(scenarioArb(4), { seed: 7, numRuns: 1 });
const trace: KernelTrace = {
  scenario: scenario!,
  rets: scenario!.setup.map((_, i) =>
    i === 0 ? { ok: false, errno: 'EEXIST', message: 'File exists' } : null,
  ),
  nsids: [{ net: 't0', id: 0 }],
  observed: [
    { kind: 'delnsid', id: 0 },
    { kind: 'dellink', dev: 'sw' },
    { kind: 'other', text: 'odd' },
  ],
};
const cx = kernelCounterexample(trace, ['+1.0ms Deleted nsid 0'], 'why', { seed: 7, index: 1 });

describe('kernel counterexamples', () => {
  it('round-trip through counterexamples/kernel/<hash>.json', () => {
    const file = saveKernel(join(dir, 'counterexamples', 'kernel'), cx);
    expect(file).toMatch(/counterexamples\/kernel\/[0-9a-f]{12}\.json$/);
    expect(loadKernel(file)).toEqual(cx);
  });

  it('stay out of the model counterexample database (storedFiles does not recurse)', () => {
    saveKernel(join(dir, 'counterexamples', 'kernel'), cx);
    expect(storedFiles(join(dir, 'counterexamples'))).toEqual([]);
  });

  it('name the field when a file is wrong', () => {
    const bad = (patch: object) => () =>
      parseKernelCounterexample(JSON.stringify({ ...cx, ...patch }), 'f.json');
    expect(bad({ format: 'netns-model/counterexample@1' })).toThrow(/f\.json\.format/);
    expect(bad({ scenario: { ...cx.scenario, setup: [{ op: 'fly' }] } })).toThrow(
      /f\.json\.scenario\.setup\[0\]\.op: expected one of veth/,
    );
    expect(bad({ trace: { ...cx.trace, observed: [{ kind: 'dellink' }] } })).toThrow(
      /observed\[0\]\.dev/,
    );
    expect(() => loadKernel(join(dir, 'missing.json'))).toThrow(/cannot read \(ENOENT\)/);
  });

  it('match the schema: format, required fields, and each step kind', () => {
    expect(schema.properties.format.const).toBe(KERNEL_FORMAT);
    expect(schema.required).toEqual(Object.keys(cx));
    const branches = (key: 'setup' | 'teardown') =>
      new Map<string, string[]>(
        schema.$defs.scenario.properties[key].items.oneOf.map(
          (b: { properties: { op: { const: string } }; required: string[] }) => [
            b.properties.op.const,
            [...b.required].sort(),
          ],
        ),
      );
    for (const s of fc.sample(scenarioArb(12), { seed: 1, numRuns: 200 })) {
      for (const key of ['setup', 'teardown'] as const)
        for (const step of s[key])
          expect(branches(key).get(step.op)).toEqual(Object.keys(step).sort());
    }
  });

  it('replay --kernel --recorded re-checks the stored trace without the kernel', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(cx));
    const lines: string[] = [];
    expect(await replayCommand(['--kernel', file, '--recorded'], (s) => lines.push(s))).toBe(1);
    expect(lines[1]).toMatch(/^ {2}recorded trace, 3 events: REJECTED \(teardown, event #1\)/);
    expect(lines.at(-1)).toBe('still rejected');
  });
});
