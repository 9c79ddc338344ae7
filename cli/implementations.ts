/**
 * The implementations `check` can run by name.
 */
import type { Factory } from '../properties/implementation.ts';
import { modelImplementation } from '../properties/model-implementation.ts';

/** Name → factory. */
export const IMPLEMENTATIONS: Readonly<Record<string, Factory>> = {
  model: (opts) => modelImplementation(opts),
};
