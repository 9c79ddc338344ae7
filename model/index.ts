/** The model's public surface. */
export * from './actions.ts';
export * from './events.ts';
export { initialState, INIT_NET, CORE_OPS, CORE_OPS_OF, loopbackId, TCP_OP } from './state.ts';
export type { State, Op, Net, Device, Kernel, InitOptions, TwEntry } from './state.ts';
export { KERNELS, PROFILES, profileOf } from './kernels.ts';
export type { Profile } from './kernels.ts';
export { step } from './step.ts';
export type { Result } from './context.ts';
export { view } from './view.ts';
export type { View, NetView, OpView } from './view.ts';
export type { Trace, TraceStep, Violation, Invariant } from './trace.ts';
