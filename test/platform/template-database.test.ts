import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/platform/db.js';
import { migrations } from '../../migrations/index.js';
import { migrateToLatest } from '../../src/server/platform/migrator.js';
import { testDatabases } from '../databases.js';

/**
 * On PostgreSQL a test app's database is a copy of one migrated once per run (test/databases.ts,
 * ADR 034 amendment of 2026-11-28), not a schema its own migrator filled. The copy must be what the
 * migrations make: everything the catalog holds of the schema, its seed rows, and the database's
 * encoding, locale and settings, compared with a schema migrated here from empty.
 */
const postgres = testDatabases.find((d) => d.name === 'postgres');

/** Everything about a schema a test could notice, its own name written as `$schema`. */
async function snapshot(url: string, schema: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async (text: string) => (await client.query(text, [schema])).rows as Record<string, unknown>[];
    const relations = await rows(`
      select c.relname, c.relkind, c.relpersistence, c.reloptions, c.relhastriggers, c.relrowsecurity
        from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 order by c.relname`);
    const columns = await rows(`
      select table_name, column_name, ordinal_position, column_default, is_nullable, data_type, udt_name,
             character_maximum_length, numeric_precision, numeric_scale, collation_name, is_identity, is_generated, generation_expression
        from information_schema.columns where table_schema = $1 order by table_name, ordinal_position`);
    const indexes = await rows(`select tablename, indexname, indexdef from pg_indexes where schemaname = $1 order by indexname`);
    const constraints = await rows(`
      select t.relname as table, c.conname, c.contype, c.condeferrable, c.condeferred, c.convalidated, pg_get_constraintdef(c.oid) as def
        from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = c.connamespace
       where n.nspname = $1 order by t.relname, c.conname`);
    const triggers = await rows(`
      select c.relname as table, t.tgname, t.tgenabled, pg_get_triggerdef(t.oid) as def
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and not t.tgisinternal order by c.relname, t.tgname`);
    const functions = await rows(`
      select p.proname, pg_get_functiondef(p.oid) as def from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = $1 order by p.proname`);
    const views = await rows(`select viewname, definition from pg_views where schemaname = $1 order by viewname`);
    const sequences = await rows(`select sequencename, data_type, start_value, increment_by, last_value from pg_sequences where schemaname = $1 order by sequencename`);
    const tables = relations.filter((r) => r.relkind === 'r').map((r) => String(r.relname));
    const data: Record<string, unknown> = {};
    for (const table of tables) {
      // When each migration ran differs, not which ran.
      const select = table === 'kysely_migration' ? 'select name from' : 'select * from';
      data[table] = (await client.query(`select coalesce(json_agg(r order by r::text), '[]') as rows from (${select} "${schema}"."${table}") r`)).rows[0].rows;
    }
    const database = (
      await client.query(`
        select pg_encoding_to_char(d.encoding) as encoding, d.datcollate, d.datctype,
               (select s.setconfig from pg_db_role_setting s where s.setdatabase = d.oid and s.setrole = 0) as settings
          from pg_database d where d.datname = current_database()`)
    ).rows[0];
    // Seed rows carry the wall-clock time their migration ran (the template's: earlier in the run).
    const when = JSON.stringify(data).replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/g, '"$$migrated-at"');
    const text = JSON.stringify({ relations, columns, indexes, constraints, triggers, functions, views, sequences, data: JSON.parse(when) as unknown });
    return { schema: JSON.parse(text.replaceAll(schema, '$schema')) as Record<string, unknown>, database, tables };
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgres)('a test app database copied from the run template (PostgreSQL)', () => {
  it('holds exactly what the migrations make of an empty schema, with the test database settings', async () => {
    const fresh = await postgres!.create();
    const handle = openDatabase(fresh.url, { schema: fresh.pgSchema! });
    try {
      expect(await migrateToLatest(handle.db, handle.dialect, fresh.pgSchema)).toEqual(Object.keys(migrations));
    } finally {
      await handle.close();
    }
    const copy = await postgres!.create({ migrated: true });
    try {
      // A database of its own, not a schema of the test database.
      expect(copy.url).not.toBe(fresh.url);
      const [made, copied] = [await snapshot(fresh.url, fresh.pgSchema!), await snapshot(copy.url, copy.pgSchema!)];
      // The comparison has something to compare: tables, triggers, functions and seed rows.
      expect(made.tables.length).toBeGreaterThan(30);
      expect((made.schema.triggers as unknown[]).length).toBeGreaterThan(0);
      expect((made.schema.functions as unknown[]).length).toBeGreaterThan(0);
      expect(Object.entries(made.schema.data as Record<string, unknown[]>).some(([table, rows]) => table !== 'kysely_migration' && rows.length > 0)).toBe(true);
      for (const part of Object.keys(made.schema)) expect({ part, value: copied.schema[part] }).toEqual({ part, value: made.schema[part] });
      expect(copied.database).toEqual(made.database);
      // The app's migrator finds nothing left to do on it.
      const onCopy = openDatabase(copy.url, { schema: copy.pgSchema! });
      try {
        expect(await migrateToLatest(onCopy.db, onCopy.dialect, copy.pgSchema)).toEqual([]);
      } finally {
        await onCopy.close();
      }
    } finally {
      await copy.cleanup();
      await fresh.cleanup();
    }
  });

  it('gives each app a database of its own, dropped by its cleanup', async () => {
    const [a, b] = [await postgres!.create({ migrated: true }), await postgres!.create({ migrated: true })];
    const name = (url: string) => new URL(url).pathname.slice(1);
    const onA = new pg.Client({ connectionString: a.url, options: `-c search_path=${a.pgSchema}` });
    const onB = new pg.Client({ connectionString: b.url, options: `-c search_path=${b.pgSchema}` });
    await Promise.all([onA.connect(), onB.connect()]);
    try {
      await onA.query(`create index only_in_a on users (created_at)`);
      const named = `select indexname from pg_indexes where indexname = 'only_in_a'`;
      expect((await onA.query(named)).rows).toEqual([{ indexname: 'only_in_a' }]);
      expect((await onB.query(named)).rows).toEqual([]);
    } finally {
      await Promise.all([onA.end(), onB.end()]);
    }
    await a.cleanup();
    await b.cleanup();
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      expect((await admin.query('select datname from pg_database where datname = any($1)', [[name(a.url), name(b.url)]])).rows).toEqual([]);
    } finally {
      await admin.end();
    }
  });
});
