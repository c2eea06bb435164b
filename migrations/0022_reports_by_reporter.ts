import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * `post_reports(reporter_id, id)`: a member's own reports, newest first, one page at a time
 * (`GET /api/me/reports`), and the erasure of an account's reports, without reading every report.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.createIndex('post_reports_reporter_idx').on('post_reports').columns(['reporter_id', 'id']).execute();
  void ctx;
}
