import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type {
  ContentWarning,
  MyReportView,
  PostView,
  ReactionKind,
  SpaceView,
  ThreadKind,
  ThreadView,
  WarningMode,
} from '../../../contracts/communities.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { firstReadUrls } from '../../../contracts/first-reads.js';
import { api } from '../../lib/api.js';
import { useDraftKey } from '../../lib/draft-key.js';
import '../../locales/load-community.js';

export type { ContentWarning, MyReportView, PostView, ReactionKind, SpaceView, ThreadKind, ThreadView, WarningMode };

// The contracts' lists, repeated as plain data: importing them would bring zod into this chunk.
export const THREAD_KINDS: readonly ThreadKind[] = ['story', 'question', 'what_helped'];
export const REACTION_KINDS: readonly ReactionKind[] = ['relate', 'strength', 'helped'];
export const CONTENT_WARNINGS: readonly ContentWarning[] = ['self_harm', 'suicide', 'eating', 'abuse', 'substance_use', 'violence', 'loss'];
export const WARNING_MODES: readonly WarningMode[] = ['hide', 'ask', 'show'];
export const LIST_KINDS = ['latest', 'top', 'unanswered', 'mine', 'followed'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const TOP_PERIODS = ['day', 'week', 'month', 'all'] as const;
export type TopPeriod = (typeof TOP_PERIODS)[number];
export const REPORT_REASONS = ['harassment', 'self_harm_risk', 'misinformation', 'spam', 'privacy', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const LIMITS = { titleMin: 4, titleMax: 140, bodyMax: 20_000, noteMax: 1_000, searchMax: 200 } as const;

export interface ThreadPage {
  threads: ThreadView[];
  nextCursor: string | null;
}
export interface ThreadDetail {
  thread: ThreadView;
  space: SpaceView;
  posts: PostView[];
  nextCursor: string | null;
}
export interface Highlighted {
  text: string;
  ranges: [number, number][];
}
export interface SearchHit {
  thread: ThreadView;
  postId: string;
  title: Highlighted;
  snippet: Highlighted;
  /** Warnings of the thread and of the matched post, folded by the reader's own choice. */
  warnings: ContentWarning[];
  collapsed: boolean;
}
export interface Written {
  post: PostView;
  thread?: ThreadView;
  safety: SafetyNotice;
}

const enc = encodeURIComponent;

// ── spaces ───────────────────────────────────────────────────────────────────
export function useSpaces() {
  return useQuery({ queryKey: ['spaces'], queryFn: () => api<{ spaces: SpaceView[] }>('/api/spaces').then((r) => r.spaces), staleTime: 5 * 60_000 });
}

export function useSpace(id: string) {
  return useQuery({ queryKey: ['space', id], queryFn: () => api<SpaceView>(`/api/spaces/${enc(id)}`), staleTime: 5 * 60_000 });
}

// ── thread lists ─────────────────────────────────────────────────────────────
export function useThreadList(list: ListKind, opts: { space?: string | undefined; period?: TopPeriod } = {}) {
  return useInfiniteQuery({
    queryKey: ['threads', list, opts.space ?? null, list === 'top' ? (opts.period ?? 'all') : null],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ list, limit: '20' });
      if (opts.space) q.set('space', opts.space);
      if (list === 'top') q.set('period', opts.period ?? 'all');
      if (pageParam) q.set('cursor', pageParam);
      return api<ThreadPage>(`/api/threads?${q.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

// ── one thread ───────────────────────────────────────────────────────────────
export const threadKey = (id: string) => ['thread', id] as const;
type ThreadPages = InfiniteData<{ posts: PostView[]; nextCursor: string | null; thread?: ThreadView; space?: SpaceView }, string | null>;

/** The thread with its posts, page by page: the first page comes with the thread and its space. */
export function useThread(id: string) {
  return useInfiniteQuery({
    queryKey: threadKey(id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      pageParam
        ? api<{ posts: PostView[]; nextCursor: string | null }>(`/api/threads/${enc(id)}/posts?cursor=${enc(pageParam)}`)
        : api<ThreadDetail>(firstReadUrls.thread(id)),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Writes new reaction counts (and, when known, the reader's own) into the cached thread. */
export function patchReactions(qc: QueryClient, threadId: string, postId: string, reactions: PostView['reactions'], mine?: ReactionKind[]) {
  qc.setQueryData<ThreadPages>(threadKey(threadId), (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((p) => ({
            ...p,
            posts: p.posts.map((post) => (post.id === postId ? { ...post, reactions, myReactions: mine ?? post.myReactions } : post)),
          })),
        }
      : data,
  );
}

export function useRelated(id: string) {
  return useQuery({ queryKey: ['related', id], queryFn: () => api<{ threads: ThreadView[] }>(`/api/threads/${enc(id)}/related`).then((r) => r.threads) });
}

export interface NewThreadInput {
  space: string;
  kind: ThreadKind;
  title: string;
  body: string;
  warnings: ContentWarning[];
  anonymous: boolean;
}

// Creates carry a clientId per draft (ADR 042): pressing Post again after a failure cannot post twice.
export function useCreateThread() {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: ({ space, ...body }: NewThreadInput) =>
      draft.send({ space, ...body }, (clientId) => api<Required<Written>>(`/api/spaces/${enc(space)}/threads`, { method: 'POST', body: { ...body, clientId } })),
    onSuccess: () => {
      return qc.invalidateQueries({ queryKey: ['threads'] });
    },
  });
}

export function useReply(threadId: string) {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: { body: string; warnings: ContentWarning[]; anonymous: boolean }) =>
      draft.send({ threadId, ...body }, (clientId) => api<Written>(`/api/threads/${enc(threadId)}/posts`, { method: 'POST', body: { ...body, clientId } })),
    onSuccess: () => {
      return qc.invalidateQueries({ queryKey: threadKey(threadId) });
    },
  });
}

export function useEditPost(threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; body: string; title?: string }) => api<Written>(`/api/posts/${enc(id)}`, { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: threadKey(threadId) }),
  });
}

export function useDeletePost(threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<PostView>(`/api/posts/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: threadKey(threadId) }),
  });
}

export function useReact(threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ postId, kind, on }: { postId: string; kind: ReactionKind; on: boolean }) =>
      api<{ postId: string; reactions: PostView['reactions']; myReactions: ReactionKind[] }>(`/api/posts/${enc(postId)}/reactions/${kind}`, {
        method: on ? 'PUT' : 'DELETE',
      }),
    onSuccess: (r) => patchReactions(qc, threadId, r.postId, r.reactions, r.myReactions),
  });
}

export function useMarkHelped(threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (postId: string | null) => api<ThreadView>(`/api/threads/${enc(threadId)}/helped`, { method: 'PUT', body: { postId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: threadKey(threadId) }),
  });
}

export function useFollow(threadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => api(`/api/threads/${enc(threadId)}/follow`, { method: on ? 'PUT' : 'DELETE' }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: threadKey(threadId) }), qc.invalidateQueries({ queryKey: ['threads', 'followed'] })]),
  });
}

export function useReport() {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: ({ postId, reason, note }: { postId: string; reason: ReportReason; note?: string }) => {
      const report = note ? { reason, note } : { reason };
      return draft.send({ postId, ...report }, (clientId) => api<{ id: string; notice: SafetyNotice | null }>(`/api/posts/${enc(postId)}/reports`, { method: 'POST', body: { ...report, clientId } }));
    },
    onSuccess: () => {
      return qc.invalidateQueries({ queryKey: ['my-reports'] });
    },
  });
}

/** The reader's own reports, newest first, and where each stands. */
export function useMyReports() {
  return useInfiniteQuery({
    queryKey: ['my-reports'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<{ reports: MyReportView[]; nextCursor: string | null }>(`/api/me/reports?limit=20${pageParam ? `&cursor=${enc(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.nextCursor,
  });
}

// ── search ───────────────────────────────────────────────────────────────────
export function useSearch(params: { q: string; space?: string | undefined; kind?: string | undefined }) {
  return useQuery({
    queryKey: ['search', params.q, params.space ?? null, params.kind ?? null],
    enabled: params.q.trim().length > 0,
    queryFn: () => {
      const q = new URLSearchParams({ q: params.q.trim() });
      if (params.space) q.set('space', params.space);
      if (params.kind) q.set('kind', params.kind);
      // truncated: the server looked at the most recent matches only (ADR 016); the page says so.
      return api<{ hits: SearchHit[]; truncated: boolean }>(`/api/search?${q.toString()}`);
    },
  });
}

// ── content-warning preferences ──────────────────────────────────────────────
export type WarningPrefs = Record<ContentWarning, WarningMode>;

export function useWarningPrefs() {
  return useQuery({ queryKey: ['warning-prefs'], queryFn: () => api<{ prefs: WarningPrefs }>('/api/me/content-warnings').then((r) => r.prefs) });
}

export function useSaveWarningPrefs() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (prefs: Partial<WarningPrefs>) => api<{ prefs: WarningPrefs }>('/api/me/content-warnings', { method: 'PUT', body: { prefs } }),
    onSuccess: (r) => {
      qc.setQueryData(['warning-prefs'], r.prefs);
      // Lists, threads and search are presented with these choices: ask again.
      void qc.invalidateQueries({ predicate: (q) => ['threads', 'thread', 'search', 'related'].includes(String(q.queryKey[0])) });
    },
  });
}
