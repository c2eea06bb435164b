import type { NotificationKind, NotificationView, ReactionKind } from '../../../contracts/communities.js';
import type { NotificationRow } from './notifications.repository.js';

/**
 * The privacy boundary of notifications: an anonymous actor was never stored (`actor_id` null,
 * `actor_anonymous` 1), so nothing here can name them.
 */
export function presentNotification(n: NotificationRow): NotificationView {
  const data = JSON.parse(n.data) as { reaction?: ReactionKind; message?: string };
  const actor = n.actor_anonymous === 1 || !n.actor_id || !n.actor_handle ? null : { id: n.actor_id, handle: n.actor_handle };
  return {
    id: n.id,
    kind: n.kind as NotificationKind,
    threadId: n.thread_id,
    threadTitle: n.thread_title,
    postId: n.post_id,
    actor,
    actorLabel: n.actor_anonymous === 1 ? 'Anonymous member' : actor ? actor.handle : n.kind === 'moderation' ? 'Moderators' : 'former member',
    reaction: data.reaction ?? null,
    message: data.message ?? null,
    // A followed-thread notice just written stands for its one reply; read from the list, for all
    // the replies since (at least 1: the reply it points at may have been hidden since).
    newReplies: n.kind === 'followed' ? Math.max(1, Number(n.new_replies ?? 1)) : null,
    read: n.read_at !== null,
    createdAt: n.created_at,
  };
}
