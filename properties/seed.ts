/**
 * Seeds: random by default, fixed by NETNS_SEED, always printed so a run can be repeated.
 */

/** The seed for this run: NETNS_SEED if set (an integer), else a fresh random one. */
export function runSeed(env: NodeJS.ProcessEnv = process.env): number {
  const fixed = env.NETNS_SEED;
  if (fixed === undefined || fixed === '') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(fixed);
  if (!Number.isSafeInteger(seed)) throw new Error(`NETNS_SEED must be an integer, got "${fixed}"`);
  return seed;
}
