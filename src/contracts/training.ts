import { z } from 'zod';
import { ClientId } from './common.js';
import { SafetyNotice } from './safety.js';

/**
 * Training and certification (issue 7): the curriculum as a trainee sees it (never the right
 * answers before a quiz is submitted), quiz results, practice replies with empathy feedback,
 * requests for a supervisor's sign-off, and certificates.
 */

export const CERTIFICATE_KINDS = ['peer_supporter', 'facilitator'] as const;
export const CertificateKind = z.enum(CERTIFICATE_KINDS, { message: 'must be peer_supporter or facilitator' });
export type CertificateKind = z.infer<typeof CertificateKind>;

export const TRAINING_LIMITS = {
  practiceReplyMax: 4_000,
  decisionNoteMax: 1_000,
  revokeReasonMax: 1_000,
  priorTrainingNoteMax: 500,
  /** Answers per question (a "choose all that apply" question has at most this many options). */
  optionsPerQuestionMax: 12,
} as const;

const text = (min: number, max: number) =>
  z.string({ message: 'must be text' }).trim().min(min, min === 1 ? 'is required' : `must be at least ${min} characters`).max(max, `must be at most ${max} characters`);
const slug = (field: string) =>
  z
    .string({ message: `${field} must be text` })
    .min(1, `${field} is required`)
    .max(80, `${field} must be at most 80 characters`)
    .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, `${field} must be a curriculum id such as "active-listening"`);
const LocalDate = z
  .string({ message: 'must be a date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, 'must be a real calendar date');

// ── requests ──────────────────────────────────────────────────────────────────
export const ModuleParam = z.strictObject({ id: slug('id') });
export const PracticeParams = z.strictObject({ id: slug('id'), scenarioId: slug('scenarioId') });
export const TrainingIdParam = z.strictObject({ id: z.uuid({ message: 'must be a valid id' }) });

/** Every question answered: its id → the option ids chosen (one for a single-choice question). */
export const QuizBody = z.strictObject({
  answers: z.record(
    slug('question id'),
    z.array(slug('option id')).min(1, 'choose at least one answer').max(TRAINING_LIMITS.optionsPerQuestionMax, `must have at most ${TRAINING_LIMITS.optionsPerQuestionMax} answers`),
  ),
});

export const PracticeBody = z.strictObject({ reply: text(1, TRAINING_LIMITS.practiceReplyMax), clientId: ClientId.optional() });
export const SignOffRequestBody = z.strictObject({ kind: CertificateKind });
export const ApproveBody = z.strictObject({ note: text(1, TRAINING_LIMITS.decisionNoteMax).optional() });
export const DeclineBody = z.strictObject({ note: text(1, TRAINING_LIMITS.decisionNoteMax) });
export const RevokeBody = z.strictObject({ reason: text(3, TRAINING_LIMITS.revokeReasonMax) });
export const PriorTrainingBody = z.strictObject({
  userId: z.uuid({ message: 'userId must be a valid id' }),
  kind: CertificateKind,
  /** What the training was, e.g. "Mind peer support course, March 2025". */
  note: text(3, TRAINING_LIMITS.priorTrainingNoteMax),
  /** When it was completed (default today); the certificate runs from then. */
  completedOn: LocalDate.optional(),
  /** Default: the curriculum's validity after completedOn. */
  expiresOn: LocalDate.optional(),
});
export const SignOffListQuery = z.strictObject({ status: z.enum(['pending', 'decided']).default('pending') });

// ── responses ─────────────────────────────────────────────────────────────────
export const PersonRef = z.object({ id: z.string(), handle: z.string() });

/**
 * valid: counts now; refresher_due: still valid, expires within the refresher window; expired /
 * revoked: no longer counts; replaced: an earlier certificate a refresher renewed.
 */
export const CertificateStatus = z.enum(['valid', 'refresher_due', 'expired', 'revoked', 'replaced']);
export const CertificateView = z.object({
  id: z.string(),
  kind: CertificateKind,
  source: z.enum(['training', 'prior_training']),
  status: CertificateStatus,
  issuedAt: z.string(),
  expiresAt: z.string(),
  signedOffBy: PersonRef.nullable(),
  note: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type CertificateView = z.infer<typeof CertificateView>;
export const HeldCertificateView = CertificateView.extend({ holder: PersonRef });

export const AttemptSummary = z.object({ id: z.string(), score: z.number(), outOf: z.number(), passed: z.boolean(), at: z.string() });
export const ModuleProgressView = z.object({
  lessonReadAt: z.string().nullable(),
  attempts: z.number(),
  lastAttempt: AttemptSummary.nullable(),
  /** The latest passing attempt, whenever it was. */
  passedAt: z.string().nullable(),
  practiceReplies: z.number(),
});
export const ModuleSummaryView = z.object({
  id: z.string(),
  title: z.string(),
  order: z.number(),
  summary: z.string(),
  passMark: z.number(),
  requiredFor: z.array(CertificateKind),
  questionCount: z.number(),
  practiceCount: z.number(),
  progress: ModuleProgressView,
});

export const MySignOffRequestView = z.object({
  id: z.string(),
  kind: CertificateKind,
  refresher: z.boolean(),
  status: z.enum(['pending', 'approved', 'declined']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: PersonRef.nullable(),
  /** The supervisor's words to the trainee. */
  note: z.string().nullable(),
});

/**
 * Where a person stands for one kind of certificate:
 * training (modules left), ready (ask for sign-off), awaiting_sign_off, certified,
 * refresher_due (certified, renewal open), expired, revoked (modules left to retake).
 */
export const KindStatusView = z.object({
  kind: CertificateKind,
  state: z.enum(['training', 'ready', 'awaiting_sign_off', 'certified', 'refresher_due', 'expired', 'revoked']),
  certificate: CertificateView.nullable(),
  /** Ids of required modules still to pass (for the refresher: to pass again). */
  remaining: z.array(z.string()),
  required: z.array(z.string()),
  refresher: z.boolean(),
  canRequestSignOff: z.boolean(),
  pendingRequest: MySignOffRequestView.nullable(),
  lastDecision: MySignOffRequestView.nullable(),
});
export type KindStatusView = z.infer<typeof KindStatusView>;

export const TrainingOverview = z.object({
  curriculumVersion: z.string(),
  refresherDays: z.number(),
  modules: z.array(ModuleSummaryView),
  kinds: z.array(KindStatusView),
  certificates: z.array(CertificateView),
});

export const QuizQuestionView = z.object({
  id: z.string(),
  kind: z.enum(['multiple_choice', 'scenario']),
  prompt: z.string(),
  scenario: z.string().nullable(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
  /** "Choose all that apply" (checkboxes) rather than one answer (radios). */
  multiple: z.boolean(),
});
export const PracticeScenarioView = z.object({ id: z.string(), title: z.string(), seekerPost: z.string(), aims: z.array(z.string()) });
export const EmpathyRatingView = z.object({ emotionalReactions: z.number(), interpretations: z.number(), explorations: z.number() });
export const PracticeReplyView = z.object({ id: z.string(), scenarioId: z.string(), reply: z.string(), rating: EmpathyRatingView, at: z.string() });

export const ModuleDetailView = z.object({
  module: ModuleSummaryView.omit({ progress: true }).extend({ lessonHtml: z.string() }),
  questions: z.array(QuizQuestionView),
  practice: z.array(PracticeScenarioView),
  progress: ModuleProgressView,
  myPractice: z.array(PracticeReplyView),
});

export const QuestionResultView = z.object({
  questionId: z.string(),
  chosen: z.array(z.string()),
  right: z.boolean(),
  /** The right options: shown once the quiz is passed (a failed attempt shows explanations, so a retake is still a test). */
  correct: z.array(z.string()).nullable(),
  explanation: z.string(),
});
export const QuizResultView = z.object({
  attempt: AttemptSummary.extend({ passMark: z.number() }),
  results: z.array(QuestionResultView),
  kinds: z.array(KindStatusView),
});

export const EmpathyFeedbackView = EmpathyRatingView.extend({
  notes: z.array(z.object({ kind: z.enum(['suggestion', 'pitfall', 'strength']), code: z.string(), span: z.object({ start: z.number(), end: z.number() }).optional() })),
});
export const PracticeResultView = z.object({
  practice: PracticeReplyView,
  feedback: EmpathyFeedbackView,
  empathyVersion: z.string(),
  safety: SafetyNotice,
});

export const SignOffRequestView = z.object({
  id: z.string(),
  kind: CertificateKind,
  refresher: z.boolean(),
  status: z.enum(['pending', 'approved', 'declined']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: PersonRef.nullable(),
  trainee: PersonRef,
  /** The passing attempt that counts for each required module. */
  modules: z.array(z.object({ id: z.string(), title: z.string(), score: z.number().nullable(), outOf: z.number().nullable(), passedAt: z.string().nullable() })),
  /** Practice in numbers only (the words stay with the trainee). */
  practice: z.object({ count: z.number(), average: EmpathyRatingView.nullable() }),
  currentCertificate: CertificateView.nullable(),
});
export const SignOffDecisionView = z.object({ request: SignOffRequestView, certificate: CertificateView.nullable() });

// ── internal events (server only; other modules react to them) ────────────────
/** Emitted when a supervisor's sign-off (or an admin's record of prior training) issues a certificate. */
export const CERTIFICATE_ISSUED = 'certificate.issued';
export interface CertificateIssuedEvent {
  userId: string;
  kind: CertificateKind;
  certificateId: string;
  /** The signing supervisor, or the admin who recorded prior training. */
  signedOffBy: string | null;
  source: 'training' | 'prior_training';
}
/** Emitted once when a certificate stops counting: it expired (the sweeper) or was revoked. */
export const CERTIFICATE_LAPSED = 'certificate.lapsed';
export interface CertificateLapsedEvent {
  userId: string;
  kind: CertificateKind;
  certificateId: string;
  reason: 'expired' | 'revoked';
}
