/**
 * The counterexample database (DESIGN.md §4): one JSON file per failure, holding the decoded
 * actions (not only seed and path), so it survives generator changes and replays forever.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Action } from '../model/actions.ts';
import type { Event } from '../model/events.ts';
import { type Kernel, KERNELS } from '../model/kernels.ts';
import { array, DecodeError, object, parseAction, parseEvent, readText, str } from './json.ts';

/** The format tag of version 1. */
export const FORMAT = 'netns-model/counterexample@1';

/** Which implementation failed: a name `check --impl` knows, and any bug switches. */
export interface ImplementationRef {
  readonly name: string;
  readonly bugs?: readonly string[];
}

/** One stored failure. */
export interface Counterexample {
  readonly format: typeof FORMAT;
  /** The kernel profile the run was made under (docs/contract.md, Kernel profiles). */
  readonly kernel: Kernel;
  readonly property: string;
  readonly seed: number | null;
  readonly path: string | null;
  readonly boot: 'full' | 'bare';
  readonly implementation: ImplementationRef;
  readonly actions: readonly Action[];
  /** The model's events, step by step. */
  readonly expected: readonly (readonly Event[])[];
  /** The implementation's events, step by step (up to where it stopped answering). */
  readonly observed: readonly (readonly Event[])[] | null;
  readonly message: string;
}

/** `<property>-<8 hex of sha256(property, implementation, boot, actions)>.json`. */
export function fileName(cx: Counterexample): string {
  const key = JSON.stringify([cx.property, cx.implementation, cx.boot, cx.actions]);
  return `${cx.property}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}.json`;
}

/** Writes `cx` into `dir` (created if needed); returns the file's path. */
export function save(dir: string, cx: Counterexample): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, fileName(cx));
  writeFileSync(file, `${JSON.stringify(cx, null, 2)}\n`);
  return file;
}

function events(x: unknown, where: string): Event[][] {
  if (!Array.isArray(x))
    throw new DecodeError(
      `${where}: expected an array of event lists, got ${JSON.stringify(x)?.slice(0, 40)}`,
    );
  return x.map((step, i) => {
    if (!Array.isArray(step)) throw new DecodeError(`${where}[${i}]: expected an array of events`);
    return step.map((e, j) => parseEvent(e, `${where}[${i}][${j}]`));
  });
}

/** Decodes a counterexample file's text; errors name the file and the field. */
export function parseCounterexample(text: string, file: string): Counterexample {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DecodeError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const o = object(raw, file);
  if (o.format !== FORMAT)
    throw new DecodeError(`${file}.format: expected "${FORMAT}", got ${JSON.stringify(o.format)}`);
  const kernel = KERNELS.find((k) => k === o.kernel);
  if (kernel === undefined)
    throw new DecodeError(
      `${file}.kernel: expected one of ${KERNELS.map((k) => `"${k}"`).join(', ')}, got ${JSON.stringify(o.kernel)}`,
    );
  if (o.boot !== 'full' && o.boot !== 'bare')
    throw new DecodeError(`${file}.boot: expected "full" or "bare", got ${JSON.stringify(o.boot)}`);
  const impl = object(o.implementation, `${file}.implementation`);
  const bugs =
    impl.bugs === undefined ? [] : array(impl, 'bugs', `${file}.implementation`).map(String);
  return {
    format: FORMAT,
    kernel,
    property: str(o, 'property', file),
    seed: typeof o.seed === 'number' ? o.seed : null,
    path: typeof o.path === 'string' ? o.path : null,
    boot: o.boot,
    implementation: {
      name: str(impl, 'name', `${file}.implementation`),
      ...(bugs.length ? { bugs } : {}),
    },
    actions: array(o, 'actions', file).map((a, i) => parseAction(a, `${file}.actions[${i}]`)),
    expected: events(o.expected, `${file}.expected`),
    observed:
      o.observed === null || o.observed === undefined
        ? null
        : events(o.observed, `${file}.observed`),
    message: typeof o.message === 'string' ? o.message : '',
  };
}

/** Reads and decodes a counterexample file. */
export function load(file: string): Counterexample {
  return parseCounterexample(readText(file), file);
}

/** Every counterexample file in `dir` (none if it does not exist), sorted by name. */
export function storedFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}
