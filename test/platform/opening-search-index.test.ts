import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';

/**
 * Migration 0030 on PostgreSQL: an index of its name left invalid (`pg_index.indisvalid = false`,
 * what a failed `create index concurrently` leaves) is dropped and built again, not kept as is.
 */
describe.each(testDatabases)('opening posts\' search index on $name (migration 0030)', (database) => {
  const t = useTestApp(database);

  it.skipIf(database.name !== 'postgres')('rebuilds an invalid index of its name, and keeps a valid one', async () => {
    const db = t.app.kindred.database.db;
    const state = async () => (await sql<{ oid: number; indisvalid: boolean }>`select indexrelid::int as oid, indisvalid from pg_index where indexrelid = to_regclass('posts_opening_search_idx')`.execute(db)).rows[0];
    const valid = await state();
    expect(valid?.indisvalid).toBe(true);
    await migrations['0030_opening_post_search_index']!.up(db, { dialect: 'postgres' });
    expect(await state()).toEqual(valid);
    // As a failed concurrent build leaves it (the catalogue written by hand: the test's user is a superuser).
    await sql`update pg_index set indisvalid = false where indexrelid = to_regclass('posts_opening_search_idx')`.execute(db);
    expect((await state())?.indisvalid).toBe(false);
    await migrations['0030_opening_post_search_index']!.up(db, { dialect: 'postgres' });
    const rebuilt = await state();
    expect(rebuilt?.indisvalid).toBe(true);
    expect(rebuilt?.oid).not.toBe(valid?.oid);
  });
});
