import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * One-to-one peer mentoring: supporter profiles, support requests and their offers, mentorships,
 * the private conversation's messages (encrypted), handovers, private feedback, blocks, reports
 * and supervisors' access grants. A person's id is nullable wherever erasure keeps the other
 * participant's record but removes the erased person's name from it.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('supporter_profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('experience_tags', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('can_help_with', 'text')
    .addColumn('cannot_help_with', 'text')
    .addColumn('intro', 'text')
    .addColumn('intro_state', 'text', (c) => c.notNull().defaultTo('visible'))
    .addColumn('gender', 'text')
    .addColumn('away_until', 'text')
    .addColumn('away_message', 'text')
    .addColumn('away_message_state', 'text', (c) => c.notNull().defaultTo('visible'))
    .addColumn('auto_reply', 'text')
    .addColumn('auto_reply_state', 'text', (c) => c.notNull().defaultTo('visible'))
    .addColumn('accepting', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('support_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('topic_enc', 'text', (c) => c.notNull())
    // 1 while the safety screen holds the topic for review: supporters are not shown the words.
    .addColumn('topic_held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('preferences', 'text', (c) => c.notNull())
    .addColumn('preferred_supporter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('next_widen_at', 'text')
    .addColumn('exhausted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('screening_level', 'integer', (c) => c.notNull())
    .addColumn('safety_notice', 'text')
    .addColumn('mentorship_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('support_requests_member_idx').on('support_requests').columns(['member_id', 'status']).execute();
  // One open request per member, even under concurrent posts.
  await db.schema.createIndex('support_requests_one_waiting_idx').on('support_requests').column('member_id').unique().where(sql.ref('status'), '=', 'waiting').execute();
  await db.schema.createIndex('support_requests_widen_idx').on('support_requests').columns(['status', 'next_widen_at']).execute();

  await db.schema
    .createTable('support_request_offers')
    .addColumn('request_id', 'text', (c) => c.notNull().references('support_requests.id').onDelete('cascade'))
    .addColumn('supporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('offered_at', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addPrimaryKeyConstraint('support_request_offers_pk', ['request_id', 'supporter_id'])
    .execute();
  await db.schema.createIndex('support_request_offers_supporter_idx').on('support_request_offers').columns(['supporter_id', 'response']).execute();

  await db.schema
    .createTable('mentorships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('supporter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('request_id', 'text', (c) => c.references('support_requests.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('end_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mentorships_supporter_idx').on('mentorships').columns(['supporter_id', 'status']).execute();
  await db.schema.createIndex('mentorships_member_idx').on('mentorships').columns(['member_id', 'status']).execute();

  await db.schema
    .createTable('mentorship_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    .addColumn('sender_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('hold_reason', 'text')
    .addColumn('screening_level', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('mentorship_messages_mentorship_idx').on('mentorship_messages').columns(['mentorship_id', 'id']).execute();
  await db.schema.createIndex('mentorship_messages_sender_idx').on('mentorship_messages').columns(['sender_id', 'id']).execute();

  await db.schema
    .createTable('handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    .addColumn('from_supporter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('to_supporter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note_enc', 'text', (c) => c.notNull())
    .addColumn('note_held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('handovers_mentorship_idx').on('handovers').columns(['mentorship_id', 'status']).execute();
  await db.schema.createIndex('handovers_to_idx').on('handovers').columns(['to_supporter_id', 'status']).execute();

  await db.schema
    .createTable('mentorship_feedback')
    .addColumn('mentorship_id', 'text', (c) => c.primaryKey().references('mentorships.id').onDelete('cascade'))
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mentoring_blocks')
    .addColumn('blocker_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('blocked_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mentoring_blocks_pk', ['blocker_id', 'blocked_id'])
    .execute();
  await db.schema.createIndex('mentoring_blocks_blocked_idx').on('mentoring_blocks').columns(['blocked_id']).execute();

  await db.schema
    .createTable('mentoring_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    .addColumn('reporter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reported_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('message_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mentoring_reports_status_idx').on('mentoring_reports').columns(['status', 'id']).execute();

  await db.schema
    .createTable('supervisor_access_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mentorship_id', 'text', (c) => c.notNull().references('mentorships.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text')
    // The supporter's words to the supervisor (escalations), encrypted; never shown to the member.
    .addColumn('note_enc', 'text')
    .addColumn('message_id', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervisor_access_grants_mentorship_idx').on('supervisor_access_grants').columns(['mentorship_id', 'expires_at']).execute();
  void ctx;
}
