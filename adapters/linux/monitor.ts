/**
 * The witness's `ip -o monitor link nsid`: one process, parsed line by line with arrival
 * times, and bounded waits for a line to arrive.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseMonitorLine, type WitnessEvent } from './parse.ts';

/** A running monitor in one namespace. */
export class Monitor {
  /** Every line so far, in arrival order. */
  readonly events: WitnessEvent[] = [];
  readonly #child: ChildProcess;
  readonly #wake = new Set<() => void>();
  #exit: string | null = null;

  /** Starts `ip -o -n NETNS monitor link nsid` with a large receive buffer. */
  constructor(bin: string, netns: string) {
    const args = ['-o', '-rcvbuf', '8388608', '-n', netns, 'monitor', 'link', 'nsid'];
    this.#child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const push = (prefix: string) => (line: string) => {
      this.events.push(parseMonitorLine(prefix + line, performance.now()));
      for (const wake of this.#wake) wake();
    };
    createInterface({ input: this.#child.stdout! }).on('line', push(''));
    createInterface({ input: this.#child.stderr! }).on('line', push('monitor stderr: '));
    this.#child.on('exit', (code, signal) => {
      this.#exit = `monitor exited (${signal ?? code})`;
      for (const wake of this.#wake) wake();
    });
  }

  /** The monitor's process id. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /**
   * Resolves with the index of the first event at or after `from` that `match`es; rejects
   * when `timeoutMs` passes first or the monitor dies.
   */
  waitFor(
    match: (e: WitnessEvent) => boolean,
    from: number,
    timeoutMs: number,
    what: string,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      let next = from;
      const done = (): void => {
        clearTimeout(timer);
        this.#wake.delete(check);
      };
      const check = (): void => {
        for (; next < this.events.length; next += 1) {
          if (!match(this.events[next]!)) continue;
          done();
          return resolve(next);
        }
        if (this.#exit === null) return;
        done();
        reject(new Error(`${this.#exit} while waiting for ${what}`));
      };
      const timer = setTimeout(
        () => (done(), reject(new Error(`no ${what} within ${timeoutMs} ms`))),
        timeoutMs,
      );
      this.#wake.add(check);
      check();
    });
  }

  /** Stops the monitor (SIGKILL to the process this object started). */
  stop(): void {
    if (this.#exit === null && this.#child.exitCode === null) this.#child.kill('SIGKILL');
  }
}
