/**
 * An implementation in any language, reached over NDJSON on its stdin/stdout (DESIGN.md §5):
 * `{"reset":{"boot":…}}` between runs, `{"id":n,"action":…}` per step, answered by
 * `{"id":n,"ret":…,"events":[…],"view"?:…}`. One process serves every run.
 */
import { spawn } from 'node:child_process';
import type { Action } from '../../model/actions.ts';
import type { View } from '../../model/view.ts';
import type {
  BootOptions,
  Factory,
  Implementation,
  Outcome,
} from '../../properties/implementation.ts';
import { ImplementationError } from '../../properties/implementation-error.ts';
import { DecodeError, object, parseEvent, parseRet } from '../../properties/json.ts';
import { LineReader } from './line-reader.ts';

/** Options of {@link stdioImplementation}. */
export interface StdioOptions {
  /** How long one answer may take, in ms (default 5000). */
  readonly timeoutMs?: number;
}

/** A factory over one long-lived child running `command` (a shell command line). */
export function stdioImplementation(
  command: string,
  opts: StdioOptions = {},
): Factory & { stop(): void } {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const child = spawn(command, { shell: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => (stderr = (stderr + s).slice(-2000)));
  const lastStderr = () =>
    stderr.trim() ? `; its stderr ends: ${stderr.trim().split('\n').slice(-2).join(' | ')}` : '';
  const reader = new LineReader(
    child,
    (code, signal) =>
      new ImplementationError(`"${command}" exited (${signal ?? `code ${code}`})${lastStderr()}`),
  );
  child.stdin.on('error', () => undefined); // a dead child is reported by the reader
  let nextId = 0;

  async function ask(message: object, what: string): Promise<Record<string, unknown>> {
    child.stdin.write(`${JSON.stringify(message)}\n`);
    const line = await reader.next(
      timeoutMs,
      () => new ImplementationError(`"${command}" did not answer ${what} within ${timeoutMs} ms`),
    );
    try {
      return object(JSON.parse(line), `answer to ${what}`);
    } catch (e) {
      const why =
        e instanceof DecodeError
          ? e.message
          : `answer to ${what} is not JSON: ${JSON.stringify(line.slice(0, 80))}`;
      throw new ImplementationError(why);
    }
  }

  async function apply(action: Action, lastView: { v?: View }): Promise<Outcome> {
    const id = nextId++;
    const what = `action #${id} (${action.type})`;
    const answer = await ask({ id, action }, what);
    if (answer.error !== undefined)
      throw new ImplementationError(`"${command}" refused ${what}: ${String(answer.error)}`);
    if (answer.id !== id)
      throw new ImplementationError(
        `answer to ${what}.id: expected ${id}, got ${JSON.stringify(answer.id)}`,
      );
    try {
      const events = Array.isArray(answer.events)
        ? answer.events.map((e, i) => parseEvent(e, `answer to ${what}.events[${i}]`))
        : [];
      if (!Array.isArray(answer.events))
        throw new DecodeError(
          `answer to ${what}.events: expected an array, got ${JSON.stringify(answer.events)}`,
        );
      lastView.v =
        answer.view === undefined
          ? undefined
          : (object(answer.view, `answer to ${what}.view`) as unknown as View);
      return { ret: parseRet(answer.ret, `answer to ${what}.ret`), events };
    } catch (e) {
      throw e instanceof DecodeError ? new ImplementationError(e.message) : e;
    }
  }

  const factory = async ({ boot, kernel }: BootOptions): Promise<Implementation> => {
    // The profile goes in the reset only when it is not 6.18: v1 programs see v1 messages.
    const reset = kernel === undefined || kernel === '6.18' ? { boot } : { boot, kernel };
    const answer = await ask({ reset }, `reset (${boot} boot${kernel ? `, ${kernel}` : ''})`);
    if (answer.ok !== true)
      throw new ImplementationError(
        `answer to reset: expected {"ok":true}, got ${JSON.stringify(answer).slice(0, 80)}`,
      );
    const last: { v?: View } = {};
    return { apply: (action) => apply(action, last), view: () => last.v };
  };
  return Object.assign(factory, { stop: () => void child.kill() });
}
