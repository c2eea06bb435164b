import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * `posts.published_at`: when readers first could read the post (ADR 052, amendment "published once").
 * A post held from its creation (by the safety screen or as a new member's first post) and then hidden,
 * removed or deleted was never read by anyone but its author and moderators: its placeholder must not
 * name its author to readers, its first release must announce it as new, and a later release of a held
 * edit must announce an update, not a new post. `state` alone cannot say which.
 *
 * Backfill rule, from the columns that exist: a post was held from its creation when it has a
 * `held_content` item written with it (same `created_at`, the unit of work's clock) or still waits as
 * a first post (`pending_reason = 'first_post'` is only ever set when the post is written). Such a post
 * that is not `visible` now gets null (never published); every other post gets its `created_at`.
 * Cautious by design: a post held from creation, released, and later hidden, removed or deleted is
 * counted as never published (history does not say it was released while shown), so readers lose its
 * placeholder rather than see an author's name they should not.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('posts').addColumn('published_at', 'text').execute();
  await sql`
    update posts set published_at = created_at
    where not (
      state <> 'visible'
      and (
        pending_reason = 'first_post'
        or exists (select 1 from held_content h where h.object_type = 'post' and h.object_id = posts.id and h.created_at = posts.created_at)
      )
    )`.execute(db);
  void ctx;
}
