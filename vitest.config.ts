// One vitest run covers every package. Server and browser tests share a PostgreSQL server
// (embedded, or DATABASE_URL's) started once in globalSetup; each test file makes its own database.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'engine',
          include: ['packages/engine/test/**/*.test.ts', 'packages/io/test/**/*.test.ts', 'packages/cli/test/**/*.test.ts', 'packages/web/test/**/*.test.ts'],
          environment: 'node',
          // property tests run hundreds of cases: time is measured by benchmarks, never by a
          // test's clock, so a loaded machine must not fail them
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['packages/server/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['packages/server/test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['packages/web/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['packages/server/test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
    maxWorkers: 2,
  },
});
