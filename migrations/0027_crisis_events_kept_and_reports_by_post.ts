import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Two small changes that share this number:
 * - Crisis alert events are never set aside any more (ADR 024, amended): one an older version set
 *   aside goes back to the live queue, to be retried at the next poll.
 * - `post_reports(post_id, status)`: resolving a report resolves the other open reports of the same
 *   post by an index search (ADR 023), not by reading the open queue, which stopped at 1000.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const crisis = ['safety.alert_raised', 'safety.alert_escalated', 'safety.alert_updated'];
  await db
    .updateTable('outbox')
    .set({ dead_at: null, retry_at: null })
    .where('dead_at', 'is not', null)
    .where('type', 'in', crisis)
    .execute();
  await db.schema.createIndex('post_reports_post_idx').on('post_reports').columns(['post_id', 'status']).execute();
  void ctx;
}
