import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Session rotation (issue 10). A role change or a password change marks the account's sessions
 * `rotate_due`; the next request on each gets a new token. The row keeps the digest of the token it
 * replaced for a short grace (`previous_id`, `previous_valid_until`), so requests the browser had
 * already sent with the old cookie still resolve, to the same session.
 */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('rotate_due', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('sessions').addColumn('previous_id', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('previous_valid_until', 'text').execute();
  await db.schema.createIndex('sessions_previous_idx').on('sessions').column('previous_id').execute();
}
