import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrations, type PortableMigration } from '../../migrations/index.js';
import { openDatabase } from '../../src/server/platform/db.js';
import { MIGRATION_LOCK_TIMEOUT_MS, migrateToLatest } from '../../src/server/platform/migrator.js';
import { testDatabases } from '../databases.js';

// A migration's ALTER that waits for a lock held by other work queues every later statement on that
// table behind it: on PostgreSQL the migrator bounds its lock waits (ADR 041, amendment of
// 2026-11-27 morning). SQLite has one writer and its own busy_timeout.
const postgres = testDatabases.filter((d) => d.name === 'postgres');

describe.skipIf(postgres.length === 0)('a migration waiting for a lock on PostgreSQL', () => {
  it('runs with lock_timeout set, gives up clearly on a held lock, records nothing, and leaves the connection as it was', async () => {
    const { url, pgSchema } = await postgres[0]!.create();
    const handle = openDatabase(url, { schema: pgSchema! });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await migrateToLatest(handle.db, handle.dialect, pgSchema);
      // What a migration sees: the bound is set while it runs.
      let seen: string | undefined;
      const probe: Record<string, PortableMigration> = {
        ...migrations,
        '9998_probe': {
          async up(db) {
            seen = (await sql<{ t: string }>`select current_setting('lock_timeout') as t`.execute(db)).rows[0]!.t;
          },
        },
      };
      expect(await migrateToLatest(handle.db, handle.dialect, pgSchema, { migrations: probe })).toEqual(['9998_probe']);
      expect(seen).toBe(`${MIGRATION_LOCK_TIMEOUT_MS / 1000}s`);

      // Other work holds a lock on `users` (an open transaction that read it): the ALTER gives up.
      await other.query(`begin; select count(*) from ${pgSchema}.users`);
      const alter: Record<string, PortableMigration> = {
        ...probe,
        '9999_alter_users': {
          async up(db) {
            await sql`alter table users add column lock_probe text`.execute(db);
          },
        },
      };
      const started = Date.now();
      const failed = await migrateToLatest(handle.db, handle.dialect, pgSchema, { migrations: alter, lockTimeoutMs: 300 }).catch((err: unknown) => err);
      expect(failed).toBeInstanceOf(Error);
      expect((failed as Error).message).toMatch(/9999_alter_users failed: .*lock timeout.*waited 300 ms for a lock that other work on the database holds/);
      // Not waiting on for ever (the session's statement timeout is off while migrating).
      expect(Date.now() - started).toBeLessThan(60_000);
      await other.query('rollback');
      const columns = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_schema = ${pgSchema} and table_name = 'users' and column_name = 'lock_probe'`.execute(handle.db);
      expect(columns.rows[0]!.n).toBe(0);
      const recorded = await sql<{ name: string }>`select name from ${sql.id(pgSchema!, 'kysely_migration')} where name like '9999%'`.execute(handle.db);
      expect(recorded.rows).toEqual([]);

      // The pool's connections are back to their start-up value, and the migration applies once the lock is gone.
      const settings = await Promise.all(Array.from({ length: 3 }, () => sql<{ t: string }>`select current_setting('lock_timeout') as t`.execute(handle.db)));
      expect(settings.map((r) => r.rows[0]!.t)).toEqual(['0', '0', '0']);
      expect(await migrateToLatest(handle.db, handle.dialect, pgSchema, { migrations: alter })).toEqual(['9999_alter_users']);
    } finally {
      await other.end();
      await handle.close();
    }
  });
});
