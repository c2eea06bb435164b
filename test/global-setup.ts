import type { TestProject } from 'vitest/node';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
    /** PostgreSQL: the run's migrated template database (test/databases.ts copies it), or null. */
    pgTemplate: { database: string; schema: string; settings: string[] } | null;
  }
}

/**
 * One id per test run. PostgreSQL test schemas and databases carry it and are dropped here, after
 * every test file has finished: dropping a schema while another file's migrator introspects the
 * catalog (Kysely reads every schema's tables) makes that migrator fail with "schema … does not exist".
 *
 * With TEST_DATABASE_URL, the migrations run once here, into a template database of the run: each
 * test app gets a copy of it (ADR 034, amendment of 2026-11-28) instead of migrating a schema of
 * its own (~45 migrations, most of a test app's set-up on PostgreSQL).
 */
export default async function setup(project: TestProject) {
  const runId = `r${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  project.provide('testRunId', runId);
  const url = process.env.TEST_DATABASE_URL;
  project.provide('pgTemplate', url ? await migratedTemplate(url, runId) : null);
  return async () => {
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>('select nspname from pg_namespace where nspname like $1', [`t\\_${runId}\\_%`]);
      for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
      // Copies a test still held at its cleanup, and the template.
      const databases = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`t\\_${runId}\\_%`]);
      for (const { datname } of databases.rows) await client.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await client.end();
    }
  };
}

/**
 * A database of the run's, with the same encoding and locale as TEST_DATABASE_URL's, migrated by
 * the app's migrator into a schema of the run's; and the settings of TEST_DATABASE_URL's database
 * (`ALTER DATABASE … SET`, e.g. CI's synchronous_commit), which a copy must be given again. Null,
 * with a warning, when the user may not create databases: each app then migrates its own schema.
 */
async function migratedTemplate(url: string, runId: string): Promise<{ database: string; schema: string; settings: string[] } | null> {
  const { openDatabase } = await import('../src/server/platform/db.js');
  const { migrateToLatest } = await import('../src/server/platform/migrator.js');
  const database = `t_${runId}_template`;
  const schema = `t_${runId}_app`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let settings: string[];
  try {
    const source = (
      await client.query<{ encoding: string; collate: string; ctype: string; settings: string[] | null }>(
        `select pg_encoding_to_char(d.encoding) as encoding, d.datcollate as collate, d.datctype as ctype,
                (select s.setconfig from pg_db_role_setting s where s.setdatabase = d.oid and s.setrole = 0) as settings
           from pg_database d where d.datname = current_database()`,
      )
    ).rows[0]!;
    settings = (source.settings ?? []).map((entry) => {
      const at = entry.indexOf('=');
      return `"${entry.slice(0, at).replaceAll('"', '""')}" TO '${entry.slice(at + 1).replaceAll("'", "''")}'`;
    });
    const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
    await client.query(`CREATE DATABASE "${database}" TEMPLATE template0 ENCODING ${literal(source.encoding)} LC_COLLATE ${literal(source.collate)} LC_CTYPE ${literal(source.ctype)}`);
  } catch (err) {
    console.warn(`PostgreSQL tests: no template database (${err instanceof Error ? err.message : String(err)}); each test app migrates a schema of its own.`);
    return null;
  } finally {
    await client.end();
  }
  // Copied only while no session is connected to it: the migrator's pool is closed before any test
  // starts. Then no session may connect, autovacuum's neither: statistics it gathered on the seed
  // rows would go into every copy, where a schema migrated from empty has none.
  const handle = openDatabase(databaseUrlFor(url, database), { schema });
  let migrated = false;
  try {
    await migrateToLatest(handle.db, handle.dialect, schema);
    migrated = true;
  } finally {
    await handle.close();
    await adminQuery(url, migrated ? `ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false` : `DROP DATABASE IF EXISTS "${database}"`);
  }
  return { database, schema, settings };
}

/** `url` naming another database on the same server (user, host, port and parameters kept). */
export function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
