import { useQuery } from '@tanstack/react-query';
import { firstReadUrls } from '../../../contracts/first-reads.js';
import type { TodayView } from '../../../contracts/today.js';
import { api } from '../../lib/api.js';

export type { TodayView };

/** Asked again by the realtime client when something that it counts arrives (app/realtime.tsx). */
export const todayKey = ['today'] as const;

/** What waits for the signed-in person: one cheap read (ADR 045), asked again each time home opens. */
export function useToday() {
  return useQuery({ queryKey: todayKey, queryFn: () => api<TodayView>(firstReadUrls.today), staleTime: 0 });
}
