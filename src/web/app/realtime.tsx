import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { EventMap, RealtimeEvent } from '../../contracts/events.js';
import { fetchMe, meKey } from '../features/auth/api.js';
import { todayKey } from '../features/today/api.js';
import { RealtimeClient, type RealtimeStatus } from '../lib/realtime.js';
import { takesUnreadPush, type UnreadMark } from './unread-order.js';

export type RealtimeListener = (event: RealtimeEvent, room: string) => void;

interface RealtimeContextValue {
  client: RealtimeClient | null;
  status: RealtimeStatus;
  joined: ReadonlySet<string>;
  listeners: Set<RealtimeListener>;
}

const RealtimeContext = createContext<RealtimeContextValue>({ client: null, status: 'closed', joined: new Set(), listeners: new Set() });

/** The unread count shown on the bell; `notification.created` carries the new value. */
export const unreadKey = ['notifications', 'unread'] as const;

/**
 * Keeps one socket open while someone is signed in and turns server events into query
 * invalidations: the server stays the source of truth, the socket only says "look again".
 */
export function RealtimeProvider({ userId, children }: { userId: string | null; children: ReactNode }) {
  const qc = useQueryClient();
  const [client, setClient] = useState<RealtimeClient | null>(null);
  const [status, setStatus] = useState<RealtimeStatus>('closed');
  const [joined, setJoined] = useState<ReadonlySet<string>>(new Set());
  // Pages (in their own chunks) listen for their domain's events here, e.g. a thread page.
  const listeners = useRef(new Set<RealtimeListener>()).current;

  useEffect(() => {
    if (!userId) return;
    // The newest `notification.created` the bell took its count from (this member, this socket's life).
    let newestUnread: UnreadMark | null = null;
    const c = new RealtimeClient({
      onEvent(event, room) {
        for (const l of listeners) l(event, room);
        switch (event.type) {
          case 'session.revoked':
            // If it was this tab’s session, the session check now answers "signed out" and the app signs out.
            void qc.invalidateQueries({ queryKey: ['me'] });
            void qc.invalidateQueries({ queryKey: ['sessions'] });
            break;
          case 'account.roles_changed':
            void qc.invalidateQueries({ queryKey: ['me'] });
            break;
          case 'safety.alert_raised':
          case 'safety.alert_updated':
          case 'safety.alert_escalated':
            void qc.invalidateQueries({ queryKey: ['alerts'] });
            void qc.invalidateQueries({ queryKey: todayKey });
            // RealtimeEvent is generic over its type, not a union narrowed by `type`: the cast is the contract.
            void qc.invalidateQueries({ queryKey: ['alert', (event.data as { alertId: string }).alertId] });
            break;
          case 'safety.held_queue_changed':
            // The review queue's own list listens for it (held-list.tsx); a supervisor's home counts what waits.
            void qc.invalidateQueries({ queryKey: todayKey });
            break;
          case 'safety.held_content_decided':
            void qc.invalidateQueries({ queryKey: ['held'] });
            void qc.invalidateQueries({ queryKey: ['me'] });
            void qc.invalidateQueries({ queryKey: todayKey });
            break;
          case 'notification.created': {
            const data = event.data as EventMap['notification.created'];
            // Pushes may arrive out of the order their counts were taken (ADR 046): the bell keeps
            // the count of the newest, not of the last to arrive. A fetch or a mark-read sets the
            // count but keeps the marker: a push older than the newest seen stays older.
            const push = { asOf: data.unreadAsOf, count: data.unreadCount };
            if (takesUnreadPush(newestUnread, push)) {
              newestUnread = push;
              qc.setQueryData(unreadKey, data.unreadCount);
            }
            void qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
            // The home page's counts (ADR 045): a notice may be a followed thread's, a meeting's, a message's.
            void qc.invalidateQueries({ queryKey: todayKey });
            // A sign-off decided, a request to sign off, a certificate expiring or withdrawn: the training pages follow.
            if (data.notification.kind === 'training') void qc.invalidateQueries({ queryKey: ['training'] });
            // A report's outcome: the member's own reports page shows it at once, not after its cache ages.
            if (data.notification.about === 'my_reports') void qc.invalidateQueries({ queryKey: ['my-reports'] });
            break;
          }
          case 'community.thread_created':
          case 'community.thread_activity':
          // A reply reaches its thread's watchers as one event carrying the thread's new counts (ADR 059):
          // the lists they have cached re-sort as they did on the counts' own event.
          case 'community.post_created':
          // An edit, hide, restore, removal or deletion reaches the thread's watchers as one event
          // carrying the thread's counts too (ADR 059, amendment): their cached lists refetch (counts,
          // a thread taken off them, an edited title), as they did on the counts' own event.
          case 'community.post_updated':
          // A reaction reaches the thread's watchers as its own event, no longer with the counts' event
          // in the thread's room (ADR 059): their cached lists (reaction counts, "top" order) refetch.
          case 'community.reactions_changed':
          // An account's erasure (ADR 059, amendment 2026-11-28): a thread's watchers hear its posts changed
          // (counts, a title, an author gone, or the thread itself), a space's lists that some of theirs did.
          case 'community.thread_changed':
          case 'community.space_lists_changed':
            void qc.invalidateQueries({ queryKey: ['threads'] });
            break;
          case 'mentoring.request_updated':
          case 'mentoring.offer_received':
          case 'mentoring.offer_withdrawn':
          case 'mentoring.mentorship_started':
          case 'mentoring.mentorship_ended':
          case 'mentoring.handover_updated':
          case 'mentoring.supporter_updated':
          case 'mentoring.supervisor_access_changed':
          case 'mentoring.supervisor_requested':
            // Requests, offers, mentorships: ask again (cheap, and each side is presented its own view).
            void qc.invalidateQueries({ queryKey: ['mentoring'] });
            void qc.invalidateQueries({ queryKey: todayKey });
            break;
          case 'supervision.changed':
          case 'supervision.request_updated':
          case 'supervision.message_created':
            // Dashboards, check-ins, requests: one root key; the server says what each viewer sees.
            void qc.invalidateQueries({ queryKey: ['supervision'] });
            break;
          default:
            break;
        }
      },
      onReconnected() {
        // Catch up on anything missed while the socket was down.
        void qc.invalidateQueries();
      },
      async onUnauthorized() {
        // The session check decides: signed out, the app hears it (and this effect stops the client);
        // still this person, the socket reconnects.
        const me = await qc.fetchQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 0 });
        return me?.id === userId;
      },
      onStatus: setStatus,
      onRooms: setJoined,
    });
    setClient(c);
    c.start();
    return () => {
      c.stop();
      setClient(null);
    };
  }, [userId, qc, listeners]);

  // The same object until something in it changes: every page that listens re-renders when it does.
  const value = useMemo(() => ({ client, status, joined, listeners }), [client, status, joined, listeners]);
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

/** Joins rooms for as long as the calling component is on screen; true once the server confirmed them all. */
export function useRealtimeRooms(rooms: readonly string[]): boolean {
  const { client, status, joined } = useContext(RealtimeContext);
  const key = rooms.join('|');
  useEffect(() => {
    if (!client) return;
    const list = key.split('|').filter(Boolean);
    for (const room of list) client.subscribe(room);
    return () => {
      for (const room of list) client.unsubscribe(room);
    };
  }, [client, key]);
  return status === 'open' && rooms.every((r) => joined.has(r));
}

/** Calls `listener` for every event that reaches this tab while the calling component is on screen. */
export function useRealtimeEvents(listener: RealtimeListener): void {
  const { listeners } = useContext(RealtimeContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const l: RealtimeListener = (e, r) => latest.current(e, r);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, [listeners]);
}
