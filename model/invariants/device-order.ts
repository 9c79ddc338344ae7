/**
 * Family 2: reverse-order device removal (DESIGN.md §3), and its historical forms.
 */
import type { Event } from '../events.ts';
import { INIT_NET, type Kernel, loopbackId } from '../state.ts';
import type { Invariant, Stepped, TraceStep, Violation } from '../trace.ts';
import { at, fmt, violation } from './format.ts';
import { copyMap, monitored, stepped } from './monitor.ts';

const NAME = 'reverse-order-device-removal';

/** Each net's devices in order of entry (dev_register or dev_move in). */
type Devices = ReadonlyMap<string, readonly string[]>;

/** What the family remembers: the device lists, and both ends of every veth pair. */
interface Books {
  readonly kernel: Kernel;
  readonly devices: Devices;
  readonly peers: ReadonlyMap<string, string>;
}

/** The devices of `net` (none if it never had any). */
const devicesOf = (devices: Devices, net: string): readonly string[] => devices.get(net) ?? [];

/** `net` loses `dev` in `map`. */
const leave = (map: Map<string, readonly string[]>, net: string, dev: string): void => {
  map.set(
    net,
    devicesOf(map, net).filter((d) => d !== dev),
  );
};

/** `dev` enters `net` in `map`, last. */
const enter = (map: Map<string, readonly string[]>, net: string, dev: string): void => {
  map.set(net, [...devicesOf(map, net), dev]);
};

/** The device lists after the device events of `events` (`devices` itself if none). */
function applyAll(devices: Devices, events: readonly Event[]): Devices {
  let out: Map<string, readonly string[]> | null = null;
  for (const event of events) {
    switch (event.type) {
      case 'dev_register':
        enter((out ??= copyMap(devices)), event.net, event.dev);
        break;
      case 'dev_move':
        leave((out ??= copyMap(devices)), event.from, event.dev);
        enter(out, event.to, event.dev);
        break;
      case 'dev_unregister':
        leave((out ??= copyMap(devices)), event.net, event.dev);
    }
  }
  return out ?? devices;
}

/** What one cleanup step is checked against. */
interface Check {
  readonly kernel: Kernel;
  readonly step: TraceStep;
  readonly index: number;
  /** veths whose peer also died in this step: 2.6.3x queues them out of turn. */
  readonly pairs: ReadonlySet<string>;
}

/** The devices of `net` that leave it in `step`: by unregistration, or also by migration. */
const leaving = (step: TraceStep, net: string, moves: boolean): string[] =>
  step.events.flatMap((e) =>
    (e.type === 'dev_unregister' && e.net === net) ||
    (moves && e.type === 'dev_move' && e.from === net)
      ? [e.dev]
      : [],
  );

/** Per dying net: its departures against its entry order (reverse; forward in 2.6.32). */
function checkNet(devices: Devices, c: Check, net: string): Violation[] {
  const forward = c.kernel === '2.6.32';
  const lo = loopbackId(net);
  const moved = new Set(
    forward
      ? []
      : c.step.events.flatMap((e) => (e.type === 'dev_move' && e.from === net ? [e.dev] : [])),
  );
  const entry = devicesOf(devices, net).filter((dev) => !c.pairs.has(dev) && !moved.has(dev));
  // 2.6.32: the restart walk skips lo, which loopback_net_exit() removes afterwards.
  const expected = forward
    ? [...entry.filter((dev) => dev !== lo), ...entry.filter((dev) => dev === lo)]
    : [...entry].reverse();
  const got = leaving(c.step, net, forward).filter((dev) => !moved.has(dev) && !c.pairs.has(dev));
  const out: Violation[] = [];
  const order = forward ? 'in order of entry, lo last (2.6.32)' : 'in reverse order of entry';
  if (got.join('\n') !== expected.join('\n')) {
    const what = `net ${net} ${forward ? 'lost' : 'unregistered'} [${got.join(', ')}]`;
    out.push(
      violation(
        NAME,
        c.index,
        `${at(c.index, c.step)}: ${what}; expected [${expected.join(', ')}] (the devices ` +
          `still in it, ${order})`,
      ),
    );
  }
  if (![-1, got.length - 1].includes(got.indexOf(lo))) {
    const message = `net ${net} unregistered ${lo} before ${got.at(-1)}; expected ${lo} last`;
    out.push(violation(NAME, c.index, `${at(c.index, c.step)}: ${message}`));
  }
  return out;
}

/** Within one step: every dev_move precedes every dev_unregister (not in 2.6.32). */
function checkMigrationFirst(step: TraceStep, index: number): Violation[] {
  const firstKill = step.events.findIndex((e) => e.type === 'dev_unregister');
  const lastMove = step.events.findLastIndex((e) => e.type === 'dev_move');
  if (firstKill < 0 || lastMove < firstKill) return [];
  const [move, kill] = [step.events[lastMove]!, step.events[firstKill]!];
  return [
    violation(
      NAME,
      index,
      `${at(index, step)}: ${fmt(move)} comes after ${fmt(kill)}; expected every migration ` +
        'of the batch before any device deletion',
    ),
  ];
}

/** veths whose peer is a dying net's too: out of strict order up to 2.6.33. */
function vethPairs(
  kernel: Kernel,
  peers: ReadonlyMap<string, string>,
  step: TraceStep,
  dying: readonly string[],
): Set<string> {
  if (kernel === '6.18') return new Set();
  const gone = new Set(
    step.events.flatMap((e) =>
      e.type === 'dev_unregister' && dying.includes(e.net) ? [e.dev] : [],
    ),
  );
  return new Set([...gone].filter((dev) => gone.has(peers.get(dev) ?? '')));
}

/** `peers` with both ends of the veth pair a successful register_netdev creates. */
function notePeers(
  peers: ReadonlyMap<string, string>,
  step: TraceStep,
): ReadonlyMap<string, string> {
  const { action } = step;
  if (action.type !== 'register_netdev' || !action.peer || !step.ret.ok) return peers;
  return copyMap(peers).set(action.dev, action.peer.dev).set(action.peer.dev, action.dev);
}

/** Checks a cleanup_net step against the device lists reconstructed from the steps before. */
function checkStep(books: Books, step: TraceStep, index: number): Stepped<Books> {
  const { kernel } = books;
  const peers = notePeers(books.peers, step);
  const out: Violation[] = [];
  if (step.action.type === 'cleanup_net') {
    const dying = step.events.flatMap((e) => (e.type === 'batch' ? e.nets : []));
    const pairs = vethPairs(kernel, peers, step, dying);
    const c = { kernel, step, index, pairs };
    for (const net of dying) out.push(...checkNet(books.devices, c, net));
    if (kernel !== '2.6.32') out.push(...checkMigrationFirst(step, index));
  }
  const devices = applyAll(books.devices, step.events);
  const same = devices === books.devices && peers === books.peers;
  return stepped(same ? books : { kernel, devices, peers }, out);
}

/**
 * Family 2: in a cleanup_net step, each dying net loses its devices in reverse order of
 * their entry into it, lo last, after every migration of the batch.
 */
export const reverseOrderDeviceRemoval: Invariant = monitored(
  {
    name: NAME,
    family: 2,
    statement:
      'In a cleanup_net step, each dying net loses its devices in reverse order of entry ' +
      '(lo last), and all migrations of the batch precede all its deletions. 2.6.33: the same, ' +
      'bar veth pairs with both ends dying (re-queued together); 2.6.32: forward order of ' +
      'entry, migrations interleaved, lo last.',
    why:
      'default_device_exit_batch() (net/core/dev.c) first migrates physical devices of every ' +
      "net to init_net, then queues each net's devices with for_each_netdev_reverse() so lo, " +
      'registered first by loopback_net_init(), is "the last network device that disappears" ' +
      '(net_dev_init() comment; IPv6 addrconf relies on it, e5f80fcf869a); migration was folded ' +
      'into the batch by "net: remove default_device_exit()" (2022). In 2.6.33 veth_dellink() ' +
      'did not clear the peer pointers; in 2.6.32 default_device_exit() restarted a forward ' +
      'walk after each device and loopback_net_exit() removed lo afterwards.',
  },
  {
    init: ({ kernel, boot }) => ({
      kernel,
      devices: new Map(boot === 'full' ? [[INIT_NET, [loopbackId(INIT_NET)]]] : []),
      peers: new Map(),
    }),
    step: checkStep,
  },
);
