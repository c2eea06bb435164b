import { z } from 'zod';
import { SafetyNotice } from './safety.js';
import { ClientId } from './common.js';

/** Sizes shared by server validation and client forms. */
export const COMMUNITY_LIMITS = {
  titleMin: 4,
  titleMax: 140,
  bodyMin: 1,
  bodyMax: 20_000,
  noteMax: 1_000,
  searchMax: 200,
  slowModeMaxSeconds: 86_400,
  suspendMaxDays: 365,
} as const;

export const THREAD_KINDS = ['story', 'question', 'what_helped'] as const;
export const ThreadKind = z.enum(THREAD_KINDS);
export type ThreadKind = z.infer<typeof ThreadKind>;

export const REACTION_KINDS = ['relate', 'strength', 'helped'] as const;
export const ReactionKind = z.enum(REACTION_KINDS);
export type ReactionKind = z.infer<typeof ReactionKind>;

/** Content warnings an author can put on a post (and the safety screen adds when they did not). */
export const CONTENT_WARNINGS = ['self_harm', 'suicide', 'eating', 'abuse', 'substance_use', 'violence', 'loss'] as const;
export const ContentWarning = z.enum(CONTENT_WARNINGS);
export type ContentWarning = z.infer<typeof ContentWarning>;

/**
 * A reader's choice per warning. Default `ask`.
 * - `hide`: threads whose opening post carries it are left out of lists, search and related
 *   threads; a post carrying it that is reached directly (a reply in an open thread) comes
 *   back with `collapsed: true`.
 * - `ask`: the post comes back with `collapsed: true`; the client shows it behind a click.
 * - `show`: never collapsed.
 * A post with several warnings takes the strictest of the reader's choices.
 */
export const WARNING_MODES = ['hide', 'show', 'ask'] as const;
export const WarningMode = z.enum(WARNING_MODES);
export type WarningMode = z.infer<typeof WarningMode>;

export const REPORT_REASONS = ['harassment', 'self_harm_risk', 'misinformation', 'spam', 'privacy', 'other'] as const;
export const ReportReason = z.enum(REPORT_REASONS);

export const LIST_KINDS = ['latest', 'top', 'unanswered', 'mine', 'followed'] as const;
export const TOP_PERIODS = ['day', 'week', 'month', 'all'] as const;

export const NOTIFICATION_KINDS = ['reply', 'mention', 'reaction', 'followed', 'moderation', 'meeting_reminder', 'group', 'checkin_reminder', 'supervision', 'training'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;
/** Kinds a member can turn off; moderation outcomes always arrive. */
export const OPTIONAL_NOTIFICATION_KINDS = ['reply', 'mention', 'reaction', 'followed', 'meeting_reminder'] as const;

const id = (field = 'id') => z.uuid({ message: `${field} must be a valid id` });
const text = (min: number, max: number) =>
  z.string({ message: 'must be text' }).trim().min(min, min === 1 ? 'is required' : `must be at least ${min} characters`).max(max, `must be at most ${max} characters`);

// ── requests ──────────────────────────────────────────────────────────────────
export const ThreadIdParam = z.strictObject({ id: id() });
export const ReactionParams = z.strictObject({ id: id(), kind: ReactionKind });

export const NewThreadBody = z.strictObject({
  kind: ThreadKind,
  title: text(COMMUNITY_LIMITS.titleMin, COMMUNITY_LIMITS.titleMax),
  body: text(COMMUNITY_LIMITS.bodyMin, COMMUNITY_LIMITS.bodyMax),
  warnings: z.array(ContentWarning).max(CONTENT_WARNINGS.length).default([]),
  anonymous: z.boolean().default(false),
  /** Idempotency key (ADR 042): a retry with the same one answers with the first write. */
  clientId: ClientId.optional(),
});

export const NewPostBody = z.strictObject({
  body: text(COMMUNITY_LIMITS.bodyMin, COMMUNITY_LIMITS.bodyMax),
  warnings: z.array(ContentWarning).max(CONTENT_WARNINGS.length).default([]),
  anonymous: z.boolean().default(false),
  /** Idempotency key (ADR 042): a retry with the same one answers with the first write. */
  clientId: ClientId.optional(),
});

export const EditPostBody = z.strictObject({
  body: text(COMMUNITY_LIMITS.bodyMin, COMMUNITY_LIMITS.bodyMax),
  title: text(COMMUNITY_LIMITS.titleMin, COMMUNITY_LIMITS.titleMax).optional(),
  warnings: z.array(ContentWarning).max(CONTENT_WARNINGS.length).optional(),
});

export const ModeratorEditBody = z.strictObject({
  body: text(COMMUNITY_LIMITS.bodyMin, COMMUNITY_LIMITS.bodyMax),
  note: text(1, COMMUNITY_LIMITS.noteMax),
});

export const ModerationNoteBody = z.strictObject({ note: text(1, COMMUNITY_LIMITS.noteMax) });

export const HelpedBody = z.strictObject({ postId: id('postId').nullable() });

export const SlowModeBody = z.strictObject({
  seconds: z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(COMMUNITY_LIMITS.slowModeMaxSeconds, `must be at most ${COMMUNITY_LIMITS.slowModeMaxSeconds}`),
});

export const ThreadListQuery = z.strictObject({
  list: z.enum(LIST_KINDS).default('latest'),
  space: id('space').optional(),
  period: z.enum(TOP_PERIODS).default('all'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const PostPageQuery = z.strictObject({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const SearchQuery = z.strictObject({
  q: text(1, COMMUNITY_LIMITS.searchMax),
  space: id('space').optional(),
  kind: ThreadKind.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const WarningPrefsBody = z.strictObject({
  prefs: z.partialRecord(ContentWarning, WarningMode),
});

export const ReportBody = z.strictObject({
  reason: ReportReason,
  note: text(1, COMMUNITY_LIMITS.noteMax).optional(),
  /** Idempotency key (ADR 042). */
  clientId: ClientId.optional(),
});

export const ReportsQuery = z.strictObject({
  status: z.enum(['open', 'resolved']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A member's own reports, newest first; the cursor is the last report's id. */
export const MyReportsQuery = z.strictObject({
  cursor: z.uuid({ message: 'is not a cursor this server gave out' }).optional(),
  limit: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(50, 'must be at most 50').default(20),
});

export const ResolveReportBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('dismiss'), note: text(1, COMMUNITY_LIMITS.noteMax).optional() }),
  z.strictObject({ action: z.literal('hide'), note: text(1, COMMUNITY_LIMITS.noteMax) }),
  z.strictObject({ action: z.literal('edit'), note: text(1, COMMUNITY_LIMITS.noteMax), body: text(1, COMMUNITY_LIMITS.bodyMax) }),
  z.strictObject({ action: z.literal('warn'), note: text(1, COMMUNITY_LIMITS.noteMax) }),
  z.strictObject({ action: z.literal('suspend'), note: text(1, COMMUNITY_LIMITS.noteMax), days: z.number().int().min(1).max(COMMUNITY_LIMITS.suspendMaxDays) }),
]);

export const SuspendBody = z.strictObject({
  days: z.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(COMMUNITY_LIMITS.suspendMaxDays, `must be at most ${COMMUNITY_LIMITS.suspendMaxDays}`),
  reason: text(1, COMMUNITY_LIMITS.noteMax),
});

export const RevealAuthorBody = z.strictObject({ reason: text(10, COMMUNITY_LIMITS.noteMax) });

export const SpaceBody = z.strictObject({
  slug: z.string().trim().min(2, 'must be at least 2 characters').max(40, 'must be at most 40 characters').regex(/^[a-z0-9-]+$/, 'may use lower-case letters, digits and dashes only'),
  name: text(2, 60),
  description: text(1, 500),
  houseRules: text(1, 2000),
  visibility: z.enum(['members', 'program']).default('members'),
  programId: id('programId').nullable().default(null),
  allowAnonymous: z.boolean().default(true),
});
export const SpacePatchBody = z.strictObject({
  name: text(2, 60).optional(),
  description: text(1, 500).optional(),
  houseRules: text(1, 2000).optional(),
  visibility: z.enum(['members', 'program']).optional(),
  programId: id('programId').nullable().optional(),
  allowAnonymous: z.boolean().optional(),
});

export const ProgramBody = z.strictObject({ name: text(2, 120) });
export const ProgramMemberBody = z.strictObject({
  userId: id('userId'),
  role: z.enum(['member', 'facilitator', 'staff']).default('member'),
});

export const CommunitySettingsBody = z.strictObject({
  holdFirstPosts: z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(20, 'must be at most 20'),
});

export const NotificationsQuery = z.strictObject({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  unread: z.enum(['true', 'false']).optional(),
});
export const MarkReadBody = z.union([
  z.strictObject({ ids: z.array(id('ids')).min(1, 'must name at least one').max(200) }),
  z.strictObject({ all: z.literal(true) }),
]);
export const NotificationPrefsBody = z.strictObject({
  prefs: z.partialRecord(z.enum(OPTIONAL_NOTIFICATION_KINDS), z.boolean()),
});

// ── responses ─────────────────────────────────────────────────────────────────
export const SpaceView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  houseRules: z.string(),
  visibility: z.enum(['members', 'program']),
  programId: z.string().nullable(),
  allowAnonymous: z.boolean(),
});
export type SpaceView = z.infer<typeof SpaceView>;

/**
 * Who wrote something, as the reader may know it. For an anonymous post `user` is null for
 * everyone but the author (who sees `label: "you (anonymous)"`).
 */
export const AuthorView = z.object({
  user: z.object({ id: z.string(), handle: z.string() }).nullable(),
  label: z.string(),
  anonymous: z.boolean(),
  isMe: z.boolean(),
});

export const ReactionCounts = z.object({ relate: z.number(), strength: z.number(), helped: z.number() });

export const PostView = z.object({
  id: z.string(),
  threadId: z.string(),
  isOpening: z.boolean(),
  author: AuthorView,
  /** visible | pending (held: author and moderators only) | hidden (by a moderator) | removed | deleted */
  state: z.enum(['visible', 'pending', 'hidden', 'removed', 'deleted']),
  /** Safe HTML rendered on the server; null when the body is gone or not for this reader. */
  bodyHtml: z.string().nullable(),
  /** The Markdown source, for its author (to edit) and moderators. */
  bodySource: z.string().nullable(),
  /**
   * Why a pending post waits (its author and moderators only): `safety` — the safety screen held
   * it for a supervisor; `first_post` — new members' first posts are reviewed. Null otherwise.
   */
  pendingReason: z.enum(['safety', 'first_post']).nullable(),
  warnings: z.array(ContentWarning),
  collapsed: z.boolean(),
  reactions: ReactionCounts,
  myReactions: z.array(ReactionKind),
  helpedMost: z.boolean(),
  edited: z.boolean(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
});
export type PostView = z.infer<typeof PostView>;

export const ThreadView = z.object({
  id: z.string(),
  spaceId: z.string(),
  kind: ThreadKind,
  title: z.string(),
  author: AuthorView,
  state: z.enum(['visible', 'pending', 'hidden', 'removed', 'deleted']),
  warnings: z.array(ContentWarning),
  collapsed: z.boolean(),
  replyCount: z.number(),
  reactionCount: z.number(),
  helpedPostId: z.string().nullable(),
  slowModeSeconds: z.number(),
  following: z.boolean(),
  lastActivityAt: z.string(),
  createdAt: z.string(),
});
export type ThreadView = z.infer<typeof ThreadView>;

export const ThreadPage = z.object({ threads: z.array(ThreadView), nextCursor: z.string().nullable() });
export const ThreadDetail = z.object({
  thread: ThreadView,
  space: SpaceView,
  posts: z.array(PostView),
  nextCursor: z.string().nullable(),
});
export const PostPage = z.object({ posts: z.array(PostView), nextCursor: z.string().nullable() });

export const ThreadCreated = z.object({ thread: ThreadView, post: PostView, safety: SafetyNotice });
export const PostWritten = z.object({ post: PostView, safety: SafetyNotice });
/** A report made: its note (if any) screened like every text, the writer's notice null without one. */
export const ReportWritten = z.object({ id: z.string(), notice: SafetyNotice.nullable() });

/** A highlighted excerpt: plain text plus [start, end) ranges of the matched words. Never HTML. */
export const Highlighted = z.object({ text: z.string(), ranges: z.array(z.tuple([z.number(), z.number()])) });
export const SearchHit = z.object({
  thread: ThreadView,
  postId: z.string(),
  /** Warnings of the thread and of the matched post: the snippet folds like the post would. */
  warnings: z.array(ContentWarning),
  collapsed: z.boolean(),
  title: Highlighted,
  snippet: Highlighted,
});
export const SearchResults = z.object({
  hits: z.array(SearchHit),
  /** The search looked at the most recent matches only (ADR 016) and may have left older ones out. */
  truncated: z.boolean(),
});

export const ReactorsView = z.object({
  reactors: z.array(z.object({ kind: ReactionKind, user: z.object({ id: z.string(), handle: z.string() }).nullable(), at: z.string() })),
});
export const ReactionState = z.object({ postId: z.string(), reactions: ReactionCounts, myReactions: z.array(ReactionKind) });

export const PostEditView = z.object({
  id: z.string(),
  at: z.string(),
  editorRole: z.enum(['author', 'moderator']),
  /** Moderators' handles only: an anonymous author editing stays anonymous. */
  editorHandle: z.string().nullable(),
  previousBody: z.string(),
  previousTitle: z.string().nullable(),
  note: z.string().nullable(),
});

export const WarningPrefsView = z.object({ prefs: z.record(ContentWarning, WarningMode) });

export const ReportView = z.object({
  id: z.string(),
  reason: ReportReason,
  note: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  outcome: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  post: PostView,
  threadId: z.string(),
  threadTitle: z.string(),
});

/**
 * What a reporter is told a moderator decided, in the words of the outcome notification: which
 * action, never who took it or their note. `reviewed` stands for an outcome this list cannot name.
 */
/** How much of a reported post a reporter's list shows: enough to recognise it, no more. */
export const REPORT_EXCERPT_CHARS = 160;

export const REPORT_OUTCOMES = ['no_action', 'post_hidden', 'post_edited', 'author_warned', 'author_suspended', 'reviewed'] as const;
export const ReportOutcome = z.enum(REPORT_OUTCOMES);
export type ReportOutcome = z.infer<typeof ReportOutcome>;

/**
 * One of the reader's own reports. `post` is the reported post (where it is, a short excerpt)
 * only while the reader may still read it, as on the thread page; never its author.
 */
export const MyReportView = z.object({
  id: z.string(),
  reason: ReportReason,
  note: z.string().nullable(),
  createdAt: z.string(),
  status: z.enum(['open', 'resolved']),
  outcome: ReportOutcome.nullable(),
  decidedAt: z.string().nullable(),
  post: z
    .object({
      id: z.string(),
      threadId: z.string(),
      threadTitle: z.string(),
      /** Plain text, at most REPORT_EXCERPT_CHARS characters (and an ellipsis when cut). */
      excerpt: z.string(),
      warnings: z.array(ContentWarning),
      /** Behind a click, as the thread page shows it, per the reader's content-warning choices. */
      collapsed: z.boolean(),
    })
    .nullable(),
});
export type MyReportView = z.infer<typeof MyReportView>;
export const MyReportPage = z.object({ reports: z.array(MyReportView), nextCursor: z.string().nullable() });

export const ModerationQueueView = z.object({
  reports: z.array(ReportView),
  pendingPosts: z.array(PostView.extend({ pendingReason: z.enum(['safety', 'first_post']).nullable(), threadTitle: z.string() })),
});

/** `notice`: the moderator's own crisis response when their note or reason reads as their own crisis (ADR 064), else null. */
export const RevealedAuthorView = z.object({ postId: z.string(), user: z.object({ id: z.string(), handle: z.string() }).nullable(), notice: SafetyNotice.nullable() });
/** A moderator's action with a note (hide, edit, warn): done, and the writer's notice as for `RevealedAuthorView` (ADR 064). */
export const ModerationDone = z.object({ ok: z.literal(true), notice: SafetyNotice.nullable() });
export const ReportResolved = z.object({ outcome: z.string(), notice: SafetyNotice.nullable() });

export const ProgramView = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
export const ProgramMemberView = z.object({ programId: z.string(), userId: z.string(), role: z.string(), joinedAt: z.string() });
export const CommunitySettingsView = z.object({ holdFirstPosts: z.number() });
export const SuspensionView = z.object({ userId: z.string(), until: z.string(), notice: SafetyNotice.nullable() });

export const NotificationView = z.object({
  id: z.string(),
  kind: NotificationKind,
  threadId: z.string().nullable(),
  threadTitle: z.string().nullable(),
  postId: z.string().nullable(),
  /** Who did it, as the reader may know them: null and "Anonymous member" for anonymous posts. */
  actor: z.object({ id: z.string(), handle: z.string() }).nullable(),
  actorLabel: z.string().nullable(),
  reaction: ReactionKind.nullable(),
  message: z.string().nullable(),
  /** A page the notice has more about: `my_reports` for a report's outcome (the reporter's own reports). */
  about: z.enum(['my_reports']).nullable(),
  /**
   * A `followed` notice: how many new replies it stands for (one notice a thread until read), counted
   * up to FOLLOWED_NOTICE_COUNT_CAP in ./notifications.ts (which then means "that many or more"); null for other
   * kinds, and for a `followed` notice with no count to show (its replies hidden since, or the thread no longer
   * readable by the reader): the client then names the thread without a number.
   */
  newReplies: z.number().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof NotificationView>;
export const NotificationPage = z.object({ notifications: z.array(NotificationView), unreadCount: z.number(), nextCursor: z.string().nullable() });
export const NotificationPrefsView = z.object({ prefs: z.record(z.enum(OPTIONAL_NOTIFICATION_KINDS), z.boolean()) });
