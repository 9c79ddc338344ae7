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

let report: Report;
try {
  report = JSON.parse(readFileSync(REPORT, 'utf8')) as Report;
} catch (e) {
  console.error(`${REPORT}: ${(e as Error).message} (run npm run mutation first)`);
  process.exit(2);
}

const counts = new Map<string, string[]>(CATEGORIES.map((c) => [c.reason, []]));
let total = 0;
let detected = 0;
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  const lines = source.split('\n');
  for (const m of mutants) {
    total += 1;
    if (m.status === 'Killed' || m.status === 'Timeout') detected += 1;
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
    const line = lines[m.location.start.line - 1]!.trim();
    const c = CATEGORIES.find((k) => k.test(file, m, line))!;
    counts
      .get(c.reason)!
      .push(`${file}:${m.location.start.line} ${m.mutatorName}: ${line.slice(0, 90)}`);
  }
}
console.log(
  `mutation score ${((100 * detected) / total).toFixed(1)}% (${detected} of ${total} detected)`,
);
for (const [reason, list] of counts) {
  console.log(`${String(list.length).padStart(5)}  ${reason}`);
  if (process.argv.includes('--list')) for (const l of list) console.log(`         ${l}`);
}
