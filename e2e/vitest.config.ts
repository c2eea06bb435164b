import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the real server as a child process, real Chromium (/usr/bin/chromium, never
 * downloaded), axe-core on every page visited. One file at a time: they share two cores.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    // Builds the web app and compiles the server once for the run (e2e/global-setup.ts).
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
    maxWorkers: 1,
  },
});
