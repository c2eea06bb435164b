import type { ColumnType, Generated } from 'kysely';
import type { HeldReason, HeldStatus } from '../../contracts/safety.js';

/**
 * The database schema as Kysely sees it. Portable types only: text ids (UUIDv7), ISO-8601 UTC
 * text times, integers for booleans, JSON as text. Migrations in /migrations create exactly this.
 */
export interface UsersTable {
  id: string;
  handle: string;
  /** Lower-cased handle for unique look-ups. */
  handle_key: string;
  password_hash: string;
  /** Encrypted (field encryption); recovery only. */
  email_enc: string | null;
  pronouns: string | null;
  region: string | null;
  time_zone: string | null;
  /** JSON array of BCP-47 language tags. */
  languages: string;
  /** JSON array of curated tags. */
  experience_tags: string;
  experience_note: string | null;
  bio: string | null;
  /** 'visible', or 'pending' while the safety screen holds it for review. */
  bio_state: 'visible' | 'pending';
  message_policy: 'nobody' | 'supporters' | 'members';
  age_confirmed_at: string;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  granted_by: string | null;
  granted_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie token: the token itself is never stored. */
  id: string;
  user_id: string;
  device_label: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** 1 after a role or password change: the next request gets a new token (0010_session_rotation). */
  rotate_due: Generated<number>;
  /** Digest of the token this session had before its last rotation, still accepted until `previous_valid_until`. */
  previous_id: string | null;
  previous_valid_until: string | null;
}

export interface AuthThrottleTable {
  /** "handle:<key>" or "ip:<addr>" */
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: string;
  /** Whose data was accessed: this person sees the entry on "Who saw my data". */
  subject_user_id: string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  object_type: string;
  object_id: string | null;
  reason: string;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  type: string;
  payload: string;
  created_at: string;
  attempts: Generated<number>;
  /** When a consumer last failed on it (migration 0023). */
  failed_at: string | null;
  /** Not taken again before this time (backoff after a failure). */
  retry_at: string | null;
  /** Set aside after too many failures: never taken again until an operator clears it (ADR 024). */
  dead_at: string | null;
  /** Its consumers have run (migration 0029, ADR 035): the row waits to be published only. */
  consumed_at: string | null;
}

export interface CrisisLinesTable {
  id: string;
  /** ISO 3166-1 alpha-2 region, or "INTL" for the international fallback. */
  region: string;
  kind: 'emergency' | 'crisis_line' | 'text_line' | 'directory';
  name: string;
  description: string;
  phone: string | null;
  sms: string | null;
  web: string | null;
  hours: string;
  sort_order: number;
}

export interface ScreeningsTable {
  id: string;
  user_id: string | null;
  /** What was screened: "profile_bio", "post", "message", … and its id. */
  object_type: string;
  object_id: string;
  level: number;
  categories: string;
  reasons: string;
  method_detail: number;
  subject: string;
  version: string;
  created_at: string;
}

export interface SafetyAlertsTable {
  id: string;
  user_id: string | null;
  screening_id: string;
  level: number;
  status: 'open' | 'acknowledged' | 'resolved';
  /** 0 = supervisors on duty; 1 = escalated to every supervisor and admin. */
  escalated: number;
  due_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  outcome: string | null;
  created_at: string;
}

export interface SafetyAlertNotesTable {
  id: string;
  alert_id: string;
  author_id: string | null;
  body_enc: string;
  created_at: string;
}

/** contact_details: a 1:1 message with a phone number, email, handle or address (mentoring conversations). */
/** library_review: shared advice that screened at level ≥ 2, reviewed before others read it. */
/** The list lives with the API contract (`HELD_REASONS`), so the web's translations are checked against it. */
export type { HeldReason };

export interface HeldContentTable {
  id: string;
  user_id: string | null;
  object_type: string;
  object_id: string;
  reason: HeldReason;
  /**
   * superseded: its object was held again for newer words before anyone decided; the newer item is the one to decide (ADR 052).
   * withdrawn: its object was deleted or taken back (or removed by a moderator) before anyone decided (ADR 055, amendment);
   * `decided_at` says when, `decided_by` is null for its writer, else who removed it.
   */
  status: HeldStatus;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface SupervisorDutyTable {
  user_id: string;
  on_duty: number;
  updated_at: string;
}


// ── community (migration 0002) ────────────────────────────────────────────────
export interface ProgramsTable {
  id: string;
  name: string;
  created_at: string;
  // Added by migration 0006 (groups).
  description: Generated<string>;
  /** Who may join: anyone (open), by a lead's approval (request), or with the code (invitation). */
  join_policy: Generated<'open' | 'request' | 'invitation'>;
  /** sha256 of the current invitation code; the code itself is shown once, never stored. */
  invitation_code_digest: ColumnType<string | null, string | null | undefined, string | null>;
  organization_id: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ProgramMembersTable {
  program_id: string;
  user_id: string;
  role: string;
  joined_at: string;
}

export interface SpacesTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  house_rules: string;
  /** 'members': every signed-in member; 'program': members of `program_id` (and moderators). */
  visibility: 'members' | 'program';
  program_id: string | null;
  allow_anonymous: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export type ContentState = 'visible' | 'pending' | 'hidden' | 'removed' | 'deleted';

export interface ThreadsTable {
  id: string;
  space_id: string;
  /** Kept for anonymous threads too (moderation, the author's own view); null after erasure. */
  author_id: string | null;
  anonymous: number;
  kind: 'story' | 'question' | 'what_helped';
  title: string;
  /** Follows the opening post: pending while held, hidden when a moderator hid it. */
  state: ContentState;
  /** JSON array: the opening post's content warnings (list filters use it). */
  warnings: string;
  reply_count: Generated<number>;
  reaction_count: Generated<number>;
  /** reply_count + reaction_count, kept with them: the "top" list orders by it. */
  score: Generated<number>;
  helped_post_id: string | null;
  slow_mode_seconds: Generated<number>;
  last_activity_at: string;
  created_at: string;
  updated_at: string;
  /** Moved by triggers on every change to the thread's posts and reactions (migration 0015, ADR 015). */
  content_version: Generated<number>;
}

export interface PostsTable {
  id: string;
  thread_id: string;
  space_id: string;
  author_id: string | null;
  anonymous: number;
  is_opening: number;
  body_source: string;
  /** Rendered at write time by the safe Markdown renderer: the only HTML that leaves the server. */
  body_html: string;
  /** Plain text of the body, for full-text search. */
  body_text: string;
  /** The thread title on opening posts ('' on replies), for full-text search. */
  search_title: string;
  warnings: string;
  state: ContentState;
  /** Why a pending post waits: 'safety' (held by the screen) or 'first_post' (new-account review). */
  pending_reason: 'safety' | 'first_post' | null;
  /**
   * 1 while the post waits for a moderator's first-post approval (`hold_first_posts`), whatever else
   * holds it: `pending_reason` names the hold that shows (`safety` before `first_post`), and lifting the
   * safety hold leaves `first_post` while this is set (migration 0042, ADR 052 amendment).
   */
  first_post_hold: Generated<number>;
  /** When readers could first read it; null while it was never published, whatever its state (ADR 052, amendment). */
  published_at: string | null;
  edited_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PostEditsTable {
  id: string;
  post_id: string;
  editor_id: string | null;
  editor_role: 'author' | 'moderator';
  previous_source: string;
  previous_title: string | null;
  note: string | null;
  created_at: string;
}

export interface ReactionsTable {
  post_id: string;
  user_id: string;
  kind: 'relate' | 'strength' | 'helped';
  created_at: string;
}

export interface ThreadFollowsTable {
  thread_id: string;
  user_id: string;
  created_at: string;
}

export interface WarningPrefsTable {
  user_id: string;
  warning: string;
  mode: 'hide' | 'show' | 'ask';
}

export interface PostReportsTable {
  id: string;
  post_id: string;
  reporter_id: string | null;
  reason: string;
  note: string | null;
  status: 'open' | 'resolved';
  outcome: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
}

export interface CommunitySuspensionsTable {
  id: string;
  user_id: string;
  until: string;
  reason: string;
  created_by: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  thread_id: string | null;
  post_id: string | null;
  actor_id: string | null;
  actor_anonymous: number;
  /** JSON: kind-specific details (reaction kind, moderation outcome). */
  data: string;
  read_at: string | null;
  /** Followed-thread notices: the new replies counted when it was marked read (migration 0019); null otherwise. */
  read_replies?: number | null;
  created_at: string;
}

export interface NotificationPrefsTable {
  user_id: string;
  kind: string;
  enabled: number;
}

// ── mentoring (migration 0004) ────────────────────────────────────────────────
export interface SupporterProfilesTable {
  user_id: string;
  /** JSON array of ExperienceTag. */
  experience_tags: string;
  /** JSON array of BCP-47 language tags. */
  languages: string;
  time_zone: string;
  /** JSON array of {day: 1-7 (ISO weekday), start: 'HH:MM', end: 'HH:MM'} in the supporter's own zone. */
  availability: string;
  capacity: number;
  can_help_with: string | null;
  cannot_help_with: string | null;
  intro: string | null;
  /** 'pending' while the safety screen holds the intro for review: then members do not see it. */
  intro_state: 'visible' | 'pending';
  /** Only when the supporter chose to state it. */
  gender: 'woman' | 'man' | 'non_binary' | 'another' | null;
  away_until: string | null;
  away_message: string | null;
  away_message_state: 'visible' | 'pending';
  auto_reply: string | null;
  auto_reply_state: 'visible' | 'pending';
  accepting: number;
  created_at: string;
  updated_at: string;
}

export type SupportRequestStatus = 'waiting' | 'matched' | 'cancelled' | 'expired';

export interface SupportRequestsTable {
  id: string;
  member_id: string;
  /** Encrypted (field encryption, bound to the request id): a member's words about their struggles. */
  topic_enc: string;
  /** 1 while the safety screen holds the topic for review (supporters see that it waits, not the words). */
  topic_held: number;
  /** JSON: {experienceTags, languages, supporterGender, timeZoneOverlap, memberTimeZone, excludeSupporterIds}. */
  preferences: string;
  preferred_supporter_id: string | null;
  status: SupportRequestStatus;
  round: number;
  next_widen_at: string | null;
  /** 1 when the last widening found nobody left to ask. */
  exhausted: number;
  screening_level: number;
  /** JSON SafetyNotice, kept while the request is open when the topic screened ≥ 2. */
  safety_notice: string | null;
  mentorship_id: string | null;
  created_at: string;
  updated_at: string;
}

export type OfferResponse = 'pending' | 'accepted' | 'declined' | 'withdrawn';

export interface SupportRequestOffersTable {
  request_id: string;
  supporter_id: string;
  round: number;
  offered_at: string;
  response: OfferResponse;
  responded_at: string | null;
}

export type MentorshipEndReason = 'member_ended' | 'supporter_ended' | 'switched' | 'handed_over' | 'blocked';

export interface MentorshipsTable {
  id: string;
  /** Null once the member erased their account. */
  member_id: string | null;
  /** Null once the supporter erased their account. */
  supporter_id: string | null;
  request_id: string | null;
  status: 'active' | 'ended';
  started_at: string;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: MentorshipEndReason | null;
  created_at: string;
}

export interface MentorshipMessagesTable {
  /** UUIDv7: time-ordered, the keyset cursor. */
  id: string;
  mentorship_id: string;
  /** Null for system messages (and after the sender erased their account). */
  sender_id: string | null;
  kind: 'text' | 'closing' | 'auto_reply' | 'system';
  /** Keyring-encrypted, bound to `mentorship_messages:<mentorship_id>`. */
  body_enc: string;
  state: 'visible' | 'held' | 'removed';
  hold_reason: 'contact_details' | 'safety' | null;
  screening_level: number;
  created_at: string;
  delivered_at: string | null;
  read_at: string | null;
  /** The sender's idempotency key (migration 0005); unique per conversation. Null for auto-replies and system messages. */
  client_id?: string | null;
  /** The safety screening of this message (and the alert it raised), for the supporter's verdict. Optional: closing and system messages have none. */
  screening_id?: string | null;
  alert_id?: string | null;
}

export interface HandoversTable {
  id: string;
  mentorship_id: string;
  from_supporter_id: string | null;
  to_supporter_id: string | null;
  /** Encrypted, bound to `handovers:<id>`. */
  note_enc: string;
  /** 1 while the safety screen holds the note for review. */
  note_held: number;
  status: 'proposed' | 'accepted_by_supporter' | 'consented' | 'declined' | 'cancelled';
  created_at: string;
  updated_at: string;
}

export interface MentorshipFeedbackTable {
  mentorship_id: string;
  rating: number;
  /** Encrypted, bound to `mentorship_feedback:<mentorship_id>`. */
  note_enc: string | null;
  created_at: string;
}

export interface MentoringBlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: string;
}

export interface MentoringReportsTable {
  id: string;
  mentorship_id: string;
  reporter_id: string | null;
  reported_id: string | null;
  reason: string;
  /** Encrypted, bound to `mentoring_reports:<id>`. */
  note_enc: string | null;
  message_id: string | null;
  status: 'open' | 'resolved';
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
}

export interface SupervisorAccessGrantsTable {
  id: string;
  mentorship_id: string;
  /** 'consent': the member let a supervisor in; 'escalation': the supporter or the safety screen called one in. */
  kind: 'consent' | 'escalation';
  granted_by: string | null;
  reason: string;
  alert_id: string | null;
  /** Escalations: the supporter's words to the supervisor (encrypted, bound to `supervisor_access_grants:<id>`); never shown to the member. */
  note_enc: string | null;
  message_id: string | null;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
}

// ── formal programs and support groups (migration 0006) ─────────────────────
export type StaffRole = 'program_lead' | 'facilitator' | 'supervisor';

export interface OrganizationsTable {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface OrganizationStaffTable {
  organization_id: string;
  user_id: string;
  role: StaffRole;
  granted_by: string | null;
  granted_at: string;
}

export interface ProgramJoinRequestsTable {
  id: string;
  program_id: string;
  user_id: string;
  /** Encrypted: why the person asks to join, for the program lead only. */
  note_enc: string | null;
  status: 'pending' | 'approved' | 'declined';
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface SupportGroupsTable {
  id: string;
  program_id: string;
  name: string;
  description: string;
  /** IANA zone the meetings are planned in. */
  time_zone: string;
  size_limit: number;
  agreement_text: string;
  /** Goes up by one whenever the agreement text changes; members accept a version. */
  agreement_version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupFacilitatorsTable {
  group_id: string;
  user_id: string;
  added_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  joined_at: string;
  muted_until: string | null;
  muted_by: string | null;
}

export interface GroupAgreementAcceptancesTable {
  group_id: string;
  user_id: string;
  version: number;
  accepted_at: string;
}

export interface GroupMeetingsTable {
  id: string;
  group_id: string;
  title: string;
  mode: 'online' | 'in_person';
  link: string | null;
  place: string | null;
  /** Wall-clock start of the first occurrence in `time_zone`, `YYYY-MM-DDTHH:mm`. */
  start_local: string;
  time_zone: string;
  duration_minutes: number;
  frequency: 'none' | 'weekly' | 'biweekly' | 'monthly';
  until_date: string | null;
  occurrence_count: number | null;
  reminder_minutes: number;
  /** UTC start of the first occurrence, for ordering and look-ups. */
  first_start_utc: string;
  cancelled_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingRsvpsTable {
  meeting_id: string;
  /** UTC ISO start of the occurrence. */
  occurrence: string;
  user_id: string;
  response: 'yes' | 'no' | 'maybe';
  updated_at: string;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  occurrence: string;
  user_id: string;
  status: 'present' | 'absent' | 'excused';
  recorded_by: string | null;
  recorded_at: string;
}

export interface MeetingNotesTable {
  meeting_id: string;
  occurrence: string;
  author_id: string | null;
  /** Encrypted: the facilitators' private note on one meeting. */
  body_enc: string;
  updated_at: string;
}

export interface MeetingRemindersSentTable {
  meeting_id: string;
  occurrence: string;
  sent_at: string;
}

export interface CalendarFeedsTable {
  id: string;
  user_id: string;
  /** Null: every group of the member; otherwise one group. */
  group_id: string | null;
  /** sha256 of the secret in the feed URL. */
  token_digest: string;
  created_at: string;
  revoked_at: string | null;
}

export interface GroupMessagesTable {
  id: string;
  group_id: string;
  author_id: string | null;
  /** Encrypted with the field key, bound to the group. */
  body_enc: string;
  /** JSON array of content warnings. */
  warnings: string;
  state: 'visible' | 'pending' | 'removed';
  pinned_at: string | null;
  pinned_by: string | null;
  created_at: string;
}

export interface GroupMessageReportsTable {
  id: string;
  message_id: string;
  group_id: string;
  reporter_id: string | null;
  reason: string;
  note_enc: string | null;
  status: 'open' | 'resolved';
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
}

export interface GroupGoalsTable {
  id: string;
  group_id: string;
  title_enc: string;
  target_per_member: number;
  unit: string;
  ends_on: string | null;
  created_by: string | null;
  created_at: string;
}

export interface GroupGoalLogsTable {
  id: string;
  goal_id: string;
  user_id: string;
  amount: number;
  note_enc: string | null;
  /** private: counts toward the group's total only; group: the group sees who and how much. */
  visibility: 'private' | 'group';
  created_at: string;
}

export interface GroupSupervisorRequestsTable {
  id: string;
  group_id: string;
  member_id: string;
  alert_id: string | null;
  requested_by: string | null;
  note_enc: string | null;
  status: 'open' | 'taken';
  taken_by: string | null;
  taken_at: string | null;
  created_at: string;
}

// ── informal circles (migration 0007) ───────────────────────────────────────
export interface CirclesTable {
  id: string;
  name_enc: string;
  owner_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CircleMembersTable {
  circle_id: string;
  user_id: string;
  joined_at: string;
}

export interface CircleInvitationsTable {
  id: string;
  circle_id: string;
  token_digest: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  used_at: string | null;
  used_by: string | null;
}

export interface CircleCheckinsTable {
  id: string;
  user_id: string;
  mood: number;
  note_enc: string | null;
  /** 'visible', or 'pending' while the safety screen holds the note for review. */
  note_state: 'visible' | 'pending' | 'removed';
  created_at: string;
}

export interface CircleCheckinSharesTable {
  checkin_id: string;
  circle_id: string;
  shared_at: string;
}

export interface CircleMessagesTable {
  id: string;
  circle_id: string;
  author_id: string | null;
  body_enc: string;
  state: 'visible' | 'pending' | 'removed';
  created_at: string;
}

// ── library and recovery (migration 0008) ───────────────────────────────────
export interface CopingStrategiesTable {
  id: string;
  /** Null for the project's own ("Kindred team", by_team = 1) and after the author erased their account. */
  author_id: string | null;
  by_team: number;
  title: string;
  /** JSON array of steps. */
  steps: string;
  when_it_helps: string;
  /** JSON arrays of curated tags. */
  conditions: string;
  situations: string;
  situation_note: string | null;
  /** What full-text search reads besides the title: when it helps and the steps. */
  search_body: string;
  state: 'visible' | 'pending' | 'removed';
  helped_count: number;
  reviewed_at: string | null;
  reviewed_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CopingStrategyHelpedTable {
  strategy_id: string;
  user_id: string;
  created_at: string;
}

export interface ResourcesTable {
  id: string;
  kind: 'therapist' | 'clinic' | 'hotline' | 'peer_group' | 'app' | 'reading';
  name: string;
  region: string;
  cost: 'free' | 'sliding_scale' | 'paid';
  phone: string | null;
  url: string | null;
  email: string | null;
  opening_hours: string | null;
  description: string;
  status: 'pending' | 'verified';
  suggested_by: string | null;
  verified_at: string | null;
  verified_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResourceLanguagesTable {
  resource_id: string;
  language: string;
}

export interface RecoveryGoalsTable {
  id: string;
  user_id: string;
  title_enc: string;
  target_date: string | null;
  done_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RecoveryGoalStepsTable {
  id: string;
  goal_id: string;
  user_id: string;
  text_enc: string;
  done_at: string | null;
  created_at: string;
}

export interface RecoverySavedStrategiesTable {
  user_id: string;
  strategy_id: string;
  saved_at: string;
}

export interface SafetyPlansTable {
  user_id: string;
  /** The whole plan as sealed JSON. */
  plan_enc: string;
  updated_at: string;
}

export interface MoodCheckinsTable {
  id: string;
  user_id: string;
  mood: number;
  sleep_minutes: number | null;
  sleep_quality: number | null;
  /** Sealed JSON {feelings, note}. */
  details_enc: string | null;
  created_at: string;
}

export interface CheckinRemindersTable {
  user_id: string;
  enabled: number;
  /** HH:mm in time_zone. */
  local_time: string;
  time_zone: string;
  /** The local date the last reminder went out (once a day). */
  last_sent_on: string | null;
  updated_at: string;
}

export interface JournalEntriesTable {
  id: string;
  user_id: string;
  title_enc: string | null;
  body_enc: string;
  created_at: string;
  updated_at: string;
}

// ── goal shares (migration 0009) ────────────────────────────────────────────
/** A recovery goal its owner chose to show in one support group; the words stay in recovery_goals. */
export interface GoalSharesTable {
  goal_id: string;
  group_id: string;
  user_id: string;
  shared_at: string;
}

// ── supervision (migration 0011) ────────────────────────────────────────────
/** One supervisor per supporter (peer supporter or facilitator); the admin assigns. */
export interface SupervisorAssignmentsTable {
  supporter_id: string;
  supervisor_id: string;
  assigned_by: string | null;
  assigned_at: string;
  checkin_reminded_at: string | null;
}

/** A supporter's weekly wellbeing check-in: three answers 1–5 (5 is best), an optional sealed note. */
export interface WellbeingCheckinsTable {
  id: string;
  user_id: string;
  energy: number;
  manageable: number;
  supported: number;
  low: number;
  note_enc: string | null;
  followed_up_at: string | null;
  followed_up_by: string | null;
  created_at: string;
}

/** A supervisor's private note about a supporter (sealed; never shown to the supporter). */
export interface SupervisionNotesTable {
  id: string;
  supporter_id: string;
  author_id: string | null;
  body_enc: string;
  created_at: string;
}

export interface SupervisionRequestsTable {
  id: string;
  supporter_id: string;
  supervisor_id: string | null;
  status: 'open' | 'closed';
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
}

export interface SupervisionMessagesTable {
  id: string;
  request_id: string;
  sender_id: string | null;
  body_enc: string;
  created_at: string;
}

export interface CoachingNotesTable {
  id: string;
  supporter_id: string;
  author_id: string | null;
  item_kind: 'post' | 'message';
  item_id: string;
  body_enc: string;
  created_at: string;
}

/** Numbers only: the empathy library's rating of one supporter reply (never its words). */
export interface EmpathyRatingsTable {
  id: string;
  user_id: string;
  source: 'post' | 'message';
  source_id: string;
  emotional_reactions: number;
  interpretations: number;
  explorations: number;
  version: string;
  written_at: string;
  created_at: string;
}

// ── training and certification (migration 0012) ───────────────────────────
export type CertificateKindColumn = 'peer_supporter' | 'facilitator';

export interface TrainingProgressTable {
  user_id: string;
  /** The curriculum module's slug. */
  module_id: string;
  lesson_read_at: string;
}

export interface TrainingQuizAttemptsTable {
  id: string;
  user_id: string;
  module_id: string;
  curriculum_version: string;
  /** JSON { [questionId]: optionId[] }. */
  answers: string;
  /** Questions answered right, out of question_count. */
  score: number;
  question_count: number;
  passed: number;
  created_at: string;
}

export interface TrainingPracticeRepliesTable {
  id: string;
  user_id: string;
  module_id: string;
  scenario_id: string;
  /** Sealed with the field key. */
  reply_enc: string;
  emotional_reactions: number;
  interpretations: number;
  explorations: number;
  empathy_version: string;
  created_at: string;
}

export interface CertificatesTable {
  id: string;
  user_id: string;
  kind: CertificateKindColumn;
  source: 'training' | 'prior_training';
  issued_at: string;
  expires_at: string;
  signed_off_by: string | null;
  note: string | null;
  /** 1 while the safety screen holds the note for review (the holder does not see it meanwhile). */
  note_held: number;
  curriculum_version: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  revoke_reason_held: number;
  refresher_notified_at: string | null;
  expiry_notified_at: string | null;
  /** Set when a newer certificate of the same kind replaced this one. */
  replaced_by: string | null;
  created_at: string;
}

export interface TrainingSignoffRequestsTable {
  id: string;
  user_id: string;
  kind: CertificateKindColumn;
  refresher: number;
  status: 'pending' | 'approved' | 'declined';
  requested_at: string;
  decided_at: string | null;
  decided_by: string | null;
  /** Sealed with the field key. */
  decision_note_enc: string | null;
  decision_note_held: number;
  certificate_id: string | null;
}

/** A person's key for one create (migration 0031, ADR 042); kept 24 hours. */
export interface IdempotencyKeysTable {
  user_id: string;
  client_id: string;
  /** What was created, e.g. `community.reply`: the same key for another kind of write is refused. */
  kind: string;
  /** Keyed digest (HMAC-SHA-256) of the kind, its target and the request body; never the words. */
  request_digest: string;
  object_id: string;
  created_at: string;
}

/**
 * Moved by triggers on every change to what a thread list needs to know about its reader: programs,
 * warning choices, follows, own held threads (migration 0034, ADR 048). Not part of `UsersTable`:
 * no account read needs it.
 */
export interface UsersReaderVersion {
  reader_version: Generated<number>;
}

export interface Database {
  users: UsersTable & UsersReaderVersion;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  crisis_lines: CrisisLinesTable;
  screenings: ScreeningsTable;
  safety_alerts: SafetyAlertsTable;
  safety_alert_notes: SafetyAlertNotesTable;
  held_content: HeldContentTable;
  supervisor_duty: SupervisorDutyTable;
  programs: ProgramsTable;
  program_members: ProgramMembersTable;
  spaces: SpacesTable;
  threads: ThreadsTable;
  posts: PostsTable;
  post_edits: PostEditsTable;
  reactions: ReactionsTable;
  thread_follows: ThreadFollowsTable;
  warning_prefs: WarningPrefsTable;
  post_reports: PostReportsTable;
  community_suspensions: CommunitySuspensionsTable;
  settings: SettingsTable;
  notifications: NotificationsTable;
  notification_prefs: NotificationPrefsTable;
  organizations: OrganizationsTable;
  organization_staff: OrganizationStaffTable;
  program_join_requests: ProgramJoinRequestsTable;
  support_groups: SupportGroupsTable;
  group_facilitators: GroupFacilitatorsTable;
  group_members: GroupMembersTable;
  group_agreement_acceptances: GroupAgreementAcceptancesTable;
  group_meetings: GroupMeetingsTable;
  meeting_rsvps: MeetingRsvpsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_notes: MeetingNotesTable;
  meeting_reminders_sent: MeetingRemindersSentTable;
  calendar_feeds: CalendarFeedsTable;
  group_messages: GroupMessagesTable;
  group_message_reports: GroupMessageReportsTable;
  group_goals: GroupGoalsTable;
  group_goal_logs: GroupGoalLogsTable;
  group_supervisor_requests: GroupSupervisorRequestsTable;
  circles: CirclesTable;
  circle_members: CircleMembersTable;
  circle_invitations: CircleInvitationsTable;
  circle_checkins: CircleCheckinsTable;
  circle_checkin_shares: CircleCheckinSharesTable;
  circle_messages: CircleMessagesTable;
  supporter_profiles: SupporterProfilesTable;
  support_requests: SupportRequestsTable;
  support_request_offers: SupportRequestOffersTable;
  mentorships: MentorshipsTable;
  mentorship_messages: MentorshipMessagesTable;
  handovers: HandoversTable;
  mentorship_feedback: MentorshipFeedbackTable;
  mentoring_blocks: MentoringBlocksTable;
  mentoring_reports: MentoringReportsTable;
  supervisor_access_grants: SupervisorAccessGrantsTable;
  coping_strategies: CopingStrategiesTable;
  coping_strategy_helped: CopingStrategyHelpedTable;
  resources: ResourcesTable;
  resource_languages: ResourceLanguagesTable;
  recovery_goals: RecoveryGoalsTable;
  recovery_goal_steps: RecoveryGoalStepsTable;
  recovery_saved_strategies: RecoverySavedStrategiesTable;
  safety_plans: SafetyPlansTable;
  mood_checkins: MoodCheckinsTable;
  checkin_reminders: CheckinRemindersTable;
  journal_entries: JournalEntriesTable;
  goal_shares: GoalSharesTable;
  supervisor_assignments: SupervisorAssignmentsTable;
  wellbeing_checkins: WellbeingCheckinsTable;
  supervision_notes: SupervisionNotesTable;
  supervision_requests: SupervisionRequestsTable;
  supervision_messages: SupervisionMessagesTable;
  coaching_notes: CoachingNotesTable;
  empathy_ratings: EmpathyRatingsTable;
  training_progress: TrainingProgressTable;
  training_quiz_attempts: TrainingQuizAttemptsTable;
  training_practice_replies: TrainingPracticeRepliesTable;
  certificates: CertificatesTable;
  training_signoff_requests: TrainingSignoffRequestsTable;
  idempotency_keys: IdempotencyKeysTable;
}
