/**
 * scripts/eras: the figure and the tables of docs/eras.md come from the model's numbers (a
 * small scale here; `npm run eras` runs 4096 nets).
 */
import { describe, expect, it } from 'vitest';
import { batches, growth } from '../../scripts/eras/data.ts';
import { erasSvg } from '../../scripts/eras/plot.ts';
import { batchTable, costTable } from '../../scripts/eras/table.ts';

describe('scripts/eras', () => {
  const points = growth([1, 4, 16]);

  it('draws six log-log panels with one line per profile', () => {
    const svg = erasSvg(points);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g transform=/g)).toHaveLength(6);
    expect(svg.match(/<path d="M[^"]*" fill="none" stroke="#\w+" stroke-width/g)).toHaveLength(18);
    for (const title of ['grace periods', 'TIME_WAIT table walks', 'estimated time (s)'])
      expect(svg).toContain(`>${title}</text>`);
    expect(svg).toContain('Linux 2.6.32');
    expect(svg).not.toContain('NaN');
  });

  it('tabulates the cost at the largest size with each row’s growth', () => {
    const rows = costTable(points, 16);
    expect(rows[0]).toBe(
      '| 16 nets, one batch | 2.6.32 | 2.6.33 | 6.18 | growth (2.6.32 / 2.6.33 / 6.18) |',
    );
    expect(rows).toContain(
      '| grace periods (`synchronize_rcu`) | 16 | 1 | 1 | O(n) / O(1) / O(1) |',
    );
    expect(rows.at(-1)).toMatch(/^\| \*\*estimated time\*\* \| \*\*[\d.]+ s\*\* /);
  });

  it('tabulates the estimate for smaller batches, with the share of the walks', () => {
    const rows = batchTable(batches(8, [2, 8]), 8);
    expect(rows[0]).toBe('| 8 nets in batches of | 2.6.33 | 6.18 |');
    expect(rows).toHaveLength(4);
    expect(rows[2]).toMatch(/^\| 2 \| [\d.]+ s \(walks \d+ %\) \| [\d.]+ s \(walks \d+ %\) \|$/);
  });
});
