import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { ensurePostgresSchema } from '../src/server/platform/db.js';
import { databaseUrlFor } from './global-setup.js';
import type { Database } from '../src/server/platform/schema.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /**
   * A fresh, empty database for one test file (or one test). `persistent` asks for one that
   * outlives an app instance (restart tests): a temporary file for SQLite. `migrated` allows one
   * already brought to the latest migration, exactly as the migrator leaves it (the app's migrator
   * then finds nothing to do): on PostgreSQL a copy of the database migrated once per run
   * (test/global-setup.ts), where the migrations would cost most. Tests of the migrator ask
   * without it and get an empty one.
   */
  create(opts?: { persistent?: boolean; migrated?: boolean }): Promise<{ url: string; pgSchema?: string; cleanup(): Promise<void> }>;
}

export const sqliteTestDatabase: TestDatabase = {
  name: 'sqlite',
  async create(opts) {
    if (opts?.persistent) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-test-'));
      return { url: `sqlite:${path.join(dir, 'kindred.db')}`, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    }
    // In-memory is a real SQLite database: the same engine, SQL and constraints as a file.
    return { url: 'sqlite::memory:', cleanup: async () => undefined };
  },
};

function postgres(url: string): TestDatabase {
  return {
    name: 'postgres',
    async create(opts) {
      const template = inject('pgTemplate');
      if (opts?.migrated && template) return copyOfTemplate(url, template);
      const schema = `t_${inject('testRunId')}_${randomBytes(5).toString('hex')}`;
      await ensurePostgresSchema(url, schema);
      // Dropped when the whole run ends (test/global-setup.ts), never while other files migrate.
      return { url, pgSchema: schema, cleanup: async () => undefined };
    },
  };
}

/**
 * A database of its own, copied from the run's migrated template (test/global-setup.ts): its
 * schema, tables, indexes, triggers, functions and seed rows as the migrations made them
 * (test/platform/template-database.test.ts compares them), plus the settings of the database
 * TEST_DATABASE_URL names (a copy does not take those over). Copying the template's files
 * (`wal_log`, PostgreSQL 15's default: no checkpoint, unlike `file_copy`) costs a fraction of
 * running the migrations, and the test database's catalog no longer grows with every file.
 * Dropped by its cleanup, or at the end of the run if something still held it.
 */
async function copyOfTemplate(url: string, template: { database: string; schema: string; settings: string[] }) {
  const database = `t_${inject('testRunId')}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}" TEMPLATE "${template.database}" STRATEGY wal_log`);
    for (const setting of template.settings) await client.query(`ALTER DATABASE "${database}" SET ${setting}`);
  } finally {
    await client.end();
  }
  return {
    url: databaseUrlFor(url, database),
    pgSchema: template.schema,
    async cleanup() {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      // A connection something still holds leaves it to the end of the run (global-setup.ts).
      await admin.query(`DROP DATABASE IF EXISTS "${database}"`).catch(() => undefined);
      await admin.end();
    },
  };
}

/**
 * The databases every API test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set
 * (CI sets it to the local server). Use with `describe.each(testDatabases)`.
 *
 * `TEST_SKIP_SQLITE=1` leaves SQLite out. CI's PostgreSQL step sets it: `npm test` has just run
 * every one of these tests on SQLite, and running them again there only doubled CI's time.
 */
export const testDatabases: TestDatabase[] = [
  ...(process.env.TEST_SKIP_SQLITE === '1' && process.env.TEST_DATABASE_URL ? [] : [sqliteTestDatabase]),
  ...(process.env.TEST_DATABASE_URL ? [postgres(process.env.TEST_DATABASE_URL)] : []),
];

/**
 * The tables of the database a test app uses, Kysely's own left out: what an erasure test searches
 * for leftovers. On PostgreSQL only its own schema's. Introspection lists every schema, and other
 * test files' schemas (each app has its own) may hold tables this one has not got, or not yet.
 */
export async function ownTables(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  let ownSchema: string | undefined;
  if (tables.some((table) => table.schema)) {
    ownSchema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema;
  }
  return tables.filter((table) => table.schema === ownSchema && !table.name.startsWith('kysely_')).map((table) => table.name);
}
