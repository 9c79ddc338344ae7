/**
 * A broken conversation with an implementation (it crashed, hung, answered garbage or could
 * not be loaded): not a counterexample, so a check stops at once and exits 2.
 */
export class ImplementationError extends Error {}
