import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
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
 */
export async function migrateToLatest(db: Db, dialect: Dialect, pgSchema?: string): Promise<string[]> {
  if (dialect !== 'postgres') return migrateUnlocked(db, dialect, pgSchema);
  return db.connection().execute(async (lockHolder) => {
    // current_schema() is null while the schema on the search path does not exist yet.
    const key = sql`hashtext('kindred-migrate:' || coalesce(current_schema(), current_setting('search_path')))`;
    await sql`select pg_advisory_lock(${key})`.execute(lockHolder);
    try {
      return await migrateUnlocked(db, dialect, pgSchema);
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(lockHolder);
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
  // Migrations are numbered when work starts and merged when it ends, so a lower number can land
  // after a higher one has run (0024 after 0027): run the missing ones, in order, instead of
  // refusing to start. Each migration is written to stand on its own.
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect), allowUnorderedMigrations: true, ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
