import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Informal circles: a member's private circle of up to 12 people, single-use invitation links
 * (stored as digests), small mood check-ins shared into circles one by one, and circle chat.
 * Every word a person writes here is sealed with the field key; only ids, times and moods are plain.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('circles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('circle_members')
    .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('circle_members_pk', ['circle_id', 'user_id'])
    .execute();
  await db.schema.createIndex('circle_members_user_idx').on('circle_members').columns(['user_id']).execute();

  await db.schema
    .createTable('circle_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
    .addColumn('token_digest', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('circle_invitations_circle_idx').on('circle_invitations').columns(['circle_id', 'id']).execute();

  await db.schema
    .createTable('circle_checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('mood', 'integer', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('note_state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('circle_checkins_user_idx').on('circle_checkins').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('circle_checkin_shares')
    .addColumn('checkin_id', 'text', (c) => c.notNull().references('circle_checkins.id').onDelete('cascade'))
    .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
    .addColumn('shared_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('circle_checkin_shares_pk', ['checkin_id', 'circle_id'])
    .execute();
  await db.schema.createIndex('circle_checkin_shares_circle_idx').on('circle_checkin_shares').columns(['circle_id', 'checkin_id']).execute();

  await db.schema
    .createTable('circle_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('circle_messages_circle_idx').on('circle_messages').columns(['circle_id', 'id']).execute();
  await db.schema.createIndex('circle_messages_author_idx').on('circle_messages').columns(['author_id']).execute();
  void ctx;
}
