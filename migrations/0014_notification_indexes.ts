import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Two partial indexes for the notification fan-out of a reply (`npm run bench`, reply scenarios):
 * - a recipient's unread count (sent with every live notification) reads the unread entries only,
 *   not every notification the person ever had with a row look-up each for `read_at`;
 * - "who already has an unread notice of new replies in this thread" (at most one each, see
 *   `NotificationsService.notifyMany`) is one range of one thread's entries.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  // `read_at` (always null here) makes the index covering for SQLite, which re-checks the condition.
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['user_id', 'read_at']).where(sql.ref('read_at'), 'is', null).execute();
  await db.schema
    .createIndex('notifications_followed_unread_idx')
    .on('notifications')
    .columns(['thread_id', 'user_id'])
    .where(sql.ref('read_at'), 'is', null)
    .where(sql.ref('kind'), '=', sql.lit('followed'))
    .execute();
  void ctx;
}
