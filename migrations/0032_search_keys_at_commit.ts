import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * SQLite only: a new post no longer gets its search key (and its thread's scope words) from a
 * trigger as it is inserted; the transaction that stores it gives every keyless post its key just
 * before it commits, in one statement (`communitiesRepository.indexNewPosts`, run through
 * `Tx.beforeCommit`), and that update puts them in both full-text indexes (the triggers of 0028).
 * Why (ADR 031, amendment of 2026-11-27): FTS5 writes the terms it holds as a segment of their own
 * at every savepoint, and each unit of work of a group commit (ADR 017) is one; so every reply
 * wrote a segment, and merging those small segments was most of SQLite's work for a reply. Now a
 * group's posts make one segment. The update triggers already index only keyed rows and the delete
 * triggers remove only keyed ones, so a post edited, moved or deleted before its key (in the same
 * transaction) is handled as it stands when it is keyed; `threads_version_post_au` already skips
 * the statement that gives a row its key. PostgreSQL has no search key (its vector is on the row).
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'sqlite') return;
  await sql`drop trigger posts_fts_ai`.execute(db);
}
