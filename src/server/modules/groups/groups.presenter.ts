import type { z } from 'zod';
import type { ContentWarning, WarningMode } from '../../../contracts/communities.js';
import type {
  GoalView,
  GroupMessageView,
  GroupView,
  JoinRequestView,
  MeetingView,
  OccurrenceView,
  OrganizationView,
  SupervisorRequestView,
} from '../../../contracts/groups.js';
import type { GoalRow, GroupRow, MeetingRow, MessageRow } from './groups.repository.js';
import type { Occurrence } from './recurrence.js';

/** What a reader of a group is to it; decides which fields leave the server. */
export interface GroupViewer {
  userId: string;
  member: boolean;
  facilitator: boolean;
  acceptedVersion: number | null;
  mutedUntil: string | null;
  now: Date;
}

export function presentGroup(
  g: GroupRow,
  o: { facilitators: { id: string; handle: string }[]; memberCount: number; viewer: GroupViewer },
): GroupView {
  const muted = o.viewer.mutedUntil && o.viewer.mutedUntil > o.viewer.now.toISOString() ? o.viewer.mutedUntil : null;
  return {
    id: g.id,
    programId: g.program_id,
    name: g.name,
    description: g.description,
    timeZone: g.time_zone,
    sizeLimit: g.size_limit,
    memberCount: o.memberCount,
    full: o.memberCount >= g.size_limit,
    facilitators: o.facilitators.map((f) => ({ id: f.id, handle: f.handle })),
    agreement: { version: g.agreement_version, text: g.agreement_text },
    me: {
      member: o.viewer.member,
      facilitator: o.viewer.facilitator,
      acceptedVersion: o.viewer.acceptedVersion,
      agreementCurrent: o.viewer.acceptedVersion === g.agreement_version,
      mutedUntil: muted,
    },
    createdAt: g.created_at,
  };
}

export function presentOrganization(
  org: { id: string; name: string; description: string; created_at: string },
  staff: { user_id: string; handle: string; role: z.infer<typeof OrganizationView>['staff'][number]['role'] }[],
): z.infer<typeof OrganizationView> {
  return {
    id: org.id,
    name: org.name,
    description: org.description,
    createdAt: org.created_at,
    staff: staff.map((s) => ({ user: { id: s.user_id, handle: s.handle }, role: s.role })),
  };
}

export function presentJoinRequest(r: { id: string; program_id: string; user_id: string; handle: string | null; status: 'pending' | 'approved' | 'declined'; created_at: string }, note: string | null): z.infer<typeof JoinRequestView> {
  return { id: r.id, programId: r.program_id, user: r.handle ? { id: r.user_id, handle: r.handle } : null, note, status: r.status, createdAt: r.created_at };
}

/** The meeting link and place are for the group's members and facilitators only. */
export function presentMeeting(m: MeetingRow, insider: boolean): z.infer<typeof MeetingView> {
  return {
    id: m.id,
    groupId: m.group_id,
    title: m.title,
    mode: m.mode,
    link: insider ? m.link : null,
    place: insider ? m.place : null,
    timeZone: m.time_zone,
    startLocal: m.start_local,
    durationMinutes: m.duration_minutes,
    frequency: m.frequency,
    untilDate: m.until_date,
    count: m.occurrence_count,
    reminderMinutes: m.reminder_minutes,
    cancelled: m.cancelled_at !== null,
  };
}

export function presentOccurrence(
  m: MeetingRow,
  occ: Occurrence,
  o: { groupName: string; insider: boolean; myRsvp: 'yes' | 'no' | 'maybe' | null; rsvps: { yes: number; no: number; maybe: number } },
): z.infer<typeof OccurrenceView> {
  const start = occ.startUtc.toISOString();
  return {
    meetingId: m.id,
    groupId: m.group_id,
    groupName: o.groupName,
    title: m.title,
    mode: m.mode,
    link: o.insider ? m.link : null,
    place: o.insider ? m.place : null,
    occurrence: start,
    startUtc: start,
    endUtc: occ.endUtc.toISOString(),
    startLocal: occ.startLocal,
    timeZone: m.time_zone,
    myRsvp: o.myRsvp,
    rsvps: o.rsvps,
  };
}

function collapsedFor(warnings: ContentWarning[], prefs: Map<string, WarningMode>): boolean {
  return warnings.some((w) => (prefs.get(w) ?? 'ask') !== 'show');
}

/**
 * A chat message as its reader may see it: the words (already opened by the service) only while
 * visible, or to their author while held; never the words of a removed message.
 */
export function presentMessage(m: MessageRow, body: string | null, viewer: { userId: string; prefs: Map<string, WarningMode> }): GroupMessageView {
  const isMe = !!m.author_id && m.author_id === viewer.userId;
  const warnings = JSON.parse(m.warnings) as ContentWarning[];
  const showBody = m.state === 'visible' || (m.state === 'pending' && isMe);
  return {
    id: m.id,
    groupId: m.group_id,
    author: m.author_id && m.author_handle ? { id: m.author_id, handle: m.author_handle } : null,
    isMe,
    body: showBody ? body : null,
    warnings,
    collapsed: !isMe && collapsedFor(warnings, viewer.prefs),
    state: m.state,
    pinned: m.pinned_at !== null,
    createdAt: m.created_at,
  };
}

export function presentGoal(
  g: GoalRow,
  title: string,
  o: {
    memberCount: number;
    logs: { user_id: string; handle: string; amount: number; visibility: 'private' | 'group' }[];
    viewerId: string;
  },
): z.infer<typeof GoalView> {
  const shared = new Map<string, { user: { id: string; handle: string }; amount: number }>();
  let total = 0;
  let privateLogs = 0;
  let mine = 0;
  for (const l of o.logs) {
    total += l.amount;
    if (l.user_id === o.viewerId) mine += l.amount;
    if (l.visibility === 'private') {
      privateLogs += 1;
      continue;
    }
    const s = shared.get(l.user_id) ?? { user: { id: l.user_id, handle: l.handle }, amount: 0 };
    s.amount += l.amount;
    shared.set(l.user_id, s);
  }
  return {
    id: g.id,
    groupId: g.group_id,
    title,
    unit: g.unit,
    targetPerMember: g.target_per_member,
    endsOn: g.ends_on,
    createdAt: g.created_at,
    progress: { total, target: g.target_per_member * o.memberCount, privateLogs, shared: [...shared.values()].sort((a, b) => b.amount - a.amount), mine },
  };
}

export function presentSupervisorRequest(
  r: {
    id: string;
    group_id: string;
    group_name: string;
    member_id: string;
    member_handle: string | null;
    requested_by: string | null;
    requester_handle: string | null;
    alert_id: string | null;
    status: 'open' | 'taken';
    created_at: string;
  },
  note: string | null,
): z.infer<typeof SupervisorRequestView> {
  return {
    id: r.id,
    groupId: r.group_id,
    groupName: r.group_name,
    member: r.member_handle ? { id: r.member_id, handle: r.member_handle } : null,
    requestedBy: r.requested_by && r.requester_handle ? { id: r.requested_by, handle: r.requester_handle } : null,
    alertId: r.alert_id,
    note,
    status: r.status,
    createdAt: r.created_at,
  };
}
