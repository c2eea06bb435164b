import { useQuery } from '@tanstack/react-query';
import { useRealtimeRooms } from '../../app/realtime.js';
import { api } from '../../lib/api.js';

/**
 * Here, not in `api.ts`: the signed-in home joins these rooms too (ADR 045), and `api.ts` brings
 * the safety contracts (and zod) with it, which the home's chunk should not carry.
 */

/** Rooms whose events say "the queue changed": new alerts for those on duty; escalations and updates for all. */
export const ROOM_ON_DUTY = 'safety:duty';
export const ROOM_ALL_RESPONDERS = 'safety:all';

export function useDuty() {
  return useQuery({ queryKey: ['duty'], queryFn: () => api<{ onDuty: boolean }>('/api/safety/duty').then((r) => r.onDuty) });
}

/**
 * Joins the realtime rooms that carry crisis alerts for as long as the caller is on screen (the
 * supervision board, and a supervisor's home: ADR 045); true once the server confirmed them.
 * Escalations reach every supervisor; new alerts reach those on duty, and the server checks duty
 * when a room is joined, so the duty room is joined (again) whenever the switch turns on.
 */
export function useAlertRooms(): boolean {
  const { data: onDuty } = useDuty();
  const allLive = useRealtimeRooms([ROOM_ALL_RESPONDERS]);
  const dutyLive = useRealtimeRooms(onDuty ? [ROOM_ON_DUTY] : []);
  return allLive && dutyLive;
}
