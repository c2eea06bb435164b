import type { NotificationView, PostView, ThreadView } from './communities.js';
import type { OfferView, SupportRequestView } from './mentoring.js';
import type { HeldStatus } from './safety.js';

/**
 * The one typed realtime contract, imported by the server and the web client.
 * Every event that can reach a browser is named here with the exact shape it carries.
 * Event data is already presented: nothing private beyond what the room's members may see.
 */
export interface EventMap {
  'session.revoked': { sessionId: string };
  'account.roles_changed': { userId: string; roles: string[] };
  'account.created': { userId: string };
  'account.erased': { userId: string };
  'safety.alert_raised': {
    alertId: string;
    level: number;
    categories: string[];
    dueAt: string;
    escalated: boolean;
  };
  'safety.alert_updated': {
    alertId: string;
    status: 'open' | 'acknowledged' | 'resolved';
    escalated: boolean;
  };
  'safety.alert_escalated': { alertId: string; level: number; dueAt: string };
  'safety.held_content_decided': { heldId: string; objectType: string; objectId: string; status: string };
  /**
   * Room `safety:all` (every supervisor and admin, who review held content): the review queue changed.
   * An item was held (`pending`), decided (`released`, `edited`, `removed`), replaced by newer words
   * (`superseded`) or left the queue with its object (`withdrawn`: deleted or taken back before anyone
   * decided); clients read the queue again. Ids only, never the words or the author.
   */
  'safety.held_queue_changed': { heldId: string; objectType: string; status: HeldStatus };
  /**
   * Room `thread:<id>`: a post became visible (new, or released from review), presented as any member
   * may see it, with its thread's counts and activity time after it: a reply is one event to its
   * thread's watchers (ADR 059); the space's room gets `community.thread_activity` instead.
   */
  'community.post_created': { threadId: string; spaceId: string; post: PostView; replyCount: number; reactionCount: number; lastActivityAt: string };
  /**
   * Room `thread:<id>`: a post readers had was edited, hidden, restored, removed, deleted or put back on
   * hold (clients refetch it: each reader is presented their own view), with its thread's counts and
   * activity time after the change: one event to its thread's watchers (ADR 059, amendment); the
   * space's room gets `community.thread_activity` instead. Ids, state and counts only: never words or an author.
   * Not sent by an account's erasure (its posts deleted, blanked or left without an author): that sends
   * `community.thread_changed` instead, one a thread (ADR 059, amendment 2026-11-28).
   */
  'community.post_updated': { threadId: string; spaceId: string; postId: string; state: PostView['state']; replyCount: number; reactionCount: number; lastActivityAt: string };
  'community.reactions_changed': { threadId: string; postId: string; reactions: { relate: number; strength: number; helped: number } };
  /**
   * Room `thread:<id>`: several of the thread's posts changed at once, and clients refetch the thread
   * (each reader is presented their own view); `gone`: the thread itself no longer exists (its page says
   * so). Sent by an account's erasure, one a thread whose shown posts it deleted, blanked or took the
   * author off (ADR 059, amendment 2026-11-28). Ids only: no post, words, title, author or count,
   * nothing that says whose account it was.
   */
  'community.thread_changed': { threadId: string; spaceId: string; gone: boolean };
  /**
   * Room `space:<id>`: threads its lists show changed in ways a list shows (counts, a title, an author,
   * a thread gone) and clients read their lists again. One a space per account erasure (ADR 059,
   * amendment 2026-11-28): the space's id only, not which threads.
   */
  'community.space_lists_changed': { spaceId: string };
  /** A new thread in a space (rooms `space:<id>`), presented as any member may see it. */
  'community.thread_created': { spaceId: string; thread: ThreadView };
  /**
   * Counts and activity time changed (lists re-sort). Room `space:<id>` only, for a thread its lists
   * show every reader (state `visible`) or showed until this change (ADR 059 and its amendments). A
   * thread's own room never gets it: a new post carries the counts in `community.post_created`, a
   * changed one in `community.post_updated`, a reaction's event is the post's own counts.
   */
  'community.thread_activity': { threadId: string; spaceId: string; replyCount: number; reactionCount: number; lastActivityAt: string };
  /** `unreadAsOf`: the newest unread notice `unreadCount` counted (a time-ordered id); the client keeps the count of the newest (ADR 046). */
  'notification.created': { notification: NotificationView; unreadCount: number; unreadAsOf: string };
  /** Room `user:<member>`: the member's request changed (offered wider, matched, cancelled, expired). */
  'mentoring.request_updated': { request: SupportRequestView };
  /** Room `user:<supporter>`: a member's request is offered to this supporter. */
  'mentoring.offer_received': { offer: OfferView };
  /** Room `user:<supporter>`: an offer is no longer open (someone accepted, or the member cancelled). */
  'mentoring.offer_withdrawn': { requestId: string };
  /** Rooms `user:<member>`, `user:<supporter>`: a mentorship began; clients fetch it (each side sees its own view). */
  'mentoring.mentorship_started': { mentorshipId: string };
  /** Rooms `user:<both>`, `mentorship:<id>`: it ended; clients refetch (the reason is presented per side). */
  'mentoring.mentorship_ended': { mentorshipId: string; endedAt: string };
  /** Rooms of the supporters and the member involved: a handover moved on. */
  'mentoring.handover_updated': { handoverId: string; mentorshipId: string; status: 'proposed' | 'accepted_by_supporter' | 'consented' | 'declined' | 'cancelled' };
  /** Rooms `mentorship:<id>` of the supporter's active mentorships: away mode or hours changed; refetch the supporter. */
  'mentoring.supporter_updated': { supporterId: string };
  /** Rooms `user:<both>`, `mentorship:<id>`: a supervisor access grant was given, revoked or expired. */
  'mentoring.supervisor_access_changed': { mentorshipId: string };
  /** Rooms `safety:duty`, `safety:all`: a supporter asked for a supervisor in a conversation. */
  'mentoring.supervisor_requested': { mentorshipId: string; grantId: string; alertId: string | null };
  /**
   * Room `mentorship:<id>`: a message became visible to both participants (new, an auto-reply, or
   * released from review). Ids only: message text never rides in the outbox or on the bus; each
   * side fetches it through the presenter (the supporter's copy carries the screen's verdict).
   * A message held from the other side is announced to `user:<sender>` only.
   */
  'mentoring.message_created': { mentorshipId: string; messageId: string; senderId: string | null; kind: 'text' | 'closing' | 'auto_reply' | 'system'; createdAt: string };
  /** Room `mentorship:<id>` (or `user:<sender>` for a message the other side never saw): a held message was removed or edited by a supervisor. */
  'mentoring.message_updated': { mentorshipId: string; messageId: string; state: 'visible' | 'held' | 'removed' };
  /** Room `mentorship:<id>`: `byUserId` received every message of the other side up to `upTo` (✓ delivered). */
  'mentoring.messages_delivered': { mentorshipId: string; byUserId: string; upTo: string; at: string };
  /** Room `mentorship:<id>`: `byUserId` read every message of the other side up to `upTo` (✓ read). */
  'mentoring.messages_read': { mentorshipId: string; byUserId: string; upTo: string; at: string };
  /** Room `mentorship:<id>`, ephemeral (straight on the bus, never stored): `handle` is typing. */
  'mentoring.typing': { mentorshipId: string; userId: string; handle: string; at: string };
  /*
   * Groups and circles (rooms `group:<id>`, `circle:<id>`). Their words are encrypted at rest, so
   * events carry ids only (the outbox is a table): a client fetches the message it is told about.
   */
  'group.message_created': { groupId: string; messageId: string };
  /** Pinned, unpinned, released or removed: clients refetch it. */
  'group.message_updated': { groupId: string; messageId: string };
  /** Someone joined or left, was muted, or a new agreement version came in. */
  'group.changed': { groupId: string; agreementVersion: number };
  'group.meetings_changed': { groupId: string; meetingId: string };
  'group.goal_progress': { groupId: string; goalId: string };
  'circle.message_created': { circleId: string; messageId: string };
  'circle.message_updated': { circleId: string; messageId: string };
  'circle.checkin_shared': { circleId: string; checkinId: string };
  /** Someone joined or left, or the circle was renamed or closed. */
  'circle.changed': { circleId: string };
  /*
   * Supervision (issue 7). Ids only: words are sealed at rest, so clients fetch what they are told about.
   */
  /** Rooms `user:<supporter>`, `user:<supervisor>`: an assignment, check-in, note or item changed; refetch. */
  'supervision.changed': { supporterId: string };
  /** Rooms `user:<supporter>`, `user:<supervisor>`, `supervision:<id>`: a request was opened, answered or closed. */
  'supervision.request_updated': { requestId: string; status: 'open' | 'closed' };
  /** Room `supervision:<requestId>`: a new message; the two people in it fetch it. */
  'supervision.message_created': { requestId: string; messageId: string; senderId: string | null };
}

export type EventType = keyof EventMap;

export interface RealtimeEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  data: EventMap[T];
}

/** Messages a browser sends over the socket. */
export type ClientMessage =
  | { type: 'subscribe'; room: string }
  | { type: 'unsubscribe'; room: string }
  | { type: 'ping' };

/** Messages the server sends over the socket. */
export type ServerMessage =
  | { type: 'event'; room: string; event: RealtimeEvent }
  | { type: 'subscribed'; room: string }
  | { type: 'denied'; room: string; reason: string }
  /** The subscribe could not be checked now (the database did not answer in time): not a "no"; subscribe again after `afterMs`, backing off. */
  | { type: 'unavailable'; room: string; afterMs: number }
  | { type: 'pong' }
  | { type: 'reconnect'; afterMs: number };
