import { Migrator, sql, type DatabaseIntrospector, type Migration, type MigrationProvider } from 'kysely';
import { migrations, type PortableMigration } from '../../../migrations/index.js';
import type { Db, Dialect } from './db.js';

class StaticProvider implements MigrationProvider {
  constructor(
    private readonly dialect: Dialect,
    private readonly list: Record<string, PortableMigration> = migrations,
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(this.list)) {
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
export async function migrateToLatest(db: Db, dialect: Dialect, pgSchema?: string, options: MigrateOptions = {}): Promise<string[]> {
  const list = options.migrations ?? migrations;
  if (dialect !== 'postgres') return migrateUnlocked(db, dialect, pgSchema, list);
  const lockTimeoutMs = options.lockTimeoutMs ?? MIGRATION_LOCK_TIMEOUT_MS;
  if (!Number.isInteger(lockTimeoutMs) || lockTimeoutMs < 0) throw new Error(`migrateToLatest: lockTimeoutMs ${lockTimeoutMs} is not a whole number of milliseconds`);
  return db.connection().execute(async (lockHolder) => {
    await sql`set statement_timeout = 0`.execute(lockHolder);
    await sql`set idle_in_transaction_session_timeout = 0`.execute(lockHolder);
    try {
      // current_schema() is null while the schema on the search path does not exist yet.
      const key = sql`hashtext('kindred-migrate:' || coalesce(current_schema(), current_setting('search_path')))`;
      // Waiting for another instance's migrations is not bounded (ADR 041): the lock bound comes after.
      await sql`select pg_advisory_lock(${key})`.execute(lockHolder);
      try {
        // Every migration's lock wait is bounded (ADR 041, amendment of 2026-11-27 morning): an
        // ALTER waiting behind a long export or a stuck transaction would otherwise queue every
        // request's statement on that table behind it, for as long as the other work lasts.
        await sql`select set_config('lock_timeout', ${String(lockTimeoutMs)}, false)`.execute(lockHolder);
        return await migrateUnlocked(lockHolder, dialect, pgSchema, list);
      } catch (err) {
        throw lockWaitExplained(err, lockTimeoutMs);
      } finally {
        await sql`reset lock_timeout`.execute(lockHolder);
        await sql`select pg_advisory_unlock(${key})`.execute(lockHolder);
      }
    } finally {
      await sql`reset statement_timeout`.execute(lockHolder);
      await sql`reset idle_in_transaction_session_timeout`.execute(lockHolder);
    }
  });
}

export interface MigrateOptions {
  /** PostgreSQL: how long one statement of a migration may wait for a lock (0: for ever). */
  lockTimeoutMs?: number;
  /** Tests only: another list of migrations than the app's. */
  migrations?: Record<string, PortableMigration>;
}

/**
 * How long a migration's statement waits for a lock other work holds before it gives up (55P03),
 * on PostgreSQL. Its wait stalls every request that needs the same table behind it, so the bound is
 * well under the requests' statement timeout (15 s, ADR 041); a migration that fails so is not
 * recorded (its transaction is rolled back) and is tried again at the next start.
 */
export const MIGRATION_LOCK_TIMEOUT_MS = 5_000;

/** A migration that gave up waiting for a lock, said as such (the rest unchanged). */
function lockWaitExplained(err: unknown, lockTimeoutMs: number): unknown {
  const text = err instanceof Error ? err.message : String(err);
  if (!/lock timeout/i.test(text)) return err;
  return new Error(
    `${text}. It waited ${lockTimeoutMs} ms for a lock that other work on the database holds (a long transaction, an export, another tool's session: see pg_stat_activity) and was not applied; start again when that work has ended.`,
    { cause: err },
  );
}

async function migrateUnlocked(db: Db, dialect: Dialect, requestedSchema: string | undefined, list: Record<string, PortableMigration>): Promise<string[]> {
  // Make sure our schema exists on the very pool that will migrate it (tests make one per run).
  if (requestedSchema) await sql`create schema if not exists ${sql.id(requestedSchema)}`.execute(db);
  // A schema chosen by DATABASE_URL's search_path counts too: without naming it, Kysely would
  // find another schema's bookkeeping tables in the same database and skip creating ours.
  const pgSchema =
    requestedSchema ??
    (dialect === 'postgres' ? ((await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined) : undefined);
  // Kysely looks for its bookkeeping tables across all schemas unless told which one is ours.
  const migrator = schemaMigrator(db, new StaticProvider(dialect, list), pgSchema);
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
