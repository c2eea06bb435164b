import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * A recipient's unread count (sent with every live notification, so once per follower of a thread
 * at each reply) reads this partial index only: the unread entries, not every notification the
 * person ever had with a row look-up each for `read_at` (`notifications_user_idx`).
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.createIndex('notifications_unread_idx').on('notifications').column('user_id').where(sql.ref('read_at'), 'is', null).execute();
  void ctx;
}
