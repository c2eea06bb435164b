import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * The private conversation's extras on mentorship_messages:
 *  - client_id: the sender's idempotency key; a retry with the same key finds the first message
 *    (unique per conversation, so two concurrent retries cannot both store one);
 *  - screening_id, alert_id: the safety screening of the message (and its alert), so the
 *    supporter's verdict and guidance are read by primary key, not searched for;
 *  - an index for the supporter's load (messages by sender and time).
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('mentorship_messages').addColumn('client_id', 'text').execute();
  await db.schema.alterTable('mentorship_messages').addColumn('screening_id', 'text').execute();
  await db.schema.alterTable('mentorship_messages').addColumn('alert_id', 'text').execute();
  await db.schema.createIndex('mentorship_messages_client_idx').on('mentorship_messages').columns(['mentorship_id', 'client_id']).unique().execute();
  // The supporter's load: their own messages of the last 7 days, by time.
  await db.schema.createIndex('mentorship_messages_sender_time_idx').on('mentorship_messages').columns(['sender_id', 'created_at']).execute();
  void ctx;
}
