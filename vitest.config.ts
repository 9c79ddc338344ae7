import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
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
