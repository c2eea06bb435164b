import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { openDatabase } from '../../src/server/platform/db.js';
import { migrateToLatest } from '../../src/server/platform/migrator.js';
import { testDatabases } from '../databases.js';

// Several instances started at once on a fresh PostgreSQL database must not trip over each
// other's migration (one SQLite file is served by one instance, so only PostgreSQL applies).
const postgres = testDatabases.filter((d) => d.name === 'postgres');

describe.skipIf(postgres.length === 0)('migrations started by several instances at once', () => {
  it('migrate once, and every instance starts on the complete schema', async () => {
    const { url, pgSchema } = await postgres[0]!.create();
    const handles = Array.from({ length: 4 }, () => openDatabase(url, { schema: pgSchema! }));
    try {
      const applied = await Promise.all(handles.map((h) => migrateToLatest(h.db, h.dialect, pgSchema)));
      // Exactly one instance applied the migrations; the others found them done.
      expect(applied.map((names) => names.length).sort()).toEqual([0, 0, 0, Object.keys(migrations).length]);
      const rows = await sql<{ name: string }>`select name from ${sql.id(pgSchema!, 'kysely_migration')} order by name`.execute(handles[0]!.db);
      expect(rows.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });
});

describe.skipIf(postgres.length === 0)('a schema chosen by the search path of DATABASE_URL', () => {
  it('gets its own migration bookkeeping even when another schema in the database has one', async () => {
    const neighbour = await postgres[0]!.create();
    const ours = await postgres[0]!.create();
    const first = openDatabase(neighbour.url, { schema: neighbour.pgSchema! });
    // As main.ts opens it: the schema comes only from the URL's search_path, not from an option.
    const url = `${ours.url}${ours.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${ours.pgSchema}`)}`;
    const second = openDatabase(url);
    try {
      await migrateToLatest(first.db, first.dialect, neighbour.pgSchema);
      expect(await migrateToLatest(second.db, second.dialect)).toEqual(Object.keys(migrations));
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${ours.pgSchema} and table_name = 'users'`.execute(second.db);
      expect(tables.rows[0]!.n).toBe(1);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
