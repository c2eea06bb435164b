import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Formal programs: organizations and their staff, the programs made in 0002 grown up (description,
 * join policy, invitation code digest, organization), join requests, support groups with their
 * agreement, meetings (series expanded in the group's zone), RSVPs, attendance, facilitator notes,
 * reminders, calendar feeds, group chat, reports, shared goals and supervisor requests.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organization_staff')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_staff_pk', ['organization_id', 'user_id', 'role'])
    .execute();
  await db.schema.createIndex('organization_staff_user_idx').on('organization_staff').columns(['user_id']).execute();

  // Programs made before this migration were admin-managed: they keep that (join by invitation).
  await db.schema.alterTable('programs').addColumn('description', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('programs').addColumn('join_policy', 'text', (c) => c.notNull().defaultTo('invitation')).execute();
  await db.schema.alterTable('programs').addColumn('invitation_code_digest', 'text').execute();
  await db.schema.alterTable('programs').addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('set null')).execute();
  await db.schema.alterTable('programs').addColumn('updated_at', 'text').execute();
  await db.schema.createIndex('programs_org_idx').on('programs').columns(['organization_id']).execute();
  await db.schema.createIndex('programs_code_idx').on('programs').columns(['invitation_code_digest']).execute();

  await db.schema
    .createTable('program_join_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('note_enc', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('program_join_requests_program_idx').on('program_join_requests').columns(['program_id', 'status', 'id']).execute();
  await db.schema.createIndex('program_join_requests_user_idx').on('program_join_requests').columns(['user_id']).execute();

  await db.schema
    .createTable('support_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('size_limit', 'integer', (c) => c.notNull())
    .addColumn('agreement_text', 'text', (c) => c.notNull())
    .addColumn('agreement_version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('support_groups_program_idx').on('support_groups').columns(['program_id']).execute();

  await db.schema
    .createTable('group_facilitators')
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_facilitators_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_facilitators_user_idx').on('group_facilitators').columns(['user_id']).execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('muted_until', 'text')
    .addColumn('muted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('group_members_user_idx').on('group_members').columns(['user_id']).execute();

  // Every acceptance, with the version accepted: a changed agreement needs a new row.
  await db.schema
    .createTable('group_agreement_acceptances')
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_agreement_acceptances_pk', ['group_id', 'user_id', 'version'])
    .execute();

  await db.schema
    .createTable('group_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('place', 'text')
    .addColumn('start_local', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('until_date', 'text')
    .addColumn('occurrence_count', 'integer')
    .addColumn('reminder_minutes', 'integer', (c) => c.notNull())
    .addColumn('first_start_utc', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('group_meetings_group_idx').on('group_meetings').columns(['group_id', 'first_start_utc']).execute();

  // One occurrence of a series is named by its UTC start (ISO-8601).
  await db.schema
    .createTable('meeting_rsvps')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('group_meetings.id').onDelete('cascade'))
    .addColumn('occurrence', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_rsvps_pk', ['meeting_id', 'occurrence', 'user_id'])
    .execute();
  await db.schema.createIndex('meeting_rsvps_user_idx').on('meeting_rsvps').columns(['user_id']).execute();

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('group_meetings.id').onDelete('cascade'))
    .addColumn('occurrence', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'occurrence', 'user_id'])
    .execute();
  await db.schema.createIndex('meeting_attendance_user_idx').on('meeting_attendance').columns(['user_id']).execute();

  await db.schema
    .createTable('meeting_notes')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('group_meetings.id').onDelete('cascade'))
    .addColumn('occurrence', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_notes_pk', ['meeting_id', 'occurrence'])
    .execute();

  await db.schema
    .createTable('meeting_reminders_sent')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('group_meetings.id').onDelete('cascade'))
    .addColumn('occurrence', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_reminders_sent_pk', ['meeting_id', 'occurrence'])
    .execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.references('support_groups.id').onDelete('cascade'))
    .addColumn('token_digest', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('calendar_feeds_user_idx').on('calendar_feeds').columns(['user_id']).execute();

  await db.schema
    .createTable('group_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('pinned_at', 'text')
    .addColumn('pinned_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('group_messages_group_idx').on('group_messages').columns(['group_id', 'id']).execute();
  await db.schema.createIndex('group_messages_author_idx').on('group_messages').columns(['author_id']).execute();

  await db.schema
    .createTable('group_message_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('group_messages.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('reporter_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('group_message_reports_group_idx').on('group_message_reports').columns(['group_id', 'status', 'id']).execute();

  await db.schema
    .createTable('group_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('title_enc', 'text', (c) => c.notNull())
    .addColumn('target_per_member', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('group_goals_group_idx').on('group_goals').columns(['group_id', 'id']).execute();

  await db.schema
    .createTable('group_goal_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('group_goals.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('group_goal_logs_goal_idx').on('group_goal_logs').columns(['goal_id', 'id']).execute();
  await db.schema.createIndex('group_goal_logs_user_idx').on('group_goal_logs').columns(['user_id']).execute();

  await db.schema
    .createTable('group_supervisor_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('alert_id', 'text', (c) => c.references('safety_alerts.id').onDelete('set null'))
    .addColumn('requested_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note_enc', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('taken_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('group_supervisor_requests_group_idx').on('group_supervisor_requests').columns(['group_id', 'id']).execute();
  void ctx;
}
