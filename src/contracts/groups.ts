import { z } from 'zod';
import { ContentWarning, CONTENT_WARNINGS, ReportReason } from './communities.js';
import { SafetyNotice } from './safety.js';
import { ClientId } from './common.js';

/** Sizes shared by server validation and client forms. */
export const GROUP_LIMITS = {
  nameMax: 120,
  descriptionMax: 2_000,
  agreementMax: 8_000,
  sizeLimitMin: 2,
  sizeLimitMax: 50,
  sizeLimitDefault: 12,
  messageMax: 4_000,
  noteMax: 2_000,
  meetingMinutesMax: 8 * 60,
  muteMinutesMax: 30 * 24 * 60,
  reminderMinutesMax: 7 * 24 * 60,
  occurrenceCountMax: 520,
  windowDaysMax: 400,
  goalTargetMax: 10_000,
} as const;

export const STAFF_ROLES = ['program_lead', 'facilitator', 'supervisor'] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

export const JOIN_POLICIES = ['open', 'request', 'invitation'] as const;
export const JoinPolicy = z.enum(JOIN_POLICIES);

export const MEETING_FREQUENCIES = ['none', 'weekly', 'biweekly', 'monthly'] as const;
export const MEETING_MODES = ['online', 'in_person'] as const;
export const RSVP_RESPONSES = ['yes', 'no', 'maybe'] as const;
export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;

const id = (field = 'id') => z.uuid({ message: `${field} must be a valid id` });
const text = (min: number, max: number) =>
  z.string({ message: 'must be text' }).trim().min(min, min === 1 ? 'is required' : `must be at least ${min} characters`).max(max, `must be at most ${max} characters`);
const whole = (min: number, max: number) =>
  z.number({ message: 'must be a number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

export const TimeZoneName = z
  .string({ message: 'must be text' })
  .max(64, 'must be at most 64 characters')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return tz.includes('/') || tz === 'UTC';
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/London');

/** A UTC instant as ISO-8601 (`2026-03-19T18:00:00.000Z`). */
export const Instant = z.iso.datetime({ message: 'must be an ISO-8601 UTC time such as 2026-03-19T18:00:00.000Z' });

// ── params ────────────────────────────────────────────────────────────────────
export const GroupMemberParams = z.strictObject({ id: id(), userId: id('userId') });
export const GroupMessageParams = z.strictObject({ id: id(), messageId: id('messageId') });
export const GroupMeetingParams = z.strictObject({ id: id(), meetingId: id('meetingId') });
export const GroupGoalParams = z.strictObject({ id: id(), goalId: id('goalId') });
export const StaffParams = z.strictObject({ id: id(), userId: id('userId'), role: StaffRole });
export const JoinRequestParams = z.strictObject({ id: id(), requestId: id('requestId') });

// ── organizations and programs ───────────────────────────────────────────────
export const OrganizationBody = z.strictObject({ name: text(2, GROUP_LIMITS.nameMax), description: text(0, GROUP_LIMITS.descriptionMax).default('') });
export const OrganizationPatchBody = z.strictObject({ name: text(2, GROUP_LIMITS.nameMax).optional(), description: text(0, GROUP_LIMITS.descriptionMax).optional() });
export const StaffBody = z.strictObject({ userId: id('userId'), role: StaffRole });

export const ProgramCreateBody = z.strictObject({
  name: text(2, GROUP_LIMITS.nameMax),
  description: text(0, GROUP_LIMITS.descriptionMax).default(''),
  joinPolicy: JoinPolicy.default('request'),
});
export const ProgramPatchBody = z.strictObject({
  name: text(2, GROUP_LIMITS.nameMax).optional(),
  description: text(0, GROUP_LIMITS.descriptionMax).optional(),
  joinPolicy: JoinPolicy.optional(),
});
export const JoinRequestBody = z.strictObject({ note: text(1, 500).optional(), clientId: ClientId.optional() });
export const JoinCodeBody = z.strictObject({ code: z.string({ message: 'must be text' }).trim().min(6, 'must be at least 6 characters').max(64, 'must be at most 64 characters') });
export const JoinDecisionBody = z.strictObject({ decision: z.enum(['approve', 'decline']) });

// ── groups ────────────────────────────────────────────────────────────────────
export const GroupBody = z.strictObject({
  name: text(2, GROUP_LIMITS.nameMax),
  description: text(1, GROUP_LIMITS.descriptionMax),
  timeZone: TimeZoneName,
  sizeLimit: whole(GROUP_LIMITS.sizeLimitMin, GROUP_LIMITS.sizeLimitMax).default(GROUP_LIMITS.sizeLimitDefault),
  agreement: text(20, GROUP_LIMITS.agreementMax),
  facilitatorIds: z.array(id('facilitatorIds')).max(6).default([]),
});
export const GroupPatchBody = z.strictObject({
  name: text(2, GROUP_LIMITS.nameMax).optional(),
  description: text(1, GROUP_LIMITS.descriptionMax).optional(),
  timeZone: TimeZoneName.optional(),
  sizeLimit: whole(GROUP_LIMITS.sizeLimitMin, GROUP_LIMITS.sizeLimitMax).optional(),
  /** A changed text is a new version: every member accepts it again before taking part. */
  agreement: text(20, GROUP_LIMITS.agreementMax).optional(),
});
export const FacilitatorBody = z.strictObject({ userId: id('userId') });
export const JoinGroupBody = z.strictObject({
  /** Accept this agreement version while joining (it must be the current one). */
  agreementVersion: whole(1, 1_000_000).optional(),
});
export const AcceptAgreementBody = z.strictObject({ version: whole(1, 1_000_000) });

// ── meetings ──────────────────────────────────────────────────────────────────
export const MeetingBody = z
  .strictObject({
    title: text(2, 120),
    mode: z.enum(MEETING_MODES),
    link: z.url({ protocol: /^https?$/, message: 'must be an http(s) link' }).max(500).nullable().default(null),
    place: text(1, 300).nullable().default(null),
    /** Local wall-clock start in the group's zone. */
    startLocal: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local time such as 2026-03-19T18:00'),
    durationMinutes: whole(15, GROUP_LIMITS.meetingMinutesMax).default(90),
    frequency: z.enum(MEETING_FREQUENCIES).default('none'),
    untilDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-12-31').nullable().default(null),
    count: whole(1, GROUP_LIMITS.occurrenceCountMax).nullable().default(null),
    reminderMinutes: whole(0, GROUP_LIMITS.reminderMinutesMax).default(60),
  })
  .refine((m) => m.mode !== 'online' || !!m.link, { message: 'an online meeting needs a link', path: ['link'] })
  .refine((m) => m.mode !== 'in_person' || !!m.place, { message: 'an in-person meeting needs a place', path: ['place'] });
export const MeetingCancelBody = z.strictObject({ cancelled: z.boolean() });

export const OccurrencesQuery = z.strictObject({
  from: Instant.optional(),
  to: Instant.optional(),
});
export const RsvpBody = z.strictObject({ occurrence: Instant, response: z.enum(RSVP_RESPONSES) });
export const AttendanceBody = z.strictObject({
  occurrence: Instant,
  records: z.array(z.strictObject({ userId: id('userId'), status: z.enum(ATTENDANCE_STATUSES) })).min(1, 'must name at least one member').max(GROUP_LIMITS.sizeLimitMax),
});
export const MeetingNoteBody = z.strictObject({ occurrence: Instant, body: text(1, GROUP_LIMITS.noteMax) });
export const OccurrenceQuery = z.strictObject({ occurrence: Instant });

// ── chat ──────────────────────────────────────────────────────────────────────
export const GroupMessageBody = z.strictObject({
  body: text(1, GROUP_LIMITS.messageMax),
  warnings: z.array(ContentWarning).max(CONTENT_WARNINGS.length).default([]),
  /** Idempotency key (ADR 042): a retry with the same one answers with the first message. */
  clientId: ClientId.optional(),
});
export const GroupMessagesQuery = z.strictObject({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const PinBody = z.strictObject({ pinned: z.boolean() });
export const MuteBody = z.strictObject({ minutes: whole(1, GROUP_LIMITS.muteMinutesMax) });
export const GroupReportBody = z.strictObject({ reason: ReportReason, note: text(1, 1_000).optional(), clientId: ClientId.optional() });

// ── goals ─────────────────────────────────────────────────────────────────────
export const GoalBody = z.strictObject({
  title: text(3, 200),
  targetPerMember: whole(1, GROUP_LIMITS.goalTargetMax),
  unit: text(1, 40),
  endsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-12-31').nullable().default(null),
  clientId: ClientId.optional(),
});
export const GoalLogBody = z.strictObject({
  amount: whole(1, GROUP_LIMITS.goalTargetMax),
  note: text(1, 500).optional(),
  visibility: z.enum(['private', 'group']).default('private'),
  clientId: ClientId.optional(),
});

export const SupervisorRequestBody = z.strictObject({ note: text(1, 1_000).optional(), clientId: ClientId.optional() });

// ── responses ─────────────────────────────────────────────────────────────────
export const UserRef = z.object({ id: z.string(), handle: z.string() });

export const OrganizationView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  staff: z.array(z.object({ user: UserRef, role: StaffRole })),
});

export const AgreementView = z.object({ version: z.number(), text: z.string() });

export const GroupMeView = z.object({
  member: z.boolean(),
  facilitator: z.boolean(),
  /** The latest version this person accepted, or null. */
  acceptedVersion: z.number().nullable(),
  /** True when they accepted the current version (needed to chat and RSVP). */
  agreementCurrent: z.boolean(),
  mutedUntil: z.string().nullable(),
});

export const GroupView = z.object({
  id: z.string(),
  programId: z.string(),
  name: z.string(),
  description: z.string(),
  timeZone: z.string(),
  sizeLimit: z.number(),
  memberCount: z.number(),
  full: z.boolean(),
  facilitators: z.array(UserRef),
  agreement: AgreementView,
  me: GroupMeView,
  createdAt: z.string(),
});
export type GroupView = z.infer<typeof GroupView>;

export const ProgramDetailView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  joinPolicy: JoinPolicy,
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** member: belongs; pending: asked to join; null: neither. */
  membership: z.enum(['member', 'pending']).nullable(),
  /** What it offers: its groups and its program-only spaces. */
  groups: z.array(GroupView),
  spaces: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
  /** Lead tools are offered (edit, requests, codes, groups). */
  canManage: z.boolean(),
});
export const ProgramsOverview = z.object({ mine: z.array(ProgramDetailView), available: z.array(ProgramDetailView) });

export const JoinRequestView = z.object({
  id: z.string(),
  programId: z.string(),
  user: UserRef.nullable(),
  note: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'declined']),
  createdAt: z.string(),
});
export const InvitationCodeView = z.object({ code: z.string(), programId: z.string() });

export const MeetingView = z.object({
  id: z.string(),
  groupId: z.string(),
  title: z.string(),
  mode: z.enum(MEETING_MODES),
  /** Members and facilitators only; null for anyone else. */
  link: z.string().nullable(),
  place: z.string().nullable(),
  timeZone: z.string(),
  startLocal: z.string(),
  durationMinutes: z.number(),
  frequency: z.enum(MEETING_FREQUENCIES),
  untilDate: z.string().nullable(),
  count: z.number().nullable(),
  reminderMinutes: z.number(),
  cancelled: z.boolean(),
});

/** One occurrence: UTC start and end plus the group's zone, so a client shows it in the reader's own zone. */
export const OccurrenceView = z.object({
  meetingId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  title: z.string(),
  mode: z.enum(MEETING_MODES),
  link: z.string().nullable(),
  place: z.string().nullable(),
  /** Names the occurrence in RSVP, attendance and note requests. */
  occurrence: z.string(),
  startUtc: z.string(),
  endUtc: z.string(),
  startLocal: z.string(),
  timeZone: z.string(),
  myRsvp: z.enum(RSVP_RESPONSES).nullable(),
  rsvps: z.object({ yes: z.number(), no: z.number(), maybe: z.number() }),
});
export const OccurrencePage = z.object({ occurrences: z.array(OccurrenceView) });

export const AttendanceView = z.object({
  occurrence: z.string(),
  records: z.array(z.object({ user: UserRef, status: z.enum(ATTENDANCE_STATUSES) })),
  note: z.string().nullable(),
});
/** A saved meeting note: the attendance, and the facilitator's own crisis response when the note read as their own crisis (ADR 064), else null. */
export const MeetingNoteSaved = AttendanceView.extend({ notice: SafetyNotice.nullable() });

export const GroupMessageView = z.object({
  id: z.string(),
  groupId: z.string(),
  author: UserRef.nullable(),
  isMe: z.boolean(),
  /** Null while held for review (for everyone but its author) or after removal. */
  body: z.string().nullable(),
  warnings: z.array(ContentWarning),
  collapsed: z.boolean(),
  state: z.enum(['visible', 'pending', 'removed']),
  pinned: z.boolean(),
  createdAt: z.string(),
});
export type GroupMessageView = z.infer<typeof GroupMessageView>;
export const GroupMessagePage = z.object({ messages: z.array(GroupMessageView), pinned: z.array(GroupMessageView), nextCursor: z.string().nullable() });
export const GroupMessageWritten = z.object({ message: GroupMessageView, safety: SafetyNotice });
/** A message reported: its note (if any) screened like every text, the writer's notice null without one. */
export const GroupReportWritten = z.object({ id: z.string(), notice: SafetyNotice.nullable() });

export const GoalView = z.object({
  id: z.string(),
  groupId: z.string(),
  title: z.string(),
  unit: z.string(),
  targetPerMember: z.number(),
  endsOn: z.string().nullable(),
  createdAt: z.string(),
  progress: z.object({
    /** Everything logged, private logs included (as numbers only). */
    total: z.number(),
    /** targetPerMember × current members. */
    target: z.number(),
    /** How many logs were private: counted, never attributed. */
    privateLogs: z.number(),
    /** Per member, from logs they chose to show the group. */
    shared: z.array(z.object({ user: UserRef, amount: z.number() })),
    mine: z.number(),
  }),
});
export const GoalLogged = z.object({ goal: GoalView });

export const DashboardMemberView = z.object({
  user: UserRef,
  joinedAt: z.string(),
  acceptedVersion: z.number().nullable(),
  agreementCurrent: z.boolean(),
  mutedUntil: z.string().nullable(),
  attended: z.number(),
  recorded: z.number(),
  /** An open safety alert raised by something this member wrote in this group's chat. */
  openAlert: z.object({ alertId: z.string(), level: z.number(), createdAt: z.string() }).nullable(),
  supervisorRequested: z.boolean(),
});
export const DashboardView = z.object({
  group: GroupView,
  members: z.array(DashboardMemberView),
  attendanceTrend: z.array(z.object({ occurrence: z.string(), present: z.number(), absent: z.number(), excused: z.number() })),
  upcoming: z.array(OccurrenceView),
  openReports: z.number(),
});

export const GroupReportView = z.object({
  id: z.string(),
  message: GroupMessageView,
  reason: ReportReason,
  note: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  createdAt: z.string(),
});

export const SupervisorRequestView = z.object({
  id: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  member: UserRef.nullable(),
  requestedBy: UserRef.nullable(),
  alertId: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(['open', 'taken']),
  createdAt: z.string(),
});

export const CalendarFeedView = z.object({
  id: z.string(),
  groupId: z.string().nullable(),
  /** Shown once, when made or rotated: the secret URL a calendar app subscribes to. */
  url: z.string(),
  createdAt: z.string(),
});
