// Unit and integration tests (vitest). End-to-end tests run through Playwright (tests/e2e).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'domain/**/*.test.ts',
      'main/**/*.test.ts',
      'server/**/*.test.ts',
      'electron/**/*.test.ts',
      'web/**/*.test.ts',
      'db/**/*.test.ts',
      'preload/**/*.test.ts',
      'renderer/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/contract/**/*.test.ts',
      'tests/security/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
