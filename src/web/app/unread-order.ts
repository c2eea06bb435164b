/**
 * Which live unread count the bell keeps (ADR 046). `notification.created` pushes are not
 * published in the order their counts were taken — a dispatch's right after its commit, a
 * request's at a later drain, another instance's at any time — so the last to arrive may carry an
 * older count. Each carries `unreadAsOf`, the newest unread notice its count covered (time-ordered
 * ids): the newer marker wins; on the same marker the larger count was taken later (it saw more
 * rows committed below that notice). Pure, so it is tested without a browser.
 */
export interface UnreadMark {
  /** Missing on a push written before `unreadAsOf` existed (an outbox row from before a deploy). */
  asOf: string | undefined | null;
  count: number;
}

/** True when `push` should replace the count held from `held` (the newest push taken so far, or none). */
export function takesUnreadPush(held: UnreadMark | null, push: UnreadMark): boolean {
  if (held === null) return true;
  // Without a marker on either side there is nothing to order by: take the push, as before ADR 046.
  if (!push.asOf || !held.asOf) return true;
  if (push.asOf !== held.asOf) return push.asOf > held.asOf;
  return push.count > held.count;
}
