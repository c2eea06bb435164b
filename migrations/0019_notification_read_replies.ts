import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * `notifications.read_replies`: how many new replies a followed-thread notice stood for when it
 * was marked read. Written once, at that moment, so that listing read notices never counts again:
 * a follower who reads a busy thread daily collects a read notice a day, and counting each of them
 * on every list read walked the thread to its end (the count could not stop at `read_at`).
 * Null for other kinds. Notices read before this migration are counted once here, as they were.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('read_replies', 'integer').execute();
  await sql`update notifications set read_replies = (
      select count(*) from (
        select 1 from posts
        where posts.thread_id = notifications.thread_id
          and posts.id >= notifications.post_id
          and posts.state = 'visible'
          and (posts.author_id is null or posts.author_id <> notifications.user_id)
          and posts.created_at <= notifications.read_at
        limit 100
      ) as counted
    )
    where kind = 'followed' and post_id is not null and read_at is not null`.execute(db);
  void ctx;
}
