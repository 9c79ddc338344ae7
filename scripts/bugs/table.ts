/**
 * The detection table: one row per bug switch, rendered as markdown from measured results.
 */
import { BUGS } from '../../reference/bugs.ts';
import { type BugResult, first, median } from './measure.ts';

const commit = (bug: string): string => {
  const undoes = BUGS.find((b) => b.id === bug)!.undoes;
  const sha = /^[0-9a-f]{7,40}\b/.exec(undoes)?.[0];
  return sha ? `\`${sha.slice(0, 12)}\`` : undoes.replace(/\|/g, '\\|');
};

const ms = (x: number): string => (x < 10 ? x.toFixed(1) : x.toFixed(0));

/** The markdown table of `results` (seeds and runs are stated above it). */
export function renderTable(results: readonly BugResult[]): string {
  const rows = results.map(({ bug, seeds }) => {
    const firsts = seeds.map(first).filter((p) => p !== undefined);
    const caughtBy = new Map<string, number>();
    for (const s of seeds)
      for (const p of s.failed) caughtBy.set(p.name, (caughtBy.get(p.name) ?? 0) + 1);
    const by = [...caughtBy]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([name, n]) => (n === seeds.length ? name : `${name} (${n}/${seeds.length})`))
      .join(', ');
    if (firsts.length === 0)
      return `| ${bug} | ${commit(bug)} | 0/${seeds.length} | — | — | — | — |`;
    const lengths = firsts.map((p) => p.counterexample!.length);
    return [
      bug,
      commit(bug),
      `${firsts.length}/${seeds.length}`,
      by,
      String(median(firsts.map((p) => p.runs))),
      ms(median(firsts.map((p) => p.detectedAfterMs ?? 0))),
      `${median(lengths)} (max ${Math.max(...lengths)})`,
    ]
      .join(' | ')
      .replace(/^/, '| ')
      .replace(/$/, ' |');
  });
  return [
    '| bug | undoes | detected | caught by | runs to failure (median) | ms to failure (median) | shrunk length (median) |',
    '| --- | --- | --- | --- | ---: | ---: | --- |',
    ...rows,
  ].join('\n');
}
