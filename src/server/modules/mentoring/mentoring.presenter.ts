import type {
  EndReason,
  GrantView,
  HandoverView,
  MentorshipView,
  OfferView,
  RequestPreferences,
  SupporterProfileView,
  SupporterView,
  SupportRequestView,
} from '../../../contracts/mentoring.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { availableAt, nextAvailableAt, type AvailabilityWindow } from './matching.js';
import type { GrantRow, HandoverRow, MentorshipRow, ProfileRow, RequestRow } from './mentoring.repository.js';

export interface StoredPreferences extends RequestPreferences {
  /** The member's zone when they asked (for the overlap preference). */
  memberTimeZone: string | null;
  /** Supporters this request must never go to (the one the member switched away from). */
  excludeSupporterIds: string[];
}

export const parseJson = <T>(text: string): T => JSON.parse(text) as T;

export interface PersonRefLike {
  id: string;
  handle: string;
  pronouns: string | null;
}

/** Away, when the return date is still ahead. */
function awayOf(row: ProfileRow, now: Date): { until: string; message: string | null } | null {
  if (!row.away_until || new Date(row.away_until).getTime() <= now.getTime()) return null;
  return { until: row.away_until, message: row.away_message_state === 'visible' ? row.away_message : null };
}

/**
 * When a reply is likely: inside a window now (and not away), or the next window's start, after
 * the away period when there is one. Computed in the supporter's zone (DST-correct).
 */
export function availabilityOf(row: ProfileRow, now: Date): { availableNow: boolean; nextAvailableAt: string | null } {
  const c = { timeZone: row.time_zone, availability: parseJson<AvailabilityWindow[]>(row.availability) };
  const away = awayOf(row, now);
  if (!away && availableAt(c, now)) return { availableNow: true, nextAvailableAt: null };
  const next = nextAvailableAt(c, away ? new Date(away.until) : now);
  return { availableNow: false, nextAvailableAt: next ? next.toISOString() : null };
}

/** A supporter as members see them: handle only, and whether they have room, never their exact load. */
export function presentSupporter(row: ProfileRow, activeMentees: number, now: Date): SupporterView {
  return {
    id: row.user_id,
    handle: row.handle,
    pronouns: row.pronouns,
    experienceTags: parseJson<string[]>(row.experience_tags),
    languages: parseJson<string[]>(row.languages),
    gender: row.gender,
    canHelpWith: row.can_help_with,
    cannotHelpWith: row.cannot_help_with,
    intro: row.intro_state === 'visible' ? row.intro : null,
    availability: parseJson<AvailabilityWindow[]>(row.availability),
    timeZone: row.time_zone,
    away: awayOf(row, now),
    ...availabilityOf(row, now),
    hasCapacity: row.accepting === 1 && activeMentees < row.capacity,
  };
}

/** The supporter's own profile (their held texts included, with their state). */
export function presentOwnProfile(row: ProfileRow, activeMentees: number, now: Date): SupporterProfileView {
  return {
    userId: row.user_id,
    handle: row.handle,
    experienceTags: parseJson<string[]>(row.experience_tags),
    languages: parseJson<string[]>(row.languages),
    timeZone: row.time_zone,
    availability: parseJson<AvailabilityWindow[]>(row.availability),
    capacity: row.capacity,
    activeMentees,
    canHelpWith: row.can_help_with,
    cannotHelpWith: row.cannot_help_with,
    intro: row.intro,
    introState: row.intro_state,
    gender: row.gender,
    autoReply: row.auto_reply,
    autoReplyState: row.auto_reply_state,
    accepting: row.accepting === 1,
    away: row.away_until && new Date(row.away_until).getTime() > now.getTime() ? { until: row.away_until, message: row.away_message } : null,
    ...availabilityOf(row, now),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface OfferCounts {
  offered: number;
  declined: number;
  pending: number;
}

/** The member's own request, with the honest state of its search. */
export function presentRequest(row: RequestRow, topic: string, counts: OfferCounts): SupportRequestView {
  const prefs = parseJson<StoredPreferences>(row.preferences);
  const waiting = row.status === 'waiting';
  return {
    id: row.id,
    status: row.status,
    topic,
    preferences: {
      experienceTags: prefs.experienceTags,
      languages: prefs.languages,
      supporterGender: prefs.supporterGender,
      timeZoneOverlap: prefs.timeZoneOverlap,
    },
    preferredSupporterId: row.preferred_supporter_id,
    round: row.round,
    offeredCount: counts.offered,
    declinedCount: counts.declined,
    pendingCount: counts.pending,
    nextWidenAt: waiting && row.exhausted === 0 ? row.next_widen_at : null,
    noSupporterAvailable: waiting && row.exhausted === 1 && counts.pending === 0,
    safetyNotice: waiting && row.safety_notice ? parseJson<SafetyNotice>(row.safety_notice) : null,
    mentorshipId: row.mentorship_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface OfferSource {
  request_id: string;
  offer_round: number;
  offered_at: string;
  topic_held: number;
  preferences: string;
  preferred_supporter_id: string | null;
  screening_level: number;
  next_widen_at: string | null;
  exhausted: number;
  member_id: string;
  member_handle: string;
  member_pronouns: string | null;
}

/** An offer as its supporter sees it: what the member wants to talk about and what they share. */
export function presentOffer(o: OfferSource, topic: string, supporter: { experienceTags: readonly string[]; languages: readonly string[] } | undefined, supporterId: string): OfferView {
  const prefs = parseJson<StoredPreferences>(o.preferences);
  const theirTags = new Set(supporter?.experienceTags ?? []);
  const theirLangs = new Set((supporter?.languages ?? []).map((l) => l.toLowerCase()));
  return {
    requestId: o.request_id,
    topic: o.topic_held ? '' : topic,
    topicHeld: o.topic_held === 1,
    member: { id: o.member_id, handle: o.member_handle, pronouns: o.member_pronouns },
    sharedExperienceTags: prefs.experienceTags.filter((t) => theirTags.has(t)),
    sharedLanguages: prefs.languages.filter((l) => theirLangs.has(l.toLowerCase())),
    requestedYou: o.preferred_supporter_id === supporterId,
    topicLevel: o.screening_level,
    round: o.offer_round,
    offeredAt: o.offered_at,
    widensAt: o.exhausted === 0 ? o.next_widen_at : null,
  };
}

/**
 * A grant as a participant or supervisor sees it. The escalation note (the supporter's words to
 * the supervisor) is for supervisors and the supporter only.
 */
export function presentGrant(row: GrantRow, now: Date, note: string | null): GrantView {
  return {
    id: row.id,
    kind: row.kind,
    reason: row.reason,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    active: row.revoked_at === null && new Date(row.expires_at).getTime() > now.getTime(),
    createdAt: row.created_at,
    note,
    messageId: row.message_id,
  };
}

export function presentHandover(row: HandoverRow, people: ReadonlyMap<string, PersonRefLike>, note: string): HandoverView {
  const ref = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  return {
    id: row.id,
    mentorshipId: row.mentorship_id,
    fromSupporter: ref(row.from_supporter_id),
    toSupporter: ref(row.to_supporter_id),
    note: row.note_held ? '' : note,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A switch is the member's private choice: to the supporter it reads as the member ending it. The
 * one who was blocked is not told so: they read that the other side ended it. Supervisors see all.
 */
function endReasonFor(row: MentorshipRow, viewerId: string, role: MentorshipView['role']): EndReason | null {
  if (role === 'supervisor') return row.end_reason;
  if (row.end_reason === 'switched' && role === 'supporter') return 'member_ended';
  if (row.end_reason === 'blocked' && row.ended_by !== viewerId) return row.ended_by !== null && row.ended_by === row.supporter_id ? 'supporter_ended' : 'member_ended';
  return row.end_reason;
}

export interface MentorshipExtras {
  supporter: SupporterView | null;
  member: PersonRefLike | null;
  feedbackGiven: boolean;
  grants: GrantView[];
  handover: HandoverView | null;
}

export function presentMentorship(row: MentorshipRow, viewerId: string, role: MentorshipView['role'], x: MentorshipExtras): MentorshipView {
  return {
    id: row.id,
    role,
    status: row.status,
    supporter: role === 'supporter' ? null : x.supporter,
    member: role === 'member' ? null : x.member,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    endedByMe: row.ended_by !== null && row.ended_by === viewerId,
    endReason: endReasonFor(row, viewerId, role),
    feedbackGiven: role === 'member' ? x.feedbackGiven : false,
    supervisorAccess: x.grants,
    handover: x.handover,
  };
}
