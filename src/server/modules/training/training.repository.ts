import type { CertificateKind } from '../../../contracts/training.js';
import type { Executor } from '../../platform/db.js';
import type {
  CertificatesTable,
  TrainingPracticeRepliesTable,
  TrainingQuizAttemptsTable,
  TrainingSignoffRequestsTable,
} from '../../platform/schema.js';

export type AttemptRow = TrainingQuizAttemptsTable;
export type PracticeRow = TrainingPracticeRepliesTable;
export type CertificateRow = CertificatesTable;
export type SignOffRow = TrainingSignoffRequestsTable;

/** Kysely only: lesson progress, quiz attempts, practice replies, certificates and sign-off requests. */
export const trainingRepository = {
  // ── people ──────────────────────────────────────────────────────────────────
  findUser(db: Executor, id: string) {
    return db.selectFrom('users').select(['id', 'handle']).where('id', '=', id).executeTakeFirst();
  },

  async handlesOf(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (wanted.length === 0) return new Map();
    const rows = await db.selectFrom('users').select(['id', 'handle']).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.handle]));
  },

  // ── progress and attempts ─────────────────────────────────────────────────────
  /** The first reading counts; reading again changes nothing. */
  async markLessonRead(db: Executor, userId: string, moduleId: string, at: string): Promise<void> {
    await db
      .insertInto('training_progress')
      .values({ user_id: userId, module_id: moduleId, lesson_read_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'module_id']).doNothing())
      .execute();
  },

  progressOf(db: Executor, userId: string) {
    return db.selectFrom('training_progress').select(['module_id', 'lesson_read_at']).where('user_id', '=', userId).execute();
  },

  async insertAttempt(db: Executor, row: AttemptRow): Promise<void> {
    await db.insertInto('training_quiz_attempts').values(row).execute();
  },

  /** Every attempt of one person (a handful per module), oldest first; answers are left out. */
  attemptsOf(db: Executor, userId: string) {
    return db
      .selectFrom('training_quiz_attempts')
      .select(['id', 'module_id', 'score', 'question_count', 'passed', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },

  // ── practice ────────────────────────────────────────────────────────────────
  async insertPractice(db: Executor, row: PracticeRow): Promise<void> {
    await db.insertInto('training_practice_replies').values(row).execute();
  },
  findPractice(db: Executor, id: string) {
    return db.selectFrom('training_practice_replies').selectAll().where('id', '=', id).executeTakeFirst();
  },

  practiceOf(db: Executor, userId: string, moduleId?: string): Promise<PracticeRow[]> {
    let q = db.selectFrom('training_practice_replies').selectAll().where('user_id', '=', userId);
    if (moduleId) q = q.where('module_id', '=', moduleId);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  },

  /** Counts and mean ratings only: what a supervisor sees of someone's practice. */
  async practiceStats(db: Executor, userId: string) {
    const row = await db
      .selectFrom('training_practice_replies')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.avg<number>('emotional_reactions').as('er'),
        eb.fn.avg<number>('interpretations').as('ip'),
        eb.fn.avg<number>('explorations').as('ex'),
      ])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), er: row.er === null ? null : Number(row.er), ip: Number(row.ip), ex: Number(row.ex) };
  },

  // ── certificates ────────────────────────────────────────────────────────────
  async insertCertificate(db: Executor, row: CertificateRow): Promise<void> {
    await db.insertInto('certificates').values(row).execute();
  },

  findCertificate(db: Executor, id: string): Promise<CertificateRow | undefined> {
    return db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Every certificate a person ever held, newest first. */
  certificatesOf(db: Executor, userId: string): Promise<CertificateRow[]> {
    return db.selectFrom('certificates').selectAll().where('user_id', '=', userId).orderBy('issued_at', 'desc').orderBy('id', 'desc').execute();
  },

  currentCertificate(db: Executor, userId: string, kind: CertificateKind): Promise<CertificateRow | undefined> {
    return db.selectFrom('certificates').selectAll().where('user_id', '=', userId).where('kind', '=', kind).where('replaced_by', 'is', null).executeTakeFirst();
  },

  /** Current certificates of a kind (of the given people, or of everyone). */
  currentCertificates(db: Executor, kind: CertificateKind | null, userIds: readonly string[] | null): Promise<CertificateRow[]> {
    if (userIds && userIds.length === 0) return Promise.resolve([]);
    let q = db.selectFrom('certificates').selectAll().where('replaced_by', 'is', null);
    if (kind) q = q.where('kind', '=', kind);
    if (userIds) q = q.where('user_id', 'in', [...userIds]);
    return q.orderBy('expires_at').orderBy('id').execute();
  },

  /** Ids of the people whose current certificate of the kind counts at `nowIso`. */
  async validHolderIds(db: Executor, kind: CertificateKind, userIds: readonly string[] | null, nowIso: string): Promise<string[]> {
    if (userIds && userIds.length === 0) return [];
    let q = db
      .selectFrom('certificates')
      .select('user_id')
      .where('kind', '=', kind)
      .where('replaced_by', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', nowIso);
    if (userIds) q = q.where('user_id', 'in', [...userIds]);
    return (await q.execute()).map((r) => r.user_id);
  },

  async markReplaced(db: Executor, certificateId: string, replacedBy: string): Promise<void> {
    await db.updateTable('certificates').set({ replaced_by: replacedBy }).where('id', '=', certificateId).where('replaced_by', 'is', null).execute();
  },

  /** Revokes once: false when someone else revoked it first. */
  async revoke(db: Executor, id: string, by: string, reason: string, reasonHeld: boolean, at: string): Promise<boolean> {
    const res = await db
      .updateTable('certificates')
      .set({ revoked_at: at, revoked_by: by, revoke_reason: reason, revoke_reason_held: reasonHeld ? 1 : 0 })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  /** Current certificates whose refresher window has opened and whose holder has not been told. */
  refresherDue(db: Executor, windowEndIso: string, nowIso: string, limit: number): Promise<CertificateRow[]> {
    return db
      .selectFrom('certificates')
      .selectAll()
      .where('replaced_by', 'is', null)
      .where('revoked_at', 'is', null)
      .where('refresher_notified_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .where('expires_at', '<=', windowEndIso)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
  },

  /** Current certificates that have expired and whose lapse has not been handled yet. */
  expiredUnhandled(db: Executor, nowIso: string, limit: number): Promise<CertificateRow[]> {
    return db
      .selectFrom('certificates')
      .selectAll()
      .where('replaced_by', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expiry_notified_at', 'is', null)
      .where('expires_at', '<=', nowIso)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
  },

  /** Claims one notice for one instance (several may sweep): true only for the first caller. */
  async claimNotice(db: Executor, id: string, column: 'refresher_notified_at' | 'expiry_notified_at', at: string): Promise<boolean> {
    const res = await db.updateTable('certificates').set({ [column]: at }).where('id', '=', id).where(column, 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  // ── sign-off requests ───────────────────────────────────────────────────────
  async insertSignOff(db: Executor, row: SignOffRow): Promise<void> {
    await db.insertInto('training_signoff_requests').values(row).execute();
  },

  findSignOff(db: Executor, id: string): Promise<SignOffRow | undefined> {
    return db.selectFrom('training_signoff_requests').selectAll().where('id', '=', id).executeTakeFirst();
  },

  signOffsOf(db: Executor, userId: string): Promise<SignOffRow[]> {
    return db.selectFrom('training_signoff_requests').selectAll().where('user_id', '=', userId).orderBy('requested_at', 'desc').orderBy('id', 'desc').execute();
  },

  /**
   * Pending requests oldest first (the queue), or decided ones newest first. With `supervisorId`:
   * only those of trainees they supervise, of trainees nobody supervises, or decided by them
   * (reads the supervision module's assignments).
   */
  listSignOffs(db: Executor, status: 'pending' | 'decided', limit: number, supervisorId: string | null): Promise<SignOffRow[]> {
    let q = db
      .selectFrom('training_signoff_requests')
      .leftJoin('supervisor_assignments', 'supervisor_assignments.supporter_id', 'training_signoff_requests.user_id')
      .selectAll('training_signoff_requests');
    if (supervisorId !== null) {
      q = q.where((eb) =>
        eb.or([
          eb('supervisor_assignments.supervisor_id', 'is', null),
          eb('supervisor_assignments.supervisor_id', '=', supervisorId),
          eb('training_signoff_requests.decided_by', '=', supervisorId),
        ]),
      );
    }
    if (status === 'pending') return q.where('status', '=', 'pending').orderBy('requested_at').orderBy('training_signoff_requests.id').limit(limit).execute();
    return q.where('status', 'in', ['approved', 'declined']).orderBy('decided_at', 'desc').orderBy('training_signoff_requests.id', 'desc').limit(limit).execute();
  },

  /** Decides a pending request once: false when it was no longer pending. */
  async decideSignOff(db: Executor, id: string, patch: Pick<SignOffRow, 'status' | 'decided_at' | 'decided_by' | 'decision_note_enc' | 'decision_note_held' | 'certificate_id'>): Promise<boolean> {
    const res = await db.updateTable('training_signoff_requests').set(patch).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  /** A held text's fate, decided by a supervisor in the review queue. */
  async setSignOffNote(db: Executor, id: string, patch: Partial<Pick<SignOffRow, 'decision_note_enc' | 'decision_note_held'>>): Promise<void> {
    await db.updateTable('training_signoff_requests').set(patch).where('id', '=', id).execute();
  },

  async setCertificateText(db: Executor, id: string, patch: Partial<Pick<CertificateRow, 'note' | 'note_held' | 'revoke_reason' | 'revoke_reason_held'>>): Promise<void> {
    await db.updateTable('certificates').set(patch).where('id', '=', id).execute();
  },

  attemptsWithAnswersOf(db: Executor, userId: string): Promise<AttemptRow[]> {
    return db.selectFrom('training_quiz_attempts').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  },

  // ── privacy ─────────────────────────────────────────────────────────────────
  async eraseUser(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('training_signoff_requests').where('user_id', '=', userId).execute();
    await db.deleteFrom('training_practice_replies').where('user_id', '=', userId).execute();
    await db.deleteFrom('training_quiz_attempts').where('user_id', '=', userId).execute();
    await db.deleteFrom('training_progress').where('user_id', '=', userId).execute();
    await db.deleteFrom('certificates').where('user_id', '=', userId).execute();
  },
};
