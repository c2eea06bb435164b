import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * The supervisors' held queue lists the items waiting, longest waiting first: `where status =
 * 'pending' order by created_at, id` (`safetyRepository.listHeld`; a superseding item keeps its object's
 * place, ADR 052 amendment "one lock order"). `held_content_status_idx` (status, id) found the pending
 * items but not in that order: every one of them was read and sorted before the first page could be
 * answered. This index gives them in the queue's order, so a page stops after its limit; the count of
 * waiting items and the oldest's time (`pendingHeldCount`) read its pending range too. It has the old
 * index's leading column, and nothing orders held items by id within a status any more: the old one goes.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.createIndex('held_content_queue_idx').on('held_content').columns(['status', 'created_at', 'id']).execute();
  await db.schema.dropIndex('held_content_status_idx').execute();
  void ctx;
}
