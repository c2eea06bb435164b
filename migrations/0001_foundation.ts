import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/** Accounts, sessions, throttling, audit, outbox and the crisis-lines reference table. */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('handle_key', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('email_enc', 'text')
    .addColumn('pronouns', 'text')
    .addColumn('region', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('experience_tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('experience_note', 'text')
    .addColumn('bio', 'text')
    .addColumn('bio_state', 'text', (c) => c.notNull().defaultTo('visible'))
    .addColumn('message_policy', 'text', (c) => c.notNull().defaultTo('supporters'))
    .addColumn('age_confirmed_at', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('device_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('auth_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_subject_idx').on('audit_log').columns(['subject_user_id', 'id']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('crisis_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('sms', 'text')
    .addColumn('web', 'text')
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crisis_lines_region_idx').on('crisis_lines').columns(['region', 'sort_order']).execute();

  await createSafetyTables(db);

  await db.insertInto('crisis_lines').values(CRISIS_LINES.map((l, i) => ({ ...l, id: `cl-${i + 1}` }))).execute();
  void ctx;
}

/** Screenings (verdicts only, never the text), alerts with time limits, held content, duty rota. */
async function createSafetyTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('screenings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('method_detail', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('screenings_object_idx').on('screenings').columns(['object_type', 'object_id']).execute();
  await db.schema.createIndex('screenings_user_idx').on('screenings').columns(['user_id']).execute();

  await db.schema
    .createTable('safety_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('screening_id', 'text', (c) => c.notNull().references('screenings.id').onDelete('cascade'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('safety_alerts_queue_idx').on('safety_alerts').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('safety_alerts_user_idx').on('safety_alerts').columns(['user_id']).execute();

  await db.schema
    .createTable('safety_alert_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull().references('safety_alerts.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('safety_alert_notes_alert_idx').on('safety_alert_notes').columns(['alert_id']).execute();

  await db.schema
    .createTable('held_content')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('held_content_status_idx').on('held_content').columns(['status', 'id']).execute();
  await db.schema.createIndex('held_content_object_idx').on('held_content').columns(['object_type', 'object_id']).execute();

  await db.schema
    .createTable('supervisor_duty')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('on_duty', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

type Line = {
  region: string;
  kind: 'emergency' | 'crisis_line' | 'text_line' | 'directory';
  name: string;
  description: string;
  phone: string | null;
  sms: string | null;
  web: string | null;
  hours: string;
  sort_order: number;
};

/**
 * Reference data, checked against each service's own published contact details (2026).
 * Admins can add more later; the international directory is the fallback for every region.
 */
const CRISIS_LINES: Line[] = [
  { region: 'US', kind: 'crisis_line', name: '988 Suicide & Crisis Lifeline', description: 'Free, confidential support for anyone in distress. Call or text 988.', phone: '988', sms: '988', web: 'https://988lifeline.org', hours: '24/7', sort_order: 1 },
  { region: 'US', kind: 'text_line', name: 'Crisis Text Line', description: 'Text HOME to 741741 to reach a trained crisis counsellor.', phone: null, sms: '741741', web: 'https://www.crisistextline.org', hours: '24/7', sort_order: 2 },
  { region: 'US', kind: 'emergency', name: 'Emergency services', description: 'If you or someone else is in immediate danger.', phone: '911', sms: null, web: null, hours: '24/7', sort_order: 0 },
  { region: 'CA', kind: 'crisis_line', name: '9-8-8 Suicide Crisis Helpline', description: 'Call or text 988, in English or French.', phone: '988', sms: '988', web: 'https://988.ca', hours: '24/7', sort_order: 1 },
  { region: 'CA', kind: 'text_line', name: 'Crisis Text Line (Kids Help Phone)', description: 'Text CONNECT to 686868.', phone: null, sms: '686868', web: 'https://kidshelpphone.ca', hours: '24/7', sort_order: 2 },
  { region: 'CA', kind: 'emergency', name: 'Emergency services', description: 'If you or someone else is in immediate danger.', phone: '911', sms: null, web: null, hours: '24/7', sort_order: 0 },
  { region: 'GB', kind: 'crisis_line', name: 'Samaritans', description: 'Talk to someone about anything, free from any phone.', phone: '116 123', sms: null, web: 'https://www.samaritans.org', hours: '24/7', sort_order: 1 },
  { region: 'GB', kind: 'text_line', name: 'Shout (Crisis Text Line UK)', description: 'Text SHOUT to 85258.', phone: null, sms: '85258', web: 'https://giveusashout.org', hours: '24/7', sort_order: 2 },
  { region: 'GB', kind: 'emergency', name: 'Emergency services', description: 'If you or someone else is in immediate danger.', phone: '999', sms: null, web: null, hours: '24/7', sort_order: 0 },
  { region: 'IE', kind: 'crisis_line', name: 'Samaritans Ireland', description: 'Talk to someone about anything, free from any phone.', phone: '116 123', sms: null, web: 'https://www.samaritans.org/ireland', hours: '24/7', sort_order: 1 },
  { region: 'IE', kind: 'text_line', name: 'Text 50808', description: 'Text HELLO to 50808 to reach a trained volunteer.', phone: null, sms: '50808', web: 'https://text50808.ie', hours: '24/7', sort_order: 2 },
  { region: 'IE', kind: 'emergency', name: 'Emergency services', description: 'If you or someone else is in immediate danger.', phone: '112', sms: null, web: null, hours: '24/7', sort_order: 0 },
  { region: 'AU', kind: 'crisis_line', name: 'Lifeline', description: 'Crisis support and suicide prevention. Call, text or chat online.', phone: '13 11 14', sms: '0477 13 11 14', web: 'https://www.lifeline.org.au', hours: '24/7', sort_order: 1 },
  { region: 'AU', kind: 'emergency', name: 'Emergency services', description: 'If you or someone else is in immediate danger.', phone: '000', sms: null, web: null, hours: '24/7', sort_order: 0 },
  { region: 'NZ', kind: 'crisis_line', name: '1737, Need to talk?', description: 'Call or text 1737 to talk with a trained counsellor.', phone: '1737', sms: '1737', web: 'https://1737.org.nz', hours: '24/7', sort_order: 1 },
  { region: 'NZ', kind: 'emergency', name: 'Emergency services', description: 'If you or someone else is in immediate danger.', phone: '111', sms: null, web: null, hours: '24/7', sort_order: 0 },
  { region: 'FR', kind: 'crisis_line', name: '3114, numéro national de prévention du suicide', description: 'Écoute professionnelle, gratuite et confidentielle.', phone: '3114', sms: null, web: 'https://3114.fr', hours: '24/7', sort_order: 1 },
  { region: 'FR', kind: 'emergency', name: 'Urgences', description: 'En cas de danger immédiat.', phone: '112', sms: null, web: null, hours: '24/7', sort_order: 0 },
  { region: 'DE', kind: 'crisis_line', name: 'TelefonSeelsorge', description: 'Anonym, kostenfrei, rund um die Uhr. Auch 0800 111 0 222.', phone: '0800 111 0 111', sms: null, web: 'https://www.telefonseelsorge.de', hours: '24/7', sort_order: 1 },
  { region: 'DE', kind: 'emergency', name: 'Notruf', description: 'Bei unmittelbarer Gefahr.', phone: '112', sms: null, web: null, hours: '24/7', sort_order: 0 },
  { region: 'INTL', kind: 'directory', name: 'Find A Helpline', description: 'A directory of free, confidential helplines in more than 130 countries.', phone: null, sms: null, web: 'https://findahelpline.com', hours: 'Varies by helpline', sort_order: 1 },
  { region: 'INTL', kind: 'directory', name: 'IASP crisis centres', description: 'The International Association for Suicide Prevention list of crisis centres.', phone: null, sms: null, web: 'https://www.iasp.info/crisis-centres-helplines/', hours: 'Varies by centre', sort_order: 2 },
];
