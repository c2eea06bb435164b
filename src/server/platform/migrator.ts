import { Migrator, sql, type DatabaseIntrospector, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../../migrations/index.js';
import type { Db, Dialect } from './db.js';

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(migrations)) {
      out[name] = { up: (db) => m.up(db, { dialect: this.dialect }) };
    }
    return out;
  }
}

/**
 * Brings the schema up to date; throws with the failing migration's name.
 * On PostgreSQL several instances may start at once on a fresh database: they take turns under a
 * session advisory lock (per schema), so only the first migrates and the others find it done.
 * Everything runs on the one connection holding that lock, with no statement or idle-transaction
 * timeout: a migration may rewrite a big table, and an instance waiting for another's to finish
 * waits as long as it takes (ADR 041). The pool's bounds come back when it is done (`reset`: the
 * values the connection started with).
 */
export async function migrateToLatest(db: Db, dialect: Dialect, pgSchema?: string): Promise<string[]> {
  if (dialect !== 'postgres') return migrateUnlocked(db, dialect, pgSchema);
  return db.connection().execute(async (lockHolder) => {
    await sql`set statement_timeout = 0`.execute(lockHolder);
    await sql`set idle_in_transaction_session_timeout = 0`.execute(lockHolder);
    try {
      // current_schema() is null while the schema on the search path does not exist yet.
      const key = sql`hashtext('kindred-migrate:' || coalesce(current_schema(), current_setting('search_path')))`;
      await sql`select pg_advisory_lock(${key})`.execute(lockHolder);
      try {
        return await migrateUnlocked(lockHolder, dialect, pgSchema);
      } finally {
        await sql`select pg_advisory_unlock(${key})`.execute(lockHolder);
      }
    } finally {
      await sql`reset statement_timeout`.execute(lockHolder);
      await sql`reset idle_in_transaction_session_timeout`.execute(lockHolder);
    }
  });
}

async function migrateUnlocked(db: Db, dialect: Dialect, requestedSchema?: string): Promise<string[]> {
  // Make sure our schema exists on the very pool that will migrate it (tests make one per run).
  if (requestedSchema) await sql`create schema if not exists ${sql.id(requestedSchema)}`.execute(db);
  // A schema chosen by DATABASE_URL's search_path counts too: without naming it, Kysely would
  // find another schema's bookkeeping tables in the same database and skip creating ours.
  const pgSchema =
    requestedSchema ??
    (dialect === 'postgres' ? ((await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined) : undefined);
  // Kysely looks for its bookkeeping tables across all schemas unless told which one is ours.
  const migrator = schemaMigrator(db, new StaticProvider(dialect), pgSchema);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Kysely's migrator on our schema only (the app's, and tests that migrate part of the way). */
export function schemaMigrator(db: Db, provider: MigrationProvider, pgSchema?: string): Migrator {
  return new Migrator({ db: pgSchema ? introspectingOnly(db, pgSchema) : db, provider, ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) });
}

/**
 * `db`, except that the catalog reads Kysely's migrator makes to find its bookkeeping tables look
 * at our schema only. Its own introspection reads every table of every schema in the database and
 * fails ("schema … does not exist") when another schema is dropped meanwhile: other test runs
 * sharing one database, or anyone's schema beside ours in production.
 */
function introspectingOnly(db: Db, schema: string): Db {
  const introspection: DatabaseIntrospector = {
    async getSchemas() {
      return (await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)).rows;
    },
    async getTables() {
      const rows = await sql<{ name: string; kind: string }>`
        select c.relname as name, c.relkind as kind from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
      return rows.rows.map((r) => ({ name: r.name, schema, isView: r.kind === 'v', columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, prop, target);
      // Kysely keeps its state in private fields: its methods must run on the real instance.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
