import { seed } from '../bench/seed.js';
import { openDatabase, type DatabaseHandle, type ExecutedQuery } from '../src/server/platform/db.js';
import type { TestDatabase } from './databases.js';

/**
 * A fresh database filled by the bench's seed (Zipf threads, real rendering and screening), opened
 * with `onQuery` watching its statements, and its spaces in their order: the set-up of the search
 * walk's PostgreSQL tests (search-walk-reference, search-busy-thread).
 */
export async function openSeededDatabase(database: TestDatabase, replies: number, onQuery: (q: ExecutedQuery) => void): Promise<{ handle: DatabaseHandle; spaces: string[] }> {
  const created = await database.create();
  await seed({ databaseUrl: created.url, pgSchema: created.pgSchema!, replies, log: () => undefined });
  const handle = openDatabase(created.url, { schema: created.pgSchema!, onQuery });
  const spaces = (await handle.db.selectFrom('spaces').select('id').orderBy('sort_order').execute()).map((s) => s.id);
  return { handle, spaces };
}
