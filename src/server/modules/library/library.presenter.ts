import type { z } from 'zod';
import type { ResourceView, StrategyView } from '../../../contracts/library.js';
import type { ResourceRow, StrategyRow } from './library.repository.js';

export const TEAM_AUTHOR = 'Kindred team';

/** A strategy as a reader sees it: the author by handle (or "Kindred team"), counts, and the reader's own marks. */
export function presentStrategy(s: StrategyRow, viewerId: string, marks: { helped: boolean; saved: boolean }): z.infer<typeof StrategyView> {
  return {
    id: s.id,
    title: s.title,
    steps: JSON.parse(s.steps) as string[],
    whenItHelps: s.when_it_helps,
    conditions: JSON.parse(s.conditions) as string[],
    situations: JSON.parse(s.situations) as string[],
    situationNote: s.situation_note,
    author: s.by_team === 1 ? { id: null, handle: TEAM_AUTHOR } : s.author_id && s.author_handle ? { id: s.author_id, handle: s.author_handle } : null,
    byTeam: s.by_team === 1,
    isMine: !!s.author_id && s.author_id === viewerId,
    state: s.state,
    helpedCount: s.helped_count,
    helpedByMe: marks.helped,
    savedByMe: marks.saved,
    reviewed: s.reviewed_at !== null,
    reviewedAt: s.reviewed_at,
    createdAt: s.created_at,
  };
}

/** A directory entry. Who suggested or verified it stays on the server. */
export function presentResource(r: ResourceRow, staleBefore: string): z.infer<typeof ResourceView> {
  return {
    id: r.id,
    source: 'directory',
    kind: r.kind,
    name: r.name,
    region: r.region,
    languages: r.languages,
    cost: r.cost,
    phone: r.phone,
    url: r.url,
    email: r.email,
    openingHours: r.opening_hours,
    description: r.description,
    status: r.status,
    verifiedAt: r.verified_at,
    stale: r.status === 'verified' && !!r.verified_at && r.verified_at < staleBefore,
    createdAt: r.created_at,
  };
}

/** One of the foundation's crisis lines, shown in the directory as a free hotline (read-only). */
export function presentCrisisLineAsResource(l: { id: string; region: string; name: string; description: string; phone: string | null; web: string | null; hours: string }): z.infer<typeof ResourceView> {
  return {
    id: `crisis-line-${l.id}`,
    source: 'crisis_line',
    kind: 'hotline',
    name: l.name,
    region: l.region,
    languages: [],
    cost: 'free',
    phone: l.phone,
    url: l.web,
    email: null,
    openingHours: l.hours,
    description: l.description,
    status: 'verified',
    verifiedAt: null,
    stale: false,
    createdAt: null,
  };
}
