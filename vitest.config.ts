import { defineConfig } from 'vitest/config';

/**
 * One `npm test` runs every suite. Projects split them by environment: jsdom for the renderer,
 * Node for the rest; e2e and reliability get longer time-outs and run one file at a time
 * because each starts real servers and a real Chromium on a 2-core machine.
 */
export default defineConfig({
  test: {
    globals: true,
    reporters: ['default', './test/support/slowest-files-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/common/**/*.test.ts', 'test/electron/**/*.test.ts', 'test/server/**/*.test.ts', 'test/scripts/**/*.test.ts', 'test/lint/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts', 'test/reliability/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
