import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../app.js';
import { sqliteTestDatabase, testDatabases, type TestDatabase } from '../databases.js';
import { openDatabase } from '../../src/server/platform/db.js';

/** SQLite on a file (in memory, SQLite keeps every journal in memory whatever the setting). */
const sqliteFile: TestDatabase = { name: 'sqlite', create: () => sqliteTestDatabase.create({ persistent: true }) };
const onFiles = testDatabases.map((d) => (d.name === 'sqlite' ? sqliteFile : d));

/** ADR 054: the app's savepoint and statement journals in memory once migrations are done. */
describe.skipIf(!testDatabases.some((d) => d.name === 'sqlite'))('savepoint journals on SQLite', () => {
  it("the app's connection keeps them in memory; a connection opened as migrations and scripts open one keeps SQLite's default (temporary files)", async () => {
    const { app, close } = await buildTestApp(sqliteFile);
    try {
      const tempStore = async (db: typeof app.kindred.database.db) => (await sql<{ temp_store: number }>`pragma temp_store`.execute(db)).rows[0]!.temp_store;
      // 2: MEMORY. Without it each group commit's savepoint journal spilled to a temporary file.
      expect(await tempStore(app.kindred.database.db)).toBe(2);
      const url = app.kindred.config.databaseUrl;
      const other = openDatabase(url);
      try {
        expect(await tempStore(other.db)).toBe(0);
      } finally {
        await other.close();
      }
    } finally {
      await close();
    }
  });
});

describe.each(onFiles)('a failed unit of work whose changes outgrow a small savepoint journal on $name', (database) => {
  it('is undone alone, its group stored, the database intact', async () => {
    const { app, close } = await buildTestApp(database);
    try {
      const db = app.kindred.database.db;
      // ~200 pages of 4 KiB: well past the 64 KiB SQLite keeps of a savepoint journal before it
      // spills to a file by default, and the rows before and after it on the same pages.
      const big = 'x'.repeat(3_000);
      const write = (prefix: string, rows: number, fail: boolean) =>
        app.kindred.uow.run(async (tx) => {
          const at = tx.now.toISOString();
          for (let i = 0; i < rows; i += 50) {
            await tx.trx
              .insertInto('settings')
              .values(Array.from({ length: Math.min(50, rows - i) }, (_, j) => ({ key: `${prefix}_${String(i + j).padStart(4, '0')}`, value: big, updated_at: at })))
              .execute();
          }
          // Pages the units before it wrote, changed again (a savepoint keeps their old copies).
          await tx.trx.updateTable('settings').set({ value: `${prefix} was here` }).where('key', 'like', 'journal_a_%').execute();
          await tx.emit('account.roles_changed', { userId: prefix, roles: [] }, [`user:${prefix}`]);
          if (fail) throw new Error(`${prefix} failed`);
          return prefix;
        });
      // Started in one turn of the event loop: on SQLite they share one transaction (ADR 017).
      const results = await Promise.allSettled([write('journal_a', 100, false), write('journal_b', 250, true), write('journal_c', 100, false)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const stored = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'journal_%').orderBy('key').execute();
      expect(stored.filter((r) => r.key.startsWith('journal_b'))).toEqual([]);
      const marks = stored.filter((r) => r.key.startsWith('journal_a')).map((r) => r.value);
      // SQLite: one group, in order (c last). PostgreSQL commits the units apart, in any order; never b's.
      if (database.name === 'sqlite') expect(marks).toEqual(Array(100).fill('journal_c was here'));
      else expect(new Set(marks).size === 1 && ['journal_a was here', 'journal_c was here'].includes(marks[0]!)).toBe(true);
      expect(stored.filter((r) => r.key.startsWith('journal_c')).map((r) => r.value)).toEqual(Array(100).fill(big));
      const events = await db.selectFrom('outbox').select('payload').execute();
      expect(events.filter((e) => String(e.payload).includes('journal_b'))).toEqual([]);
      if (database.name === 'sqlite') expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await close();
    }
  });
});
