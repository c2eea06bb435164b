import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * A batch of recipients' unread counts, each with the newest unread notice counted
 * (`notificationsRepository.unreadCounts`: `count(*), max(id) … where user_id in (…) and read_at is
 * null group by user_id`, sent with every live notification). `notifications_unread_idx`
 * (user_id, read_at) found the unread entries but not their ids: every one was looked up in the table
 * for `max(id)`. This index carries the id, so the count and the newest are read from the index alone
 * on both engines (`read_at`, always null here, stays in it for SQLite, which re-checks the condition).
 * Every other query that used the old index (`unreadCount`, `markRead`, the unread-only list, the
 * unread followed threads) filters on `user_id` and `read_at is null`: this one's leading columns and
 * condition, so the old one goes.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createIndex('notifications_unread_newest_idx')
    .on('notifications')
    .columns(['user_id', 'read_at', 'id'])
    .where(sql.ref('read_at'), 'is', null)
    .execute();
  await db.schema.dropIndex('notifications_unread_idx').execute();
  void ctx;
}
