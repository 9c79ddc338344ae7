/**
 * Kernel counterexamples: a rejected scenario with the trace the kernel gave, stored as
 * `counterexamples/kernel/<hash>.json` (format `netns-model/kernel-counterexample@1`, schema
 * in schema/kernel-counterexample.schema.json). They live apart from the model's
 * `netns-model/counterexample@1` files (a folder the database's non-recursive listing does
 * not enter): they hold a scenario, not contract actions, and replay on the kernel.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import { array, DecodeError, object, readText, str } from '../../properties/json.ts';
import type { KernelTrace } from './checker.ts';
import type { NsidSeen, StepRet } from './project.ts';
import type { Scenario, SetupStep, TeardownStep } from './scenario.ts';
import type { Observed } from './scan.ts';

/** The format tag of kernel counterexamples, version 1. */
export const KERNEL_FORMAT = 'netns-model/kernel-counterexample@1';

/** Where `netns-model kernel` saves them. */
export const KERNEL_DIR = 'counterexamples/kernel';

/** One stored rejection. */
export interface KernelCounterexample {
  readonly format: typeof KERNEL_FORMAT;
  /** `uname -r` of the machine that produced the trace. */
  readonly kernel: string;
  /** The campaign's seed and the scenario's number in it (null when run by hand). */
  readonly seed: number | null;
  readonly index: number | null;
  readonly scenario: Scenario;
  /** The kernel's setup answers, nsids and teardown events, as the checker read them. */
  readonly trace: Omit<KernelTrace, 'scenario'>;
  /** The raw monitor lines of the teardown window, with ms since the first teardown command. */
  readonly lines: readonly string[];
  /** The checker's explanation. */
  readonly message: string;
}

/** Builds the stored form of a rejected trace. */
export function kernelCounterexample(
  trace: KernelTrace,
  lines: readonly string[],
  message: string,
  origin: { seed: number | null; index: number | null },
): KernelCounterexample {
  const { scenario, rets, nsids, observed } = trace;
  return {
    ...{ format: KERNEL_FORMAT, kernel: release(), seed: origin.seed, index: origin.index },
    ...{ scenario, trace: { rets, nsids, observed }, lines, message },
  };
}

/** Writes `cx` as `<dir>/<12 hex of sha256(scenario)>.json`; returns the path. */
export function saveKernel(dir: string, cx: KernelCounterexample): string {
  const hash = createHash('sha256').update(JSON.stringify(cx.scenario)).digest('hex');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${hash.slice(0, 12)}.json`);
  writeFileSync(file, `${JSON.stringify(cx, null, 2)}\n`);
  return file;
}

const fail = (where: string, what: string, got: unknown): never => {
  throw new DecodeError(`${where}: expected ${what}, got ${JSON.stringify(got)?.slice(0, 60)}`);
};
const strings = (o: Record<string, unknown>, keys: readonly string[], w: string): void =>
  keys.forEach((k) => str(o, k, w));
const int = (x: unknown, w: string): number =>
  Number.isSafeInteger(x) ? (x as number) : fail(w, 'an integer', x);

const SETUP: Record<SetupStep['op'], readonly string[]> = {
  veth: ['dev', 'net', 'peer', 'peerNet'],
  bridge: ['dev', 'net'],
  move: ['dev', 'from', 'to'],
  nsid: ['net'],
  hold: ['id', 'net', 'via'],
};
const TEARDOWN: Record<TeardownStep['op'], readonly string[]> = {
  del: ['net'],
  release: ['hold'],
  settle: [],
};

function steps<T>(o: Record<string, unknown>, key: string, ops: object, w: string): T[] {
  return array(o, key, w).map((x, i) => {
    const s = object(x, `${w}.${key}[${i}]`);
    const fields = (ops as Record<string, readonly string[]>)[s.op as string];
    if (!fields) fail(`${w}.${key}[${i}].op`, `one of ${Object.keys(ops).join(', ')}`, s.op);
    strings(s, fields!, `${w}.${key}[${i}]`);
    if (s.op === 'hold' && s.via !== 'fd' && s.via !== 'proc')
      fail(`${w}.${key}[${i}].via`, '"fd" or "proc"', s.via);
    return s as T;
  });
}

function scenario(x: unknown, w: string): Scenario {
  const o = object(x, w);
  const nets = array(o, 'nets', w).map((n, i) =>
    typeof n === 'string' && n !== '' ? n : fail(`${w}.nets[${i}]`, 'a net name', n),
  );
  const sentinel = object(o.sentinel, `${w}.sentinel`);
  strings(sentinel, ['net', 'witnessDev'], `${w}.sentinel`);
  return {
    nets,
    setup: steps<SetupStep>(o, 'setup', SETUP, w),
    teardown: steps<TeardownStep>(o, 'teardown', TEARDOWN, w),
    sentinel: sentinel as unknown as Scenario['sentinel'],
  };
}

function ret(x: unknown, w: string): StepRet | null {
  if (x === null) return null;
  const o = object(x, w);
  if (o.ok === true) return { ok: true };
  if (o.ok !== false) fail(`${w}.ok`, 'true or false', o.ok);
  return { ok: false, errno: str(o, 'errno', w), message: String(o.message ?? '') };
}

function observed(x: unknown, w: string): Observed {
  const o = object(x, w);
  if (o.kind === 'dellink') return { kind: 'dellink', dev: str(o, 'dev', w) };
  if (o.kind === 'delnsid') return { kind: 'delnsid', id: int(o.id, `${w}.id`) };
  if (o.kind === 'other') return { kind: 'other', text: String(o.text ?? '') };
  return fail(`${w}.kind`, 'dellink, delnsid or other', o.kind);
}

/** Decodes a kernel counterexample file's text; errors name the file and the field. */
export function parseKernelCounterexample(text: string, file: string): KernelCounterexample {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DecodeError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const o = object(raw, file);
  if (o.format !== KERNEL_FORMAT) fail(`${file}.format`, `"${KERNEL_FORMAT}"`, o.format);
  const t = object(o.trace, `${file}.trace`);
  const nsid = (x: unknown, i: number): NsidSeen => {
    const w = `${file}.trace.nsids[${i}]`;
    const n = object(x, w);
    return { net: str(n, 'net', w), id: int(n.id, `${w}.id`) };
  };
  const opt = (x: unknown, w: string): number | null => (x === null ? null : int(x, w));
  return {
    format: KERNEL_FORMAT,
    kernel: str(o, 'kernel', file),
    seed: opt(o.seed ?? null, `${file}.seed`),
    index: opt(o.index ?? null, `${file}.index`),
    scenario: scenario(o.scenario, `${file}.scenario`),
    trace: {
      rets: array(t, 'rets', `${file}.trace`).map((r, i) => ret(r, `${file}.trace.rets[${i}]`)),
      nsids: array(t, 'nsids', `${file}.trace`).map(nsid),
      observed: array(t, 'observed', `${file}.trace`).map((e, i) =>
        observed(e, `${file}.trace.observed[${i}]`),
      ),
    },
    lines: Array.isArray(o.lines) ? o.lines.map(String) : [],
    message: typeof o.message === 'string' ? o.message : '',
  };
}

/** Reads and decodes a kernel counterexample file. */
export function loadKernel(file: string): KernelCounterexample {
  return parseKernelCounterexample(readText(file), file);
}
