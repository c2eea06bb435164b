import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PostView } from '../../../contracts/communities.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { api, ApiError } from '../../lib/api.js';
import '../../locales/load-community.js';

export const RESOLVE_ACTIONS = ['dismiss', 'hide', 'edit', 'warn', 'suspend'] as const;
export type ResolveAction = (typeof RESOLVE_ACTIONS)[number];
export const SUSPEND_MAX_DAYS = 365;
export const NOTE_MAX = 1000;

export interface ReportItem {
  id: string;
  reason: string;
  note: string | null;
  status: 'open' | 'resolved';
  outcome: string | null;
  createdAt: string;
  resolvedAt: string | null;
  post: PostView;
  threadId: string;
  threadTitle: string;
}
export type PendingPost = PostView & { pendingReason: 'safety' | 'first_post' | null; threadTitle: string };
export interface Queue {
  reports: ReportItem[];
  pendingPosts: PendingPost[];
}

export type ResolveInput =
  | { action: 'dismiss'; note?: string }
  | { action: 'hide' | 'warn'; note: string }
  | { action: 'edit'; note: string; body: string }
  | { action: 'suspend'; note: string; days: number };

export function useQueue(status: 'open' | 'resolved') {
  return useQuery({
    queryKey: ['moderation', status],
    queryFn: () => api<Queue>(`/api/moderation/queue?status=${status}&limit=100`),
    refetchInterval: 60_000,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['moderation'] }), qc.invalidateQueries({ queryKey: ['thread'] })]);
}

export function useResolveReport() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ResolveInput }) =>
      api<{ outcome: string; notice: SafetyNotice | null }>(`/api/moderation/reports/${encodeURIComponent(id)}/resolve`, { method: 'POST', body: input }),
    onSuccess: invalidate,
    // Another moderator resolved it first ("This report is already resolved."): the card is stale, so
    // the queue is fetched again and the report moves to the resolved list.
    onError: (err) => (err instanceof ApiError && err.status === 409 ? invalidate() : undefined),
  });
}

export function usePostAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ postId, action, note }: { postId: string; action: 'hide' | 'restore' | 'approve'; note?: string }) =>
      api<{ ok: true; notice?: SafetyNotice | null }>(`/api/moderation/posts/${encodeURIComponent(postId)}/${action}`, { method: 'POST', ...(action === 'hide' ? { body: { note } } : {}) }),
    onSuccess: invalidate,
  });
}
