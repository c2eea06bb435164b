import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * SQLite: a new post moved its thread's `content_version` twice, once for the insert and once
 * more when the full-text trigger (`posts_fts_ai`, migration 0013) gave the new row its search key
 * by an update, which fired `threads_version_post_au`: an extra write of the thread row in every
 * reply. That update changes nothing a reader sees, so the update trigger now skips it: it fires
 * unless the statement gave a row without a key its key (only `posts_fts_ai` does; application
 * code never writes `search_key`). Every other update of a post still moves the version.
 * PostgreSQL has no search key (its full-text vector is on the row) and bumps once: nothing to do.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'sqlite') return;
  await sql`drop trigger threads_version_post_au`.execute(db);
  await sql`create trigger threads_version_post_au after update on posts
    when not (old.search_key is null and new.search_key is not null)
    begin update threads set content_version = content_version + 1 where id = new.thread_id; end`.execute(db);
}
