import { z } from 'zod';
import { ClientId } from './common.js';
import { Role } from './accounts.js';
import { SafetyNotice } from './safety.js';

export const SUPERVISION_LIMITS = {
  checkinNoteMax: 500,
  noteMax: 4_000,
  messageMax: 4_000,
  coachingMax: 2_000,
  /** How many recent replies of each kind the quality review shows. */
  reviewSample: 10,
  trendWeeksMax: 52,
  /** Check-ins shown on a supporter's page. */
  checkinsShown: 12,
} as const;

/**
 * The time limit of each item on a supervisor's dashboard (safety alerts carry their own, set by
 * the safety module: SAFETY_ALERT_MINUTES). An item past its limit is overdue and listed first.
 */
export const SUPERVISION_TIME_LIMITS = {
  /** A low wellbeing check-in: talk with the supporter within 3 days. */
  lowCheckinHours: 72,
  /** A supporter's supervision request or message waiting for the supervisor's reply. */
  requestReplyHours: 24,
  /** An open report about a mentee's conversation or a facilitated group's chat. */
  reportHours: 7 * 24,
  /** Weekly check-ins: one is due this long after the last (or after the assignment). */
  checkinEveryDays: 7,
} as const;

/** An answer at or below this (1–5, 5 is best) prompts a conversation with the supervisor. */
export const LOW_CHECKIN_SCORE = 2;

const id = (field = 'id') => z.uuid({ message: `${field} must be a valid id` });
const text = (min: number, max: number) =>
  z.string({ message: 'must be text' }).trim().min(min, min === 1 ? 'is required' : `must be at least ${min} characters`).max(max, `must be at most ${max} characters`);
const score = z.number({ message: 'must be a number from 1 to 5' }).int('must be a whole number from 1 to 5').min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5');

export const PersonRef = z.object({ id: z.string(), handle: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

// ── assignments (admin) ──────────────────────────────────────────────────────
export const SupporterIdParam = z.strictObject({ supporterId: id('supporterId') });
export const AssignBody = z.strictObject({ supervisorId: id('supervisorId') });

export const AssignmentView = z.object({ supporter: PersonRef, supervisor: PersonRef.nullable(), assignedAt: z.string().nullable() });
export type AssignmentView = z.infer<typeof AssignmentView>;

export const AssignmentsView = z.object({
  /** Every supervisor with their load: how many supporters they supervise. */
  supervisors: z.array(z.object({ id: z.string(), handle: z.string(), supporters: z.number() })),
  /** Every peer supporter and facilitator; unassigned ones first. */
  supporters: z.array(z.object({ id: z.string(), handle: z.string(), roles: z.array(Role), supervisor: PersonRef.nullable(), assignedAt: z.string().nullable() })),
  unassigned: z.number(),
});
export type AssignmentsView = z.infer<typeof AssignmentsView>;

// ── wellbeing check-ins ──────────────────────────────────────────────────────
export const CheckinBody = z.strictObject({
  /** How much energy I have had this week (1 very little … 5 plenty). */
  energy: score,
  /** How manageable supporting others felt (1 too heavy … 5 very manageable). */
  manageable: score,
  /** How supported I feel in my role (1 not at all … 5 very). */
  supported: score,
  note: text(1, SUPERVISION_LIMITS.checkinNoteMax).optional(),
  clientId: ClientId.optional(),
});

export const CheckinView = z.object({
  id: z.string(),
  energy: z.number(),
  manageable: z.number(),
  supported: z.number(),
  /** An answer was low: a conversation with the supervisor is suggested. */
  low: z.boolean(),
  note: z.string().nullable(),
  createdAt: z.string(),
  followedUpAt: z.string().nullable(),
});
export type CheckinView = z.infer<typeof CheckinView>;

export const CheckinWritten = z.object({
  checkin: CheckinView,
  safety: SafetyNotice.nullable(),
  /** A low answer: the supervisor was told and will suggest a conversation. */
  supervisorTold: z.boolean(),
});
export type CheckinWritten = z.infer<typeof CheckinWritten>;

export const MySupervisionView = z.object({
  supervisor: PersonRef.nullable(),
  lastCheckinAt: z.string().nullable(),
  /** When the next weekly check-in is due (null without a supervisor). */
  checkinDueAt: z.string().nullable(),
  checkinDue: z.boolean(),
  openRequestId: z.string().nullable(),
  roles: z.array(Role),
});
export type MySupervisionView = z.infer<typeof MySupervisionView>;

// ── the dashboard ────────────────────────────────────────────────────────────
export const DASHBOARD_ITEM_KINDS = ['safety_alert', 'report', 'low_checkin', 'checkin_missing', 'supervision_request'] as const;

export const DashboardItem = z.object({
  kind: z.enum(DASHBOARD_ITEM_KINDS),
  /** The alert, report, check-in or request id (the supporter's id for a missing check-in). */
  id: z.string(),
  supporter: PersonRef,
  since: z.string(),
  dueAt: z.string(),
  timeLimitMinutes: z.number(),
  overdue: z.boolean(),
  /** Safety alerts: level and status ("open" | "acknowledged"); reports: where it was made. */
  level: z.number().nullable(),
  status: z.string().nullable(),
  /** Who the alert or report is about, relative to the supporter (never their name here). */
  relation: z.enum(['mentee', 'group_member', 'supporter']).nullable(),
  groupName: z.string().nullable(),
  reason: z.string().nullable(),
});
export type DashboardItem = z.infer<typeof DashboardItem>;

export const SupporterLoadView = z.object({
  activeMentees: z.number(),
  /** Null until the supporter has a supporter profile. */
  capacity: z.number().nullable(),
  groupsFacilitated: z.number(),
  messagesLast7Days: z.number(),
  level: z.enum(['ok', 'high']),
  reasons: z.array(z.enum(['many_messages', 'late_nights', 'full_caseload'])),
});

export const SupporterSummary = z.object({
  supporter: PersonRef,
  roles: z.array(Role),
  assignedAt: z.string(),
  load: SupporterLoadView,
  lastActiveAt: z.string().nullable(),
  feedback: z.object({ count: z.number(), averageRating: z.number().nullable() }),
  lastCheckin: CheckinView.omit({ note: true }).nullable(),
  items: z.array(DashboardItem),
  overdue: z.number(),
});
export type SupporterSummary = z.infer<typeof SupporterSummary>;

export const DashboardView = z.object({
  /** Supporters with overdue items first, then by the nearest time limit. */
  supporters: z.array(SupporterSummary),
  /** Every item across my supporters, overdue first, then by time limit. */
  items: z.array(DashboardItem),
});
export type DashboardView = z.infer<typeof DashboardView>;

export const SupporterDetailView = SupporterSummary.extend({ checkins: z.array(CheckinView) });
export type SupporterDetailView = z.infer<typeof SupporterDetailView>;

// ── supervision notes (supervisors only) ─────────────────────────────────────
export const NoteBody = z.strictObject({ body: text(1, SUPERVISION_LIMITS.noteMax), clientId: ClientId.optional() });
export const SupervisionNoteView = z.object({ id: z.string(), author: PersonRef.nullable(), mine: z.boolean(), body: z.string(), createdAt: z.string() });
export type SupervisionNoteView = z.infer<typeof SupervisionNoteView>;
export const NoteWritten = z.object({ note: SupervisionNoteView, safety: SafetyNotice.nullable() });

// ── the supervision request channel ──────────────────────────────────────────
export const MessageBody = z.strictObject({ body: text(1, SUPERVISION_LIMITS.messageMax), clientId: ClientId.optional() });

export const SupervisionMessageView = z.object({ id: z.string(), requestId: z.string(), sender: PersonRef.nullable(), mine: z.boolean(), body: z.string(), createdAt: z.string() });
export type SupervisionMessageView = z.infer<typeof SupervisionMessageView>;

export const SupervisionRequestView = z.object({
  id: z.string(),
  role: z.enum(['supporter', 'supervisor']),
  supporter: PersonRef,
  supervisor: PersonRef.nullable(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  /** The supporter's oldest message the supervisor has not answered yet. */
  awaitingReplySince: z.string().nullable(),
});
export type SupervisionRequestView = z.infer<typeof SupervisionRequestView>;

export const RequestThreadView = z.object({ request: SupervisionRequestView, messages: z.array(SupervisionMessageView) });
export type RequestThreadView = z.infer<typeof RequestThreadView>;
export const RequestWritten = z.object({ request: SupervisionRequestView, message: SupervisionMessageView, safety: SafetyNotice.nullable() });
export type RequestWritten = z.infer<typeof RequestWritten>;

// ── quality review, coaching notes, empathy trend ────────────────────────────
export const EmpathyScores = z.object({ emotionalReactions: z.number(), interpretations: z.number(), explorations: z.number() });

export const ReviewItem = z.object({
  kind: z.enum(['post', 'message']),
  id: z.string(),
  writtenAt: z.string(),
  /** The supporter's reply. */
  text: z.string(),
  /** What it answered: the thread's opening post, or the member's previous message. */
  context: z.string().nullable(),
  threadId: z.string().nullable(),
  threadTitle: z.string().nullable(),
  mentorshipId: z.string().nullable(),
  empathy: EmpathyScores.nullable(),
  coachingNotes: z.number(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewView = z.object({
  communityReplies: z.array(ReviewItem),
  conversationReplies: z.array(ReviewItem),
  /** 1:1 conversations whose member currently consents to supervisor review. */
  consentedConversations: z.number(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const CoachingBody = z.strictObject({ itemKind: z.enum(['post', 'message']), itemId: id('itemId'), body: text(1, SUPERVISION_LIMITS.coachingMax), clientId: ClientId.optional() });
export const CoachingNoteView = z.object({
  id: z.string(),
  itemKind: z.enum(['post', 'message']),
  itemId: z.string(),
  /** The start of the supporter's own reply it is about (null once that reply is gone). */
  excerpt: z.string().nullable(),
  threadId: z.string().nullable(),
  mentorshipId: z.string().nullable(),
  author: PersonRef.nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type CoachingNoteView = z.infer<typeof CoachingNoteView>;
export const CoachingWritten = z.object({ note: CoachingNoteView, safety: SafetyNotice.nullable() });

export const TrendQuery = z.strictObject({ weeks: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(SUPERVISION_LIMITS.trendWeeksMax, `must be at most ${SUPERVISION_LIMITS.trendWeeksMax}`).default(12) });
export const EmpathyWeek = z.object({
  /** Monday of the week (UTC), YYYY-MM-DD. */
  weekStart: z.string(),
  replies: z.number(),
  /** Averages 0–2 (none, weak, strong); null in a week without rated replies. */
  emotionalReactions: z.number().nullable(),
  interpretations: z.number().nullable(),
  explorations: z.number().nullable(),
});
export const EmpathyTrendView = z.object({ supporter: PersonRef, weeks: z.array(EmpathyWeek), replies: z.number() });
export type EmpathyTrendView = z.infer<typeof EmpathyTrendView>;
