import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * One open handover per mentorship. Proposing one checked for an open handover (`proposed` or
 * `accepted_by_supporter`) and then inserted one: on PostgreSQL two proposals with different keys
 * both passed the check, both colleagues were told, and the member saw only the newest. This partial
 * unique index lets one through; the other gets the sequential case's 409
 * (`MentoringService.proposeHandover`).
 *
 * A live database may already hold such duplicates. Of each mentorship's open handovers the one
 * furthest along stays (one a colleague has accepted, so the member may be deciding on it), the
 * oldest among equals (the one the sequential check would have let through); the others are
 * cancelled, not deleted: they are part of the colleagues' and the member's record, and a cancelled
 * handover is what its proposer withdrawing one leaves. Nobody is notified here; their lists show it
 * cancelled.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const rank = (t: string) => sql`case ${sql.ref(`${t}.status`)} when 'accepted_by_supporter' then 0 else 1 end`;
  await sql`
    update handovers set status = 'cancelled', updated_at = ${new Date().toISOString()}
    where status in ('proposed', 'accepted_by_supporter')
      and exists (
        select 1 from handovers kept
        where kept.mentorship_id = handovers.mentorship_id
          and kept.status in ('proposed', 'accepted_by_supporter')
          and kept.id <> handovers.id
          and (${rank('kept')} < ${rank('handovers')}
            or (${rank('kept')} = ${rank('handovers')}
              and (kept.created_at < handovers.created_at or (kept.created_at = handovers.created_at and kept.id < handovers.id))))
      )`.execute(db);
  await db.schema
    .createIndex('handovers_one_open_idx')
    .on('handovers')
    .column('mentorship_id')
    .unique()
    .where(sql.ref('status'), 'in', sql`('proposed', 'accepted_by_supporter')`)
    .execute();
  void ctx;
}
