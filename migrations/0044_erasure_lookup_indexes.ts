import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * An erasure finds the person's rows by every column that names them. Three had no index, so each
 * erasure walked the whole of its table, which holds every mentorship there ever was:
 * `mentorships.ended_by` (`lockForErasure`, and `eraseUser` setting it to null), `mentorships.request_id`
 * (`eraseUser` unlinking the person's requests) and `handovers.from_supporter_id` (both, as
 * `to_supporter_id`'s `handovers_to_idx` already serves its side). Each is written once in a row's life.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.createIndex('mentorships_ended_by_idx').on('mentorships').column('ended_by').execute();
  await db.schema.createIndex('mentorships_request_idx').on('mentorships').column('request_id').execute();
  await db.schema.createIndex('handovers_from_idx').on('handovers').column('from_supporter_id').execute();
  void ctx;
}
