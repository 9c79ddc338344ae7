/**
 * Reads a child's stdout line by line, handing each line to whoever waits for it, with a
 * deadline; reports the child's exit to a waiting reader at once.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

type Waiter = { resolve: (line: string) => void; reject: (err: Error) => void };

/** Lines from a child process, one `next()` at a time. */
export class LineReader {
  readonly #lines: string[] = [];
  readonly #waiters: Waiter[] = [];
  #buffer = '';
  #ended: Error | null = null;

  constructor(
    child: ChildProcessWithoutNullStreams,
    describeExit: (code: number | null, signal: string | null) => Error,
  ) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.#push(chunk));
    child.on('exit', (code, signal) => this.#end(describeExit(code, signal)));
    child.on('error', (err) => this.#end(err));
  }

  #push(chunk: string): void {
    this.#buffer += chunk;
    let at: number;
    while ((at = this.#buffer.indexOf('\n')) >= 0) {
      const line = this.#buffer.slice(0, at);
      this.#buffer = this.#buffer.slice(at + 1);
      const waiter = this.#waiters.shift();
      if (waiter) waiter.resolve(line);
      else this.#lines.push(line);
    }
  }

  #end(err: Error): void {
    this.#ended ??= err;
    for (const w of this.#waiters.splice(0)) w.reject(this.#ended);
  }

  /** The next line, or a rejection when the child ends or `ms` pass first. */
  next(ms: number, onTimeout: () => Error): Promise<string> {
    const ready = this.#lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.#ended) return Promise.reject(this.#ended);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(onTimeout());
      }, ms);
      const waiter: Waiter = {
        resolve: (line) => (clearTimeout(timer), resolve(line)),
        reject: (err) => (clearTimeout(timer), reject(err)),
      };
      this.#waiters.push(waiter);
    });
  }
}
