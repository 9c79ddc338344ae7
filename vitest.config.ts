import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Vitest's default in run mode is one worker fewer than the cores: on this 2-core machine,
    // one, so the files ran one after another (122 s for `npm test` under load 4-5; 109 s
    // with two workers under the same load).
    maxWorkers: 2,
    coverage: {
      provider: 'v8',
      include: ['model/**/*.ts'],
      exclude: ['test/**', 'model/index.ts', 'model/trace.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: {
        'model/**/*.ts': { lines: 100, branches: 100, functions: 100, statements: 100 },
      },
    },
  },
});
