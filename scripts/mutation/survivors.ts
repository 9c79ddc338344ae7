/**
 * `npm run mutation:survivors`: reads StrykerJS's JSON report (reports/mutation/mutation.json)
 * and sorts every surviving or uncovered mutant of reference/ into a category with the reason
 * it survived, then prints the counts and, with `--list`, every mutant (file:line, mutator, code).
 */
import { readFileSync } from 'node:fs';

const REPORT = 'reports/mutation/mutation.json';

interface Mutant {
  readonly mutatorName: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number } };
}
interface Report {
  readonly files: Record<string, { readonly source: string; readonly mutants: Mutant[] }>;
}

/** A category: its reason, and whether a mutant belongs to it. */
const CATEGORIES: readonly {
  readonly reason: string;
  readonly test: (file: string, m: Mutant, line: string) => boolean;
}[] = [
  {
    reason:
      'documentation strings of the bug table (checked by test/reference/readme.test.ts, left out of the mutation run for speed)',
    test: (file) => file.endsWith('reference/bugs.ts'),
  },
  {
    reason:
      'no test reaches the code: driver error paths and states the contract cannot produce (gap)',
    test: (_, m) => m.status === 'NoCoverage',
  },
  {
    reason:
      'an internal self-check (BUG_ON, WARN, KASAN, list debugging) disabled or reworded: no test misuses the API on purpose (gap: negative unit tests)',
    test: (_, __, line) =>
      /BUG_ON|WARN_ON|BUG\(|WARN\(|kasan|ListCorruption|KernelBug|poison|symboli/.test(line),
  },
  {
    reason:
      'adapter-side validation that the kernel-side code checks again, or id bookkeeping (equivalent through the contract)',
    test: (file) => file.includes('reference/adapter'),
  },
  {
    reason: 'a string literal: a name or a message nobody compares (equivalent)',
    test: (_, m) => m.mutatorName === 'StringLiteral',
  },
  {
    reason: 'kernel logic the samples do not reach or cannot tell apart (to triage)',
    test: () => true,
  },
];

const file = process.argv.find((a) => a.endsWith('.json')) ?? REPORT;
let report: Report;
try {
  report = JSON.parse(readFileSync(file, 'utf8')) as Report;
} catch (e) {
  console.error(`${file}: ${(e as Error).message} (run npm run mutation first)`);
  process.exit(2);
}

/** Where a mutant sits: the 6.18 kernel-shaped code, an era tree, or the adapter. */
const area = (f: string): string =>
  /reference\/v2\.6\.3[23]\//.test(f)
    ? 'era trees (v2.6.32, v2.6.33)'
    : /reference\/(adapter|contract)/.test(f) || f.endsWith('reference/adapter.ts')
      ? 'adapter'
      : '6.18 kernel-shaped code';

const counts = new Map<string, string[]>(CATEGORIES.map((c) => [c.reason, []]));
const status = new Map<string, number>();
const byArea = new Map<string, { detected: number; valid: number }>();
for (const [f, { source, mutants }] of Object.entries(report.files)) {
  const lines = source.split('\n');
  for (const m of mutants) {
    status.set(m.status, (status.get(m.status) ?? 0) + 1);
    const a = byArea.get(area(f)) ?? { detected: 0, valid: 0 };
    byArea.set(area(f), a);
    if (['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(m.status)) a.valid += 1;
    if (m.status === 'Killed' || m.status === 'Timeout') a.detected += 1;
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
    const line = lines[m.location.start.line - 1]!.trim();
    const c = CATEGORIES.find((k) => k.test(f, m, line))!;
    counts
      .get(c.reason)!
      .push(`${f}:${m.location.start.line} ${m.mutatorName} (${m.status}): ${line.slice(0, 90)}`);
  }
}
const n = (s: string): number => status.get(s) ?? 0;
const detected = n('Killed') + n('Timeout');
const valid = detected + n('Survived') + n('NoCoverage');
console.log(
  `mutation score ${((100 * detected) / valid).toFixed(2)}% (${detected} of ${valid} detected; ` +
    [...status].map(([k, v]) => `${k} ${v}`).join(', ') +
    ')',
);
for (const [name, a] of byArea)
  console.log(
    `  ${name}: ${((100 * a.detected) / a.valid).toFixed(1)}% (${a.detected} of ${a.valid})`,
  );
for (const [reason, list] of counts) {
  console.log(`${String(list.length).padStart(5)}  ${reason}`);
  if (process.argv.includes('--list')) for (const l of list) console.log(`         ${l}`);
}
