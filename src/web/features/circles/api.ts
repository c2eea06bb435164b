import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CheckinPage, CheckinView, CheckinWritten, CircleMessagePage, CircleMessageView, CircleMessageWritten, CircleView, InvitationCreated, InvitationView } from '../../../contracts/circles.js';
import { api } from '../../lib/api.js';
import { useDraftKey } from '../../lib/draft-key.js';
import '../../locales/load-groups.js';
import './circles.css';

export type Circle = z.infer<typeof CircleView>;
export type Invitation = z.infer<typeof InvitationView>;
export type CreatedInvitation = z.infer<typeof InvitationCreated>;
export type CircleMessage = z.infer<typeof CircleMessageView>;
export type MessagePage = z.infer<typeof CircleMessagePage>;
export type MessageWritten = z.infer<typeof CircleMessageWritten>;
export type Checkin = z.infer<typeof CheckinView>;
export type Checkins = z.infer<typeof CheckinPage>;
export type CheckinResult = z.infer<typeof CheckinWritten>;

export const MAX_MEMBERS = 12;
const enc = encodeURIComponent;

export const keys = {
  list: ['circles'] as const,
  circle: (id: string) => ['circles', id] as const,
  invitations: (id: string) => ['circles', id, 'invitations'] as const,
  messages: (id: string) => ['circles', id, 'messages'] as const,
  checkins: (id: string) => ['circles', id, 'checkins'] as const,
};

export function useCircles() {
  return useQuery({ queryKey: keys.list, queryFn: () => api<{ circles: Circle[] }>('/api/circles').then((r) => r.circles) });
}

export function useCircle(id: string) {
  return useQuery({ queryKey: keys.circle(id), queryFn: () => api<Circle>(`/api/circles/${enc(id)}`) });
}

export function useCreateCircle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<Circle>('/api/circles', { method: 'POST', body: { name } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.list }),
  });
}

export function useLeaveCircle(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true }>(`/api/circles/${enc(id)}/membership`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.list }),
  });
}

export function useRemoveMember(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api<{ ok: true }>(`/api/circles/${enc(id)}/members/${enc(userId)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.circle(id) }),
  });
}

export function useInvitations(id: string, enabled: boolean) {
  return useQuery({ queryKey: keys.invitations(id), enabled, queryFn: () => api<{ invitations: Invitation[] }>(`/api/circles/${enc(id)}/invitations`).then((r) => r.invitations) });
}

export function useInvite(id: string) {
  const qc = useQueryClient();
  // One key per draft (ADR 042): a retry answers with the same link instead of making a second one.
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (expiresInHours: number) =>
      draft.send({ id, expiresInHours }, (clientId) => api<CreatedInvitation>(`/api/circles/${enc(id)}/invitations`, { method: 'POST', body: { expiresInHours, clientId } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.invitations(id) }),
  });
}

export function useRevokeInvitation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api<{ ok: true }>(`/api/circles/${enc(id)}/invitations/${enc(invitationId)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.invitations(id) }),
  });
}

export function useAcceptInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api<Circle>('/api/circle-invitations/accept', { method: 'POST', body: { token } }),
    onSuccess: (c) => {
      qc.setQueryData(keys.circle(c.id), c);
      return qc.invalidateQueries({ queryKey: keys.list });
    },
  });
}

export function useCircleMessages(id: string) {
  return useQuery({ queryKey: keys.messages(id), queryFn: () => api<MessagePage>(`/api/circles/${enc(id)}/messages?limit=50`) });
}

export function fetchCircleMessage(circleId: string, messageId: string) {
  return api<CircleMessage>(`/api/circles/${enc(circleId)}/messages/${enc(messageId)}`);
}

export function upsertCircleMessage(qc: QueryClient, circleId: string, m: CircleMessage) {
  qc.setQueryData<MessagePage>(keys.messages(circleId), (page) => {
    if (!page) return page;
    const exists = page.messages.some((x) => x.id === m.id);
    return { ...page, messages: exists ? page.messages.map((x) => (x.id === m.id ? m : x)) : [m, ...page.messages] };
  });
}

// Creates carry a clientId per draft (ADR 042): sending again after a failure cannot send twice.
export function usePostCircleMessage(id: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: string) => draft.send({ id, body }, (clientId) => api<MessageWritten>(`/api/circles/${enc(id)}/messages`, { method: 'POST', body: { body, clientId } })),
    onSuccess: (w) => {
      upsertCircleMessage(qc, id, w.message);
    },
  });
}

export function useDeleteCircleMessage(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => api<{ ok: true }>(`/api/circles/${enc(id)}/messages/${enc(messageId)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.messages(id) }),
  });
}

export function useCircleCheckins(id: string) {
  return useQuery({ queryKey: keys.checkins(id), queryFn: () => api<Checkins>(`/api/circles/${enc(id)}/checkins?limit=30`).then((r) => r.checkins) });
}

export function useShareCheckin() {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: { mood: number; note?: string; shareWith: string[] }) => draft.send(body, (clientId) => api<CheckinResult>('/api/me/circle-checkins', { method: 'POST', body: { ...body, clientId } })),
    onSuccess: (_r, v) => {
      return Promise.all(v.shareWith.map((c) => qc.invalidateQueries({ queryKey: keys.checkins(c) })));
    },
  });
}

export function useUnshareCheckin(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (checkinId: string) => api<{ ok: true }>(`/api/circles/${enc(id)}/checkins/${enc(checkinId)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.checkins(id) }),
  });
}
