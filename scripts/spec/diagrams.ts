/**
 * Diagrams read off the model's behaviour, not drawn by hand: the lifecycle of a net (the
 * transitions seen over generated runs) and the phases of a cleanup batch (the phase sequence
 * of an actual batch), as small SVG files.
 */
import fc from 'fast-check';
import type { Action } from '../../model/actions.ts';
import type { Event } from '../../model/events.ts';
import { initialState, type State } from '../../model/state.ts';
import { step } from '../../model/step.ts';
import { get } from '../../model/table.ts';
import { runArb } from '../../properties/choices.ts';
import { decode } from '../../properties/decode.ts';
import { phaseOf } from '../../properties/timeline.ts';

type NetState = 'unborn' | 'live' | 'queued' | 'freed';
const STATES: readonly NetState[] = ['unborn', 'live', 'queued', 'freed'];

function netState(s: State, net: string, created: boolean): NetState {
  const n = get(s.nets, net);
  if (!n) return created ? 'freed' : 'unborn';
  return n.count > 0 ? 'live' : 'queued';
}

/** `from→to` → the action types (with failed outcomes marked) seen to cause it. */
export function lifecycleEdges(runs = 400): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const { boot, choices } of fc.sample(runArb(40), { seed: 7, numRuns: runs })) {
    let s = initialState({ boot });
    const created = new Set<string>();
    for (const action of decode(choices, { boot }, true)) {
      const r = step(s, action);
      const touched =
        'net' in action ? [action.net] : action.type === 'cleanup_net' ? [...s.cleanupList] : [];
      for (const net of touched) {
        const from = netState(s, net, created.has(net));
        if (get(r.state.nets, net)) created.add(net);
        const to = netState(r.state, net, created.has(net));
        const interesting = from !== to || r.ret.ok || r.ret.errno === 'ENOMEM';
        const label = `${action.type}${r.ret.ok ? '' : ` → ${r.ret.errno}`}`;
        if (interesting)
          edges.set(`${from}→${to}`, (edges.get(`${from}→${to}`) ?? new Set()).add(label));
      }
      s = r.state;
    }
  }
  return edges;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const box = (x: number, y: number, label: string, w = 110) =>
  `<rect x="${x}" y="${y}" width="${w}" height="36" rx="8" fill="#eef3fb" stroke="#1f6fd1"/><text x="${x + w / 2}" y="${y + 23}" text-anchor="middle">${esc(label)}</text>`;
const arrow = (x1: number, y1: number, x2: number, y2: number) =>
  `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#333" marker-end="url(#a)"/>`;
const MARKER =
  '<defs><marker id="a" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>';

/** The lifecycle of a net as SVG: states left to right, transitions labelled by action. */
export function lifecycleSvg(edges: Map<string, Set<string>>): string {
  const x = (s: NetState) => 20 + STATES.indexOf(s) * 230;
  const parts: string[] = STATES.map((s) => box(x(s), 40, s));
  const loops = new Map<NetState, number>();
  for (const [key, labels] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
    const [from, to] = key.split('→') as [NetState, NetState];
    const list = [...labels].sort();
    if (from === to) {
      for (const label of list) {
        const k = loops.get(from) ?? 0;
        loops.set(from, k + 1);
        parts.push(
          `<text x="${x(from)}" y="${100 + k * 14}" font-size="11">↻ ${esc(label)}</text>`,
        );
      }
      continue;
    }
    parts.push(arrow(x(from) + 110, 58, x(to), 58));
    parts.push(
      `<text x="${(x(from) + x(to)) / 2 + 55}" y="52" text-anchor="middle" font-size="11">${esc(list.join(', '))}</text>`,
    );
  }
  const height = 110 + 14 * Math.max(0, ...loops.values());
  return `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="${height}" font-family="sans-serif" font-size="13">${MARKER}${parts.join('')}</svg>\n`;
}

/** The phase sequence of one batch: consecutive events of the same phase merged. */
export function batchPhases(events: readonly Event[]): string[] {
  const phases: string[] = [];
  for (const e of events) {
    const p = phaseOf(e);
    if (phases.at(-1) !== p) phases.push(p);
  }
  return phases;
}

/** The phases of a batch as SVG boxes in a row. */
export function phasesSvg(phases: readonly string[]): string {
  const parts = phases.flatMap((p, i) => [
    box(10 + i * 125, 20, p, 112),
    ...(i ? [arrow(i * 125 - 3, 38, 10 + i * 125, 38)] : []),
  ]);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${20 + phases.length * 125}" height="76" font-family="sans-serif" font-size="12">${MARKER}${parts.join('')}</svg>\n`;
}

/** A batch that exercises every phase: two nets, ops with every hook, a veth, an nsid. */
export const BATCH_SCENARIO: readonly Action[] = [
  {
    type: 'register_pernet_subsys',
    op: 'S',
    hooks: ['init', 'pre_exit', 'exit', 'exit_batch', 'exit_rtnl'],
    generic: true,
  },
  {
    type: 'register_pernet_device',
    op: 'D',
    hooks: ['init', 'pre_exit', 'exit', 'exit_rtnl'],
    generic: false,
  },
  { type: 'copy_net_ns', net: 'n1' },
  { type: 'copy_net_ns', net: 'n2' },
  {
    type: 'register_netdev',
    dev: 'v1',
    name: 'eth0',
    net: 'n1',
    kind: 'veth',
    peer: { dev: 'p1', name: 'veth1', net: 'init_net' },
  },
  { type: 'register_netdev', dev: 'e2', name: 'eth0', net: 'n2', kind: 'physical' },
  { type: 'peernet2id_alloc', net: 'init_net', peer: 'n1' },
  { type: 'put_net', net: 'n1' },
  { type: 'put_net', net: 'n2' },
  { type: 'cleanup_net' },
];
