import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * An outbox event whose consumer throws no longer holds back the events behind it (ADR 024): its
 * row counts the failure (`attempts`, there since 0001 but unused until now), keeps the time of the
 * last one (`failed_at`) and waits until `retry_at` before it is tried again; after a few attempts it
 * is set aside (`dead_at`): kept for an operator, never taken again until one clears it.
 * The dispatcher's poll walks `outbox_live` (live rows in id order), so set-aside rows, however
 * many, are never walked past.
 */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('failed_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('retry_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('dead_at', 'text').execute();
  await sql`create index outbox_live on outbox (id) where dead_at is null`.execute(db);
}
