import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * `posts.first_post_hold`: the post waits for a moderator's first-post approval (admin setting
 * `hold_first_posts`), as a fact of its own (ADR 052, amendment "the first-post hold is its own fact").
 * `pending_reason` holds one value: a new member's first post the safety screen also held was stored
 * `safety`, and a held edit of a waiting first post overwrote `first_post` with `safety`; lifting the
 * safety hold (a release, the safety queue's edit, an edit the screen passes) then published the post
 * without any moderator approving it. With this flag the lift ends at `pending_reason = 'first_post'`.
 * Set when the post is written (the rule is checked even when the screen holds it), cleared by approval.
 *
 * Backfill: every post waiting as a first post. A post now held by the screen (`safety`, waiting or
 * hidden) cannot say whether it was also a first post; it is counted as one, cautiously, when it is
 * among its author's first `hold_first_posts` posts under today's setting, whatever roles the author
 * has today (roles granted since say nothing of who wrote the post: a member made peer supporter after
 * a held first post would otherwise have it published on release). Erring this way only sends a post
 * to the moderators' approval queue after its safety release; erring the other way publishes words no
 * moderator approved.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('posts').addColumn('first_post_hold', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update posts set first_post_hold = 1 where pending_reason = 'first_post'`.execute(db);
  const setting = await sql<{ value: string }>`select value from settings where key = 'hold_first_posts'`.execute(db);
  const n = Math.floor(Number(setting.rows[0]?.value ?? 0));
  if (!(n > 0)) return;
  await sql`
    update posts set first_post_hold = 1
    where pending_reason = 'safety'
      and state in ('pending', 'hidden')
      and author_id is not null
      and (
        select count(*) from posts earlier
        where earlier.author_id = posts.author_id
          and (earlier.created_at < posts.created_at or (earlier.created_at = posts.created_at and earlier.id < posts.id))
      ) < ${n}`.execute(db);
  void ctx;
}
