import type { z } from 'zod';
import type { Role } from '../../../contracts/accounts.js';
import {
  CERTIFICATE_ISSUED,
  CERTIFICATE_KINDS,
  CERTIFICATE_LAPSED,
  type ApproveBody,
  type CertificateIssuedEvent,
  type CertificateKind,
  type CertificateLapsedEvent,
  type DeclineBody,
  type PracticeBody,
  type PracticeResultView,
  type PriorTrainingBody,
} from '../../../contracts/training.js';
import { rateEmpathy, EMPATHY_VERSION } from '../../../safety/empathy.js';
import { hasRole, type Actor } from '../../platform/actor.js';
import { recordAccess } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto.js';
import { isUniqueViolationOf, type Db, type Executor } from '../../platform/db.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { Created, IdempotentCreates } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import type { Tx, UnitOfWork } from '../../platform/outbox.js';
import type { PersonalDataContributor } from '../../platform/privacy.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { SupervisorLookup } from '../mentoring/mentoring.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { HeldContentHandler, TextScreener } from '../safety/safety.service.js';
import {
  addMonths,
  certificateRequired,
  counts,
  countsFrom,
  KIND_NAME,
  longDate,
  standingOf,
  type Standing,
} from './certification.js';
import type { Curriculum, CurriculumModule } from './curriculum.js';
import { gradeQuiz } from './grading.js';
import { renderLesson } from './lesson.js';
import { trainingPolicy } from './training.policy.js';
import {
  presentCertificate,
  presentModuleSummary,
  presentMySignOff,
  presentPractice,
  presentProgress,
  presentQuestion,
  presentSignOff,
  type KindStatus,
} from './training.presenter.js';
import { trainingRepository as repo, type CertificateRow, type SignOffRow } from './training.repository.js';

export interface TrainingDeps {
  db: Db;
  uow: UnitOfWork;
  clock: Clock;
  keyring: Keyring;
  curriculum: Curriculum;
  /** Days before expiry when the refresher opens. */
  refresherDays: number;
  accounts: Pick<AccountsService, 'grantRole'>;
  screener: TextScreener;
  notifications: Pick<NotificationsService, 'notify'>;
  /** Who supervises a trainee now (the supervision module's assignments): they decide the sign-off. */
  supervisors: SupervisorLookup;
  /** A retried practice reply is stored once (ADR 042). */
  creates: IdempotentCreates;
}

/**
 * What mentoring and groups ask before an action that needs a certificate. The caller's executor
 * and time, so the answer belongs to the caller's transaction.
 */
export interface CertificateGate {
  standing(db: Executor, userId: string, kind: CertificateKind, now: Date): Promise<Standing>;
  /** Throws 403 `certificate_required` naming why (none / expired on DATE / revoked); `subject` names someone else. */
  requireCertificate(db: Executor, userId: string, kind: CertificateKind, now: Date, subject?: string): Promise<void>;
  /** Of these people (or of everyone), those whose certificate of the kind counts now. */
  certifiedAmong(db: Executor, kind: CertificateKind, userIds: readonly string[] | null, now: Date): Promise<Set<string>>;
}

/** Object types this module screens (the review queue decides held ones through our handlers). */
export const SCREENED = {
  practice: 'training_practice_reply',
  decisionNote: 'training_decision_note',
  priorNote: 'certificate_note',
  revokeReason: 'certificate_revoke_reason',
} as const;

const aad = {
  practice: (id: string) => `training_practice_replies:${id}`,
  decisionNote: (id: string) => `training_signoff_requests:${id}`,
};

const DEFAULT_VALIDITY_MONTHS = 12;
const SWEEP_BATCH = 100;

/** What a practice reply is answered with. */
type PracticeResult = z.infer<typeof PracticeResultView>;

/** Everything one person has done in training, read once per request. */
interface TraineeState {
  progress: Map<string, string>;
  attempts: Awaited<ReturnType<typeof repo.attemptsOf>>;
  practiceCounts: Map<string, number>;
  certificates: CertificateRow[];
  requests: SignOffRow[];
}

/**
 * Training and certification: the curriculum as each trainee meets it (lessons, quizzes graded on
 * the server, practice replies with empathy feedback), requests for a supervisor's sign-off,
 * certificates (issued with the role, expiring, renewed by the refresher, revocable), the expiry
 * sweep, and the certificate checks other modules call.
 */
export class TrainingService implements CertificateGate {
  private readonly lessonHtml = new Map<string, string>();

  constructor(private readonly deps: TrainingDeps) {
    // Lessons are the project's own Markdown, rendered once with the community's safe renderer.
    for (const m of deps.curriculum.modules) this.lessonHtml.set(m.id, renderLesson(m.lessonMarkdown, m.title));
  }

  get curriculum(): Curriculum {
    return this.deps.curriculum;
  }

  private get refresherDays(): number {
    return this.deps.refresherDays;
  }

  private seal(text: string, associated: string): string {
    return this.deps.keyring.field.encrypt(text, associated);
  }

  private open(sealed: string, associated: string): string {
    return this.deps.keyring.field.decrypt(sealed, associated);
  }

  private requiredFor(kind: CertificateKind): CurriculumModule[] {
    return this.deps.curriculum.modules.filter((m) => m.requiredFor.includes(kind));
  }

  /** A certificate runs for the shortest validity among the modules it needs (12 months if none say). */
  private validityMonths(kind: CertificateKind): number {
    const months = this.requiredFor(kind).map((m) => m.validityMonths);
    return months.length ? Math.min(...months) : DEFAULT_VALIDITY_MONTHS;
  }

  private module(moduleId: string): CurriculumModule {
    const m = this.deps.curriculum.byId.get(moduleId);
    if (!m) throw notFound('That training module was not found.');
    return m;
  }

  private notify(tx: Tx, userId: string, message: string): Promise<boolean> {
    return this.deps.notifications.notify(tx, { userId, kind: 'training', threadId: null, postId: null, actorId: null, actorAnonymous: false, message });
  }

  // ── the certificate gate (mentoring, groups) ─────────────────────────────────

  async standing(db: Executor, userId: string, kind: CertificateKind, now: Date): Promise<Standing> {
    return standingOf(await repo.currentCertificate(db, userId, kind), now, this.refresherDays);
  }

  async requireCertificate(db: Executor, userId: string, kind: CertificateKind, now: Date, subject?: string): Promise<void> {
    const s = await this.standing(db, userId, kind, now);
    if (!counts(s)) throw certificateRequired(kind, s, subject);
  }

  async certifiedAmong(db: Executor, kind: CertificateKind, userIds: readonly string[] | null, now: Date): Promise<Set<string>> {
    return new Set(await repo.validHolderIds(db, kind, userIds, now.toISOString()));
  }

  // ── where a trainee stands ───────────────────────────────────────────────────

  private async traineeState(db: Executor, userId: string): Promise<TraineeState> {
    const [progress, attempts, practice, certificates, requests] = await Promise.all([
      repo.progressOf(db, userId),
      repo.attemptsOf(db, userId),
      repo.practiceOf(db, userId),
      repo.certificatesOf(db, userId),
      repo.signOffsOf(db, userId),
    ]);
    const practiceCounts = new Map<string, number>();
    for (const p of practice) practiceCounts.set(p.module_id, (practiceCounts.get(p.module_id) ?? 0) + 1);
    return { progress: new Map(progress.map((p) => [p.module_id, p.lesson_read_at])), attempts, practiceCounts, certificates, requests };
  }

  /** The passing attempt that counts for a module towards the next certificate of a kind (the latest). */
  private countingPass(st: TraineeState, moduleId: string, from: string | null) {
    return st.attempts.filter((a) => a.module_id === moduleId && a.passed === 1 && (from === null || a.created_at >= from)).at(-1);
  }

  private kindStatus(kind: CertificateKind, st: TraineeState, now: Date, handles: ReadonlyMap<string, string>): KindStatus {
    const current = st.certificates.find((c) => c.kind === kind && !c.replaced_by);
    const standing = standingOf(current, now, this.refresherDays);
    const from = countsFrom(standing, this.refresherDays);
    const required = this.requiredFor(kind).map((m) => m.id);
    const remaining = required.filter((id) => !this.countingPass(st, id, from));
    const ofKind = st.requests.filter((r) => r.kind === kind);
    const pending = ofKind.find((r) => r.status === 'pending') ?? null;
    const decided = ofKind.find((r) => r.status !== 'pending') ?? null;
    const certified = standing.state === 'valid';
    const canRequestSignOff = !pending && !certified && required.length > 0 && remaining.length === 0;
    const state: KindStatus['state'] = pending
      ? 'awaiting_sign_off'
      : certified
        ? 'certified'
        : canRequestSignOff
          ? 'ready'
          : standing.state === 'none' || standing.state === 'valid'
            ? 'training'
            : standing.state;
    return {
      kind,
      state,
      certificate: current ? presentCertificate(this.forHolder(current), handles, now, this.refresherDays) : null,
      remaining,
      required,
      refresher: standing.state === 'refresher_due' || standing.state === 'expired',
      canRequestSignOff,
      pendingRequest: pending ? presentMySignOff(pending, handles, null) : null,
      lastDecision: decided ? presentMySignOff(decided, handles, this.decisionNote(decided)) : null,
    };
  }

  /** Held words stay out of sight of the holder until a supervisor releases them. */
  private forHolder(c: CertificateRow): CertificateRow {
    return { ...c, note: c.note_held ? null : c.note, revoke_reason: c.revoke_reason_held ? null : c.revoke_reason };
  }

  private decisionNote(r: SignOffRow): string | null {
    return r.decision_note_enc && !r.decision_note_held ? this.open(r.decision_note_enc, aad.decisionNote(r.id)) : null;
  }

  private async kindStatuses(db: Executor, st: TraineeState, now: Date): Promise<KindStatus[]> {
    const handles = await repo.handlesOf(db, [...st.certificates.map((c) => c.signed_off_by), ...st.requests.map((r) => r.decided_by)]);
    return CERTIFICATE_KINDS.map((kind) => this.kindStatus(kind, st, now, handles));
  }

  private moduleProgress(m: CurriculumModule, st: TraineeState) {
    return presentProgress({
      lessonReadAt: st.progress.get(m.id) ?? null,
      attempts: st.attempts.filter((a) => a.module_id === m.id),
      practiceReplies: st.practiceCounts.get(m.id) ?? 0,
    });
  }

  /** The Training page: every module with my progress, and where I stand for each certificate. */
  async overview(actor: Actor) {
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const st = await this.traineeState(db, actor.userId);
    const handles = await repo.handlesOf(db, [...st.certificates.map((c) => c.signed_off_by), ...st.requests.map((r) => r.decided_by)]);
    return {
      curriculumVersion: this.deps.curriculum.version,
      refresherDays: this.refresherDays,
      modules: this.deps.curriculum.modules.map((m) => presentModuleSummary(m, this.moduleProgress(m, st))),
      kinds: CERTIFICATE_KINDS.map((kind) => this.kindStatus(kind, st, now, handles)),
      certificates: st.certificates.map((c) => presentCertificate(this.forHolder(c), handles, now, this.refresherDays)),
    };
  }

  /** A module: the lesson, the quiz without its answers, the practice posts, and my own practice. */
  async moduleDetail(actor: Actor, moduleId: string) {
    const m = this.module(moduleId);
    const db = this.deps.db;
    const st = await this.traineeState(db, actor.userId);
    const mine = await repo.practiceOf(db, actor.userId, m.id);
    const { progress: _omit, ...summary } = presentModuleSummary(m, this.moduleProgress(m, st));
    return {
      module: { ...summary, lessonHtml: this.lessonHtml.get(m.id) ?? '' },
      questions: m.quiz.map(presentQuestion),
      practice: m.practice.map((p) => ({ id: p.id, title: p.title, seekerPost: p.seekerPost, aims: [...p.aims] })),
      progress: this.moduleProgress(m, st),
      myPractice: mine.map((p) => presentPractice(p, this.open(p.reply_enc, aad.practice(p.id)))),
    };
  }

  async markLessonRead(actor: Actor, moduleId: string) {
    const m = this.module(moduleId);
    return this.deps.uow.run(async (tx) => {
      await repo.markLessonRead(tx.trx, actor.userId, m.id, tx.now.toISOString());
      return this.moduleProgress(m, await this.traineeState(tx.trx, actor.userId));
    });
  }

  // ── quizzes ─────────────────────────────────────────────────────────────────

  /**
   * Grades an attempt and keeps it (every attempt is kept; retakes are welcome). The right options
   * are shown once the quiz is passed; a failed attempt shows which answers were right or wrong,
   * with the explanations, so the retake still asks the trainee to think.
   */
  async submitQuiz(actor: Actor, moduleId: string, answers: Record<string, string[]>) {
    const m = this.module(moduleId);
    const graded = gradeQuiz(m, answers);
    return this.deps.uow.run(async (tx) => {
      const id = newId(tx.now.getTime());
      const at = tx.now.toISOString();
      await repo.insertAttempt(tx.trx, {
        id,
        user_id: actor.userId,
        module_id: m.id,
        curriculum_version: this.deps.curriculum.version,
        answers: JSON.stringify(Object.fromEntries(graded.results.map((r) => [r.questionId, r.chosen]))),
        score: graded.score,
        question_count: graded.outOf,
        passed: graded.passed ? 1 : 0,
        created_at: at,
      });
      const st = await this.traineeState(tx.trx, actor.userId);
      return {
        attempt: { id, score: graded.score, outOf: graded.outOf, passed: graded.passed, passMark: m.passMark, at },
        results: graded.results.map((r) => ({ questionId: r.questionId, chosen: r.chosen, right: r.right, correct: graded.passed ? r.correct : null, explanation: r.explanation })),
        kinds: await this.kindStatuses(tx.trx, st, tx.now),
      };
    });
  }

  // ── practice ────────────────────────────────────────────────────────────────

  /**
   * Stores a practice reply (screened like every text, sealed: only its writer reads it) with the
   * empathy rating computed here, and answers with the feedback. Supervisors see numbers only. A
   * retry with the same `clientId` answers with the first reply and its feedback, stored and
   * screened once (ADR 042). Only its writer ever reads a practice reply, so nothing else is checked.
   */
  async practise(actor: Actor, moduleId: string, scenarioId: string, input: z.infer<typeof PracticeBody>): Promise<Created<PracticeResult>> {
    const { clientId, reply } = input;
    const m = this.module(moduleId);
    const scenario = m.practice.find((p) => p.id === scenarioId);
    if (!scenario) throw notFound('That practice scenario was not found.');
    const feedback = rateEmpathy(scenario.seekerPost, reply);
    const feedbackView = (scores: { emotionalReactions: number; interpretations: number; explorations: number }) => ({
      ...scores,
      notes: feedback.notes.map((n) => ({ kind: n.kind, code: n.code, ...(n.span ? { span: { start: n.span.start, end: n.span.end } } : {}) })),
    });
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'training.practice', target: `${m.id}/${scenario.id}`, body: { reply } },
      (tx) => this.insertPractice(tx, actor, m.id, scenario.id, reply, feedback, feedbackView),
      (written) => written.practice.id,
      async (id) => {
        const row = await repo.findPractice(this.deps.db, id);
        if (!row || row.user_id !== actor.userId) return undefined;
        const stored = { emotionalReactions: row.emotional_reactions, interpretations: row.interpretations, explorations: row.explorations };
        return {
          practice: presentPractice(row, reply),
          // The notes are not stored: the rater that stored these numbers gives them again from the
          // same words. A reply rated by an earlier rater keeps its numbers, and no notes: this
          // rater's would not be the ones those numbers came with.
          feedback: row.empathy_version === EMPATHY_VERSION ? feedbackView(stored) : { ...stored, notes: [] },
          empathyVersion: row.empathy_version,
          // A practice reply is for its writer only: nothing is ever held.
          safety: await this.deps.screener.noticeAgain({ text: reply, surface: 'reply', region: actor.region, audience: 'writer_only' }, false),
        };
      },
    );
  }

  private async insertPractice(
    tx: Tx,
    actor: Actor,
    moduleId: string,
    scenarioId: string,
    reply: string,
    feedback: ReturnType<typeof rateEmpathy>,
    feedbackView: (scores: { emotionalReactions: number; interpretations: number; explorations: number }) => PracticeResult['feedback'],
  ): Promise<PracticeResult> {
    {
      const id = newId(tx.now.getTime());
      const screened = await this.deps.screener.screenAndRecord(tx, {
        userId: actor.userId,
        objectType: SCREENED.practice,
        objectId: id,
        text: reply,
        surface: 'reply',
        region: actor.region,
        // Nobody else reads a practice reply, so there is nothing to hold from anyone.
        audience: 'writer_only',
      });
      const row = {
        id,
        user_id: actor.userId,
        module_id: moduleId,
        scenario_id: scenarioId,
        reply_enc: this.seal(reply, aad.practice(id)),
        emotional_reactions: feedback.emotionalReactions,
        interpretations: feedback.interpretations,
        explorations: feedback.explorations,
        empathy_version: EMPATHY_VERSION,
        created_at: tx.now.toISOString(),
      };
      await repo.insertPractice(tx.trx, row);
      return {
        practice: presentPractice(row, reply),
        feedback: feedbackView({ emotionalReactions: feedback.emotionalReactions, interpretations: feedback.interpretations, explorations: feedback.explorations }),
        empathyVersion: EMPATHY_VERSION,
        safety: screened.notice,
      };
    }
  }

  // ── sign-off ────────────────────────────────────────────────────────────────

  /** Asks a supervisor to sign off once every required module is passed (for a refresher: passed again). */
  async requestSignOff(actor: Actor, kind: CertificateKind) {
    try {
      return await this.deps.uow.run(async (tx) => {
        const st = await this.traineeState(tx.trx, actor.userId);
        const status = (await this.kindStatuses(tx.trx, st, tx.now)).find((k) => k.kind === kind)!;
        if (status.pendingRequest) throw alreadyAsked();
        if (status.state === 'certified') {
          const opens = new Date(new Date(status.certificate!.expiresAt).getTime() - this.refresherDays * 86_400_000).toISOString();
          throw conflict(`Your ${KIND_NAME[kind]} certificate is valid until ${longDate(status.certificate!.expiresAt)}. The refresher opens on ${longDate(opens)}.`);
        }
        if (!status.canRequestSignOff) {
          const titles = status.remaining.map((id) => `“${this.module(id).title}”`).join(', ');
          throw conflict(`Pass every module the ${KIND_NAME[kind]} certificate needs first. Still to ${status.refresher || status.state === 'revoked' ? 'pass again' : 'pass'}: ${titles}.`, { remaining: status.remaining });
        }
        const row: SignOffRow = {
          id: newId(tx.now.getTime()),
          user_id: actor.userId,
          kind,
          refresher: status.refresher ? 1 : 0,
          status: 'pending',
          requested_at: tx.now.toISOString(),
          decided_at: null,
          decided_by: null,
          decision_note_enc: null,
          decision_note_held: 0,
          certificate_id: null,
        };
        await repo.insertSignOff(tx.trx, row);
        const what = row.refresher ? `the ${KIND_NAME[kind]} refresher` : `the ${KIND_NAME[kind]} training`;
        // Their own supervisor decides; without one the request is in the shared queue of every supervisor.
        const own = await this.deps.supervisors.supervisorOf(tx.trx, actor.userId);
        const deciders = own ? [own] : await accountsRepository.userIdsWithRoles(tx.trx, ['supervisor']);
        for (const supervisorId of deciders) {
          if (supervisorId !== actor.userId) await this.notify(tx, supervisorId, `${actor.handle} has passed ${what} and asks for your sign-off.`);
        }
        return presentMySignOff(row, new Map(), null);
      });
    } catch (err) {
      // Two tabs asking at once: the partial unique index lets one through.
      if (isUniqueViolationOf(err, 'training_signoff_requests_one_pending_idx', 'training_signoff_requests.user_id, training_signoff_requests.kind')) throw alreadyAsked();
      throw err;
    }
  }

  private async signOffView(db: Executor, r: SignOffRow, now: Date) {
    const st = await this.traineeState(db, r.user_id);
    const current = st.certificates.find((c) => c.kind === r.kind && !c.replaced_by);
    // For a decided request, what counted is what was passed before the decision.
    const from = countsFrom(standingOf(r.status === 'pending' ? current : undefined, now, this.refresherDays), this.refresherDays);
    const stats = await repo.practiceStats(db, r.user_id);
    const handles = await repo.handlesOf(db, [r.user_id, r.decided_by, current?.signed_off_by ?? null]);
    const modules = this.requiredFor(r.kind).map((m) => {
      const pass = this.countingPass(st, m.id, r.status === 'pending' ? from : null);
      return { id: m.id, title: m.title, score: pass?.score ?? null, outOf: pass?.question_count ?? null, passedAt: pass?.created_at ?? null };
    });
    const round = (n: number) => Math.round(n * 100) / 100;
    return presentSignOff(r, handles, {
      modules,
      practice: {
        count: stats.count,
        average: stats.count && stats.er !== null ? { emotionalReactions: round(stats.er), interpretations: round(stats.ip), explorations: round(stats.ex) } : null,
      },
      currentCertificate: current ? presentCertificate(this.forHolder(current), handles, now, this.refresherDays) : null,
    });
  }

  /**
   * Requests waiting for a sign-off (oldest first), or the latest decided ones. A supervisor sees
   * those of the trainees they supervise, the shared queue (trainees with no supervisor) and those
   * they decided; an admin sees all.
   */
  async listSignOffs(actor: Actor, status: 'pending' | 'decided') {
    if (!trainingPolicy.can(actor, 'signoff.review')) throw forbidden('Only supervisors sign off training.');
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const rows = await repo.listSignOffs(db, status, 100, hasRole(actor, 'admin') ? null : actor.userId);
    const out = [];
    for (const r of rows) out.push(await this.signOffView(db, r, now));
    return out;
  }

  /**
   * The request, when the actor may decide it, and in which capacity (for the audit line). Another
   * supervisor's trainee is 404, as if the request did not exist.
   */
  private async decidable(tx: Tx, actor: Actor, requestId: string): Promise<{ r: SignOffRow; as: 'supervisor' | 'admin' }> {
    if (!trainingPolicy.can(actor, 'signoff.review')) throw forbidden('Only supervisors sign off training.');
    const r = await repo.findSignOff(tx.trx, requestId);
    if (!r) throw notFound('That sign-off request was not found.');
    if (r.user_id === actor.userId) throw forbidden('You cannot sign off your own training: another supervisor will.');
    const supervisorId = await this.deps.supervisors.supervisorOf(tx.trx, r.user_id);
    if (!trainingPolicy.can(actor, 'signoff.decide', { ownerId: r.user_id, supervisorId })) throw notFound('That sign-off request was not found.');
    if (r.status !== 'pending') throw conflict('This request has already been decided.');
    const asSupervisor = hasRole(actor, 'supervisor') && (supervisorId === null || supervisorId === actor.userId);
    return { r, as: asSupervisor ? 'supervisor' : 'admin' };
  }

  private async sealNote(tx: Tx, actor: Actor, requestId: string, note: string | undefined): Promise<{ enc: string | null; held: number }> {
    if (!note) return { enc: null, held: 0 };
    const r = await this.screen(tx, actor, SCREENED.decisionNote, requestId, note);
    return { enc: this.seal(note, aad.decisionNote(requestId)), held: r.heldId ? 1 : 0 };
  }

  private screen(tx: Tx, actor: Actor, objectType: string, objectId: string, text: string) {
    return this.deps.screener.screenAndRecord(tx, { userId: actor.userId, objectType, objectId, text, surface: 'other', region: actor.region });
  }

  /**
   * A supervisor signs off: the certificate is issued (for a refresher it runs on from the old
   * expiry, so renewing early loses nothing) and the role comes with it, in one transaction.
   */
  async approve(actor: Actor, requestId: string, body: z.infer<typeof ApproveBody>) {
    return this.deps.uow.run(async (tx) => {
      const { r, as } = await this.decidable(tx, actor, requestId);
      const st = await this.traineeState(tx.trx, r.user_id);
      const status = (await this.kindStatuses(tx.trx, st, tx.now)).find((k) => k.kind === r.kind)!;
      if (status.remaining.length) {
        throw conflict(`The curriculum has changed since they asked: they still have to pass ${status.remaining.map((id) => `“${this.module(id).title}”`).join(', ')}.`);
      }
      const note = await this.sealNote(tx, actor, r.id, body.note);
      const current = st.certificates.find((c) => c.kind === r.kind && !c.replaced_by);
      const standing = standingOf(current, tx.now, this.refresherDays);
      const from = counts(standing) && current ? new Date(Math.max(tx.now.getTime(), new Date(current.expires_at).getTime())) : tx.now;
      const certificate = await this.issue(tx, {
        userId: r.user_id,
        kind: r.kind,
        source: 'training',
        issuedAt: tx.now,
        expiresAt: addMonths(from, this.validityMonths(r.kind)),
        by: { actorId: actor.userId, actorRole: as },
        note: null,
        noteHeld: 0,
        roleReason: `A ${as} signed off your ${KIND_NAME[r.kind]} training; the ${KIND_NAME[r.kind]} role comes with the certificate.`,
      });
      if (!(await repo.decideSignOff(tx.trx, r.id, { status: 'approved', decided_at: tx.now.toISOString(), decided_by: actor.userId, decision_note_enc: note.enc, decision_note_held: note.held, certificate_id: certificate.id }))) {
        throw conflict('This request has already been decided.');
      }
      await recordAccess(
        tx.trx,
        { subjectUserId: r.user_id, actorId: actor.userId, actorRole: as, action: 'training.signed_off', objectType: 'certificate', objectId: certificate.id, reason: `A ${as} signed off your ${KIND_NAME[r.kind]} training.` },
        tx.now,
      );
      await this.notify(
        tx,
        r.user_id,
        `${actor.handle} signed off your ${KIND_NAME[r.kind]} training. Your certificate is valid until ${longDate(certificate.expires_at)}. Thank you for the care you bring.`,
      );
      const decided = (await repo.findSignOff(tx.trx, r.id))!;
      const handles = await repo.handlesOf(tx.trx, [actor.userId]);
      return { request: await this.signOffView(tx.trx, decided, tx.now), certificate: presentCertificate(certificate, handles, tx.now, this.refresherDays) };
    });
  }

  async decline(actor: Actor, requestId: string, body: z.infer<typeof DeclineBody>) {
    return this.deps.uow.run(async (tx) => {
      const { r } = await this.decidable(tx, actor, requestId);
      const note = await this.sealNote(tx, actor, r.id, body.note);
      if (!(await repo.decideSignOff(tx.trx, r.id, { status: 'declined', decided_at: tx.now.toISOString(), decided_by: actor.userId, decision_note_enc: note.enc, decision_note_held: note.held, certificate_id: null }))) {
        throw conflict('This request has already been decided.');
      }
      await this.notify(tx, r.user_id, `${actor.handle} has not signed off your ${KIND_NAME[r.kind]} training yet and left you a note. You can read it on the Training page.`);
      return { request: await this.signOffView(tx.trx, (await repo.findSignOff(tx.trx, r.id))!, tx.now), certificate: null };
    });
  }

  // ── certificates ────────────────────────────────────────────────────────────

  /** Issues a certificate in the caller's transaction: it replaces the current one, and the role comes with it. */
  private async issue(
    tx: Tx,
    input: {
      /** The id the caller screened text under (else a new one). */
      id?: string;
      userId: string;
      kind: CertificateKind;
      source: CertificateRow['source'];
      issuedAt: Date;
      expiresAt: Date;
      by: { actorId: string; actorRole: string };
      note: string | null;
      noteHeld: number;
      roleReason: string;
    },
  ): Promise<CertificateRow> {
    const id = input.id ?? newId(tx.now.getTime());
    const current = await repo.currentCertificate(tx.trx, input.userId, input.kind);
    if (current) await repo.markReplaced(tx.trx, current.id, id);
    const row: CertificateRow = {
      id,
      user_id: input.userId,
      kind: input.kind,
      source: input.source,
      issued_at: input.issuedAt.toISOString(),
      expires_at: input.expiresAt.toISOString(),
      signed_off_by: input.by.actorId,
      note: input.note,
      note_held: input.noteHeld,
      curriculum_version: input.source === 'training' ? this.deps.curriculum.version : null,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
      revoke_reason_held: 0,
      refresher_notified_at: null,
      expiry_notified_at: null,
      replaced_by: null,
      created_at: tx.now.toISOString(),
    };
    await repo.insertCertificate(tx.trx, row);
    await this.deps.accounts.grantRole(tx, input.userId, input.kind satisfies Role, { ...input.by, reason: input.roleReason });
    const event: CertificateIssuedEvent = {
      userId: input.userId,
      kind: input.kind,
      certificateId: id,
      // Only a supervisor's sign-off names a supervisor (an admin recording prior training is not one).
      signedOffBy: input.source === 'training' ? input.by.actorId : null,
      source: input.source,
    };
    await tx.emitInternal(CERTIFICATE_ISSUED, event);
    return row;
  }

  /**
   * An admin records training someone did elsewhere (audited): a certificate from the day it was
   * completed, for the curriculum's validity unless an expiry is given. Not for oneself.
   */
  async recordPriorTraining(actor: Actor, body: z.infer<typeof PriorTrainingBody>) {
    if (!trainingPolicy.can(actor, 'certificate.record_prior')) {
      throw forbidden(hasRole(actor, 'admin') ? 'Another admin records your own training.' : 'Only an admin records prior training.');
    }
    if (!trainingPolicy.can(actor, 'certificate.record_prior', { ownerId: body.userId })) throw forbidden('Another admin records your own training.');
    return this.deps.uow.run(async (tx) => {
      const holder = await repo.findUser(tx.trx, body.userId);
      if (!holder) throw notFound('That account was not found.');
      const today = tx.now.toISOString().slice(0, 10);
      if (body.completedOn && body.completedOn > today) {
        throw badRequest('completedOn: the training must have been completed already.', { fields: [{ path: 'completedOn', message: 'must not be in the future' }] });
      }
      const issuedAt = body.completedOn && body.completedOn < today ? new Date(`${body.completedOn}T00:00:00.000Z`) : tx.now;
      const expiresAt = body.expiresOn ? new Date(`${body.expiresOn}T00:00:00.000Z`) : addMonths(issuedAt, this.validityMonths(body.kind));
      if (expiresAt.getTime() <= tx.now.getTime()) {
        throw badRequest(`That training has run out: the certificate would have expired on ${longDate(expiresAt.toISOString())}. They can take the refresher instead.`, {
          fields: [{ path: body.expiresOn ? 'expiresOn' : 'completedOn', message: 'gives a certificate that has already expired' }],
        });
      }
      const id = newId(tx.now.getTime());
      const screened = await this.screen(tx, actor, SCREENED.priorNote, id, body.note);
      const certificate = await this.issue(tx, {
        id,
        userId: holder.id,
        kind: body.kind,
        source: 'prior_training',
        issuedAt,
        expiresAt,
        by: { actorId: actor.userId, actorRole: 'admin' },
        note: body.note,
        noteHeld: screened.heldId ? 1 : 0,
        roleReason: `An admin recorded your prior training as a ${KIND_NAME[body.kind]} certificate; the ${KIND_NAME[body.kind]} role comes with it.`,
      });
      await recordAccess(
        tx.trx,
        {
          subjectUserId: holder.id,
          actorId: actor.userId,
          actorRole: 'admin',
          action: 'training.prior_training_recorded',
          objectType: 'certificate',
          objectId: certificate.id,
          reason: `An admin recorded your prior training as a ${KIND_NAME[body.kind]} certificate, valid until ${longDate(certificate.expires_at)}.`,
        },
        tx.now,
      );
      const handles = await repo.handlesOf(tx.trx, [actor.userId]);
      return presentCertificate(certificate, handles, tx.now, this.refresherDays);
    });
  }

  /** Supervisors and admins: everyone's current certificates, those expiring soonest first. */
  async listCertificates(actor: Actor, kind: CertificateKind | undefined) {
    if (!trainingPolicy.can(actor, 'certificates.list')) throw forbidden('Only supervisors and admins see certificates.');
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const rows = (await repo.currentCertificates(db, kind ?? null, null)).slice(0, 500);
    const handles = await repo.handlesOf(db, rows.flatMap((c) => [c.user_id, c.signed_off_by]));
    return rows.map((c) => ({ ...presentCertificate(this.forHolder(c), handles, now, this.refresherDays), holder: { id: c.user_id, handle: handles.get(c.user_id) ?? '' } }));
  }

  /**
   * A supervisor or an admin withdraws a certificate (audited, with a reason the holder reads).
   * Like an expiry, it stops new mentees and facilitating at once; what is under way continues.
   */
  async revoke(actor: Actor, certificateId: string, reason: string) {
    if (!trainingPolicy.can(actor, 'certificate.revoke')) throw forbidden('Only supervisors and admins withdraw certificates.');
    return this.deps.uow.run(async (tx) => {
      const c = await repo.findCertificate(tx.trx, certificateId);
      if (!c) throw notFound('That certificate was not found.');
      if (!trainingPolicy.can(actor, 'certificate.revoke', { ownerId: c.user_id })) throw forbidden('Another supervisor or an admin has to withdraw your own certificate.');
      if (c.replaced_by) throw conflict('A newer certificate has replaced this one: withdraw that one instead.');
      if (c.revoked_at) throw conflict('This certificate has already been withdrawn.');
      const before = standingOf(c, tx.now, this.refresherDays);
      const screened = await this.screen(tx, actor, SCREENED.revokeReason, c.id, reason);
      if (!(await repo.revoke(tx.trx, c.id, actor.userId, reason, !!screened.heldId, tx.now.toISOString()))) throw conflict('This certificate has already been withdrawn.');
      const role = hasRole(actor, 'supervisor') ? 'supervisor' : 'admin';
      const name = KIND_NAME[c.kind];
      await recordAccess(
        tx.trx,
        { subjectUserId: c.user_id, actorId: actor.userId, actorRole: role, action: 'training.certificate_revoked', objectType: 'certificate', objectId: c.id, reason: `A ${role} withdrew your ${name} certificate.` },
        tx.now,
      );
      await this.notify(
        tx,
        c.user_id,
        c.kind === 'peer_supporter'
          ? `A ${role} has withdrawn your peer supporter certificate. Your current mentorships continue, but you cannot welcome new people for now. Their reason is on the Training page, and your supervisor can talk it through with you.`
          : `A ${role} has withdrawn your facilitator certificate, so you cannot facilitate groups for now. Their reason is on the Training page, and your supervisor can talk it through with you.`,
      );
      if (counts(before)) await this.emitLapsed(tx, c, 'revoked');
      const updated = (await repo.findCertificate(tx.trx, c.id))!;
      return presentCertificate(updated, await repo.handlesOf(tx.trx, [updated.signed_off_by]), tx.now, this.refresherDays);
    });
  }

  private async emitLapsed(tx: Tx, c: CertificateRow, reason: CertificateLapsedEvent['reason']): Promise<void> {
    const event: CertificateLapsedEvent = { userId: c.user_id, kind: c.kind, certificateId: c.id, reason };
    await tx.emitInternal(CERTIFICATE_LAPSED, event);
  }

  // ── the sweep ───────────────────────────────────────────────────────────────

  /**
   * Tells holders when their refresher opens, and handles each expiry once: the holder is told
   * kindly and `certificate.lapsed` lets mentoring (no new mentees), groups (program leads) and
   * supervision react. Runs on a timer; tests call it after moving the clock.
   */
  async sweep(): Promise<{ reminded: number; lapsed: number }> {
    const now = this.deps.clock.now();
    let reminded = 0;
    let lapsed = 0;
    const windowEnd = new Date(now.getTime() + this.refresherDays * 86_400_000).toISOString();
    for (const c of await repo.refresherDue(this.deps.db, windowEnd, now.toISOString(), SWEEP_BATCH)) {
      await this.deps.uow.run(async (tx) => {
        if (!(await repo.claimNotice(tx.trx, c.id, 'refresher_notified_at', tx.now.toISOString()))) return;
        await this.notify(
          tx,
          c.user_id,
          `Your ${KIND_NAME[c.kind]} certificate runs until ${longDate(c.expires_at)}. The refresher is open: retake the quizzes on the Training page and ask for sign-off to keep going.`,
        );
        reminded += 1;
      });
    }
    for (const c of await repo.expiredUnhandled(this.deps.db, now.toISOString(), SWEEP_BATCH)) {
      await this.deps.uow.run(async (tx) => {
        if (!(await repo.claimNotice(tx.trx, c.id, 'expiry_notified_at', tx.now.toISOString()))) return;
        await this.notify(
          tx,
          c.user_id,
          c.kind === 'peer_supporter'
            ? 'Your peer supporter certificate has expired. Your current mentorships continue; take the refresher to welcome new people.'
            : 'Your facilitator certificate has expired. Take the refresher to facilitate groups again; your program lead has been told, so your groups are looked after meanwhile.',
        );
        await this.emitLapsed(tx, c, 'expired');
        lapsed += 1;
      });
    }
    return { reminded, lapsed };
  }

  // ── held words (the review queue decides) ──────────────────────────────────

  heldContentHandlers(): HeldContentHandler[] {
    return [
      {
        objectType: SCREENED.decisionNote,
        // As `screen` screens every training text.
        surface: 'other',
        preview: async (tx, id) => {
          const r = await repo.findSignOff(tx.trx, id);
          return r?.decision_note_enc ? { text: this.open(r.decision_note_enc, aad.decisionNote(id)), anonymous: false } : null;
        },
        release: (tx, id) => repo.setSignOffNote(tx.trx, id, { decision_note_held: 0 }),
        remove: (tx, id) => repo.setSignOffNote(tx.trx, id, { decision_note_enc: null, decision_note_held: 0 }),
        replaceText: (tx, id, text) => repo.setSignOffNote(tx.trx, id, { decision_note_enc: this.seal(text, aad.decisionNote(id)), decision_note_held: 0 }),
      },
      certificateText(SCREENED.priorNote, 'note', 'note_held'),
      certificateText(SCREENED.revokeReason, 'revoke_reason', 'revoke_reason_held'),
    ];
  }

  // ── privacy ─────────────────────────────────────────────────────────────────

  contributor(): PersonalDataContributor {
    return {
      name: 'training',
      export: async (tx, userId) => {
        const st = await this.traineeState(tx.trx, userId);
        const handles = await repo.handlesOf(tx.trx, [...st.certificates.map((c) => c.signed_off_by), ...st.requests.map((r) => r.decided_by)]);
        return {
          lessonsRead: [...st.progress].map(([moduleId, at]) => ({ moduleId, at })),
          quizAttempts: (await repo.attemptsWithAnswersOf(tx.trx, userId)).map((a) => ({
            moduleId: a.module_id,
            curriculumVersion: a.curriculum_version,
            answers: JSON.parse(a.answers) as Record<string, string[]>,
            score: a.score,
            outOf: a.question_count,
            passed: a.passed === 1,
            at: a.created_at,
          })),
          practiceReplies: (await repo.practiceOf(tx.trx, userId)).map((p) => ({ moduleId: p.module_id, ...presentPractice(p, this.open(p.reply_enc, aad.practice(p.id))), empathyVersion: p.empathy_version })),
          signOffRequests: st.requests.map((r) => presentMySignOff(r, handles, this.decisionNote(r))),
          certificates: st.certificates.map((c) => presentCertificate(this.forHolder(c), handles, tx.now, this.refresherDays)),
        };
      },
      erase: (tx, userId) => repo.eraseUser(tx.trx, userId),
    };
  }
}

/** A held plain-text column of a certificate: hidden from the holder until released, edited or removed. */
function certificateText(objectType: string, column: 'note' | 'revoke_reason', heldColumn: 'note_held' | 'revoke_reason_held'): HeldContentHandler {
  return {
    objectType,
    surface: 'other',
    preview: async (tx, id) => {
      const c = await repo.findCertificate(tx.trx, id);
      const text = c?.[column];
      return text ? { text, anonymous: false } : null;
    },
    release: (tx, id) => repo.setCertificateText(tx.trx, id, { [heldColumn]: 0 }),
    remove: (tx, id) => repo.setCertificateText(tx.trx, id, { [column]: null, [heldColumn]: 0 }),
    replaceText: (tx, id, text) => repo.setCertificateText(tx.trx, id, { [column]: text, [heldColumn]: 0 }),
  };
}

const alreadyAsked = () => conflict('You have already asked for sign-off. A supervisor will look at it soon; we will tell you when they do.');
