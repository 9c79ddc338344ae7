/**
 * Family 2: reverse-order device removal (DESIGN.md §3).
 */
import type { Event } from '../events.ts';
import { INIT_NET, loopbackId } from '../state.ts';
import type { Invariant, Trace, TraceStep, Violation } from '../trace.ts';
import { at, fmt, violation } from './format.ts';

const NAME = 'reverse-order-device-removal';

/** Each net's devices in order of entry (dev_register or dev_move in). */
type Devices = Map<string, readonly string[]>;

/** The devices of `net` (none if it never had any). */
const devicesOf = (devices: Devices, net: string): readonly string[] => devices.get(net) ?? [];

/** Applies the device events of one event to `devices`. */
function apply(devices: Devices, event: Event): void {
  const leave = (net: string, dev: string): void => {
    const rest = devicesOf(devices, net).filter((d) => d !== dev);
    devices.set(net, rest);
  };
  const enter = (net: string, dev: string): void => {
    devices.set(net, [...devicesOf(devices, net), dev]);
  };
  if (event.type === 'dev_register') enter(event.net, event.dev);
  if (event.type === 'dev_move') {
    leave(event.from, event.dev);
    enter(event.to, event.dev);
  }
  if (event.type === 'dev_unregister') leave(event.net, event.dev);
}

/** Per dying net: its dev_unregister events against the reverse of its entry order. */
function checkNet(devices: Devices, step: TraceStep, index: number, net: string): Violation[] {
  const moved = step.events.flatMap((e) =>
    e.type === 'dev_move' && e.from === net ? [e.dev] : [],
  );
  const expected = [...devicesOf(devices, net)].reverse().filter((dev) => !moved.includes(dev));
  const got = step.events.flatMap((e) =>
    e.type === 'dev_unregister' && e.net === net ? [e.dev] : [],
  );
  const out: Violation[] = [];
  if (got.join('\n') !== expected.join('\n')) {
    out.push(
      violation(
        NAME,
        index,
        `${at(index, step)}: net ${net} unregistered [${got.join(', ')}]; expected ` +
          `[${expected.join(', ')}] (the devices still in it, in reverse order of entry)`,
      ),
    );
  }
  const lo = loopbackId(net);
  if (![-1, got.length - 1].includes(got.indexOf(lo))) {
    const message = `net ${net} unregistered ${lo} before ${got.at(-1)}; expected ${lo} last`;
    out.push(violation(NAME, index, `${at(index, step)}: ${message}`));
  }
  return out;
}

/** Within one step: every dev_move precedes every dev_unregister. */
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

/** Checks every cleanup_net step against the device lists reconstructed from the trace. */
function check(trace: Trace): Violation[] {
  const devices: Devices = new Map();
  if (trace.boot === 'full') devices.set(INIT_NET, [loopbackId(INIT_NET)]);
  const out: Violation[] = [];
  trace.steps.forEach((step, index) => {
    if (step.action.type === 'cleanup_net') {
      const dying = step.events.flatMap((e) => (e.type === 'batch' ? e.nets : []));
      for (const net of dying) out.push(...checkNet(devices, step, index, net));
      out.push(...checkMigrationFirst(step, index));
    }
    for (const event of step.events) apply(devices, event);
  });
  return out;
}

/**
 * Family 2: in a cleanup_net step, each dying net's devices are unregistered in reverse
 * order of their entry into it, lo last, after every migration of the batch.
 */
export const reverseOrderDeviceRemoval: Invariant = {
  name: NAME,
  family: 2,
  statement:
    'In a cleanup_net step, each dying net loses its devices in reverse order of entry ' +
    '(lo last), and all migrations of the batch precede all its deletions.',
  why:
    'default_device_exit_batch() (net/core/dev.c) first migrates physical devices of every ' +
    "net to init_net, then queues each net's devices with for_each_netdev_reverse() so lo, " +
    'registered first by loopback_net_init(), is "the last network device that disappears" ' +
    '(net_dev_init() comment; IPv6 addrconf relies on it, e5f80fcf869a); migration was folded ' +
    'into the batch by "net: remove default_device_exit()" (2022).',
  check,
};
