/**
 * dev_change_net_namespace: move a device to another net, renaming it on a clash.
 */
import { get } from '../table.ts';
import type { Action } from '../actions.ts';
import { appended, commit, type Ctx, isLive, reject, type Result, without } from '../context.ts';
import { pickName, validPattern } from '../names.ts';
import { firstBroken, type Rule, rule } from '../rules.ts';
import type { Device, State } from '../state.ts';

type ChangeNetns = Extract<Action, { type: 'dev_change_net_namespace' }>;

/** netns_local (netns_immutable) devices never change net. */
export const isNetnsLocal = (device: Device): boolean =>
  device.kind === 'loopback' || device.kind === 'bridge';

/** The names in use in `net`. */
export function namesOf(state: State, net: string): Set<string> {
  return new Set(get(state.nets, net)!.devices.map((dev) => get(state.devices, dev)!.name));
}

/**
 * The name `device` takes in a net using `inUse`: its own if free, else one from `pattern`,
 * else null (-EEXIST).
 */
export function destinationName(
  device: Device,
  inUse: ReadonlySet<string>,
  pattern?: string,
): string | null {
  if (!inUse.has(device.name)) return device.name;
  return pattern === undefined ? null : pickName(pattern, inUse);
}

/** Moves a device (already validated) to the tail of `to`'s list under `name`. */
export function moveDevice(ctx: Ctx, dev: string, to: string, name: string): void {
  const device = ctx.device(dev);
  const from = device.net;
  const source = ctx.net(from);
  source.devices = without(source.devices, (d) => d === dev);
  const target = ctx.net(to);
  target.devices = appended(target.devices, dev);
  device.net = to;
  device.name = name;
  ctx.events.push({ type: 'dev_move', dev, from, to, name });
}

const deviceOf = (s: State, a: ChangeNetns) => get(s.devices, a.dev);

/** A real move whose device name is already in use in the target. */
const clashes = (s: State, a: ChangeNetns): boolean => {
  const d = deviceOf(s, a)!;
  return d.net !== a.net && namesOf(s, a.net).has(d.name);
};

/** Preconditions of dev_change_net_namespace, in order. */
export const DEV_CHANGE_NET_NAMESPACE_RULES: readonly Rule<ChangeNetns>[] = [
  rule('ENOENT', '`dev` is unknown, or lives in a net that is not live', (s, a) => {
    const d = deviceOf(s, a);
    return !d || !isLive(s, d.net);
  }),
  rule('ENOENT', '`net` is not live', (s, a) => !isLive(s, a.net)),
  rule('EINVAL', '`dev` is netns_local (loopback, bridge)', (s, a) =>
    isNetnsLocal(deviceOf(s, a)!),
  ),
  rule(
    'EINVAL',
    'the device’s name is taken in `net`, and `name` is given but neither a valid name nor a valid pattern (it is read only when needed)',
    (s, a) => a.name !== undefined && clashes(s, a) && !validPattern(a.name),
  ),
  rule(
    'EEXIST',
    'the device’s name is taken in `net` and `name` gives no free one',
    (s, a) => clashes(s, a) && destinationName(deviceOf(s, a)!, namesOf(s, a.net), a.name) === null,
  ),
];

/**
 * Moves a device between nets on request.
 * @see __dev_change_net_namespace() (net/core/dev.c, Linux v6.18)
 * @remarks No ifindex; implicit nsid allocation is not modelled.
 */
export function devChangeNetNamespace(state: State, a: ChangeNetns): Result {
  const errno = firstBroken(DEV_CHANGE_NET_NAMESPACE_RULES, state, a);
  if (errno) return reject(state, errno);
  const device = get(state.devices, a.dev)!;
  if (device.net === a.net) return commit(state, (ctx) => (ctx.bump('rtnl'), { ok: true }));
  const name = destinationName(device, namesOf(state, a.net), a.name)!;
  return commit(state, (ctx) => {
    ctx.bump('rtnl');
    moveDevice(ctx, a.dev, a.net, name);
    return { ok: true };
  });
}
