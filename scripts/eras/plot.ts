/**
 * docs/eras-counters.svg: six counters against the number of nets torn down together, one
 * panel each, one line per profile, both axes logarithmic. Every number comes from
 * scripts/eras/data.ts.
 */
import type { Quantity } from '../../model/cost.ts';
import type { Kernel } from '../../model/kernels.ts';
import { ERAS, type Point } from './data.ts';

/** What the panels show: a cost quantity, or the time estimate. */
const PANELS: readonly (readonly [Quantity | 'seconds', string])[] = [
  ['gracePeriods', 'grace periods'],
  ['rcuBarriers', 'rcu_barrier'],
  ['unregisterMany', 'unregister calls'],
  ['twWalks', 'TIME_WAIT table walks'],
  ['rtnl', 'RTNL sections'],
  ['seconds', 'estimated time (s)'],
];

const STYLE: { readonly [K in Kernel]: { color: string; dash: string; mark: string } } = {
  '2.6.32': { color: '#c0392b', dash: '', mark: 'circle' },
  '2.6.33': { color: '#e67e22', dash: '6 3', mark: 'square' },
  '6.18': { color: '#1f6fd1', dash: '2 3', mark: 'diamond' },
};

const W = 300;
const H = 210;
const M = { left: 48, right: 12, top: 26, bottom: 34 };

const value = (p: Point, q: Quantity | 'seconds'): number =>
  q === 'seconds' ? p.seconds : p.cost[q];

/** Decades (or powers of 16 on x) covering [lo, hi]. */
function ticks(lo: number, hi: number, base: number): number[] {
  const out: number[] = [];
  for (let t = base ** Math.floor(Math.log(lo) / Math.log(base)); t <= hi * 1.0001; t *= base)
    out.push(t);
  return out;
}

const label = (v: number): string =>
  v >= 1e6 ? `${v / 1e6}M` : v >= 1e4 ? `${v / 1e3}k` : String(v);

function marker(kind: string, x: number, y: number, color: string): string {
  if (kind === 'circle') return `<circle cx="${x}" cy="${y}" r="3" fill="${color}"/>`;
  if (kind === 'square')
    return `<rect x="${x - 3}" y="${y - 3}" width="6" height="6" fill="none" stroke="${color}"/>`;
  return `<path d="M${x},${y - 4}L${x + 4},${y}L${x},${y + 4}L${x - 4},${y}Z" fill="none" stroke="${color}"/>`;
}

function panel(points: readonly Point[], q: Quantity | 'seconds', title: string): string {
  const xs = points.map((p) => p.nets);
  const ys = points.map((p) => value(p, q)).filter((v) => v > 0);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const yt = ticks(Math.min(...ys), Math.max(...ys), 10);
  const [y0, y1] = [yt[0]!, Math.max(yt.at(-1)!, Math.max(...ys))];
  const px = (x: number) =>
    M.left + ((W - M.left - M.right) * Math.log(x / x0)) / Math.log(x1 / x0);
  const span = Math.log(y1 / y0) || 1;
  const py = (y: number) => H - M.bottom - ((H - M.top - M.bottom) * Math.log(y / y0)) / span;
  const grid = [
    ...ticks(x0, x1, 16).map(
      (t) =>
        `<line x1="${px(t)}" y1="${M.top}" x2="${px(t)}" y2="${H - M.bottom}" stroke="#eee"/><text x="${px(t)}" y="${H - M.bottom + 14}" text-anchor="middle">${label(t)}</text>`,
    ),
    ...yt.map(
      (t) =>
        `<line x1="${M.left}" y1="${py(t)}" x2="${W - M.right}" y2="${py(t)}" stroke="#eee"/><text x="${M.left - 4}" y="${py(t) + 4}" text-anchor="end">${label(t)}</text>`,
    ),
  ];
  const lines = ERAS.map((k) => {
    const s = STYLE[k];
    const pts = points.filter((p) => p.kernel === k && value(p, q) > 0);
    const path = pts.map((p, i) => `${i ? 'L' : 'M'}${px(p.nets)},${py(value(p, q))}`).join('');
    return `<path d="${path}" fill="none" stroke="${s.color}" stroke-width="1.6" stroke-dasharray="${s.dash}"/>${pts.map((p) => marker(s.mark, px(p.nets), py(value(p, q)), s.color)).join('')}`;
  });
  return [
    `<text x="${W / 2}" y="16" text-anchor="middle" font-weight="bold">${title}</text>`,
    ...grid,
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#999"/>`,
    `<text x="${W / 2}" y="${H - 6}" text-anchor="middle" fill="#555">nets torn down together</text>`,
    ...lines,
  ].join('');
}

/** The whole figure. */
export function erasSvg(points: readonly Point[]): string {
  const cols = 3;
  const legend = ERAS.map((k, i) => {
    const s = STYLE[k];
    const x = 20 + i * 150;
    return `<line x1="${x}" y1="14" x2="${x + 30}" y2="14" stroke="${s.color}" stroke-width="1.6" stroke-dasharray="${s.dash}"/>${marker(s.mark, x + 15, 14, s.color)}<text x="${x + 38}" y="18">Linux ${k}</text>`;
  }).join('');
  const panels = PANELS.map(([q, title], i) => {
    const [x, y] = [(i % cols) * W, 30 + Math.floor(i / cols) * H];
    return `<g transform="translate(${x},${y})">${panel(points, q, title)}</g>`;
  }).join('');
  const height = 30 + Math.ceil(PANELS.length / cols) * H;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cols * W}" height="${height}" viewBox="0 0 ${cols * W} ${height}" font-family="sans-serif" font-size="11"><rect width="100%" height="100%" fill="#fff"/>${legend}${panels}</svg>\n`;
}
