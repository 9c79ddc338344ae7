/**
 * Safety: the preflight check, the per-run names, and a session that records everything a
 * run creates so that it can be removed on success, failure, timeout, exit and signals.
 * Nothing outside the run's prefix is ever named, held or deleted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
} from 'node:fs';
import { findIp, ipSync, killInflight } from './ip.ts';
import type { Monitor } from './monitor.ts';
import { type Naming, nsName } from './parse.ts';

const NETNS_DIR = '/run/netns';
const CAP_SYS_ADMIN = 21n;

/** What {@link kernelUnavailable} looks at; replaceable in tests. */
export interface Probe {
  readonly status: () => string;
  readonly findIp: () => string | null;
  readonly runs: (bin: string) => boolean;
}

const HOST: Probe = {
  status: () => readFileSync('/proc/self/status', 'utf8'),
  findIp: () => findIp(),
  runs: (bin) => ipSync(bin, ['-V'], 5000).code === 0,
};

/** Why the live kernel cannot be driven here, or null if it can (CAP_SYS_ADMIN and `ip`). */
export function kernelUnavailable(probe: Probe = HOST): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  let caps: bigint;
  try {
    caps = BigInt(`0x${/^CapEff:\s*([0-9a-f]+)$/m.exec(probe.status())?.[1] ?? '0'}`);
  } catch {
    return 'cannot read the capabilities in /proc/self/status';
  }
  if (((caps >> CAP_SYS_ADMIN) & 1n) === 0n)
    return 'needs root (CAP_SYS_ADMIN) to create network namespaces';
  const bin = probe.findIp();
  if (bin === null) return 'iproute2 `ip` not found in PATH, /usr/sbin or /sbin';
  return probe.runs(bin) ? null : `${bin} -V failed`;
}

/** Fresh names for one run: `nm-<pid>-<random>-` for namespaces, `n<random>` for devices. */
export function freshNaming(): Naming {
  const r = randomBytes(4).readUInt32BE(0).toString(36).padStart(6, '0');
  return { prefix: `nm-${process.pid}-${r}-`, tag: `n${r.slice(0, 4)}` };
}

const live = new Set<Session>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const s of [...live]) s.cleanupSync();
  for (const sig of SIGNALS) process.removeListener(sig, onSignal);
  process.kill(process.pid, signal);
}

function onExit(): void {
  for (const s of [...live]) s.cleanupSync();
}

function track(s: Session): void {
  if (live.size === 0) {
    for (const sig of SIGNALS) process.on(sig, onSignal);
    process.on('exit', onExit);
  }
  live.add(s);
}

function untrack(s: Session): void {
  live.delete(s);
  if (live.size > 0) return;
  for (const sig of SIGNALS) process.removeListener(sig, onSignal);
  process.removeListener('exit', onExit);
}

/** Everything one run holds in the kernel, and how to let go of it. */
export class Session {
  readonly #fds = new Map<string, number>();
  readonly #procs = new Map<string, ChildProcess>();
  monitor: Monitor | null = null;

  constructor(
    readonly bin: string,
    readonly naming: Naming,
  ) {
    track(this);
  }

  /** The kernel name of a logical namespace of this run. */
  ns(net: string): string {
    return nsName(this.naming, net);
  }

  /** Takes a reference on `net`: an open fd on its nsfs file, or a `sleep` inside it. */
  async hold(id: string, net: string, via: 'fd' | 'proc', timeoutMs: number): Promise<void> {
    const path = `${NETNS_DIR}/${this.ns(net)}`;
    if (via === 'fd') return void this.#fds.set(id, openSync(path, 'r'));
    const child = spawn(this.bin, ['netns', 'exec', this.ns(net), 'sleep', '3600'], {
      stdio: 'ignore',
    });
    this.#procs.set(id, child);
    const want = `net:[${statSync(path).ino}]`;
    const deadline = performance.now() + timeoutMs;
    while (readNetLink(child.pid) !== want) {
      if (child.exitCode !== null || performance.now() > deadline)
        throw new Error(`holder ${id} did not enter ${this.ns(net)} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  /** Drops the reference taken by hold `id`; for a process, waits until it has exited. */
  async release(id: string, timeoutMs: number): Promise<void> {
    const fd = this.#fds.get(id);
    if (fd !== undefined) return (this.#fds.delete(id), closeSync(fd));
    const child = this.#procs.get(id);
    if (!child) throw new Error(`no hold ${id}`);
    const exited = new Promise<void>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => reject(new Error(`holder ${id} did not exit`)), timeoutMs);
      child.once('exit', () => (clearTimeout(timer), resolve()));
    });
    child.kill('SIGKILL');
    await exited;
    this.#procs.delete(id);
  }

  /** This run's namespaces that still have a name in /run/netns. */
  leftovers(): string[] {
    return existsSync(NETNS_DIR)
      ? readdirSync(NETNS_DIR).filter((n) => n.startsWith(this.naming.prefix))
      : [];
  }

  /**
   * Removes everything the run created, synchronously: `ip` commands still running, holders,
   * the monitor, then every namespace carrying the run's prefix. Idempotent; safe in signal
   * and exit handlers.
   */
  cleanupSync(): string[] {
    killInflight();
    for (const child of this.#procs.values()) if (child.exitCode === null) child.kill('SIGKILL');
    for (const fd of this.#fds.values()) closeSync(fd);
    this.#procs.clear();
    this.#fds.clear();
    this.monitor?.stop();
    const names = this.leftovers();
    for (const name of names) ipSync(this.bin, ['netns', 'del', name], 10_000);
    untrack(this);
    const stuck = this.leftovers();
    if (stuck.length > 0) throw new Error(`could not delete ${stuck.join(', ')}`);
    return names;
  }
}

function readNetLink(pid: number | undefined): string | null {
  try {
    return pid === undefined ? null : readlinkSync(`/proc/${pid}/ns/net`);
  } catch {
    return null;
  }
}
