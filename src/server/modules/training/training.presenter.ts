import type { z } from 'zod';
import type {
  CertificateView,
  KindStatusView,
  ModuleProgressView,
  ModuleSummaryView,
  MySignOffRequestView,
  PracticeReplyView,
  QuizQuestionView,
  SignOffRequestView,
} from '../../../contracts/training.js';
import { standingOf } from './certification.js';
import type { CurriculumModule, QuizQuestion } from './curriculum.js';
import type { CertificateRow, PracticeRow, SignOffRow } from './training.repository.js';

type Handles = ReadonlyMap<string, string>;
const person = (id: string | null, handles: Handles) => (id && handles.has(id) ? { id, handle: handles.get(id)! } : null);

/** A certificate as its holder, supervisors and admins see it (the holder is told why it was revoked). */
export function presentCertificate(c: CertificateRow, handles: Handles, now: Date, refresherDays: number): z.infer<typeof CertificateView> {
  const status = c.replaced_by ? 'replaced' : standingOf(c, now, refresherDays).state;
  return {
    id: c.id,
    kind: c.kind,
    source: c.source,
    status: status === 'none' ? 'valid' : status,
    issuedAt: c.issued_at,
    expiresAt: c.expires_at,
    signedOffBy: person(c.signed_off_by, handles),
    note: c.note,
    revokedAt: c.revoked_at,
    revokeReason: c.revoke_reason,
  };
}

export function presentMySignOff(r: SignOffRow, handles: Handles, note: string | null): z.infer<typeof MySignOffRequestView> {
  return {
    id: r.id,
    kind: r.kind,
    refresher: r.refresher === 1,
    status: r.status,
    requestedAt: r.requested_at,
    decidedAt: r.decided_at,
    decidedBy: person(r.decided_by, handles),
    note,
  };
}

export function presentProgress(p: {
  lessonReadAt: string | null;
  attempts: { id: string; score: number; question_count: number; passed: number; created_at: string }[];
  practiceReplies: number;
}): z.infer<typeof ModuleProgressView> {
  const last = p.attempts.at(-1);
  const passed = p.attempts.filter((a) => a.passed === 1).at(-1);
  return {
    lessonReadAt: p.lessonReadAt,
    attempts: p.attempts.length,
    lastAttempt: last ? { id: last.id, score: last.score, outOf: last.question_count, passed: last.passed === 1, at: last.created_at } : null,
    passedAt: passed?.created_at ?? null,
    practiceReplies: p.practiceReplies,
  };
}

export function presentModuleSummary(m: CurriculumModule, progress: z.infer<typeof ModuleProgressView>): z.infer<typeof ModuleSummaryView> {
  return {
    id: m.id,
    title: m.title,
    order: m.order,
    summary: m.summary,
    passMark: m.passMark,
    requiredFor: [...m.requiredFor],
    questionCount: m.quiz.length,
    practiceCount: m.practice.length,
    progress,
  };
}

/** A quiz question as a trainee sees it before answering: never which options are right. */
export function presentQuestion(q: QuizQuestion): z.infer<typeof QuizQuestionView> {
  return {
    id: q.id,
    kind: q.kind,
    prompt: q.prompt,
    scenario: q.scenario ?? null,
    options: q.options.map((o) => ({ id: o.id, text: o.text })),
    multiple: q.correct.length > 1,
  };
}

export function presentPractice(p: PracticeRow, reply: string): z.infer<typeof PracticeReplyView> {
  return {
    id: p.id,
    scenarioId: p.scenario_id,
    reply,
    rating: { emotionalReactions: p.emotional_reactions, interpretations: p.interpretations, explorations: p.explorations },
    at: p.created_at,
  };
}

export function presentSignOff(
  r: SignOffRow,
  handles: Handles,
  extra: {
    modules: z.infer<typeof SignOffRequestView>['modules'];
    practice: z.infer<typeof SignOffRequestView>['practice'];
    currentCertificate: z.infer<typeof CertificateView> | null;
  },
): z.infer<typeof SignOffRequestView> {
  return {
    id: r.id,
    kind: r.kind,
    refresher: r.refresher === 1,
    status: r.status,
    requestedAt: r.requested_at,
    decidedAt: r.decided_at,
    decidedBy: person(r.decided_by, handles),
    trainee: { id: r.user_id, handle: handles.get(r.user_id) ?? '' },
    modules: extra.modules,
    practice: extra.practice,
    currentCertificate: extra.currentCertificate,
  };
}

export type KindStatus = z.infer<typeof KindStatusView>;
