import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertSource, AlertSummary, HeldReason, StillFlagged } from '../../../contracts/safety.js';
import { api, ApiError } from '../../lib/api.js';
import { useDraftKey } from '../../lib/draft-key.js';

export type { AlertSource, AlertSummary };
export { ALERT_OUTCOMES, HELD_TITLE_MAX, HELD_TITLE_MIN } from '../../../contracts/safety.js';

export interface AlertDetail extends AlertSummary {
  member: { id: string; handle: string; region: string | null } | null;
  objectId: string;
  reasons: { code: string; level: number }[];
  methodDetail: boolean;
  notes: { id: string; authorHandle: string | null; createdAt: string; body: string }[];
  /** The words that raised it, read (and audited for the member) when the alert is opened. */
  source: AlertSource;
}

export interface HeldItem {
  id: string;
  objectType: string;
  objectId: string;
  reason: HeldReason;
  status: string;
  createdAt: string;
  authorHandle: string | null;
  /** The held words. */
  text: string | null;
  /** An opening post's thread title (screened with its body, so it may be what was held); null otherwise. */
  title: string | null;
}

// The alert rooms and the duty read live apart (the home page joins them without this module's contracts).
export { ROOM_ALL_RESPONDERS, ROOM_ON_DUTY, useDuty } from './alert-rooms.js';

export function useOpenAlerts() {
  return useQuery({
    queryKey: ['alerts', 'open'],
    queryFn: () => api<{ alerts: AlertSummary[] }>('/api/safety/alerts?status=open&limit=200').then((r) => r.alerts),
    // The socket invalidates on every change; this poll is only a safety net if it is down.
    refetchInterval: 60_000,
    select: (alerts) => [...alerts].sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
  });
}

export function useAlert(id: string | null) {
  return useQuery({
    queryKey: ['alert', id],
    queryFn: () => api<AlertDetail>(`/api/safety/alerts/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

function useInvalidateAlert(id: string) {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['alerts'] }), qc.invalidateQueries({ queryKey: ['alert', id] })]);
}

export function useAcknowledge(id: string) {
  const invalidate = useInvalidateAlert(id);
  return useMutation({ mutationFn: () => api(`/api/safety/alerts/${id}/acknowledge`, { method: 'POST' }), onSettled: invalidate });
}

export function useAddNote(id: string) {
  const invalidate = useInvalidateAlert(id);
  const draft = useDraftKey();
  return useMutation({ mutationFn: (body: string) => draft.send({ id, body }, (clientId) => api(`/api/safety/alerts/${id}/notes`, { method: 'POST', body: { body, clientId } })), onSuccess: invalidate });
}

export function useResolve(id: string) {
  const invalidate = useInvalidateAlert(id);
  return useMutation({
    mutationFn: (body: { outcome: string; note?: string }) => api(`/api/safety/alerts/${id}/resolve`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useSetDuty() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (onDuty: boolean) => api<{ onDuty: boolean }>('/api/safety/duty', { method: 'PUT', body: { onDuty } }),
    onSuccess: (r) => qc.setQueryData(['duty'], r.onDuty),
  });
}

export function useHeld() {
  return useQuery({ queryKey: ['held'], queryFn: () => api<{ items: HeldItem[] }>('/api/safety/held').then((r) => r.items) });
}

/** A supervisor's decision on a held item (`HeldDecisionBody`): an edit replaces its words (and an opening post's title). */
export type HeldDecision = { action: 'release' } | { action: 'remove' } | { action: 'edit'; text: string; title?: string; publishAnyway?: boolean };

export function useDecideHeld() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...decision }: { id: string } & HeldDecision) =>
      api(`/api/safety/held/${encodeURIComponent(id)}/decision`, { method: 'POST', body: decision }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['held'] }),
  });
}

/** Why the safety check would still hold a reviewer's edit (422 `still_held`), and the words to take out of each field. */
export interface StillHeld {
  reason: HeldReason;
  title: string[];
  text: string[];
}

/** The server's `still_held` refusal as words per field (each once, in the order found); null for any other error. */
export function stillHeldOf(error: unknown): StillHeld | null {
  if (!(error instanceof ApiError) || error.status !== 422 || error.code !== 'still_held') return null;
  const flagged = Array.isArray(error.details.flagged) ? (error.details.flagged as StillFlagged[]) : [];
  const words = (field: StillFlagged['field']) => [...new Set(flagged.filter((f) => f.field === field && f.words.trim() !== '').map((f) => f.words.trim()))];
  return { reason: error.details.reason as HeldReason, title: words('title'), text: words('text') };
}
