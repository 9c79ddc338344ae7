/**
 * `npm run mutation:survivors [a.json b.json ...] [--list]`: reads StrykerJS's JSON report
 * (reports/mutation/mutation.json by default; several subset reports over disjoint files merge)
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
      'equivalent, now marked `// Stryker disable` with the reason: write-only fields (init_net_initialized, cleanup_net_task, dismantle), inums as hash salt, the TIME_WAIT hash function and salt (INET_MATCH decides), initialisers start_kernel overwrites, typed-array bounds, when replaced net_generic arrays are freed, optional chaining on non-null values',
    test: (file, m, line) =>
      (/init_net_initialized|cleanup_net_task|dismantle = |last_inum \+= 1|rtnl_mutex: \{|bugs: new Set|^trace: \[\]|dev_boot_phase: true|return \{ used: \[\] \}|rcu_barrier_uncounted\(k\);$|while \(last\?\.next\)|dev_name_head\?\.(set|delete)/.test(
        line,
      ) &&
        m.mutatorName !== 'StringLiteral') ||
      (file.endsWith('inet_hashtables.ts') &&
        /net_hash_mix\(net: net\)|inet_ehashfn\(net: net|Buffer\.from\(key/.test(line)) ||
      (/i < 0 \|\| i >= max_netdevices/.test(line) && m.mutatorName === 'LogicalOperator'),
  },
  {
    reason:
      "equivalent, argued (not marked: other mutants of the same line are killed): __dev_alloc_name's sscanf stand-in and range checks, where the printf round trip and the Uint8Array bitmap decide; the % checks a pattern always passes",
    test: (file, _, line) =>
      file.endsWith('reference/net/core/dev.ts') &&
      /startsWith\(fmt|\[\\t\\n|i === null|i < 0 \|\| i >= max_netdevices|p < 0 \|\| name\[p \+ 1\]/.test(
        line,
      ),
  },
  {
    reason:
      'no test reaches the code: panics of a boot that cannot fail (core ops always register), unreachable BUG messages, a dead branch (alloc_netid reqid >= 0), driver error paths and 2.6.33 generic growth (tests added after the run)',
    test: (_, m) => m.status === 'NoCoverage',
  },
  {
    reason:
      'an internal self-check (BUG_ON, WARN, KASAN) condition or message: unreachable states (default_device_exit moving a device home cannot fail), or KASAN sites/descriptions that no report prints because nothing is used after that free',
    test: (_, __, line) =>
      /BUG_ON|WARN_ON|BUG\(|WARN\(|kasan|ListCorruption|KernelBug|poison|symboli|kzalloc/.test(
        line,
      ),
  },
  {
    reason:
      "adapter: id bookkeeping and the KASAN symbolizer's fallbacks (no report is printed through the adapter), and validation that the kernel code repeats (same errno and no change either way)",
    test: (file) => file.includes('reference/adapter'),
  },
  {
    reason:
      'a string literal: a free site or hook name in a report nobody triggers, an encoding name Buffer treats the same',
    test: (_, m) => m.mutatorName === 'StringLiteral',
  },
  {
    reason: 'kernel logic the samples and unit tests do not tell apart (to triage one by one)',
    test: () => true,
  },
];

/** One report, or several (subset runs over disjoint files) merged file by file. */
const paths = process.argv.filter((a) => a.endsWith('.json'));
const report: Report = { files: {} };
for (const file of paths.length > 0 ? paths : [REPORT]) {
  try {
    Object.assign(report.files, (JSON.parse(readFileSync(file, 'utf8')) as Report).files);
  } catch (e) {
    console.error(`${file}: ${(e as Error).message} (run npm run mutation first)`);
    process.exit(2);
  }
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
