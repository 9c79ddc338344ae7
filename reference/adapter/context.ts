/** What every adapter handler gets: the kernel, the id table and the boot kind. */
import type { kernel } from '../kernel.ts';
import type { IdTable } from './ids.ts';

/** The adapter's context. */
export interface Ctx {
  readonly k: kernel;
  readonly ids: IdTable;
  readonly full: boolean;
}
