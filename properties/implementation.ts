/**
 * What the harness can check: anything that takes actions and answers with `ret` and
 * events (DESIGN.md §2). A view makes lockstep stricter; `close` releases resources.
 */
import type { Action } from '../model/actions.ts';
import type { Event, Ret } from '../model/events.ts';
import type { Kernel } from '../model/kernels.ts';
import type { View } from '../model/view.ts';

/** An implementation's answer to one action. */
export interface Outcome {
  readonly ret: Ret;
  readonly events: readonly Event[];
}

/** An implementation under test; `apply` may be synchronous or not. */
export interface Implementation {
  apply(action: Action): Outcome | Promise<Outcome>;
  view?(): View | undefined | Promise<View | undefined>;
  close?(): void | Promise<void>;
}

/**
 * How a fresh implementation boots: `full` after net_dev_init(), `bare` before it; `kernel`
 * is the profile (absent: 6.18, docs/contract.md "Kernel profiles").
 */
export interface BootOptions {
  readonly boot: 'full' | 'bare';
  readonly kernel?: Kernel;
}

/** The options a factory gets: `kernel` only when it is not 6.18, so v1 factories see v1. */
export const bootOptions = (boot: 'full' | 'bare', kernel?: Kernel): BootOptions =>
  kernel === undefined || kernel === '6.18' ? { boot } : { boot, kernel };

/** Makes a fresh implementation, booted as asked, for one run. */
export type Factory = (opts: BootOptions) => Implementation | Promise<Implementation>;
