import { buildTestApp, type TestAppOptions } from './app.js';
import type { TestDatabase } from './databases.js';
import { createBus } from '../src/server/platform/bus.js';

/**
 * Two app instances on one database, each with its own Redis bus connection on a channel of
 * their own (as two processes behind a load balancer would be). `close()` ends both and the database.
 * `opts` adds build options for one instance (e.g. `dispatchEvents: false` on A: what A commits is
 * not yet heard on B).
 */
export async function buildTwoInstances(
  database: TestDatabase,
  redisUrl: string,
  label: string,
  opts: { a?: Pick<TestAppOptions, 'dispatchEvents'>; b?: Pick<TestAppOptions, 'dispatchEvents'> } = {},
) {
  const db = await database.create({ persistent: true });
  const shared = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
  const config = { databaseUrl: db.url, secret: 'two-instances-secret-two-instances-secret-0123', logLevel: 'silent' as const };
  const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
  const channel = `kindred:test:${label}:${Date.now()}:${Math.random()}`;
  const a = await buildTestApp(shared, { ...opts.a, config, ...pg, bus: await createBus(redisUrl, channel) });
  const b = await buildTestApp(shared, { ...opts.b, config, ...pg, bus: await createBus(redisUrl, channel) });
  return {
    a,
    b,
    async close() {
      await b.app.close();
      await a.app.close();
      await db.cleanup();
    },
  };
}
