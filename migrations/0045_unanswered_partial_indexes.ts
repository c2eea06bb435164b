import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * The unanswered list (oldest first, migration 0002) and the home's count of it (migration 0033)
 * only ever look at questions with no reply, but their indexes held every thread: a reply rewrites
 * `threads.reply_count`, so each reply moved both entries of its thread (up to ×0.93 of a reply's CPU
 * on a typical thread, ADR 031). Partial on `kind = 'question' and reply_count = 0`, they hold the
 * unanswered questions alone: a question's first reply takes its entries out, later replies and
 * discussions touch neither. The columns stay, so both reads remain keyed searches (`kind=? AND
 * reply_count=?`, a constant) and the count is still answered from its index alone. A query reaches
 * them only if its WHERE carries the same terms as literals (SQLite matches terms; PostgreSQL
 * cannot prove `reply_count = $1` implies `reply_count = 0` in a generic plan): the repository writes them so.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const unanswered = sql<boolean>`kind = 'question' and reply_count = 0`;
  await db.schema.dropIndex('threads_unanswered_idx').execute();
  await db.schema.dropIndex('threads_unanswered_count_idx').execute();
  await db.schema.createIndex('threads_unanswered_idx').on('threads').columns(['kind', 'reply_count', 'id']).where(unanswered).execute();
  await db.schema
    .createIndex('threads_unanswered_count_idx')
    .on('threads')
    .columns(['kind', 'reply_count', 'state', 'space_id', 'warnings'])
    .where(unanswered)
    .execute();
  void ctx;
}
