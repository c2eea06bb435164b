import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Training and certification (issue 7). The curriculum itself lives in the repository
 * (`curriculum/`); these tables hold what each person did with it: lessons read, quiz attempts
 * (every one kept), practice replies (the trainee's own words, sealed, with the empathy ratings),
 * requests for a supervisor's sign-off, and certificates (earned, or prior training an admin
 * recorded). A certificate is valid while it is not revoked and `expires_at` is in the future;
 * only a person's current certificate of a kind counts (`replaced_by` is set when a refresher
 * issues the next one).
 */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('training_progress')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('lesson_read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_progress_pk', ['user_id', 'module_id'])
    .execute();

  await db.schema
    .createTable('training_quiz_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('curriculum_version', 'text', (c) => c.notNull())
    // JSON: { [questionId]: optionId[] }, exactly as submitted.
    .addColumn('answers', 'text', (c) => c.notNull())
    // Questions answered right, out of question_count.
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('question_count', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_quiz_attempts_user_idx').on('training_quiz_attempts').columns(['user_id', 'module_id', 'created_at']).execute();

  await db.schema
    .createTable('training_practice_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('module_id', 'text', (c) => c.notNull())
    .addColumn('scenario_id', 'text', (c) => c.notNull())
    // The trainee's words, sealed with the field key (associated data: the row id).
    .addColumn('reply_enc', 'text', (c) => c.notNull())
    .addColumn('emotional_reactions', 'integer', (c) => c.notNull())
    .addColumn('interpretations', 'integer', (c) => c.notNull())
    .addColumn('explorations', 'integer', (c) => c.notNull())
    .addColumn('empathy_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_practice_replies_user_idx').on('training_practice_replies').columns(['user_id', 'module_id', 'created_at']).execute();

  await db.schema
    .createTable('certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'training' (quizzes passed + sign-off) or 'prior_training' (recorded by an admin).
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // The supervisor who signed off, or the admin who recorded prior training.
    .addColumn('signed_off_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    // Prior training: what it was (the admin's words, shown to the holder; 1 while the screen holds them).
    .addColumn('note', 'text')
    .addColumn('note_held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('curriculum_version', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoke_reason', 'text')
    .addColumn('revoke_reason_held', 'integer', (c) => c.notNull().defaultTo(0))
    // Set once by the sweeper: the holder was told the refresher is due / the certificate expired.
    .addColumn('refresher_notified_at', 'text')
    .addColumn('expiry_notified_at', 'text')
    // The next certificate of the same kind (a refresher): this one no longer counts.
    .addColumn('replaced_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('certificates_user_idx').on('certificates').columns(['user_id', 'kind', 'issued_at']).execute();
  // At most one current certificate per person and kind, even under concurrent sign-offs.
  await db.schema
    .createIndex('certificates_one_current_idx')
    .on('certificates')
    .columns(['user_id', 'kind'])
    .unique()
    .where(sql.ref('replaced_by'), 'is', null)
    .execute();
  await db.schema.createIndex('certificates_expiry_idx').on('certificates').columns(['expires_at']).execute();

  await db.schema
    .createTable('training_signoff_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // 1 when it renews a certificate (the refresher).
    .addColumn('refresher', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    // The supervisor's words to the trainee, sealed (associated data: the request id).
    .addColumn('decision_note_enc', 'text')
    .addColumn('decision_note_held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('certificate_id', 'text', (c) => c.references('certificates.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('training_signoff_requests_status_idx').on('training_signoff_requests').columns(['status', 'requested_at']).execute();
  // One open request per person and kind, even when two tabs ask at once.
  await db.schema
    .createIndex('training_signoff_requests_one_pending_idx')
    .on('training_signoff_requests')
    .columns(['user_id', 'kind'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}
