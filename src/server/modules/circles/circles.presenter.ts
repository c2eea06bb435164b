import type { z } from 'zod';
import type { CheckinView, CircleMessageView, CircleView, InvitationView } from '../../../contracts/circles.js';
import { CIRCLE_LIMITS } from '../../../contracts/circles.js';
import type { CheckinRow, CircleMessageRow, CircleRow } from './circles.repository.js';

/** A circle for one of its members: its (opened) name and who is in it. */
export function presentCircle(c: CircleRow, name: string, members: { user_id: string; handle: string; joined_at: string }[], viewerId: string): z.infer<typeof CircleView> {
  return {
    id: c.id,
    name,
    isOwner: c.owner_id === viewerId,
    members: members.map((m) => ({ id: m.user_id, handle: m.handle, isOwner: m.user_id === c.owner_id, joinedAt: m.joined_at })),
    maxMembers: CIRCLE_LIMITS.maxMembers,
    createdAt: c.created_at,
  };
}

export function presentInvitation(i: { id: string; created_at: string; expires_at: string; revoked_at: string | null; used_at: string | null }, now: Date): z.infer<typeof InvitationView> {
  const status = i.used_at ? 'used' : i.revoked_at ? 'revoked' : i.expires_at <= now.toISOString() ? 'expired' : 'active';
  return { id: i.id, createdAt: i.created_at, expiresAt: i.expires_at, status };
}

/** The words (opened by the service) only while visible, or to their author while held. */
export function presentCircleMessage(m: CircleMessageRow, body: string | null, viewerId: string): z.infer<typeof CircleMessageView> {
  const isMe = !!m.author_id && m.author_id === viewerId;
  const show = m.state === 'visible' || (m.state === 'pending' && isMe);
  return {
    id: m.id,
    circleId: m.circle_id,
    author: m.author_id && m.author_handle ? { id: m.author_id, handle: m.author_handle } : null,
    isMe,
    body: show ? body : null,
    state: m.state,
    createdAt: m.created_at,
  };
}

/** A check-in: the mood always, the note only while visible (or to its author); shares to its author only. */
export function presentCheckin(c: CheckinRow, note: string | null, viewerId: string, sharedWith: string[] | null): z.infer<typeof CheckinView> {
  const isMe = c.user_id === viewerId;
  const show = c.note_state === 'visible' || (c.note_state === 'pending' && isMe);
  return {
    id: c.id,
    author: c.author_handle ? { id: c.user_id, handle: c.author_handle } : null,
    isMe,
    mood: c.mood,
    note: show ? note : null,
    sharedWith: isMe ? sharedWith : null,
    createdAt: c.created_at,
  };
}
