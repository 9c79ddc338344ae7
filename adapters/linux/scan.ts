/**
 * The segment-reversal scan: decides in one pass whether a witness's teardown events are the
 * projection of SOME batching of the final-put order, and otherwise names the first event no
 * batching can produce. Pure; no timing.
 *
 * A batch is a contiguous segment of the final-put order σ, processed newest first
 * (kernel-semantics §1.8, §4.3). What the witness sees of a batch B = σ[a..b] is
 * `delnsid(σ[b]) … delnsid(σ[a])` (for the nets it had an id for: unhash_nsid runs before
 * any pre_exit) followed by `devs(σ[b]) … devs(σ[a])`, where `devs(n)` are the witness-side
 * peers of n's veths in reverse order of their entry into n (one unregister_netdevice_many;
 * kernel-semantics §1.10, §4.2, §4.6). Every choice the scan makes is forced by the event
 * in hand, or leads to the same future, so no batching is ever enumerated.
 */

/** What one dying net shows the witness, whatever batch it is in. */
export interface NetProjection {
  readonly net: string;
  /** The id the witness had for the net (one RTM_DELNSID), or null. */
  readonly nsid: number | null;
  /** The witness-side devices deleted with the net (RTM_DELLINK), in kernel order. */
  readonly devs: readonly string[];
}

/** One event the witness saw during teardown, in arrival order. */
export type Observed =
  | { readonly kind: 'dellink'; readonly dev: string }
  | { readonly kind: 'delnsid'; readonly id: number }
  | { readonly kind: 'other'; readonly text: string };

/** The scan's answer: the batching found (each newest first), or the first impossible event. */
export type ScanResult =
  | { readonly ok: true; readonly batches: readonly (readonly string[])[] }
  | { readonly ok: false; readonly index: number; readonly message: string };

type Owned = { readonly net: number; readonly pos: number | null };

interface Scan {
  readonly sigma: readonly NetProjection[];
  readonly lastNs: Int32Array;
  readonly firstNs: Int32Array;
  readonly lastDev: Int32Array;
  phase: 'start' | 'ns' | 'dev';
  a: number;
  k: number;
  low: number;
  b: number;
  j: number;
  pos: number;
  readonly batches: [number, number][];
}

const key = (e: Observed): string =>
  e.kind === 'dellink' ? `dev ${e.dev}` : e.kind === 'delnsid' ? `nsid ${e.id}` : '';

/** Describes an observed event for messages. */
export const describe = (e: Observed): string =>
  e.kind === 'dellink' ? `dellink ${e.dev}` : e.kind === 'delnsid' ? `delnsid ${e.id}` : e.text;

function owners(sigma: readonly NetProjection[]): Map<string, Owned> {
  const map = new Map<string, Owned>();
  const claim = (k: string, o: Owned): void => {
    if (map.has(k)) throw new Error(`scan: ${k} is claimed by two nets`);
    map.set(k, o);
  };
  sigma.forEach((p, net) => {
    if (p.nsid !== null) claim(`nsid ${p.nsid}`, { net, pos: null });
    p.devs.forEach((dev, pos) => claim(`dev ${dev}`, { net, pos }));
  });
  return map;
}

function prepare(sigma: readonly NetProjection[]): Scan {
  const m = sigma.length;
  const [lastNs, firstNs, lastDev] = [new Int32Array(m), new Int32Array(m + 1), new Int32Array(m)];
  for (let i = 0, ns = -1, dev = -1; i < m; i += 1) {
    if (sigma[i]!.nsid !== null) ns = i;
    if (sigma[i]!.devs.length > 0) dev = i;
    [lastNs[i], lastDev[i]] = [ns, dev];
  }
  firstNs[m] = m;
  for (let i = m - 1; i >= 0; i -= 1) firstNs[i] = sigma[i]!.nsid !== null ? i : firstNs[i + 1]!;
  const scan = { sigma, lastNs, firstNs, lastDev, a: 0, k: 0, low: 0, b: 0, j: 0, pos: 0 };
  return { ...scan, phase: 'start', batches: [] };
}

const at = (arr: Int32Array, i: number): number => (i < 0 ? -1 : arr[i]!);
const name = (x: Scan, i: number): string => x.sigma[i]!.net;
const firstDev = (x: Scan, i: number): string => `dellink ${x.sigma[i]!.devs[0]}`;
const newestFirst = (x: Scan, i: number): string =>
  `${name(x, i)} deletes its witness peers newest entry first: expected dellink ${x.sigma[i]!.devs[0]} before it`;
const enterDev = (x: Scan, b: number, j: number): null => {
  [x.b, x.j, x.pos, x.phase] = [b, j, 1, 'dev'];
  return null;
};

function start(x: Scan, e: Owned): string | null {
  if (e.net < x.a) return `${name(x, e.net)} was already torn down in an earlier batch`;
  if (e.pos === null) {
    [x.k, x.low, x.phase] = [e.net, e.net, 'ns'];
    return null;
  }
  if (e.pos !== 0) return newestFirst(x, e.net);
  const y = x.firstNs[x.a]!;
  if (y <= e.net)
    return `${name(x, y)} was put before ${name(x, e.net)} and is not torn down yet, so it is in this batch, whose delnsid ${x.sigma[y]!.nsid} must precede every dellink`;
  return enterDev(x, e.net, e.net);
}

function inNs(x: Scan, e: Owned): string | null | 'close' {
  const q = at(x.lastNs, x.low - 1);
  if (q >= x.a) {
    if (e.pos === null && e.net === q) return ((x.low = q), null);
    return `expected delnsid ${x.sigma[q]!.nsid} of ${name(x, q)}: it was put between ${name(x, x.a)} and ${name(x, x.k)}, so it is in their batch, whose nsids are all unhashed (newest first) before any device goes`;
  }
  const top = at(x.lastDev, x.k);
  const limit = x.firstNs[x.k + 1]!;
  if (e.pos === 0 && e.net > x.k && e.net < limit) return enterDev(x, e.net, e.net);
  if (e.pos === 0 && e.net === top && top >= x.a) return enterDev(x, x.k, top);
  if (top < x.a) return 'close';
  if (e.net === top && e.pos !== null) return newestFirst(x, top);
  const later =
    limit > x.k + 1
      ? ` or the first dellink of a net put after it and before ${limit < x.sigma.length ? name(x, limit) : 'the end'}`
      : '';
  return `the batch of ${name(x, x.k)} has shown its nsids; expected ${firstDev(x, top)} of ${name(x, top)}${later}`;
}

function inDev(x: Scan, e: Owned): string | null | 'close' {
  const devs = x.sigma[x.j]!.devs;
  if (x.pos < devs.length) {
    if (e.net === x.j && e.pos === x.pos) return ((x.pos += 1), null);
    return `expected dellink ${devs[x.pos]} of ${name(x, x.j)}: a net's witness peers go newest entry first, all in one run, never interleaved with another net's`;
  }
  const q = at(x.lastDev, x.j - 1);
  if (q < x.a) return 'close';
  if (e.net === q && e.pos === 0) return enterDev(x, x.b, q);
  return `expected ${firstDev(x, q)} of ${name(x, q)}: it was put before ${name(x, x.j)} and is in the same batch, which goes newest first`;
}

function feed(x: Scan, e: Owned): string | null {
  for (;;) {
    const r = x.phase === 'start' ? start(x, e) : x.phase === 'ns' ? inNs(x, e) : inDev(x, e);
    if (r !== 'close') return r;
    x.batches.push([x.a, x.phase === 'ns' ? x.k : x.b]);
    [x.a, x.phase] = [x.batches.at(-1)![1] + 1, 'start'];
  }
}

/** What is still owed when the trace ends, or null if the last batch is complete. */
function owed(x: Scan): string | null {
  if (x.phase === 'ns') {
    const q = at(x.lastNs, x.low - 1);
    if (q >= x.a) return `delnsid ${x.sigma[q]!.nsid} of ${name(x, q)}`;
    const top = at(x.lastDev, x.k);
    if (top >= x.a) return `${firstDev(x, top)} of ${name(x, top)}`;
    x.batches.push([x.a, x.k]);
  } else if (x.phase === 'dev') {
    const devs = x.sigma[x.j]!.devs;
    if (x.pos < devs.length) return `dellink ${devs[x.pos]} of ${name(x, x.j)}`;
    const q = at(x.lastDev, x.j - 1);
    if (q >= x.a) return `${firstDev(x, q)} of ${name(x, q)}`;
    x.batches.push([x.a, x.b]);
  }
  const a = x.phase === 'start' ? x.a : x.batches.at(-1)![1] + 1;
  const y = x.sigma.findIndex((p, i) => i >= a && (p.nsid !== null || p.devs.length > 0));
  if (y >= 0) return `the events of ${name(x, y)}`;
  if (a < x.sigma.length) x.batches.push([a, x.sigma.length - 1]);
  return null;
}

/**
 * Scans `observed` against the final-put order `sigma` (oldest first). Linear in
 * `sigma.length + observed.length`.
 */
export function scan(sigma: readonly NetProjection[], observed: readonly Observed[]): ScanResult {
  const x = prepare(sigma);
  const own = owners(sigma);
  for (let i = 0; i < observed.length; i += 1) {
    const e = observed[i]!;
    const o = own.get(key(e));
    const why = o
      ? feed(x, o)
      : `no dying net sends this to the witness (not a peer or nsid of any net put)`;
    if (why !== null)
      return { ok: false, index: i, message: `event #${i} (${describe(e)}): ${why}` };
  }
  const missing = owed(x);
  if (missing !== null)
    return {
      ok: false,
      index: observed.length,
      message: `the trace ends after ${observed.length} events, but ${missing} never came`,
    };
  const batches = x.batches.map(([a, b]) =>
    sigma
      .slice(a, b + 1)
      .map((p) => p.net)
      .reverse(),
  );
  return { ok: true, batches };
}
