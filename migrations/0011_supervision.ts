import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Supervision and quality (issue 7). Every supporter has one supervisor (admin assigns); weekly
 * wellbeing check-ins; supervision notes (supervisors only); the supervision request channel
 * (supporter ↔ their supervisor); coaching notes on reviewed replies; empathy ratings of supporters'
 * replies (numbers only, never text). Every word is sealed with the field key. A person's id is
 * nullable wherever erasure keeps the other person's side of the record.
 */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('supervisor_assignments')
    .addColumn('supporter_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('supervisor_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    // The last weekly "time for your check-in" reminder (one per week at most).
    .addColumn('checkin_reminded_at', 'text')
    .execute();
  await db.schema.createIndex('supervisor_assignments_supervisor_idx').on('supervisor_assignments').columns(['supervisor_id']).execute();

  await db.schema
    .createTable('wellbeing_checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('energy', 'integer', (c) => c.notNull())
    .addColumn('manageable', 'integer', (c) => c.notNull())
    .addColumn('supported', 'integer', (c) => c.notNull())
    // 1 when an answer was low enough to prompt a conversation with the supervisor.
    .addColumn('low', 'integer', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('followed_up_at', 'text')
    .addColumn('followed_up_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wellbeing_checkins_user_idx').on('wellbeing_checkins').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('supervision_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('supporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_notes_supporter_idx').on('supervision_notes').columns(['supporter_id', 'id']).execute();
  await db.schema.createIndex('supervision_notes_author_idx').on('supervision_notes').columns(['author_id']).execute();

  await db.schema
    .createTable('supervision_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('supporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('supervisor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  // One open request per supporter: asking again while one is open continues it.
  await db.schema.createIndex('supervision_requests_one_open_idx').on('supervision_requests').column('supporter_id').unique().where(sql.ref('status'), '=', 'open').execute();
  await db.schema.createIndex('supervision_requests_supervisor_idx').on('supervision_requests').columns(['supervisor_id', 'status']).execute();

  await db.schema
    .createTable('supervision_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('supervision_requests.id').onDelete('cascade'))
    .addColumn('sender_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_messages_request_idx').on('supervision_messages').columns(['request_id', 'id']).execute();
  await db.schema.createIndex('supervision_messages_sender_idx').on('supervision_messages').columns(['sender_id']).execute();

  await db.schema
    .createTable('coaching_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('supporter_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    // What was reviewed: a community reply ('post') or a 1:1 message ('message'), by id.
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coaching_notes_supporter_idx').on('coaching_notes').columns(['supporter_id', 'id']).execute();
  await db.schema.createIndex('coaching_notes_author_idx').on('coaching_notes').columns(['author_id']).execute();

  await db.schema
    .createTable('empathy_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('emotional_reactions', 'integer', (c) => c.notNull())
    .addColumn('interpretations', 'integer', (c) => c.notNull())
    .addColumn('explorations', 'integer', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    // When the rated reply was written (the weekly trend buckets on it).
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('empathy_ratings_source_uq', ['source', 'source_id'])
    .execute();
  await db.schema.createIndex('empathy_ratings_user_idx').on('empathy_ratings').columns(['user_id', 'written_at']).execute();
}
