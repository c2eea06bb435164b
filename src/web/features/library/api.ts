import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { HelpedResult as HelpedSchema, ResourceBody as ResourceBodySchema, ResourceView as ResourceSchema, ResourceWritten as ResourceWrittenSchema, StrategyBody as StrategyBodySchema, StrategyView as StrategySchema, StrategyWritten as StrategyWrittenSchema } from '../../../contracts/library.js';
import { api } from '../../lib/api.js';
import { useDraftKey } from '../../lib/draft-key.js';
import '../../locales/load-recovery.js';

export type StrategyView = z.infer<typeof StrategySchema>;
export type StrategyWritten = z.infer<typeof StrategyWrittenSchema>;
export type StrategyInput = z.input<typeof StrategyBodySchema>;
export type HelpedResult = z.infer<typeof HelpedSchema>;
export type ResourceView = z.infer<typeof ResourceSchema>;
export type ResourceInput = z.input<typeof ResourceBodySchema>;
export type ResourceWritten = z.infer<typeof ResourceWrittenSchema>;

// The contracts' lists, repeated as plain data: importing them would bring zod into this chunk.
export const SITUATIONS = [
  'panic_attack', 'panic_at_night', 'cannot_sleep', 'before_an_exam', 'before_a_hard_conversation', 'after_an_argument', 'after_a_setback',
  'racing_thoughts', 'low_motivation', 'lonely_evening', 'strong_urge', 'flashback', 'at_work', 'in_public',
] as const;
export const RESOURCE_KINDS = ['therapist', 'clinic', 'hotline', 'peer_group', 'app', 'reading'] as const;
export const COSTS = ['free', 'sliding_scale', 'paid'] as const;
export const LIMITS = { titleMax: 120, stepMax: 500, stepsMax: 12, whenItHelpsMax: 600, situationNoteMax: 80, tagsMax: 6 } as const;

const enc = encodeURIComponent;

export interface StrategyFilters {
  q?: string | undefined;
  condition?: string | undefined;
  situation?: string | undefined;
}

export function useStrategies(filters: StrategyFilters) {
  return useInfiniteQuery({
    queryKey: ['strategies', filters.q ?? '', filters.condition ?? '', filters.situation ?? ''],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ limit: '20' });
      if (filters.q) q.set('q', filters.q);
      if (filters.condition) q.set('condition', filters.condition);
      if (filters.situation) q.set('situation', filters.situation);
      if (pageParam) q.set('cursor', pageParam);
      return api<{ strategies: StrategyView[]; nextCursor: string | null }>(`/api/library/strategies?${q.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useStrategy(id: string) {
  return useQuery({ queryKey: ['strategy', id], queryFn: () => api<StrategyView>(`/api/library/strategies/${enc(id)}`) });
}

export function useWriteStrategy() {
  const qc = useQueryClient();
  // One key per draft (ADR 042): sharing again after a failure cannot share it twice.
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: StrategyInput) => draft.send(body, (clientId) => api<StrategyWritten>('/api/library/strategies', { method: 'POST', body: { ...body, clientId } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['strategies'] }),
  });
}

export function useHelped(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (helped: boolean) => api<HelpedResult>(`/api/library/strategies/${enc(id)}/helped`, { method: helped ? 'POST' : 'DELETE' }),
    onSuccess: (r) => {
      qc.setQueryData<StrategyView>(['strategy', id], (s) => (s ? { ...s, helpedCount: r.helpedCount, helpedByMe: r.helpedByMe } : s));
      void qc.invalidateQueries({ queryKey: ['strategies'] });
    },
  });
}

export function useSaveStrategy(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (save: boolean) => api<{ strategies: StrategyView[] }>(`/api/me/recovery/strategies/${enc(id)}`, { method: save ? 'PUT' : 'DELETE' }),
    onSuccess: (r) => {
      const saved = r.strategies.some((s) => s.id === id);
      qc.setQueryData<StrategyView>(['strategy', id], (s) => (s ? { ...s, savedByMe: saved } : s));
      qc.setQueryData(['saved-strategies'], r.strategies);
    },
  });
}

export function useRemoveStrategy(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: true }>(`/api/library/strategies/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['strategies'] }),
  });
}

export function useMarkReviewed(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<StrategyView>(`/api/library/strategies/${enc(id)}/reviewed`, { method: 'POST' }),
    onSuccess: (s) => qc.setQueryData(['strategy', id], s),
  });
}

// ── resources ────────────────────────────────────────────────────────────────
export interface ResourceFilters {
  region?: string | undefined;
  kind?: string | undefined;
  language?: string | undefined;
  cost?: string | undefined;
}

export function useResources(filters: ResourceFilters) {
  return useInfiniteQuery({
    queryKey: ['resources', filters.region ?? '', filters.kind ?? '', filters.language ?? '', filters.cost ?? ''],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = new URLSearchParams({ limit: '50' });
      for (const k of ['region', 'kind', 'language', 'cost'] as const) if (filters[k]) q.set(k, filters[k]);
      if (pageParam) q.set('cursor', pageParam);
      return api<{ resources: ResourceView[]; nextCursor: string | null }>(`/api/library/resources?${q.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useSuggestResource() {
  const qc = useQueryClient();
  // One key per draft (ADR 042): suggesting again after a failure cannot suggest it twice.
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: ResourceInput) => draft.send(body, (clientId) => api<ResourceWritten>('/api/library/resources', { method: 'POST', body: { ...body, clientId } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['resources'] }),
  });
}

/** Supervisors' lists: suggestions waiting and entries not verified for 12 months. */
export function useResourceQueue(which: 'pending' | 'stale', enabled: boolean) {
  return useQuery({
    queryKey: ['resources-queue', which],
    enabled,
    queryFn: () => api<{ resources: ResourceView[] }>(`/api/library/resources/${which}`).then((r) => r.resources),
  });
}

export function useVerifyResource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ResourceView>(`/api/library/resources/${enc(id)}/verify`, { method: 'POST' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['resources-queue'] });
      void qc.invalidateQueries({ queryKey: ['resources'] });
    },
  });
}
