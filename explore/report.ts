/**
 * TLC-style text: a progress line about every second, and the final summary.
 */
import type { ExploreResult, Progress } from './bfs.ts';
import { describeScope } from './scope.ts';

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const rate = (x: number, seconds: number): string => n(seconds > 0 ? x / seconds : 0);

/** `Progress(5) at 3.0 s: 61,234 states generated (20,411 s/s), …, 812 states left on queue.` */
export function progressLine(p: Progress): string {
  return (
    `Progress(${p.depth}) at ${p.seconds.toFixed(1)} s: ${n(p.generated)} states generated ` +
    `(${rate(p.generated, p.seconds)} s/s), ${n(p.distinct)} distinct states found ` +
    `(${rate(p.distinct, p.seconds)} ds/s), ${n(p.queue)} states left on queue.`
  );
}

/** The closing lines: verdict, totals, per-depth counts and throughput. */
export function summary(r: ExploreResult, extra: readonly string[] = []): string {
  const verdict = r.finding
    ? `Error: property ${r.finding.property} is violated.`
    : r.complete
      ? 'Model checking completed. No error has been found.'
      : 'Stopped at the state budget: no error in the part explored (incomplete).';
  return [
    verdict,
    `  scope: ${describeScope(r.scope)}`,
    `  ${n(r.generated)} states generated, ${n(r.distinct)} distinct states found, ` +
      `${n(r.queue)} states left on queue.`,
    `  The depth of the ${r.complete ? 'complete ' : ''}state graph search is ${r.depth}.`,
    `  distinct states first found at each depth: ${r.perDepth.map(n).join(', ')}`,
    `  ${r.seconds.toFixed(2)} s: ${rate(r.distinct, r.seconds)} distinct states/s, ` +
      `${rate(r.generated, r.seconds)} states generated/s, ${n(r.checks)} traces checked`,
    ...extra.map((line) => `  ${line}`),
  ].join('\n');
}
