/**
 * The tests StrykerJS runs against each mutant of reference/ (`npm run mutation`): the
 * reference's own unit tests, and fast lockstep samples with a pinned seed (test/mutation/): the
 * 6.18 profile with and without each bug switch, and the 2.6.33 and 2.6.32 profiles, so a
 * mutant's verdict does not depend on the run.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/reference/**/*.test.ts', 'test/mutation/**/*.mutation.ts'],
    // The CLI-level detection test shrinks and prints; test/mutation/bugs.mutation.ts does
    // the same job per mutant in a fraction of the time.
    exclude: ['test/reference/bugs.test.ts', '**/node_modules/**'],
    testTimeout: 120_000,
  },
});
