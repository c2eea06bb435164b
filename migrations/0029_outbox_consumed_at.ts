import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * `outbox.consumed_at`: set when an event's consumers have run, in the transaction that ran them
 * (ADR 035). The row is no longer deleted there: it stays, to be published only, until the bus has
 * taken it; a crash between that commit and the publish leaves it to be published later instead
 * of losing it. Rows with it set never run their consumers again.
 */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('consumed_at', 'text').execute();
}
