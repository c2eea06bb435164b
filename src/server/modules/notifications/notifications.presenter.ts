import type { NotificationKind, NotificationView, ReactionKind } from '../../../contracts/communities.js';
import type { NotificationRow } from './notifications.repository.js';

/**
 * The privacy boundary of notifications: an anonymous actor was never stored (`actor_id` null,
 * `actor_anonymous` 1), so nothing here can name them.
 */
export function presentNotification(n: NotificationRow): NotificationView {
  const data = JSON.parse(n.data) as { reaction?: ReactionKind; message?: string; about?: 'my_reports' };
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
    about: data.about ?? null,
    newReplies: n.kind === 'followed' ? followedCount(n.new_replies) : null,
    read: n.read_at !== null,
    createdAt: n.created_at,
  };
}

/**
 * A followed-thread notice just written (no count read) stands for its one reply; read from the
 * list, for the replies counted. Null, so no number is shown, when none is left to count (the
 * replies were hidden since) or the count is withheld (the reader may no longer read the thread).
 */
function followedCount(counted: number | string | null | undefined): number | null {
  if (counted === undefined) return 1;
  const n = counted === null ? 0 : Number(counted);
  return n > 0 ? n : null;
}
