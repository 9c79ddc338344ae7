/**
 * What a step changed in the model, as short lines read off two views.
 */
import type { NetView, View } from '../model/view.ts';

const netLine = (n: NetView): string =>
  `count ${n.count}${n.queued ? ', queued' : ''}, devices [${n.devices.map((d) => d.name).join(' ')}]${n.nsids.length ? `, nsids {${n.nsids.map((x) => `${x.peer}:${x.id}`).join(' ')}}` : ''}`;

/** The differences between two views, one line each (`+` added, `-` removed, `~` changed). */
export function viewDiff(before: View, after: View): string[] {
  const lines: string[] = [];
  const old = new Map(before.nets.map((n) => [n.id, n]));
  const now = new Map(after.nets.map((n) => [n.id, n]));
  for (const [id, n] of now) {
    const was = old.get(id);
    if (!was) lines.push(`+ net ${id}: ${netLine(n)}`);
    else if (netLine(was) !== netLine(n)) lines.push(`~ net ${id}: ${netLine(n)}`);
  }
  for (const id of old.keys()) if (!now.has(id)) lines.push(`- net ${id}`);
  const ops = (v: View) => v.pernet.map((o) => o.op).join(' ');
  if (ops(before) !== ops(after)) lines.push(`~ pernet_list [${ops(after)}]`);
  if (before.firstDevice !== after.firstDevice)
    lines.push(`~ first_device ${after.firstDevice ?? '(head)'}`);
  if (before.cleanupList.join() !== after.cleanupList.join())
    lines.push(`~ cleanup_list [${after.cleanupList.join(' ')}]`);
  const deltas = Object.entries(after.counters)
    .map(([k, v]) => [k, v - before.counters[k as keyof View['counters']]] as const)
    .filter(([, d]) => d !== 0)
    .map(([k, d]) => `${k} +${d}`);
  if (deltas.length) lines.push(`~ counters ${deltas.join(', ')}`);
  return lines;
}
