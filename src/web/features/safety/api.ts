import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CrisisLine } from '../../../contracts/safety.js';
import { api } from '../../lib/api.js';

export type { CrisisLine };

export interface CrisisResources {
  region: string | null;
  lines: CrisisLine[];
  directory: CrisisLine[];
  regions: string[];
  notice: string;
}

export function fetchCrisisResources(region: string): Promise<CrisisResources> {
  return api<CrisisResources>(`/api/crisis-resources?region=${encodeURIComponent(region)}`);
}

/** Helplines for a region (works signed out). Kept fresh for an hour: they rarely change. */
export function useCrisisResources(region: string) {
  return useQuery({
    queryKey: ['crisis-resources', region],
    queryFn: () => fetchCrisisResources(region),
    staleTime: 60 * 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The line to offer first in a crisis: a crisis line, else a text line, else emergency services. */
export function mainLine(lines: CrisisLine[]): CrisisLine | undefined {
  return (
    lines.find((l) => l.kind === 'crisis_line' && (l.phone || l.sms)) ??
    lines.find((l) => l.kind === 'text_line' && l.sms) ??
    lines.find((l) => l.kind === 'emergency')
  );
}

/** A phone number as a tel:/sms: URI (digits and a leading + only). */
export function dialable(number: string): string {
  return number.replace(/[^\d+]/g, '');
}
