import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssignmentsView,
  CheckinView,
  CheckinWritten,
  CoachingNoteView,
  DashboardItem,
  DashboardView,
  EmpathyTrendView,
  MySupervisionView,
  RequestThreadView,
  RequestWritten,
  ReviewItem,
  ReviewView,
  SupervisionMessageView,
  SupervisionNoteView,
  SupervisionRequestView,
  SupporterDetailView,
  SupporterSummary,
} from '../../../contracts/supervision.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { api } from '../../lib/api.js';
import { useDraftKey } from '../../lib/draft-key.js';
import '../../locales/load-supervision.js';
import './supervision.css';

export type {
  AssignmentsView,
  CheckinView,
  CheckinWritten,
  CoachingNoteView,
  DashboardItem,
  DashboardView,
  EmpathyTrendView,
  MySupervisionView,
  RequestThreadView,
  RequestWritten,
  ReviewItem,
  ReviewView,
  SafetyNotice,
  SupervisionMessageView,
  SupervisionNoteView,
  SupervisionRequestView,
  SupporterDetailView,
  SupporterSummary,
};

// Repeated from the contract as plain data: importing it would bring zod into this chunk.
export const LIMITS = { checkinNoteMax: 500, noteMax: 4_000, messageMax: 4_000, coachingMax: 2_000 } as const;
export const CHECKIN_QUESTIONS = ['energy', 'manageable', 'supported'] as const;
export const EMPATHY_DIMENSIONS = ['emotionalReactions', 'interpretations', 'explorations'] as const;

const enc = encodeURIComponent;

/**
 * Everything supervision is cached under one root key: the socket's "supervision changed" events
 * (app/realtime.tsx) invalidate it whole, and each page refetches only what is on screen.
 */
export const keys = {
  all: ['supervision'] as const,
  dashboard: ['supervision', 'dashboard'] as const,
  supporter: (id: string) => ['supervision', 'supporter', id] as const,
  notes: (id: string) => ['supervision', 'notes', id] as const,
  coaching: (id: string | 'me') => ['supervision', 'coaching', id] as const,
  trend: (id: string | 'me') => ['supervision', 'trend', id] as const,
  mine: ['supervision', 'mine'] as const,
  myCheckins: ['supervision', 'my-checkins'] as const,
  assignments: ['supervision', 'assignments'] as const,
  requests: ['supervision', 'requests'] as const,
  request: (id: string) => ['supervision', 'request', id] as const,
};

function useInvalidateAll() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: keys.all });
}

// ── the supervisor ─────────────────────────────────────────────────────────
export function useDashboard() {
  return useQuery({ queryKey: keys.dashboard, queryFn: () => api<DashboardView>('/api/supervision/dashboard') });
}

export function useSupporter(id: string) {
  return useQuery({ queryKey: keys.supporter(id), queryFn: () => api<SupporterDetailView>(`/api/supervision/supporters/${enc(id)}`) });
}

export function useFollowUp() {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (checkinId: string) => api(`/api/supervision/checkins/${enc(checkinId)}/follow-up`, { method: 'POST' }), onSuccess: invalidate });
}

export function useNotes(supporterId: string) {
  return useQuery({ queryKey: keys.notes(supporterId), queryFn: () => api<{ notes: SupervisionNoteView[] }>(`/api/supervision/supporters/${enc(supporterId)}/notes`).then((r) => r.notes) });
}

export function useAddNote(supporterId: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: string) =>
      draft.send({ supporterId, body }, (clientId) => api<{ note: SupervisionNoteView; safety: SafetyNotice | null }>(`/api/supervision/supporters/${enc(supporterId)}/notes`, { method: 'POST', body: { body, clientId } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.notes(supporterId) }),
  });
}

export function useDeleteNote(supporterId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (noteId: string) => api(`/api/supervision/notes/${enc(noteId)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.notes(supporterId) }),
  });
}

/** The review reads members' private words (audited): asked for on purpose, never on page load. */
export function useReview(supporterId: string) {
  return useMutation({ mutationFn: () => api<ReviewView>(`/api/supervision/supporters/${enc(supporterId)}/review`) });
}

export function useAddCoaching(supporterId: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: { itemKind: 'post' | 'message'; itemId: string; body: string }) =>
      draft.send({ supporterId, ...body }, (clientId) =>
        api<{ note: CoachingNoteView; safety: SafetyNotice | null }>(`/api/supervision/supporters/${enc(supporterId)}/coaching-notes`, { method: 'POST', body: { ...body, clientId } }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.coaching(supporterId) }),
  });
}

export function useCoaching(supporterId: string | 'me') {
  const url = supporterId === 'me' ? '/api/me/supervision/coaching-notes' : `/api/supervision/supporters/${enc(supporterId)}/coaching-notes`;
  return useQuery({ queryKey: keys.coaching(supporterId), queryFn: () => api<{ notes: CoachingNoteView[] }>(url).then((r) => r.notes) });
}

export function useTrend(supporterId: string | 'me') {
  const url = supporterId === 'me' ? '/api/me/supervision/empathy?weeks=12' : `/api/supervision/supporters/${enc(supporterId)}/empathy?weeks=12`;
  return useQuery({ queryKey: keys.trend(supporterId), queryFn: () => api<EmpathyTrendView>(url) });
}

/** Mentoring's private feedback about a supporter (its own route; the reading is audited there). */
export interface FeedbackList {
  supporter: { id: string; handle: string };
  averageRating: number | null;
  count: number;
  feedback: { mentorshipId: string; rating: number; note: string | null; createdAt: string }[];
}
export function useReadFeedback(supporterId: string) {
  return useMutation({ mutationFn: () => api<FeedbackList>(`/api/mentoring/supporters/${enc(supporterId)}/feedback`) });
}

// ── the admin ──────────────────────────────────────────────────────────────
export function useAssignments() {
  return useQuery({ queryKey: keys.assignments, queryFn: () => api<AssignmentsView>('/api/supervision/assignments') });
}

export function useAssign() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (v: { supporterId: string; supervisorId: string | null }) =>
      v.supervisorId
        ? api(`/api/supervision/assignments/${enc(v.supporterId)}`, { method: 'PUT', body: { supervisorId: v.supervisorId } })
        : api(`/api/supervision/assignments/${enc(v.supporterId)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

// ── the supporter ──────────────────────────────────────────────────────────
export function useMySupervision() {
  return useQuery({ queryKey: keys.mine, queryFn: () => api<MySupervisionView>('/api/me/supervision') });
}

export function useMyCheckins() {
  return useQuery({ queryKey: keys.myCheckins, queryFn: () => api<{ checkins: CheckinView[] }>('/api/me/supervision/checkins').then((r) => r.checkins) });
}

export function useCheckIn() {
  const invalidate = useInvalidateAll();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: { energy: number; manageable: number; supported: number; note?: string }) =>
      draft.send(body, (clientId) => api<CheckinWritten>('/api/me/supervision/checkins', { method: 'POST', body: { ...body, clientId } })),
    onSuccess: invalidate,
  });
}

export function useRequestSupervision() {
  const invalidate = useInvalidateAll();
  const draft = useDraftKey();
  return useMutation({ mutationFn: (body: string) => draft.send(body, (clientId) => api<RequestWritten>('/api/me/supervision/requests', { method: 'POST', body: { body, clientId } })), onSuccess: invalidate });
}

// ── the request channel (both sides) ───────────────────────────────────────
export function useRequests() {
  return useQuery({ queryKey: keys.requests, queryFn: () => api<{ requests: SupervisionRequestView[] }>('/api/supervision/requests').then((r) => r.requests) });
}

export function useRequestThread(id: string) {
  return useQuery({ queryKey: keys.request(id), queryFn: () => api<RequestThreadView>(`/api/supervision/requests/${enc(id)}`) });
}

export function useSendMessage(id: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: string) => draft.send({ id, body }, (clientId) => api<RequestWritten>(`/api/supervision/requests/${enc(id)}/messages`, { method: 'POST', body: { body, clientId } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.request(id) }),
  });
}

export function useCloseRequest(id: string) {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: () => api<SupervisionRequestView>(`/api/supervision/requests/${enc(id)}/close`, { method: 'POST' }), onSuccess: invalidate });
}
