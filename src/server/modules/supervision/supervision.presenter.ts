import type {
  CheckinView,
  CoachingNoteView,
  PersonRef,
  SupervisionMessageView,
  SupervisionNoteView,
  SupervisionRequestView,
} from '../../../contracts/supervision.js';
import type { CheckinRow, CoachingRow, MessageRow, NoteRow, RequestRow } from './supervision.repository.js';

/**
 * The privacy boundary of supervision: every field that leaves the server is named here. The
 * service opens sealed words and checks who is asking before it calls these.
 */

export function presentCheckin(c: CheckinRow, note: string | null): CheckinView {
  return {
    id: c.id,
    energy: c.energy,
    manageable: c.manageable,
    supported: c.supported,
    low: c.low === 1,
    note,
    createdAt: c.created_at,
    followedUpAt: c.followed_up_at,
  };
}

/** The dashboard's line: the answers and the date, never the note. */
export function presentCheckinSummary(c: CheckinRow): Omit<CheckinView, 'note'> {
  const { note: _note, ...rest } = presentCheckin(c, null);
  return rest;
}

export function presentNote(n: NoteRow & { author_handle: string | null }, body: string, viewerId: string): SupervisionNoteView {
  return {
    id: n.id,
    author: n.author_id ? { id: n.author_id, handle: n.author_handle ?? '' } : null,
    mine: n.author_id === viewerId,
    body,
    createdAt: n.created_at,
  };
}

export function presentRequest(
  r: RequestRow,
  viewerId: string,
  people: ReadonlyMap<string, PersonRef>,
  awaitingReplySince: string | null,
): SupervisionRequestView {
  return {
    id: r.id,
    role: r.supporter_id === viewerId ? 'supporter' : 'supervisor',
    supporter: people.get(r.supporter_id) ?? { id: r.supporter_id, handle: '' },
    supervisor: r.supervisor_id ? (people.get(r.supervisor_id) ?? null) : null,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    awaitingReplySince,
  };
}

export function presentMessage(m: MessageRow, body: string, viewerId: string, people: ReadonlyMap<string, PersonRef>): SupervisionMessageView {
  return {
    id: m.id,
    requestId: m.request_id,
    sender: m.sender_id ? (people.get(m.sender_id) ?? null) : null,
    mine: m.sender_id === viewerId,
    body,
    createdAt: m.created_at,
  };
}

export function presentCoaching(
  c: CoachingRow & { author_handle: string | null },
  body: string,
  item: { excerpt: string | null; threadId: string | null; mentorshipId: string | null },
): CoachingNoteView {
  return {
    id: c.id,
    itemKind: c.item_kind,
    itemId: c.item_id,
    excerpt: item.excerpt,
    threadId: item.threadId,
    mentorshipId: item.mentorshipId,
    author: c.author_id ? { id: c.author_id, handle: c.author_handle ?? '' } : null,
    body,
    createdAt: c.created_at,
  };
}

