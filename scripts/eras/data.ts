/**
 * The figures docs/eras.md shows, measured on the model (bench/teardown.ts): the seed
 * scenario's cost per profile at several numbers of nets, and the time estimate when the same
 * nets die in smaller batches.
 */
import { teardown } from '../../bench/teardown.ts';
import { type Cost, estimate } from '../../model/cost.ts';
import { type Kernel, KERNELS } from '../../model/kernels.ts';

/** One measurement. */
export interface Point {
  readonly kernel: Kernel;
  readonly nets: number;
  readonly batch: number;
  readonly cost: Cost;
  /** Estimated seconds (model/cost.ts COSTS). */
  readonly seconds: number;
  /** Of which the TIME_WAIT walks. */
  readonly walkSeconds: number;
}

/** The numbers of nets plotted: powers of four up to 4096. */
export const SIZES = [1, 4, 16, 64, 256, 1024, 4096];

/** The profiles, oldest first. */
export const ERAS: readonly Kernel[] = [...KERNELS].reverse();

const point = (kernel: Kernel, nets: number, batch = nets): Point => {
  const { cost } = teardown({ kernel, nets, batch });
  const e = estimate(cost);
  return { kernel, nets, batch, cost, seconds: e.total!, walkSeconds: e['tw walks']! };
};

/** Every profile at every size, one batch each. */
export const growth = (sizes: readonly number[] = SIZES): Point[] =>
  ERAS.flatMap((kernel) => sizes.map((nets) => point(kernel, nets)));

/** The batched profiles with `nets` nets dying in batches of each size. */
export const batches = (nets: number, sizes: readonly number[]): Point[] =>
  ERAS.filter((k) => k !== '2.6.32').flatMap((kernel) => sizes.map((b) => point(kernel, nets, b)));
