import { defineConfig } from 'vitest/config';

/**
 * `npm test`: unit tests beside the code and API tests against a real database (SQLite always;
 * PostgreSQL too when TEST_DATABASE_URL is set). Browser tests live in e2e/ with their own config.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: more workers only fight over them.
    maxWorkers: 2,
    env: { LOG_LEVEL: 'silent' },
  },
});
