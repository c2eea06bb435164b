import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CircleView as CircleSchema } from '../../../contracts/circles.js';
import type { StrategyView as StrategySchema } from '../../../contracts/library.js';
import type {
  GoalSharesView as GoalSharesSchema,
  GoalView as GoalSchema,
  GoalWritten as GoalWrittenSchema,
  JournalEntryView as JournalSchema,
  JournalEntryWritten as JournalWrittenSchema,
  MoodCheckinBody as CheckinBodySchema,
  MoodCheckinWritten as CheckinWrittenSchema,
  ReminderView as ReminderSchema,
  SafetyPlanBody as PlanBodySchema,
  SafetyPlanView as PlanSchema,
  SafetyPlanWritten as PlanWrittenSchema,
  SummaryBody as SummaryBodySchema,
  SummaryView as SummarySchema,
  TrendView as TrendSchema,
} from '../../../contracts/recovery.js';
import { api } from '../../lib/api.js';
import { useDraftKey } from '../../lib/draft-key.js';
import '../../locales/load-recovery.js';
import './recovery.css';

export type StrategyView = z.infer<typeof StrategySchema>;
export type GoalView = z.infer<typeof GoalSchema>;
export type GoalWritten = z.infer<typeof GoalWrittenSchema>;
export type GoalShares = z.infer<typeof GoalSharesSchema>;
export type JournalEntry = z.infer<typeof JournalSchema>;
export type JournalWritten = z.infer<typeof JournalWrittenSchema>;
export type CheckinInput = z.input<typeof CheckinBodySchema>;
export type CheckinWritten = z.infer<typeof CheckinWrittenSchema>;
export type ReminderView = z.infer<typeof ReminderSchema>;
export type SafetyPlan = z.infer<typeof PlanSchema>;
export type SafetyPlanInput = z.input<typeof PlanBodySchema>;
export type SafetyPlanWritten = z.infer<typeof PlanWrittenSchema>;
export type SummaryInput = z.input<typeof SummaryBodySchema>;
export type SummaryView = z.infer<typeof SummarySchema>;
export type TrendView = z.infer<typeof TrendSchema>;
export type TrendRange = TrendView['range'];

// The contracts' lists, repeated as plain data: importing them would bring zod into this chunk.
export const FEELINGS = ['calm', 'hopeful', 'content', 'grateful', 'energetic', 'tired', 'anxious', 'sad', 'lonely', 'angry', 'overwhelmed', 'numb', 'irritable', 'ashamed'] as const;
export const TREND_RANGES: readonly TrendRange[] = ['week', 'month', 'quarter'];
export const LIMITS = { planItemMax: 300, planItemsMax: 15, reasonMax: 1_000, checkinNoteMax: 500, feelingsMax: 6, journalTitleMax: 120, journalBodyMax: 20_000, summaryEntriesMax: 20 } as const;

const enc = encodeURIComponent;

// ── goals ────────────────────────────────────────────────────────────────────
export function useGoals() {
  return useQuery({ queryKey: ['goals'], queryFn: () => api<{ goals: GoalView[] }>('/api/me/recovery/goals').then((r) => r.goals) });
}

/** Every goal write answers with the goal; the list is refetched so order and counts stay the server's. */
export function useGoalWrite<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['goals'] }) });
}

export const goalApi = {
  create: (body: { title: string; targetDate?: string | null; steps: string[]; clientId?: string }) => api<GoalWritten>('/api/me/recovery/goals', { method: 'POST', body }),
  patch: (id: string, body: { done?: boolean; title?: string; targetDate?: string | null }) => api<GoalWritten>(`/api/me/recovery/goals/${enc(id)}`, { method: 'PATCH', body }),
  remove: (id: string) => api<{ ok: true }>(`/api/me/recovery/goals/${enc(id)}`, { method: 'DELETE' }),
  addStep: (id: string, text: string, clientId?: string) => api<GoalWritten>(`/api/me/recovery/goals/${enc(id)}/steps`, { method: 'POST', body: { text, clientId } }),
  setStep: (id: string, stepId: string, done: boolean) => api<GoalView>(`/api/me/recovery/goals/${enc(id)}/steps/${enc(stepId)}`, { method: 'PATCH', body: { done } }),
  removeStep: (id: string, stepId: string) => api<GoalView>(`/api/me/recovery/goals/${enc(id)}/steps/${enc(stepId)}`, { method: 'DELETE' }),
};

/** My goal shares and the groups I may share into; asked afresh when the plan opens. */
export function useGoalShares() {
  return useQuery({ queryKey: ['goal-shares'], queryFn: () => api<GoalShares>('/api/me/recovery/goal-shares') });
}

export function useShareGoal(goalId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { groupId: string; share: boolean }) => api<GoalShares>(`/api/me/recovery/goals/${enc(goalId)}/shares/${enc(v.groupId)}`, { method: v.share ? 'PUT' : 'DELETE' }),
    onSuccess: (r) => qc.setQueryData(['goal-shares'], r),
  });
}

// ── saved strategies ─────────────────────────────────────────────────────────
export function useSavedStrategies() {
  return useQuery({ queryKey: ['saved-strategies'], queryFn: () => api<{ strategies: StrategyView[] }>('/api/me/recovery/strategies').then((r) => r.strategies) });
}

export function useUnsaveStrategy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ strategies: StrategyView[] }>(`/api/me/recovery/strategies/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: (r) => qc.setQueryData(['saved-strategies'], r.strategies),
  });
}

// ── safety plan ──────────────────────────────────────────────────────────────
export function useSafetyPlan() {
  return useQuery({ queryKey: ['safety-plan'], queryFn: () => api<SafetyPlan>('/api/me/recovery/safety-plan') });
}

export function useSaveSafetyPlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SafetyPlanInput) => api<SafetyPlanWritten>('/api/me/recovery/safety-plan', { method: 'PUT', body }),
    onSuccess: (r) => qc.setQueryData(['safety-plan'], r.plan),
  });
}

// ── check-ins ────────────────────────────────────────────────────────────────
/** Carries a clientId per draft (ADR 042): checking in again after a failure cannot store two. */
export function useCheckIn() {
  const qc = useQueryClient();
  const draft = useDraftKey();
  return useMutation({
    mutationFn: (body: CheckinInput) => draft.send(body, (clientId) => api<CheckinWritten>('/api/me/checkins', { method: 'POST', body: { ...body, clientId } })),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['trend'] });
      for (const circleId of r.sharedWith) void qc.invalidateQueries({ queryKey: ['circles', circleId, 'checkins'] });
    },
  });
}

/**
 * My circles, to offer sharing a check-in into them (same cache entry as the circles page); asked
 * afresh each time the form opens, so a circle joined in another tab is offered too.
 */
export function useMyCircles() {
  return useQuery({ queryKey: ['circles'], staleTime: 0, queryFn: () => api<{ circles: z.infer<typeof CircleSchema>[] }>('/api/circles').then((r) => r.circles) });
}

export function useTrend(range: TrendRange) {
  return useQuery({ queryKey: ['trend', range], queryFn: () => api<TrendView>(`/api/me/checkins/trend?range=${range}`) });
}

export function useReminder() {
  return useQuery({ queryKey: ['checkin-reminder'], queryFn: () => api<ReminderView>('/api/me/checkins/reminder') });
}

export function useSetReminder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { enabled: boolean; time: string; timeZone?: string }) => api<ReminderView>('/api/me/checkins/reminder', { method: 'PUT', body }),
    onSuccess: (r) => qc.setQueryData(['checkin-reminder'], r),
  });
}

// ── journal ──────────────────────────────────────────────────────────────────
export function useJournal(q: string) {
  return useInfiniteQuery({
    queryKey: ['journal', q],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const p = new URLSearchParams({ limit: '30' });
      if (q) p.set('q', q);
      if (pageParam) p.set('cursor', pageParam);
      return api<{ entries: JournalEntry[]; nextCursor: string | null }>(`/api/me/journal?${p.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useJournalWrite<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['journal'] }) });
}

export const journalApi = {
  /** `clientId`: the draft's key (ADR 042), so that saving again after a failure cannot store it twice. */
  create: (body: { title: string | null; body: string }, clientId: string) => api<JournalWritten>('/api/me/journal', { method: 'POST', body: { ...body, clientId } }),
  update: (id: string, body: { title: string | null; body: string }) => api<JournalWritten>(`/api/me/journal/${enc(id)}`, { method: 'PUT', body }),
  remove: (id: string) => api<{ ok: true }>(`/api/me/journal/${enc(id)}`, { method: 'DELETE' }),
};

// ── therapist summary ────────────────────────────────────────────────────────
export function useSummary() {
  return useMutation({ mutationFn: (body: SummaryInput) => api<SummaryView>('/api/me/recovery/summary', { method: 'POST', body }) });
}
