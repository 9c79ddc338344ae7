/**
 * A teardown timeline: the events of one step laid out by net and phase, as text for the
 * terminal and as SVG for a self-contained HTML page, with the model's and the
 * implementation's lanes side by side so a callback that ran too early stands out.
 */
import { match } from 'ts-pattern';
import type { Event } from '../model/events.ts';
import { renderEvent } from './render.ts';

/** The phase an event belongs to, for colour and grouping. */
export const phaseOf = (e: Event): string =>
  match(e.type)
    .with('batch', 'unlink', 'nsid_unhash', () => 'unlink')
    .with('pre_exit', () => 'A pre_exit')
    .with('synchronize_rcu', () => 'B grace period')
    .with('exit_rtnl', () => 'C exit_rtnl')
    .with('exit', 'exit_batch', 'dev_move', 'dev_unregister', () => 'D exit')
    .with('free', () => 'E free')
    .otherwise((type) => type);

const netsOf = (e: Event): string[] =>
  'net' in e ? [e.net] : 'nets' in e ? [...e.nets] : 'peer' in e ? [e.peer] : [];

/** The nets an event list mentions, in order of first mention. */
export const netColumns = (events: readonly Event[]): string[] => [
  ...new Set(events.flatMap(netsOf)),
];

/** The timeline as text: one line per event, the net column marked; `columns` fixes their order. */
export function textTimeline(
  events: readonly Event[],
  mark = -1,
  columns = netColumns(events),
): string {
  const nets = [...columns, ...netColumns(events).filter((n) => !columns.includes(n))];
  const head = `${'#'.padStart(4)}  ${'phase'.padEnd(15)} ${nets.map((n) => n.padEnd(8)).join(' ')}  event`;
  const rows = events.map((e, i) => {
    const on = new Set(netsOf(e));
    const cells = nets
      .map((n) => (on.has(n) ? '●' : netsOf(e).length ? '·' : '─').padEnd(8))
      .join(' ');
    return `${String(i).padStart(4)}${i === mark ? '>' : ' '} ${phaseOf(e).padEnd(15)} ${cells}  ${renderEvent(e)}`;
  });
  return [head, ...rows].join('\n');
}

const COLOURS: Record<string, string> = {
  unlink: '#888',
  'A pre_exit': '#d98c00',
  'B grace period': '#444',
  'C exit_rtnl': '#7a3db8',
  'D exit': '#1f6fd1',
  'E free': '#1a9c4a',
};
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One lane pair (model above, implementation below) per net, events along x. */
export function svgTimeline(
  expected: readonly Event[],
  observed: readonly Event[] | null,
  mark = -1,
): string {
  const lanes = [...new Set([...expected, ...(observed ?? [])].flatMap(netsOf))];
  const W = 14;
  const width = 120 + W * Math.max(expected.length, observed?.length ?? 0);
  const height = 30 + lanes.length * 44;
  const dots = (events: readonly Event[], dy: number, who: string) =>
    events.flatMap((e, i) => {
      const on = netsOf(e);
      const rows = on.length ? on.map((n) => lanes.indexOf(n)) : lanes.map((_, r) => r);
      const stroke = i === mark ? ' stroke="#e00" stroke-width="3"' : '';
      return rows.map(
        (r) =>
          `<circle cx="${120 + i * W}" cy="${30 + r * 44 + dy}" r="5" fill="${COLOURS[phaseOf(e)] ?? '#bbb'}"${stroke}><title>${who} #${i} ${esc(renderEvent(e))}</title></circle>`,
      );
    });
  const labels = lanes.map(
    (n, r) =>
      `<text x="4" y="${34 + r * 44}" font-size="12">${esc(n)} model</text><text x="4" y="${50 + r * 44}" font-size="12" fill="#666">${esc(n)} impl</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="monospace">${labels.join('')}${dots(expected, 0, 'model').join('')}${observed ? dots(observed, 16, 'impl').join('') : ''}</svg>`;
}

/** A self-contained HTML page around the SVG timeline, with a legend and the text form. */
export function htmlTimeline(
  title: string,
  expected: readonly Event[],
  observed: readonly Event[] | null,
  mark = -1,
): string {
  const legend = Object.entries(COLOURS)
    .map(([p, c]) => `<span style="color:${c}">● ${esc(p)}</span>`)
    .join(' &nbsp; ');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body style="font-family:sans-serif">
<h1 style="font-size:18px">${esc(title)}</h1>
<p>${legend} &nbsp; <span style="color:#e00">○ first divergence</span></p>
${svgTimeline(expected, observed, mark)}
<h2 style="font-size:15px">Model trace</h2><pre>${esc(textTimeline(expected, mark))}</pre>
${observed ? `<h2 style="font-size:15px">Implementation trace</h2><pre>${esc(textTimeline(observed, mark, netColumns(expected)))}</pre>` : ''}
</body></html>
`;
}
