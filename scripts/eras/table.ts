/**
 * The generated block of docs/eras.md: the cost table for the largest number of nets, with
 * each quantity's growth, and the time estimate for smaller batches.
 */
import { GROWTH, QUANTITIES, type Quantity } from '../../model/cost.ts';
import { ERAS, type Point } from './data.ts';

/** Row labels, with the kernel code each row counts (docs/eras.md explains them). */
export const ROWS: { readonly [Q in Quantity]: string } = {
  workRuns: 'work runs (`cleanup_net()` invocations)',
  pernetLock: '`net_mutex` / `pernet_ops_rwsem` rounds',
  rtnl: 'RTNL sections',
  gracePeriods: 'grace periods (`synchronize_rcu`)',
  rcuBarriers: '`rcu_barrier()`',
  unregisterMany: '`unregister_netdevice(_many)` calls',
  twWalks: 'TIME_WAIT table walks (`inet_twsk_purge`)',
  callbacks: 'pernet callbacks',
  devices: 'devices unregistered',
  twVisited: 'TIME_WAIT entries walked past',
  netFrees: 'nets freed',
};

const fmt = (n: number): string => n.toLocaleString('en');

/** The cost table at `nets`, and how each row grows. */
export function costTable(points: readonly Point[], nets: number): string[] {
  const at = ERAS.map((k) => points.find((p) => p.kernel === k && p.nets === nets)!);
  return [
    `| ${fmt(nets)} nets, one batch | ${ERAS.join(' | ')} | growth (${ERAS.join(' / ')}) |`,
    `|---|${ERAS.map(() => '--:').join('|')}|---|`,
    ...QUANTITIES.map(
      (q) =>
        `| ${ROWS[q]} | ${at.map((p) => fmt(p.cost[q])).join(' | ')} | ${ERAS.map((k) => GROWTH[k][q]).join(' / ')} |`,
    ),
    `| **estimated time** | ${at.map((p) => `**${p.seconds.toFixed(2)} s**`).join(' | ')} | |`,
  ];
}

/** The estimate when the nets die in batches of each size. */
export function batchTable(points: readonly Point[], nets: number): string[] {
  const kernels = [...new Set(points.map((p) => p.kernel))];
  const sizes = [...new Set(points.map((p) => p.batch))];
  const cell = (k: string, b: number): string => {
    const p = points.find((q) => q.kernel === k && q.batch === b)!;
    return `${p.seconds.toFixed(2)} s (walks ${((100 * p.walkSeconds) / p.seconds).toFixed(0)} %)`;
  };
  return [
    `| ${fmt(nets)} nets in batches of | ${kernels.join(' | ')} |`,
    `|--:|${kernels.map(() => '--:').join('|')}|`,
    ...sizes.map((b) => `| ${fmt(b)} | ${kernels.map((k) => cell(k, b)).join(' | ')} |`),
  ];
}
