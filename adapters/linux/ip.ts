/**
 * Running iproute2: argument vectors only (no shell), bounded by a timeout, answers per
 * command of a batch.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import type { StepRet } from './project.ts';

/** Where `ip` lives, or null: PATH first, then the usual sbin directories. */
export function findIp(env: NodeJS.ProcessEnv = process.env): string | null {
  const dirs = [...(env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const dir of dirs.filter((d) => d.startsWith('/'))) {
    try {
      accessSync(`${dir}/ip`, constants.X_OK);
      return `${dir}/ip`;
    } catch {
      continue;
    }
  }
  return null;
}

/** The `ip` processes started by {@link ip} that have not exited yet. */
const inflight = new Set<ChildProcess>();

/** Whether `pid` is still running (a zombie or a vanished pid has finished its work). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * SIGKILLs every `ip` still running and waits, synchronously and for at most `timeoutMs`,
 * until each has stopped, so that a cleanup that lists /run/netns afterwards cannot miss a
 * namespace one of them was still adding (signal and exit handlers cannot await).
 */
export function killInflight(timeoutMs = 2000): void {
  const pids = [...inflight].flatMap(
    (c) => (c.kill('SIGKILL'), c.pid === undefined ? [] : [c.pid]),
  );
  const deadline = performance.now() + timeoutMs;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  while (pids.some(running) && performance.now() < deadline) Atomics.wait(nap, 0, 0, 1);
}

/** What one `ip` process did. */
export interface IpResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ip args…` with optional stdin; rejects if it outlives `timeoutMs`. */
export function ip(
  bin: string,
  args: readonly string[],
  timeoutMs: number,
  input = '',
): Promise<IpResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    inflight.add(child);
    const [out, err]: [Buffer[], Buffer[]] = [[], []];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ip ${args.join(' ')}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => (inflight.delete(child), clearTimeout(timer), reject(e)));
    child.on('exit', () => inflight.delete(child));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
    child.stdin.end(input);
  });
}

/** Runs `ip args…` synchronously (cleanup paths, signal handlers). */
export function ipSync(bin: string, args: readonly string[], timeoutMs: number): IpResult {
  const r = spawnSync(bin, args, { timeout: timeoutMs, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The errno name an iproute2 error message stands for ('EUNKNOWN' if none fits). */
export function errnoOf(message: string): string {
  if (/exists|already has a nsid/i.test(message)) return 'EEXIST';
  if (/immutable|Invalid argument/i.test(message)) return 'EINVAL';
  if (/Cannot find device|No such device|No such file|does not exist/i.test(message))
    return 'ENOENT';
  if (/not supported|Unknown device type/i.test(message)) return 'EOPNOTSUPP';
  if (/not permitted/i.test(message)) return 'EPERM';
  return 'EUNKNOWN';
}

/**
 * Runs commands in order in one `ip [-n NETNS] -force -batch -` process and returns each
 * one's answer: iproute2 prints the error, then `Command failed -:LINE`, for each failure.
 */
export async function ipBatch(
  bin: string,
  netns: string | null,
  commands: readonly (readonly string[])[],
  timeoutMs: number,
): Promise<StepRet[]> {
  const args = [...(netns === null ? [] : ['-n', netns]), '-force', '-batch', '-'];
  const r = await ip(bin, args, timeoutMs, commands.map((c) => `${c.join(' ')}\n`).join(''));
  const rets: StepRet[] = commands.map(() => ({ ok: true }));
  let message: string[] = [];
  for (const line of r.stderr.split('\n')) {
    const failed = /^Command failed -:(\d+)$/.exec(line);
    if (!failed) {
      if (line !== '') message.push(line);
      continue;
    }
    const text = message.join(' ');
    rets[Number(failed[1]) - 1] = { ok: false, errno: errnoOf(text), message: text };
    message = [];
  }
  if (r.code !== 0 && rets.every((x) => x.ok))
    throw new Error(`ip ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return rets;
}
