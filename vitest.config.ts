import { defineConfig } from 'vitest/config';

// Three tiers (STYLE.md rule 14): unit in Node, DOM with happy-dom, e2e in real browsers on dist/.
export default defineConfig({
  test: {
    projects: [
      {
        // The build flags as in a production Chrome build: the background's code runs unchanged in Node.
        define: { __DEBUG__: 'false', __FIREFOX__: 'false' },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          setupFiles: ['test/setup/english.ts'],
        },
      },
      {
        test: {
          name: 'dom',
          include: ['test/dom/**/*.test.ts'],
          environment: 'happy-dom',
          testTimeout: 30_000,
          setupFiles: ['test/setup/english.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Browsers are heavy on a 2-core machine: one e2e file at a time. No retries: a test
          // that misses a deadline under load waits on the event it needs instead.
          fileParallelism: false,
        },
      },
    ],
  },
});
