/**
 * kernel/workqueue.c — an ordered (single-threaded) workqueue that only runs when driven:
 * queue_work() marks a work item pending and appends it; process_one_work() runs the oldest
 * pending item. The contract's `cleanup_net` action is one process_one_work() on netns_wq.
 */
import {
  INIT_LIST_HEAD,
  LIST_HEAD,
  list_add_tail,
  list_del_init,
  list_empty,
  list_first_entry,
  list_head,
} from '../include/list.ts';
import type { kernel } from '../kernel.ts';

/** struct work_struct. */
export interface work_struct {
  readonly func: (k: kernel, work: work_struct) => void;
  /** The structure the work is embedded in (container_of), if any. */
  readonly container?: object;
  entry: list_head<work_struct>;
  /** WORK_STRUCT_PENDING_BIT. */
  pending: boolean;
}

/** struct workqueue_struct. */
export interface workqueue_struct {
  readonly name: string;
  worklist: list_head<work_struct>;
}

/** DECLARE_WORK() / INIT_WORK(). */
export function INIT_WORK(
  func: (k: kernel, work: work_struct) => void,
  container?: object,
): work_struct {
  const work: work_struct = { func, entry: LIST_HEAD(), pending: false, container };
  work.entry = new list_head(work);
  INIT_LIST_HEAD(work.entry);
  return work;
}

/** create_singlethread_workqueue(). */
export function create_singlethread_workqueue(name: string): workqueue_struct {
  return { name, worklist: LIST_HEAD() };
}

/** queue_work(): false when the work is already pending (queueing it again is a no-op). */
export function queue_work(_k: kernel, wq: workqueue_struct, work: work_struct): boolean {
  if (work.pending) return false;
  work.pending = true;
  list_add_tail(work.entry, wq.worklist);
  return true;
}

/** Whether `wq` has pending work. */
export function workqueue_busy(wq: workqueue_struct): boolean {
  return !list_empty(wq.worklist);
}

/**
 * process_one_work(): run the oldest pending item; false when there is none. The pending bit
 * is cleared before the function runs, so the function may queue its own work again.
 */
export function process_one_work(k: kernel, wq: workqueue_struct): boolean {
  if (list_empty(wq.worklist)) return false;
  const work = list_first_entry(wq.worklist);
  list_del_init(work.entry);
  work.pending = false;
  k.counters.workRuns += 1;
  work.func(k, work);
  return true;
}
