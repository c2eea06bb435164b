import { z } from 'zod';
import { ExperienceTag, LanguageTag, TimeZone } from './accounts.js';
import { MENTORING_LIMITS, MENTORING_REPORT_REASONS, SUPPORTER_GENDERS } from './plain-lists.js';
import { ClientId } from './common.js';
import { SafetyNotice } from './safety.js';

export { MENTORING_LIMITS };

export { SUPPORTER_GENDERS };
export const SupporterGender = z.enum(SUPPORTER_GENDERS);
export type SupporterGender = z.infer<typeof SupporterGender>;

export const REQUEST_STATUSES = ['waiting', 'matched', 'cancelled', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const END_REASONS = ['member_ended', 'supporter_ended', 'switched', 'handed_over', 'blocked'] as const;
export type EndReason = (typeof END_REASONS)[number];

export const HANDOVER_STATUSES = ['proposed', 'accepted_by_supporter', 'consented', 'declined', 'cancelled'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

export { MENTORING_REPORT_REASONS };
export const MentoringReportReason = z.enum(MENTORING_REPORT_REASONS);

const id = (field = 'id') => z.uuid({ message: `${field} must be a valid id` });
const text = (min: number, max: number) =>
  z
    .string({ message: 'must be text' })
    .trim()
    .min(min, min === 1 ? 'is required' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => text(1, max).nullable().optional();

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HHMM_END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** One weekly window in the supporter's own time zone. Overnight hours are two windows. */
export const AvailabilityWindow = z
  .strictObject({
    day: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'),
    start: z.string().regex(HHMM, 'must be a time such as 09:00'),
    end: z.string().regex(HHMM_END, 'must be a time such as 17:30 (24:00 for midnight)'),
  })
  .refine((w) => w.start < w.end, { message: 'must end after it starts (split overnight hours into two windows)', path: ['end'] });
export type AvailabilityWindow = z.infer<typeof AvailabilityWindow>;

export const AwayBody = z.strictObject({
  until: z.iso.datetime({ offset: true, message: 'must be a date and time such as 2026-03-01T09:00:00Z' }),
  message: optionalText(MENTORING_LIMITS.awayMessageMax),
});

// ── requests (bodies, params, queries) ───────────────────────────────────────
export const SupporterProfileBody = z.strictObject({
  experienceTags: z.array(ExperienceTag).min(1, 'choose at least one experience').max(MENTORING_LIMITS.experienceTagsMax),
  languages: z.array(LanguageTag).min(1, 'choose at least one language').max(MENTORING_LIMITS.languagesMax),
  timeZone: TimeZone,
  availability: z.array(AvailabilityWindow).max(MENTORING_LIMITS.availabilityWindowsMax, `must have at most ${MENTORING_LIMITS.availabilityWindowsMax} windows`),
  capacity: z
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(MENTORING_LIMITS.capacityMin, `must be at least ${MENTORING_LIMITS.capacityMin}`)
    .max(MENTORING_LIMITS.capacityMax, `must be at most ${MENTORING_LIMITS.capacityMax}`),
  canHelpWith: optionalText(MENTORING_LIMITS.helpWithMax),
  cannotHelpWith: optionalText(MENTORING_LIMITS.helpWithMax),
  intro: optionalText(MENTORING_LIMITS.introMax),
  /** Only if the supporter wants to state it; members may then filter by it. */
  gender: SupporterGender.nullable().optional(),
  autoReply: optionalText(MENTORING_LIMITS.autoReplyMax),
  /** false pauses new offers without going away (e.g. full for now by choice). */
  accepting: z.boolean().default(true),
  /** Away mode: pauses new offers; current mentees see the return date and the message. Omit to keep as is. */
  away: AwayBody.nullable().optional(),
});
export type SupporterProfileBody = z.infer<typeof SupporterProfileBody>;

export const AwayUpdateBody = z.strictObject({ away: AwayBody.nullable() });

export const RequestPreferences = z.strictObject({
  experienceTags: z.array(ExperienceTag).max(MENTORING_LIMITS.experienceTagsMax).default([]),
  languages: z.array(LanguageTag).max(MENTORING_LIMITS.languagesMax).default([]),
  /** Only supporters who stated this gender; null: any. */
  supporterGender: SupporterGender.nullable().default(null),
  /** Prefer supporters whose availability overlaps the member's waking hours (needs a time zone on the profile). */
  timeZoneOverlap: z.boolean().default(false),
});
export type RequestPreferences = z.infer<typeof RequestPreferences>;

export const NewRequestBody = z.strictObject({
  topic: text(MENTORING_LIMITS.topicMin, MENTORING_LIMITS.topicMax),
  preferences: RequestPreferences.default({ experienceTags: [], languages: [], supporterGender: null, timeZoneOverlap: false }),
  /** Continuity: ask a supporter you had before first. */
  preferredSupporterId: id('preferredSupporterId').optional(),
  /** Idempotency key (ADR 042): a retry with the same one answers with the first request. */
  clientId: ClientId.optional(),
});
export type NewRequestBody = z.infer<typeof NewRequestBody>;

export const RequestIdParam = z.strictObject({ requestId: id('requestId') });

export const EndBody = z.strictObject({ closingMessage: optionalText(MENTORING_LIMITS.closingMessageMax) });

export const HandoverBody = z.strictObject({
  toSupporterId: id('toSupporterId'),
  note: text(1, MENTORING_LIMITS.handoverNoteMax),
  clientId: ClientId.optional(),
});

export const ConsentBody = z.strictObject({ consent: z.boolean({ message: 'must be true or false' }) });

export const FeedbackBody = z.strictObject({
  rating: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
  note: optionalText(MENTORING_LIMITS.feedbackNoteMax),
});

export const BlockBody = z.strictObject({ userId: id('userId') });
export const UserIdParam = z.strictObject({ userId: id('userId') });

export const MentoringReportBody = z.strictObject({
  reason: MentoringReportReason,
  note: optionalText(MENTORING_LIMITS.reportNoteMax),
  messageId: id('messageId').optional(),
  clientId: ClientId.optional(),
});

export const MentoringReportsQuery = z.strictObject({
  status: z.enum(['open', 'resolved']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const SupervisorConsentBody = z.strictObject({
  grant: z.boolean({ message: 'must be true or false' }),
  days: z
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MENTORING_LIMITS.consentDaysMax, `must be at most ${MENTORING_LIMITS.consentDaysMax}`)
    .optional(),
});

export const EscalateBody = z.strictObject({
  messageId: id('messageId').optional(),
  note: text(1, MENTORING_LIMITS.escalationNoteMax),
  clientId: ClientId.optional(),
});

// ── views (what leaves the server) ────────────────────────────────────────────
export const AwayView = z.object({ until: z.string(), message: z.string().nullable() });

/** A supporter as a member sees them: handle only (first-name free), never their exact load. */
export const SupporterView = z.object({
  id: z.string(),
  handle: z.string(),
  pronouns: z.string().nullable(),
  experienceTags: z.array(z.string()),
  languages: z.array(z.string()),
  gender: SupporterGender.nullable(),
  canHelpWith: z.string().nullable(),
  cannotHelpWith: z.string().nullable(),
  intro: z.string().nullable(),
  availability: z.array(z.object({ day: z.number(), start: z.string(), end: z.string() })),
  timeZone: z.string(),
  away: AwayView.nullable(),
  /** Inside one of their windows right now (and not away). */
  availableNow: z.boolean(),
  /** Start of their next window (ISO UTC), or null when they have none / are available now. */
  nextAvailableAt: z.string().nullable(),
  hasCapacity: z.boolean(),
});
export type SupporterView = z.infer<typeof SupporterView>;

/** The supporter's own profile, with what only they see. */
export const SupporterProfileView = z.object({
  userId: z.string(),
  handle: z.string(),
  experienceTags: z.array(z.string()),
  languages: z.array(z.string()),
  timeZone: z.string(),
  availability: z.array(z.object({ day: z.number(), start: z.string(), end: z.string() })),
  capacity: z.number(),
  activeMentees: z.number(),
  canHelpWith: z.string().nullable(),
  cannotHelpWith: z.string().nullable(),
  intro: z.string().nullable(),
  /** 'pending': held by the safety screen for a supervisor's review; members do not see it yet. */
  introState: z.enum(['visible', 'pending']),
  gender: SupporterGender.nullable(),
  autoReply: z.string().nullable(),
  autoReplyState: z.enum(['visible', 'pending']),
  accepting: z.boolean(),
  away: AwayView.nullable(),
  availableNow: z.boolean(),
  nextAvailableAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupporterProfileView = z.infer<typeof SupporterProfileView>;

/** The supporter's profile after a save: the notices of the screened texts (intro, auto-reply). */
export const SupporterProfileSaved = z.object({
  profile: SupporterProfileView,
  notices: z.array(z.object({ field: z.enum(['intro', 'autoReply', 'awayMessage', 'canHelpWith', 'cannotHelpWith']), notice: SafetyNotice })),
});

export const SupporterProfileResponse = z.object({ profile: SupporterProfileView.nullable() });

/** A member's request as they see it: always where it stands, honestly. */
export const SupportRequestView = z.object({
  id: z.string(),
  status: z.enum(REQUEST_STATUSES),
  topic: z.string(),
  preferences: RequestPreferences,
  preferredSupporterId: z.string().nullable(),
  round: z.number(),
  /** How many supporters have been asked so far (all rounds). */
  offeredCount: z.number(),
  /** How many of them said no (the member is not told who). */
  declinedCount: z.number(),
  /** How many still have it in front of them (any of them may accept). */
  pendingCount: z.number(),
  /** When more supporters will be asked; null when nobody is left or the request is closed. */
  nextWidenAt: z.string().nullable(),
  /**
   * Nobody has it in front of them and everyone who could be asked has been: the request stays
   * open, is offered again when someone becomes free, and the member is told so plainly.
   */
  noSupporterAvailable: z.boolean(),
  /** Crisis resources, kept while the request is open when the topic screened ≥ 2. */
  safetyNotice: SafetyNotice.nullable(),
  mentorshipId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupportRequestView = z.infer<typeof SupportRequestView>;

export const RequestCreated = z.object({ request: SupportRequestView, notice: SafetyNotice });
export const CurrentRequestResponse = z.object({ request: SupportRequestView.nullable() });

/** An offer as the supporter sees it. */
export const OfferView = z.object({
  requestId: z.string(),
  /** '' while the safety screen holds the member's words for a supervisor's review (`topicHeld`). */
  topic: z.string(),
  topicHeld: z.boolean(),
  member: z.object({ id: z.string(), handle: z.string(), pronouns: z.string().nullable() }),
  sharedExperienceTags: z.array(z.string()),
  sharedLanguages: z.array(z.string()),
  /** The member asked for this supporter by name (continuity). */
  requestedYou: z.boolean(),
  /** The safety screen's level for the topic, so the supporter can prepare (≥ 2: distress or more). */
  topicLevel: z.number(),
  round: z.number(),
  offeredAt: z.string(),
  /** When the request widens to more supporters; the offer stays open until someone accepts. */
  widensAt: z.string().nullable(),
});
export type OfferView = z.infer<typeof OfferView>;
export const OfferList = z.object({ offers: z.array(OfferView) });

export const PersonRef = z.object({ id: z.string(), handle: z.string(), pronouns: z.string().nullable() });

export const GrantView = z.object({
  id: z.string(),
  kind: z.enum(['consent', 'escalation']),
  reason: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  /** Escalations: the supporter's words to the supervisor; only the supporter who wrote them and supervisors see them. */
  note: z.string().nullable(),
  messageId: z.string().nullable(),
});
export type GrantView = z.infer<typeof GrantView>;

export const HandoverView = z.object({
  id: z.string(),
  mentorshipId: z.string(),
  fromSupporter: PersonRef.nullable(),
  toSupporter: PersonRef.nullable(),
  note: z.string(),
  status: z.enum(HANDOVER_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HandoverView = z.infer<typeof HandoverView>;

/**
 * A mentorship from one side. `role` is the viewer's side. The supporter never sees that a member
 * switched: a switch reads as `member_ended` to them.
 */
export const MentorshipView = z.object({
  id: z.string(),
  role: z.enum(['member', 'supporter', 'supervisor']),
  status: z.enum(['active', 'ended']),
  /** Present for the member (and supervisors): the supporter as members see them. */
  supporter: SupporterView.nullable(),
  /** The member, for the supporter (and supervisors). */
  member: PersonRef.nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endedByMe: z.boolean(),
  endReason: z.enum(END_REASONS).nullable(),
  /** Member only: feedback already given (it cannot be changed). */
  feedbackGiven: z.boolean(),
  /** Every supervisor access grant on this conversation (both participants see them). */
  supervisorAccess: z.array(GrantView),
  handover: HandoverView.nullable(),
});
export type MentorshipView = z.infer<typeof MentorshipView>;
export const MentorshipList = z.object({ mentorships: z.array(MentorshipView) });

/** `closingHeld`: the closing message waits for review (contact details are never passed on; safety: a supervisor looks first). */
export const EndResult = z.object({ mentorship: MentorshipView, notice: SafetyNotice.nullable(), closingHeld: z.enum(['contact_details', 'safety']).nullable() });
export const SwitchResult = z.object({ mentorship: MentorshipView, request: SupportRequestView });

export const HandoverList = z.object({ handovers: z.array(HandoverView) });
export const ConsentResult = z.object({ handover: HandoverView, newMentorshipId: z.string().nullable() });

/** Private feedback, for supervisors only (never the public, never the supporter directly). */
export const FeedbackView = z.object({ mentorshipId: z.string(), rating: z.number(), note: z.string().nullable(), createdAt: z.string() });
export const FeedbackList = z.object({
  supporter: z.object({ id: z.string(), handle: z.string() }),
  averageRating: z.number().nullable(),
  count: z.number(),
  feedback: z.array(FeedbackView),
});
export const FeedbackResult = z.object({ ok: z.literal(true), notice: SafetyNotice.nullable() });

export const BlockView = z.object({ userId: z.string(), handle: z.string(), createdAt: z.string() });
export const BlockList = z.object({ blocks: z.array(BlockView) });

export const MentoringReportView = z.object({
  id: z.string(),
  mentorshipId: z.string(),
  reporter: z.object({ id: z.string(), handle: z.string() }).nullable(),
  reported: z.object({ id: z.string(), handle: z.string() }).nullable(),
  reason: MentoringReportReason,
  note: z.string().nullable(),
  messageId: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  createdAt: z.string(),
});
export const MentoringReportList = z.object({ reports: z.array(MentoringReportView) });

/** For supervisors: conversations they may open now (an active escalation or consent). */
export const AccessibleConversationView = z.object({
  mentorshipId: z.string(),
  member: z.object({ id: z.string(), handle: z.string() }).nullable(),
  supporter: z.object({ id: z.string(), handle: z.string() }).nullable(),
  grant: GrantView,
});
export const AccessibleConversationList = z.object({ conversations: z.array(AccessibleConversationView) });
