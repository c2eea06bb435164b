import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * "Which of these 30 threads does the reader follow" (every list read) reads the reader's follows
 * in one range of this index, covering, instead of 30 seeks of the primary key (ADR 017). It also
 * serves everything the single-column index did (the followed list, export, erasure), which it
 * replaces.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.createIndex('thread_follows_member_idx').on('thread_follows').columns(['user_id', 'thread_id']).execute();
  await db.schema.dropIndex('thread_follows_user_idx').execute();
  void ctx;
}
