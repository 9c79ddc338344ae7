/**
 * Strict decoding of contract JSON from outside (counterexample files, NDJSON answers):
 * every error names where it is, the field and what was expected, in one line.
 */
import { readFileSync } from 'node:fs';
import { ACTION_TYPES, type Action, type Hook, HOOKS } from '../model/actions.ts';
import type { Event, Ret } from '../model/events.ts';

/** A decoding error: `where: what was expected, got what`. */
export class DecodeError extends Error {}

/** A file's text, or a DecodeError that names the file and why it cannot be read. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new DecodeError(`${file}: cannot read (${why})`);
  }
}

type Json = Record<string, unknown>;

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 60));

function fail(where: string, expected: string, got: unknown): never {
  throw new DecodeError(`${where}: expected ${expected}, got ${show(got)}`);
}

/** `x` as an object, or a DecodeError naming `where`. */
export function object(x: unknown, where: string): Json {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(where, 'an object', x);
  return x as Json;
}

/** Field `key` of `o` as a non-empty string. */
export function str(o: Json, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') fail(`${where}.${key}`, 'a non-empty string', v);
  return v;
}

function optStr(o: Json, key: string, where: string): string | undefined {
  return o[key] === undefined ? undefined : str(o, key, where);
}

/** Field `key` of `o` as an array. */
export function array(o: Json, key: string, where: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) fail(`${where}.${key}`, 'an array', v);
  return v;
}

function oneOf<T extends string>(o: Json, key: string, allowed: readonly T[], where: string): T {
  const v = o[key];
  if (!allowed.includes(v as T)) fail(`${where}.${key}`, `one of ${allowed.join(', ')}`, v);
  return v as T;
}

const KINDS = ['dummy', 'veth', 'bridge', 'physical'] as const;

function registerAction(
  o: Json,
  type: 'register_pernet_subsys' | 'register_pernet_device',
  w: string,
): Action {
  const hooks = array(o, 'hooks', w).map((h, i) =>
    HOOKS.includes(h as never) ? h : fail(`${w}.hooks[${i}]`, `one of ${HOOKS.join(', ')}`, h),
  );
  if (typeof o.generic !== 'boolean') fail(`${w}.generic`, 'true or false', o.generic);
  const fail_ =
    o.fail === undefined
      ? {}
      : { fail: { net: str(object(o.fail, `${w}.fail`), 'net', `${w}.fail`) } };
  return {
    type,
    op: str(o, 'op', w),
    hooks: hooks as Hook[],
    generic: o.generic,
    ...fail_,
  };
}

function netdevAction(o: Json, w: string): Action {
  const base = {
    type: 'register_netdev' as const,
    dev: str(o, 'dev', w),
    name: str(o, 'name', w),
    net: str(o, 'net', w),
    kind: oneOf(o, 'kind', KINDS, w),
  };
  if (o.peer === undefined) return base;
  const p = object(o.peer, `${w}.peer`);
  return {
    ...base,
    peer: {
      dev: str(p, 'dev', `${w}.peer`),
      name: str(p, 'name', `${w}.peer`),
      net: str(p, 'net', `${w}.peer`),
    },
  };
}

/** Decodes one action of the v1 contract. */
export function parseAction(x: unknown, w: string): Action {
  const o = object(x, w);
  const type = oneOf(o, 'type', ACTION_TYPES, w);
  switch (type) {
    case 'copy_net_ns':
      return {
        type,
        net: str(o, 'net', w),
        ...(o.fail === undefined
          ? {}
          : { fail: { op: str(object(o.fail, `${w}.fail`), 'op', `${w}.fail`) } }),
      };
    case 'get_net':
    case 'put_net':
      return { type, net: str(o, 'net', w) };
    case 'cleanup_net':
      return { type };
    case 'register_pernet_subsys':
    case 'register_pernet_device':
      return registerAction(o, type, w);
    case 'unregister_pernet_subsys':
    case 'unregister_pernet_device':
      return { type, op: str(o, 'op', w) };
    case 'register_netdev':
      return netdevAction(o, w);
    case 'dev_change_net_namespace': {
      const name = optStr(o, 'name', w);
      return {
        type,
        dev: str(o, 'dev', w),
        net: str(o, 'net', w),
        ...(name === undefined ? {} : { name }),
      };
    }
    case 'unregister_netdev':
      return { type, dev: str(o, 'dev', w) };
    case 'peernet2id_alloc':
      return { type, net: str(o, 'net', w), peer: str(o, 'peer', w) };
    case 'tcp_v4_init':
      return { type };
    case 'inet_twsk_hashdance':
    case 'inet_lookup_established':
      return { type, net: str(o, 'net', w), key: str(o, 'key', w) };
  }
}

/** The event types the contract knows, in schema order. */
export const EVENT_TYPES = [
  'alloc',
  'init',
  'init_failed',
  'free',
  'publish',
  'queue',
  'batch',
  'unlink',
  'nsid_alloc',
  'nsid_unhash',
  'pre_exit',
  'synchronize_rcu',
  'exit_rtnl',
  'exit',
  'exit_batch',
  'dev_register',
  'dev_move',
  'dev_unregister',
  'tw_purge',
  'rcu_barrier',
  'net_free',
] as const;

/** Decodes one event: a known type with plain string, number or string-array fields. */
export function parseEvent(x: unknown, w: string): Event {
  const o = object(x, w);
  oneOf(o, 'type', EVENT_TYPES, w);
  for (const [k, v] of Object.entries(o)) {
    const ok =
      typeof v === 'string' ||
      typeof v === 'number' ||
      (Array.isArray(v) && v.every((s) => typeof s === 'string'));
    if (!ok) fail(`${w}.${k}`, 'a string, a number or a list of strings', v);
  }
  return o as unknown as Event;
}

/** Decodes a `ret`. */
export function parseRet(x: unknown, w: string): Ret {
  const o = object(x, w);
  if (o.ok === true) return o as unknown as Ret;
  if (o.ok !== false) fail(`${w}.ok`, 'true or false', o.ok);
  str(o, 'errno', w);
  return o as unknown as Ret;
}
