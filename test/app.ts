import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { build, type BuildOptions, type KindredApp } from '../src/server/app.js';
import type { Bus } from '../src/server/platform/bus.js';
import { ManualClock } from '../src/server/platform/clock.js';
import type { TestDatabase } from './databases.js';

export const fixtureCurriculumDir = fileURLToPath(new URL('./fixtures/curriculum', import.meta.url));

/** Captures everything the app logs, so tests can assert what never appears in logs. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    cb();
  }
  get text(): string {
    return this.lines.join('');
  }
}

export interface TestAppOptions extends Omit<BuildOptions, 'config'> {
  config?: BuildOptions['config'];
  bus?: Bus;
}

/**
 * Builds the real app on a fresh database, with a manual clock and fast (still Argon2id) hashing.
 * The database comes migrated where that is cheaper (a copy of the run's template on PostgreSQL,
 * test/databases.ts); the app's migrator runs on it all the same and finds nothing left to do.
 */
export async function buildTestApp(database: TestDatabase, opts: TestAppOptions = {}) {
  const db = await database.create({ migrated: true });
  const clock = opts.clock instanceof ManualClock ? opts.clock : new ManualClock();
  const app = await build({
    passwordStrength: 'test',
    pollMs: 0,
    checkResponses: true,
    ...opts,
    clock,
    ...(db.pgSchema ? { pgSchema: db.pgSchema } : {}),
    config: {
      databaseUrl: db.url,
      redisUrl: undefined,
      secret: 'test-secret-test-secret-test-secret-0123456789',
      logLevel: opts.logStream ? 'info' : 'silent',
      // A small fixed curriculum, so API tests do not change with the real one's wording.
      curriculumDir: fixtureCurriculumDir,
      // Tests make many changes as one account within a minute; the limit has its own tests.
      writeRateLimitPerMinute: 100_000,
      ...opts.config,
    },
  });
  return {
    app,
    clock,
    async close() {
      await app.close();
      await db.cleanup();
    },
  };
}

/**
 * `build(t)` for a describe block: one app per file, closed at the end. The tests of the block share
 * it, so each test's events are delivered before the next test starts: one left in the outbox was
 * delivered during a later test (a space's creation, heard back over the bus, emptied the space cache
 * between a reader's two reads: a kept answer counted in CI was missed).
 */
export function useTestApp(database: TestDatabase, opts: TestAppOptions = {}) {
  const ctx = {} as { app: KindredApp; clock: ManualClock; close(): Promise<void> };
  beforeAll(async () => {
    Object.assign(ctx, await buildTestApp(database, opts));
  });
  afterEach(async () => {
    await ctx.app?.kindred.dispatcher.idle();
  });
  afterAll(async () => {
    await ctx.close?.();
  });
  return ctx;
}
