import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * One pending request to join a program per person. Joining by request checked for a pending
 * request and then inserted one: on PostgreSQL requests racing each other (two tabs, a retry with
 * another key) all passed the check, each stored a pending row and each notified the program's
 * leads. This partial unique index lets one through; the others get the sequential case's 409
 * (`GroupsService.joinProgram`).
 *
 * A live database may already hold such duplicates: the oldest request of each person and program
 * is the one they made first and stays; the later copies go, so the index can be built.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await sql`
    delete from program_join_requests
    where status = 'pending'
      and exists (
        select 1 from program_join_requests older
        where older.program_id = program_join_requests.program_id
          and older.user_id = program_join_requests.user_id
          and older.status = 'pending'
          and (older.created_at < program_join_requests.created_at
            or (older.created_at = program_join_requests.created_at and older.id < program_join_requests.id))
      )`.execute(db);
  await db.schema
    .createIndex('program_join_requests_one_pending_idx')
    .on('program_join_requests')
    .columns(['program_id', 'user_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  void ctx;
}
