import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AccessibleConversationList,
  BlockList,
  ConsentResult,
  EndResult,
  FeedbackList,
  FeedbackResult,
  GrantView,
  HandoverList,
  HandoverView,
  MentoringReportList,
  MentorshipView,
  OfferView,
  RequestCreated,
  RequestPreferences,
  SupporterProfileBody,
  SupporterProfileSaved,
  SupporterProfileView,
  SupporterView,
  SupportRequestView,
  SwitchResult,
} from '../../../contracts/mentoring.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { firstReadUrls } from '../../../contracts/first-reads.js';
import { api } from '../../lib/api.js';
import { useDraftKey } from '../../lib/draft-key.js';
import '../../locales/load-mentoring.js';
import './mentoring.css';

export type { GrantView, HandoverView, MentorshipView, OfferView, RequestPreferences, SafetyNotice, SupporterProfileView, SupporterView, SupportRequestView };
export type SupporterProfileInput = z.input<typeof SupporterProfileBody>;
export type RequestCreatedResult = z.infer<typeof RequestCreated>;
export type EndResultView = z.infer<typeof EndResult>;
export type SwitchResultView = z.infer<typeof SwitchResult>;
export type FeedbackListView = z.infer<typeof FeedbackList>;
export type AccessibleConversation = z.infer<typeof AccessibleConversationList>['conversations'][number];

const enc = encodeURIComponent;

/** Every mentoring query starts with 'mentoring', so one realtime event can ask for all of them again. */
export const keys = {
  all: ['mentoring'] as const,
  profile: ['mentoring', 'profile'] as const,
  request: ['mentoring', 'request'] as const,
  offers: ['mentoring', 'offers'] as const,
  mentorships: ['mentoring', 'mentorships'] as const,
  mentorship: (id: string) => ['mentoring', 'mentorship', id] as const,
  handovers: ['mentoring', 'handovers'] as const,
  blocks: ['mentoring', 'blocks'] as const,
  supervisor: ['mentoring', 'supervisor'] as const,
};

// ── supporter profile ────────────────────────────────────────────────────────
export function useSupporterProfile(enabled = true) {
  return useQuery({
    queryKey: keys.profile,
    enabled,
    queryFn: () => api<{ profile: SupporterProfileView | null }>('/api/mentoring/supporter-profile').then((r) => r.profile),
  });
}

export function useSaveSupporterProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SupporterProfileInput) =>
      api<z.infer<typeof SupporterProfileSaved>>('/api/mentoring/supporter-profile', { method: 'PUT', body }),
    onSuccess: (r) => qc.setQueryData(keys.profile, r.profile),
  });
}

// ── a member's request ───────────────────────────────────────────────────────
export function useCurrentRequest(enabled = true) {
  return useQuery({
    queryKey: keys.request,
    enabled,
    queryFn: () => api<{ request: SupportRequestView | null }>('/api/mentoring/requests/current').then((r) => r.request),
  });
}

export interface NewRequestInput {
  topic: string;
  preferences: RequestPreferences;
  preferredSupporterId?: string;
}

/** `onAsked` is the hook's own callback: the form gives way to the status panel as the request lands. */
export function useAskForSupport(onAsked: (r: RequestCreatedResult) => void) {
  const qc = useQueryClient();
  // One key per draft (ADR 042): asking again after a failure cannot ask (and alert) twice.
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: NewRequestInput) => draft.send(body, (clientId) => api<RequestCreatedResult>('/api/mentoring/requests', { method: 'POST', body: { ...body, clientId } })),
    onSuccess: (r) => {
      onAsked(r);
      qc.setQueryData(keys.request, r.request);
    },
  });
}

/** `onCancelled` is the hook's own callback: the status panel (and mutate's callbacks) go as the request does. */
export function useCancelRequest(onCancelled: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<SupportRequestView>(`/api/mentoring/requests/${enc(id)}/cancel`, { method: 'POST' }),
    onSuccess: () => {
      onCancelled();
      qc.setQueryData(keys.request, null);
    },
  });
}

/** A few coping strategies from the library, most helped first (for one of the request's experiences, if any). */
export function useCopingIdeas(condition: string | null) {
  return useQuery({
    queryKey: ['library-ideas', condition],
    staleTime: 10 * 60_000,
    queryFn: () =>
      api<{ strategies: { id: string; title: string; whenItHelps: string }[] }>(
        `/api/library/strategies?limit=3${condition ? `&condition=${enc(condition)}` : ''}`,
      ).then((r) => r.strategies),
  });
}

// ── offers (supporters) ──────────────────────────────────────────────────────
export function useOffers() {
  return useQuery({ queryKey: keys.offers, queryFn: () => api<{ offers: OfferView[] }>('/api/mentoring/offers').then((r) => r.offers) });
}

/**
 * `onAccepted` is the hook's own callback, not mutate's: the accepted offer leaves the list (and
 * its card unmounts) as soon as the lists refresh, and mutate's callbacks die with the card.
 */
export function useAcceptOffer(onAccepted: (m: MentorshipView) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (requestId: string) => api<MentorshipView>(`/api/mentoring/offers/${enc(requestId)}/accept`, { method: 'POST' }),
    onSuccess: (m) => onAccepted(m),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useDeclineOffer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (requestId: string) => api(`/api/mentoring/offers/${enc(requestId)}/decline`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.offers }),
  });
}

// ── mentorships ──────────────────────────────────────────────────────────────
export function useMentorships(enabled = true) {
  return useQuery({
    queryKey: keys.mentorships,
    enabled,
    queryFn: () => api<{ mentorships: MentorshipView[] }>('/api/mentoring/mentorships').then((r) => r.mentorships),
  });
}

export function useMentorship(id: string) {
  return useQuery({ queryKey: keys.mentorship(id), queryFn: () => api<MentorshipView>(firstReadUrls.mentorship(id)) });
}

function setMentorship(qc: QueryClient, m: MentorshipView) {
  qc.setQueryData(keys.mentorship(m.id), m);
  void qc.invalidateQueries({ queryKey: keys.mentorships });
}

export function useEndMentorship(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (closingMessage: string | null) => api<EndResultView>(`/api/mentoring/mentorships/${enc(id)}/end`, { method: 'POST', body: { closingMessage } }),
    onSuccess: (r) => setMentorship(qc, r.mentorship),
  });
}

export function useSwitchSupporter(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<SwitchResultView>(`/api/mentoring/mentorships/${enc(id)}/switch`, { method: 'POST' }),
    onSuccess: (r) => {
      setMentorship(qc, r.mentorship);
      qc.setQueryData(keys.request, r.request);
    },
  });
}

export function useFeedback(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { rating: number; note: string | null }) =>
      api<z.infer<typeof FeedbackResult>>(`/api/mentoring/mentorships/${enc(id)}/feedback`, { method: 'POST', body }),
    // The mentorship and the list both say whether feedback was given.
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useSupervisorConsent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (grant: boolean) => api<MentorshipView>(`/api/mentoring/mentorships/${enc(id)}/supervisor-consent`, { method: 'POST', body: { grant } }),
    onSuccess: (m) => setMentorship(qc, m),
  });
}

export function useEscalate(id: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: { note: string; messageId?: string }) =>
      draft.send({ id, ...body }, (clientId) => api<{ mentorship: MentorshipView; notice: SafetyNotice }>(`/api/mentoring/mentorships/${enc(id)}/escalate`, { method: 'POST', body: { ...body, clientId } })),
    onSuccess: (r) => setMentorship(qc, r.mentorship),
  });
}

export function useReportMentorship(id: string) {
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: { reason: string; note?: string; messageId?: string }) =>
      draft.send({ id, ...body }, (clientId) => api<{ id: string; notice: SafetyNotice | null }>(`/api/mentoring/mentorships/${enc(id)}/reports`, { method: 'POST', body: { ...body, clientId } })),
  });
}

export function useBlock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api(`/api/mentoring/blocks`, { method: 'POST', body: { userId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useBlocks(enabled = true) {
  return useQuery({ queryKey: keys.blocks, enabled, queryFn: () => api<z.infer<typeof BlockList>>('/api/mentoring/blocks').then((r) => r.blocks) });
}

// ── handovers ────────────────────────────────────────────────────────────────
export function useHandovers(enabled = true) {
  return useQuery({ queryKey: keys.handovers, enabled, queryFn: () => api<z.infer<typeof HandoverList>>('/api/mentoring/handovers').then((r) => r.handovers) });
}

export function useProposeHandover(mentorshipId: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: { toSupporterId: string; note: string }) =>
      draft.send({ mentorshipId, ...body }, (clientId) =>
        api<{ handover: HandoverView; notice: SafetyNotice }>(`/api/mentoring/mentorships/${enc(mentorshipId)}/handovers`, { method: 'POST', body: { ...body, clientId } }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** The receiving supporter accepts or declines; the proposing supporter cancels. */
export function useAnswerHandover() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'accept' | 'decline' | 'cancel' }) => api<HandoverView>(`/api/mentoring/handovers/${enc(id)}/${action}`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** The member agrees (or not) to move to the new supporter. */
export function useConsentHandover() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, consent }: { id: string; consent: boolean }) =>
      api<z.infer<typeof ConsentResult>>(`/api/mentoring/handovers/${enc(id)}/consent`, { method: 'POST', body: { consent } }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** Colleagues (for a supporter's handover), supporters one was matched with (members), everyone (supervisors). */
export function useSupporters(enabled = true) {
  return useQuery({
    queryKey: ['mentoring', 'supporters'],
    enabled,
    queryFn: () => api<{ supporters: SupporterView[] }>('/api/mentoring/supporters').then((r) => r.supporters),
  });
}

// ── supervisors ──────────────────────────────────────────────────────────────
export function useAccessibleConversations() {
  return useQuery({
    queryKey: [...keys.supervisor, 'conversations'],
    queryFn: () => api<z.infer<typeof AccessibleConversationList>>('/api/mentoring/supervision/conversations').then((r) => r.conversations),
  });
}

export type MentoringReport = z.infer<typeof MentoringReportList>['reports'][number];

export function useMentoringReports() {
  return useQuery({
    queryKey: [...keys.supervisor, 'reports'],
    queryFn: () => api<z.infer<typeof MentoringReportList>>('/api/mentoring/reports?status=open').then((r) => r.reports),
  });
}

export function useResolveMentoringReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/mentoring/reports/${enc(id)}/resolve`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: [...keys.supervisor, 'reports'] }),
  });
}

export function useSupporterFeedback(supporterId: string | null) {
  return useQuery({
    queryKey: [...keys.supervisor, 'feedback', supporterId],
    enabled: !!supporterId,
    queryFn: () => api<FeedbackListView>(`/api/mentoring/supporters/${enc(supporterId!)}/feedback`),
  });
}
