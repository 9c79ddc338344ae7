/**
 * include/linux/rwsem.h — reader/writer semaphores, for a single-threaded kernel: acquisition
 * never blocks, but the state is tracked so that lock misuse (a writer inside a reader, an
 * unlock without a lock) is a bug, and acquisitions of a counted lock bump its cost counter.
 */
import { BUG_ON } from './bug.ts';
import type { netns_counters, trace_state } from './trace/events/netns.ts';

/** struct rw_semaphore. */
export interface rw_semaphore {
  readonly name: string;
  readers: number;
  writer: boolean;
  /** The contract counter this lock's acquisitions feed (lock_stat stand-in), if any. */
  readonly lock_stat: keyof netns_counters | null;
}

/** DECLARE_RWSEM(). */
export function DECLARE_RWSEM(name: string, lock_stat: keyof netns_counters | null): rw_semaphore {
  return { name, readers: 0, writer: false, lock_stat };
}

function acquired(k: trace_state, sem: rw_semaphore): void {
  if (sem.lock_stat) k.counters[sem.lock_stat] += 1;
}

/** down_read(). */
export function down_read(k: trace_state, sem: rw_semaphore): void {
  BUG_ON(sem.writer, `down_read(${sem.name}) while write-locked: deadlock`);
  sem.readers += 1;
  acquired(k, sem);
}

/** down_read_killable(): never interrupted here; returns 0. */
export function down_read_killable(k: trace_state, sem: rw_semaphore): number {
  down_read(k, sem);
  return 0;
}

/** up_read(). */
export function up_read(_k: trace_state, sem: rw_semaphore): void {
  BUG_ON(sem.readers === 0, `up_read(${sem.name}) without down_read`);
  sem.readers -= 1;
}

/** down_write(). */
export function down_write(k: trace_state, sem: rw_semaphore): void {
  BUG_ON(sem.writer || sem.readers > 0, `down_write(${sem.name}) while held: deadlock`);
  sem.writer = true;
  acquired(k, sem);
}

/** up_write(). */
export function up_write(_k: trace_state, sem: rw_semaphore): void {
  BUG_ON(!sem.writer, `up_write(${sem.name}) without down_write`);
  sem.writer = false;
}
