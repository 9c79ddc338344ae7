/**
 * Parsing `ip -o monitor link nsid` output, and the names a run gives its namespaces and
 * devices. Pure.
 */
import type { Observed } from './scan.ts';

/** One line of the witness's monitor, with its arrival time (ms, performance.now()). */
export type WitnessEvent =
  | {
      readonly kind: 'newlink' | 'dellink';
      readonly ifindex: number;
      readonly name: string;
      readonly at: number;
      readonly raw: string;
    }
  | {
      readonly kind: 'newnsid' | 'delnsid';
      readonly id: number;
      /** iproute2's name for the peer, when it could resolve one. */
      readonly name: string | null;
      readonly at: number;
      readonly raw: string;
    }
  | { readonly kind: 'other'; readonly at: number; readonly raw: string };

const LINK = /^(Deleted )?(\d+): ([^\s:@]+)(?:@[^\s:]*)?: /;
const NSID = /^(Deleted )?nsid (\d+) ?(?:\(iproute2 netns name: ([^)]*)\))?/;

/** Parses one monitor line (RTM_NEWLINK/DELLINK, RTM_NEWNSID/DELNSID, or anything else). */
export function parseMonitorLine(raw: string, at: number): WitnessEvent {
  const link = LINK.exec(raw);
  if (link) {
    const kind = link[1] ? 'dellink' : 'newlink';
    return { kind, ifindex: Number(link[2]), name: link[3]!, at, raw };
  }
  const nsid = NSID.exec(raw);
  if (nsid) {
    const kind = nsid[1] ? 'delnsid' : 'newnsid';
    return { kind, id: Number(nsid[2]), name: nsid[3] ?? null, at, raw };
  }
  return { kind: 'other', at, raw };
}

/** How a run names things in the kernel: a namespace prefix and a short device tag. */
export interface Naming {
  /** e.g. `nm-4242-k3x9q-`: every namespace of the run starts with it. */
  readonly prefix: string;
  /** e.g. `nmk3x`: every device of the run starts with it (IFNAMSIZ leaves 15 characters). */
  readonly tag: string;
}

const SAFE = /^[A-Za-z0-9_.-]+$/;

/** The kernel name of logical namespace `net`. */
export function nsName(n: Naming, net: string): string {
  const name = n.prefix + net;
  if (!SAFE.test(name) || name.length > 200) throw new Error(`unsafe namespace name ${name}`);
  return name;
}

/** The kernel name of logical device `dev`. */
export function devName(n: Naming, dev: string): string {
  const name = n.tag + dev;
  if (!SAFE.test(name) || name.length > 15) throw new Error(`unsafe device name ${name}`);
  return name;
}

/** The logical name behind a kernel name, or null if the run did not make it. */
export const logical = (kernelName: string, start: string): string | null =>
  kernelName.startsWith(start) ? kernelName.slice(start.length) : null;

/** What the checker sees of a teardown-window event: logical names, no timing. */
export function toObserved(e: WitnessEvent, n: Naming): Observed {
  if (e.kind === 'dellink') return { kind: 'dellink', dev: logical(e.name, n.tag) ?? e.name };
  if (e.kind === 'delnsid') return { kind: 'delnsid', id: e.id };
  return { kind: 'other', text: e.raw };
}
