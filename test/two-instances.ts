import { buildTestApp, type TestAppOptions } from './app.js';
import type { TestDatabase } from './databases.js';
import { createBus, InProcessBus, type Bus } from '../src/server/platform/bus.js';

/**
 * Two app instances on one database. With `redisUrl`, each has its own Redis bus connection on a
 * channel of their own (as two processes behind a load balancer would be); without it, both share one
 * in-process bus (every event reaches both at once, in order: deterministic orderings between them).
 * `close()` ends both, their buses and the database. `opts` adds build options for one instance
 * (e.g. `dispatchEvents: false` on A: what A commits is not yet heard on B, and B dispatches it).
 */
export async function buildTwoInstances(
  database: TestDatabase,
  redisUrl: string | undefined,
  label: string,
  opts: { a?: Pick<TestAppOptions, 'dispatchEvents'>; b?: Pick<TestAppOptions, 'dispatchEvents'> } = {},
) {
  const db = await database.create({ persistent: true });
  const shared = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
  const config = { databaseUrl: db.url, secret: 'two-instances-secret-two-instances-secret-0123', logLevel: 'silent' as const };
  const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
  const channel = `kindred:test:${label}:${Date.now()}:${Math.random()}`;
  const inProcess = redisUrl ? null : new InProcessBus();
  const busOf = async (): Promise<Bus> => inProcess ?? (await createBus(redisUrl, channel));
  const buses = [await busOf(), await busOf()] as const;
  const a = await buildTestApp(shared, { ...opts.a, config, ...pg, bus: buses[0] });
  const b = await buildTestApp(shared, { ...opts.b, config, ...pg, bus: buses[1] });
  return {
    a,
    b,
    async close() {
      await b.app.close();
      await a.app.close();
      await Promise.all([...new Set(buses)].map((bus) => bus.close()));
      await db.cleanup();
    },
  };
}
