import type { SafetyNotice } from '../../../contracts/safety.js';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AttendanceView,
  CalendarFeedView,
  DashboardView,
  GoalView,
  GroupBody,
  GroupMessagePage,
  GroupMessageView,
  GroupMessageWritten,
  GroupView,
  JoinRequestView,
  MeetingBody,
  MeetingView,
  OccurrenceView,
  OrganizationView,
  ProgramDetailView,
  ProgramsOverview,
} from '../../../contracts/groups.js';
import type { SharedGoalView } from '../../../contracts/recovery.js';
import { api } from '../../lib/api.js';
import { useDraftKey } from '../../lib/draft-key.js';
import '../../locales/load-community.js';
import '../../locales/load-groups.js';
import './groups.css';

export type Organization = z.infer<typeof OrganizationView>;
export type Program = z.infer<typeof ProgramDetailView>;
export type Programs = z.infer<typeof ProgramsOverview>;
export type Group = GroupView;
export type JoinRequest = z.infer<typeof JoinRequestView>;
export type Meeting = z.infer<typeof MeetingView>;
export type MeetingInput = z.input<typeof MeetingBody>;
export type Occurrence = z.infer<typeof OccurrenceView>;
export type Attendance = z.infer<typeof AttendanceView>;
export type Message = GroupMessageView;
export type MessagePage = z.infer<typeof GroupMessagePage>;
export type MessageWritten = z.infer<typeof GroupMessageWritten>;
export type Goal = z.infer<typeof GoalView>;
export type Dashboard = z.infer<typeof DashboardView>;
export type CalendarFeed = z.infer<typeof CalendarFeedView>;
export type GroupInput = z.input<typeof GroupBody>;

// The contracts' lists, repeated as plain data: importing them would bring zod into this chunk.
export const STAFF_ROLES = ['program_lead', 'facilitator', 'supervisor'] as const;
export const JOIN_POLICIES = ['open', 'request', 'invitation'] as const;
export const FREQUENCIES = ['none', 'weekly', 'biweekly', 'monthly'] as const;
export const RSVP_RESPONSES = ['yes', 'maybe', 'no'] as const;
export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export const CONTENT_WARNINGS = ['self_harm', 'suicide', 'eating', 'abuse', 'substance_use', 'violence', 'loss'] as const;
export const REPORT_REASONS = ['harassment', 'self_harm_risk', 'misinformation', 'spam', 'privacy', 'other'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type JoinPolicy = (typeof JOIN_POLICIES)[number];
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export type ContentWarning = (typeof CONTENT_WARNINGS)[number];
export type ReportReason = (typeof REPORT_REASONS)[number];

const enc = encodeURIComponent;

/** Every groups query starts with 'groups', so a role change can ask for all of them again. */
export const keys = {
  programs: ['groups', 'programs'] as const,
  program: (id: string) => ['groups', 'program', id] as const,
  joinRequests: (id: string) => ['groups', 'program', id, 'requests'] as const,
  organizations: ['groups', 'organizations'] as const,
  organizationPrograms: (id: string) => ['groups', 'organizations', id, 'programs'] as const,
  group: (id: string) => ['groups', 'group', id] as const,
  occurrences: (id: string) => ['groups', 'group', id, 'occurrences'] as const,
  meetings: (id: string) => ['groups', 'group', id, 'meetings'] as const,
  messages: (id: string) => ['groups', 'group', id, 'messages'] as const,
  goals: (id: string) => ['groups', 'group', id, 'goals'] as const,
  dashboard: (id: string) => ['groups', 'group', id, 'dashboard'] as const,
  attendance: (id: string, meetingId: string, occurrence: string) => ['groups', 'group', id, 'attendance', meetingId, occurrence] as const,
  feeds: ['groups', 'feeds'] as const,
  myMeetings: ['groups', 'my-meetings'] as const,
};

// ── organizations (admin) ────────────────────────────────────────────────────
export function useOrganizations(enabled = true) {
  return useQuery({ queryKey: keys.organizations, enabled, queryFn: () => api<{ organizations: Organization[] }>('/api/organizations').then((r) => r.organizations) });
}

/** Every program of one organization, invitation-only ones included (its staff and admins). */
export function useOrganizationPrograms(orgId: string) {
  return useQuery({
    queryKey: keys.organizationPrograms(orgId),
    queryFn: () => api<{ programs: Program[] }>(`/api/organizations/${enc(orgId)}/programs`).then((r) => r.programs),
  });
}

export function useCreateOrganization() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; description: string }) => api<Organization>('/api/admin/organizations', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.organizations }),
  });
}

export function useAddStaff(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { userId: string; role: StaffRole }) => api<Organization>(`/api/admin/organizations/${enc(orgId)}/staff`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['groups'] }),
  });
}

export function useRemoveStaff(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { userId: string; role: StaffRole }) => api<Organization>(`/api/admin/organizations/${enc(orgId)}/staff/${enc(v.userId)}/${v.role}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['groups'] }),
  });
}

export function useCreateProgram(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; description: string; joinPolicy: JoinPolicy }) => api<Program>(`/api/admin/organizations/${enc(orgId)}/programs`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['groups'] }),
  });
}

/** Accounts by pseudonym (admins only): to name staff. */
export function useUserSearch(handle: string) {
  return useQuery({
    queryKey: ['admin-users', 'groups', handle],
    enabled: handle.trim().length >= 2,
    queryFn: () => api<{ users: { id: string; handle: string }[] }>(`/api/admin/users?limit=10&handle=${enc(handle.trim())}`).then((r) => r.users),
  });
}

// ── programs ─────────────────────────────────────────────────────────────────
export function usePrograms() {
  return useQuery({ queryKey: keys.programs, queryFn: () => api<Programs>('/api/programs') });
}

export function useProgram(id: string) {
  return useQuery({ queryKey: keys.program(id), queryFn: () => api<Program>(`/api/programs/${enc(id)}`) });
}

export function useJoinProgram() {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (v: { id: string; note?: string }) =>
      draft.send(v, (clientId) => api<{ membership: 'member' | 'pending' }>(`/api/programs/${enc(v.id)}/join`, { method: 'POST', body: { ...(v.note ? { note: v.note } : {}), clientId } })),
    // Not awaited: the refetch moves the program to "My programs" and unmounts the card that asked,
    // whose own onSuccess (the page's notice) must run first.
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['groups'] }),
  });
}

export function useJoinByCode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api<Program>('/api/programs/join-by-code', { method: 'POST', body: { code } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['groups'] }),
  });
}

export function useLeaveProgram() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`/api/programs/${enc(id)}/membership`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['groups'] }),
  });
}

export function useInvitationCode(programId: string) {
  return useMutation({
    mutationFn: (action: 'rotate' | 'revoke') =>
      action === 'rotate'
        ? api<{ code: string }>(`/api/programs/${enc(programId)}/invitation-code`, { method: 'POST' })
        : api<{ ok: true }>(`/api/programs/${enc(programId)}/invitation-code`, { method: 'DELETE' }).then(() => null),
  });
}

export function useJoinRequests(programId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.joinRequests(programId),
    enabled,
    queryFn: () => api<{ requests: JoinRequest[] }>(`/api/programs/${enc(programId)}/join-requests`).then((r) => r.requests),
  });
}

export function useDecideJoinRequest(programId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { requestId: string; decision: 'approve' | 'decline' }) =>
      api<{ ok: true }>(`/api/programs/${enc(programId)}/join-requests/${enc(v.requestId)}`, { method: 'POST', body: { decision: v.decision } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.joinRequests(programId) }),
  });
}

export function useCreateGroup(programId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GroupInput) => api<Group>(`/api/programs/${enc(programId)}/groups`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['groups'] }),
  });
}

// ── one group ────────────────────────────────────────────────────────────────
export function useGroup(id: string) {
  return useQuery({ queryKey: keys.group(id), queryFn: () => api<Group>(`/api/groups/${enc(id)}`) });
}

/** After joining or accepting: what the group shows depends on it (meeting links, chat, goals), so ask again. */
function setGroup(qc: QueryClient, g: Group) {
  qc.setQueryData(keys.group(g.id), g);
  return Promise.all([qc.invalidateQueries({ queryKey: keys.programs }), qc.invalidateQueries({ queryKey: keys.occurrences(g.id) }), qc.invalidateQueries({ queryKey: keys.myMeetings })]);
}

/** Join, accepting the agreement version the person read. */
export function useJoinGroup(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (agreementVersion: number) => api<Group>(`/api/groups/${enc(id)}/join`, { method: 'POST', body: { agreementVersion } }),
    onSuccess: (g) => setGroup(qc, g),
    onError: () => qc.invalidateQueries({ queryKey: keys.group(id) }),
  });
}

export function useAcceptAgreement(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api<Group>(`/api/groups/${enc(id)}/agreement/accept`, { method: 'POST', body: { version } }),
    onSuccess: (g) => setGroup(qc, g),
    onError: () => qc.invalidateQueries({ queryKey: keys.group(id) }),
  });
}

export function useLeaveGroup(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true }>(`/api/groups/${enc(id)}/membership`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['groups'] }),
  });
}

export function useUpdateAgreement(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (agreement: string) => api<Group>(`/api/groups/${enc(id)}`, { method: 'PATCH', body: { agreement } }),
    onSuccess: (g) => setGroup(qc, g),
  });
}

// ── meetings ─────────────────────────────────────────────────────────────────
export function useOccurrences(id: string, enabled = true, range?: { from: string; to: string }) {
  return useQuery({
    queryKey: range ? [...keys.occurrences(id), range.from, range.to] : keys.occurrences(id),
    enabled,
    queryFn: () =>
      api<{ occurrences: Occurrence[] }>(`/api/groups/${enc(id)}/occurrences${range ? `?from=${enc(range.from)}&to=${enc(range.to)}` : ''}`).then((r) => r.occurrences),
  });
}

export function useMeetings(id: string, enabled = true) {
  return useQuery({ queryKey: keys.meetings(id), enabled, queryFn: () => api<{ meetings: Meeting[] }>(`/api/groups/${enc(id)}/meetings`).then((r) => r.meetings) });
}

export function useMyMeetings() {
  return useQuery({ queryKey: keys.myMeetings, queryFn: () => api<{ occurrences: Occurrence[] }>('/api/me/meetings').then((r) => r.occurrences) });
}

export function useScheduleMeeting(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingInput) => api<Meeting>(`/api/groups/${enc(id)}/meetings`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.group(id) }),
  });
}

export function useCancelMeeting(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { meetingId: string; cancelled: boolean }) => api<Meeting>(`/api/groups/${enc(id)}/meetings/${enc(v.meetingId)}/cancel`, { method: 'POST', body: { cancelled: v.cancelled } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.group(id) }),
  });
}

export function useRsvp(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { meetingId: string; occurrence: string; response: RsvpResponse }) =>
      api<{ ok: true }>(`/api/groups/${enc(id)}/meetings/${enc(v.meetingId)}/rsvp`, { method: 'PUT', body: { occurrence: v.occurrence, response: v.response } }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: keys.occurrences(id) }), qc.invalidateQueries({ queryKey: keys.myMeetings })]),
  });
}

export function useAttendance(id: string, meetingId: string, occurrence: string) {
  return useQuery({
    queryKey: keys.attendance(id, meetingId, occurrence),
    enabled: !!meetingId && !!occurrence,
    queryFn: () => api<Attendance>(`/api/groups/${enc(id)}/meetings/${enc(meetingId)}/attendance?occurrence=${enc(occurrence)}`),
  });
}

export function useRecordAttendance(id: string, meetingId: string, occurrence: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (records: { userId: string; status: AttendanceStatus }[]) =>
      api<Attendance>(`/api/groups/${enc(id)}/meetings/${enc(meetingId)}/attendance`, { method: 'PUT', body: { occurrence, records } }),
    onSuccess: (a) => {
      qc.setQueryData(keys.attendance(id, meetingId, occurrence), a);
      return qc.invalidateQueries({ queryKey: keys.dashboard(id) });
    },
  });
}

export function useSaveMeetingNote(id: string, meetingId: string, occurrence: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api<Attendance>(`/api/groups/${enc(id)}/meetings/${enc(meetingId)}/note`, { method: 'PUT', body: { occurrence, body } }),
    onSuccess: (a) => qc.setQueryData(keys.attendance(id, meetingId, occurrence), a),
  });
}

// ── calendar feeds ───────────────────────────────────────────────────────────
export function useFeeds() {
  return useQuery({ queryKey: keys.feeds, queryFn: () => api<{ feeds: { id: string; groupId: string | null; createdAt: string }[] }>('/api/me/calendar-feeds').then((r) => r.feeds) });
}

/** groupId null: the feed of all my groups. Rotating makes a new secret URL and retires the old one. */
export function useFeedAction(groupId: string | null) {
  const qc = useQueryClient();
  const path = groupId ? `/api/groups/${enc(groupId)}/calendar-feed` : '/api/me/calendar-feed';
  return useMutation({
    mutationFn: (action: 'rotate' | 'revoke') =>
      action === 'rotate' ? api<CalendarFeed>(path, { method: 'POST' }) : api<{ ok: true }>(path, { method: 'DELETE' }).then(() => null),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.feeds }),
  });
}

// ── chat ─────────────────────────────────────────────────────────────────────
export function useMessages(id: string, enabled: boolean) {
  return useQuery({ queryKey: keys.messages(id), enabled, queryFn: () => api<MessagePage>(`/api/groups/${enc(id)}/messages?limit=50`) });
}

export function fetchMessage(groupId: string, messageId: string) {
  return api<Message>(`/api/groups/${enc(groupId)}/messages/${enc(messageId)}`);
}

/** Puts one message (new or changed) into the first page, newest first, without asking for the whole page again. */
export function upsertMessage(qc: QueryClient, groupId: string, m: Message) {
  qc.setQueryData<MessagePage>(keys.messages(groupId), (page) => {
    if (!page) return page;
    const exists = page.messages.some((x) => x.id === m.id);
    const messages = exists ? page.messages.map((x) => (x.id === m.id ? m : x)) : [m, ...page.messages];
    const pinned = m.pinned ? [m, ...page.pinned.filter((x) => x.id !== m.id)] : page.pinned.filter((x) => x.id !== m.id);
    return { ...page, messages, pinned };
  });
}

/** Carries a clientId per draft (ADR 042): sending again after a failure cannot send twice. */
export function usePostMessage(id: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: { body: string; warnings: ContentWarning[] }) => draft.send({ id, ...body }, (clientId) => api<MessageWritten>(`/api/groups/${enc(id)}/messages`, { method: 'POST', body: { ...body, clientId } })),
    onSuccess: (w) => {
      upsertMessage(qc, id, w.message);
    },
  });
}

export function useDeleteMessage(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => api<{ ok: true }>(`/api/groups/${enc(id)}/messages/${enc(messageId)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.messages(id) }),
  });
}

export function usePin(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { messageId: string; pinned: boolean }) => api<Message>(`/api/groups/${enc(id)}/messages/${enc(v.messageId)}/pin`, { method: 'PUT', body: { pinned: v.pinned } }),
    onSuccess: (m) => upsertMessage(qc, id, m),
  });
}

export function useReportMessage(id: string) {
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (v: { messageId: string; reason: ReportReason; note?: string }) =>
      draft.send({ id, ...v }, (clientId) =>
        api<{ id: string; notice: SafetyNotice | null }>(`/api/groups/${enc(id)}/messages/${enc(v.messageId)}/reports`, { method: 'POST', body: { reason: v.reason, ...(v.note ? { note: v.note } : {}), clientId } }),
      ),
  });
}

export function useMute(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { userId: string; minutes: number | null }) =>
      v.minutes === null
        ? api<{ userId: string; until: string | null }>(`/api/groups/${enc(id)}/members/${enc(v.userId)}/mute`, { method: 'DELETE' })
        : api<{ userId: string; until: string | null }>(`/api/groups/${enc(id)}/members/${enc(v.userId)}/mute`, { method: 'PUT', body: { minutes: v.minutes } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.dashboard(id) }),
  });
}

// ── goals ────────────────────────────────────────────────────────────────────
export function useGoals(id: string, enabled: boolean) {
  return useQuery({ queryKey: keys.goals(id), enabled, queryFn: () => api<{ goals: Goal[] }>(`/api/groups/${enc(id)}/goals`).then((r) => r.goals) });
}

/** Members' own recovery goals they chose to share here; under the goals key so `group.goal_progress` refreshes it. */
export function useSharedGoals(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...keys.goals(id), 'shared'], enabled, queryFn: () => api<{ goals: SharedGoalView[] }>(`/api/groups/${enc(id)}/shared-goals`).then((r) => r.goals) });
}

function setGoal(qc: QueryClient, groupId: string, g: Goal) {
  qc.setQueryData<Goal[]>(keys.goals(groupId), (list) => (list ? (list.some((x) => x.id === g.id) ? list.map((x) => (x.id === g.id ? g : x)) : [...list, g]) : [g]));
}

export function useCreateGoal(id: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: { title: string; targetPerMember: number; unit: string; endsOn: string | null }) =>
      draft.send({ id, ...body }, (clientId) => api<Goal>(`/api/groups/${enc(id)}/goals`, { method: 'POST', body: { ...body, clientId } })),
    onSuccess: (g) => setGoal(qc, id, g),
  });
}

export function useLogProgress(id: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (v: { goalId: string; amount: number; visibility: 'private' | 'group'; note?: string }) =>
      draft.send({ id, ...v }, (clientId) =>
        api<Goal>(`/api/groups/${enc(id)}/goals/${enc(v.goalId)}/progress`, {
          method: 'POST',
          body: { amount: v.amount, visibility: v.visibility, ...(v.note ? { note: v.note } : {}), clientId },
        }),
      ),
    onSuccess: (g) => setGoal(qc, id, g),
  });
}

export function useDeleteGoal(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (goalId: string) => api<{ ok: true }>(`/api/groups/${enc(id)}/goals/${enc(goalId)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.goals(id) }),
  });
}

// ── facilitator tools ────────────────────────────────────────────────────────
export function useDashboard(id: string) {
  return useQuery({ queryKey: keys.dashboard(id), queryFn: () => api<Dashboard>(`/api/groups/${enc(id)}/dashboard`) });
}

export function useRequestSupervisor(id: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (v: { userId: string; note?: string }) =>
      draft.send({ id, ...v }, (clientId) =>
        api<{ id: string; alertId: string | null }>(`/api/groups/${enc(id)}/members/${enc(v.userId)}/supervisor-request`, { method: 'POST', body: { ...(v.note ? { note: v.note } : {}), clientId } }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.dashboard(id) }),
  });
}
