import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';

export interface SessionView {
  id: string;
  deviceLabel: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorHandle: string | null;
  actorRole: string;
  action: string;
  objectType: string;
  reason: string;
}

export const sessionsKey = ['sessions'] as const;

export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => api<{ sessions: SessionView[] }>('/api/me/sessions').then((r) => r.sessions) });
}

export function useRevokeSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/api/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useRevokeOtherSessions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ revoked: number }>('/api/me/sessions/revoke-others', { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useAudit() {
  return useQuery({ queryKey: ['audit'], queryFn: () => api<{ entries: AuditEntry[]; nextCursor: string | null }>('/api/me/audit?limit=50') });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api('/api/me/password', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useEraseAccount() {
  return useMutation({
    mutationFn: (body: { password: string; publicPosts: 'delete' | 'anonymize'; confirm: string }) =>
      api('/api/me/erase', { method: 'POST', body }),
  });
}

export const EXPORT_URL = '/api/me/export';
