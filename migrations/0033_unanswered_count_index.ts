import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * The home page counts a supporter's unanswered questions on every visit and every notice (ADR 045).
 * `threads_unanswered_idx` (kind, reply_count, id) found them, but each had its row read to check
 * its space, state and warnings: 170–210 ms on SQLite, a 358–655 ms bitmap heap scan on PostgreSQL
 * at 47k unanswered among 1M threads. This index holds every column the count filters on, so it is
 * answered from the index alone (and stops after the cap). The list keeps its own index, ordered by id.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.createIndex('threads_unanswered_count_idx').on('threads').columns(['kind', 'reply_count', 'state', 'space_id', 'warnings']).execute();
  void ctx;
}
