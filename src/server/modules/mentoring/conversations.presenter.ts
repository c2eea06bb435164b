import type { ConversationState, MessageView } from '../../../contracts/conversations.js';
import type { ConversationRow, MessageRow, ScreeningRow } from './conversations.repository.js';
import { guidanceFor } from './guidance.js';

export type ConversationRole = 'member' | 'supporter' | 'supervisor';

/** Who is looking, and what the presenter needs to show them a message. */
export interface MessageViewer {
  userId: string;
  role: ConversationRole;
  conversation: ConversationRow;
  handles: ReadonlyMap<string, string>;
  screenings: ReadonlyMap<string, ScreeningRow>;
  /** Opens a body sealed for this conversation. Called only for bodies the viewer may read. */
  open(row: MessageRow): string;
}

/**
 * A message as this viewer may see it — the privacy boundary of the conversation:
 *  - the words go to the two participants (and a supervisor admitted by a grant), never in an event;
 *  - a message held for contact details reaches its sender only (the repository does not even
 *    return it to the other side) unless it screened ≥ 2; one held by the safety screen (or such
 *    a worrying one) shows the other side a placeholder without words;
 *  - the safety screen's verdict and guidance go to the supporter (and the admitted supervisor)
 *    on the member's messages only; the member never sees a verdict on their own words (they get
 *    the crisis notice when they send).
 */
export function presentMessage(row: MessageRow, v: MessageViewer): MessageView {
  const mine = row.sender_id !== null && row.sender_id === v.userId;
  const mayReadWords = row.state === 'visible' || mine || v.role === 'supervisor';
  const body = row.state === 'removed' || !mayReadWords ? null : v.open(row);
  const fromMember = row.sender_id !== null && row.sender_id === v.conversation.member_id;
  const screening = row.screening_id ? v.screenings.get(row.screening_id) : undefined;
  const showVerdict = fromMember && !mine && (v.role === 'supporter' || v.role === 'supervisor') && row.state !== 'removed';
  return {
    id: row.id,
    mentorshipId: row.mentorship_id,
    kind: row.kind,
    sender: row.sender_id ? { id: row.sender_id, handle: v.handles.get(row.sender_id) ?? 'former member' } : null,
    mine,
    body,
    state: row.state,
    heldReason: row.state === 'visible' ? null : row.hold_reason,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    readAt: row.read_at,
    clientId: mine ? (row.client_id ?? null) : null,
    screen:
      showVerdict && screening
        ? guidanceFor({ level: screening.level, categories: JSON.parse(screening.categories) as string[], subject: screening.subject, alerted: !!row.alert_id })
        : null,
  };
}

export function presentConversationState(s: {
  conversation: ConversationRow;
  role: ConversationRole;
  availability: { availableNow: boolean; replyLikelyAfter: Date | null; away: { until: string; message: string | null } | null } | null;
  receipts: { deliveredUpTo: string | null; readUpTo: string | null };
  unread: number;
}): ConversationState {
  const forMember = s.role === 'member' && s.availability !== null;
  return {
    mentorshipId: s.conversation.id,
    role: s.role,
    status: s.conversation.status,
    readOnly: s.conversation.status !== 'active' || s.role === 'supervisor',
    supporterAvailableNow: forMember ? s.availability!.availableNow : null,
    replyLikelyAfter: forMember ? (s.availability!.replyLikelyAfter?.toISOString() ?? null) : null,
    supporterAway: forMember ? s.availability!.away : null,
    otherDeliveredUpTo: s.receipts.deliveredUpTo,
    otherReadUpTo: s.receipts.readUpTo,
    unread: s.unread,
  };
}
