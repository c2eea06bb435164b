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

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, dialect: Dialect, pgSchema?: string): Promise<string[]> {
  // Make sure our schema exists on the very pool that will migrate it (tests make one per run).
  if (pgSchema) await sql`create schema if not exists ${sql.id(pgSchema)}`.execute(db);
  // Kysely looks for its bookkeeping tables across all schemas unless told which one is ours.
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect), ...(pgSchema ? { migrationTableSchema: pgSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
