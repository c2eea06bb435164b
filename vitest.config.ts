import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first: each is one worker's work for a long while (the
 * random-input test is a single test), and started last it runs alone while the other core idles.
 * Vitest orders by the durations of the last run in its cache and, without one (a clean clone, or a
 * cache the previous step's other files overwrote), by file size: the 72-line random-input test was
 * started last, in npm test (27 s alone at the end, of 327 s) and in CI's PostgreSQL step (192 s
 * alone, of 1318 s), on a loaded machine (2026-11-27 evening, ADR 034 amendment).
 */
const LONGEST_FIRST = [
  'test/api/no-5xx.property.test.ts',
  'test/api/authorization-matrix.test.ts',
  'src/server/platform/outbox-failures.test.ts',
  'src/server/platform/outbox.test.ts',
  'test/platform/crash-safety.test.ts',
  'test/platform/backup.test.ts',
  'test/platform/graceful-restart.test.ts',
  'src/server/modules/communities/hold-and-hide.routes.test.ts',
];

/** Vitest's order (cached durations, else size), with the files above moved to the front. */
class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.findIndex((known) => file.moduleId.endsWith(`/${known}`));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    // Array.prototype.sort is stable: the other files keep Vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

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
    // Each worker keeps its loaded modules from one test file to the next. Isolated, every file
    // loaded Fastify, Kysely, zod and the app again: 38 % of npm test's time (90 s → 47 s here).
    // Files share no state through modules: each builds its own app on its own database.
    isolate: false,
    sequence: { sequencer: LongestFirstSequencer },
    env: { LOG_LEVEL: 'silent' },
  },
});
