import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * SQLite only: what search's newest-first walk (ADR 016, 022) needs of each candidate post, in one
 * index keyed like the full-text index (`search_key`, migration 0013): its thread, state and
 * warnings. The walk reads these for every match it passes over, visible or not, and from the
 * table that was a read of the whole post row (its text and HTML: ~1 µs each at 1M replies, most
 * of a narrow search's cost); from this index, consecutive keys sit side by side. The post's other
 * fields are read for the hits only. PostgreSQL has no walk (GIN) and needs nothing.
 *
 * Search names this index (`INDEXED BY posts_search_walk_idx`) and fails with "no such index"
 * without it: any future migration that rebuilds `posts` (SQLite's copy-and-rename) must create it
 * again.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'sqlite') return;
  await sql`create index posts_search_walk_idx on posts (search_key, thread_id, state, warnings)`.execute(db);
}
