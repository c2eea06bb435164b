import type { NotificationView, PostView, ThreadView } from './communities.js';

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
  /** A post became visible (new, or released from review), presented as any member may see it. */
  'community.post_created': { threadId: string; spaceId: string; post: PostView };
  /** A post was edited, hidden, restored or deleted: clients refetch it. */
  'community.post_updated': { threadId: string; postId: string; state: PostView['state'] };
  'community.reactions_changed': { threadId: string; postId: string; reactions: { relate: number; strength: number; helped: number } };
  /** A new thread in a space (rooms `space:<id>`), presented as any member may see it. */
  'community.thread_created': { spaceId: string; thread: ThreadView };
  /** Counts and activity time changed (lists re-sort). */
  'community.thread_activity': { threadId: string; spaceId: string; replyCount: number; reactionCount: number; lastActivityAt: string };
  'notification.created': { notification: NotificationView; unreadCount: number };
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
  | { type: 'pong' }
  | { type: 'reconnect'; afterMs: number };
