import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ConversationSummary, MessagePage } from '../../contracts/conversations.js';
import type { EventMap } from '../../contracts/events.js';
import { api } from '../lib/api.js';
import { useRealtimeEvents, useRealtimeRooms } from './realtime.js';

type Summary = z.infer<typeof ConversationSummary>;
// Not under 'mentoring': the realtime provider's "something in mentoring changed" must not ask again
// on every page; this asks only when a conversation starts, ends, or gets or reads a message.
const summaryKey = ['mentoring-summary'] as const;
const enc = encodeURIComponent;

function delivered(mentorshipId: string, upTo: string) {
  return api(`/api/mentoring/mentorships/${enc(mentorshipId)}/delivered`, { method: 'POST', body: { upTo } }).catch(() => undefined);
}

/**
 * On every page for a signed-in person (part of the first page, like the bell, so it stays tiny
 * and uses only the main catalog): listens in their active conversations so that a message
 * reaches this device ("Delivered" for its sender) even when the conversation is not open, and
 * shows the unread count beside "Peer support".
 */
export default function MentoringPresence({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: summaryKey, queryFn: () => api<Summary>('/api/mentoring/conversations'), staleTime: 60_000 });
  const active = (data?.conversations ?? []).filter((c) => c.status === 'active').map((c) => c.mentorshipId);
  useRealtimeRooms(active.map((id) => `mentorship:${id}`));

  // Messages that arrived while no page of ours was open: the newest of each conversation with unread ones.
  const caughtUp = useRef(new Set<string>());
  useEffect(() => {
    for (const c of data?.conversations ?? []) {
      if (c.status !== 'active' || c.unread === 0 || caughtUp.current.has(c.mentorshipId)) continue;
      caughtUp.current.add(c.mentorshipId);
      void api<MessagePage>(`/api/mentoring/mentorships/${enc(c.mentorshipId)}/messages?limit=1`)
        .then((page) => {
          const newest = page.messages[0];
          if (newest && !newest.mine && !newest.deliveredAt) return delivered(c.mentorshipId, newest.id);
        })
        .catch(() => undefined);
    }
  }, [data]);

  useRealtimeEvents((event) => {
    if (event.type === 'mentoring.mentorship_started' || event.type === 'mentoring.mentorship_ended') {
      void qc.invalidateQueries({ queryKey: summaryKey });
    } else if (event.type === 'mentoring.message_created') {
      const d = event.data as EventMap['mentoring.message_created'];
      // Our own messages change no unread count: only the other side's are fetched and delivered.
      if (!d.senderId || d.senderId === userId) return;
      if (active.includes(d.mentorshipId)) void delivered(d.mentorshipId, d.messageId);
      void qc.invalidateQueries({ queryKey: summaryKey });
    } else if (event.type === 'mentoring.messages_read') {
      if ((event.data as EventMap['mentoring.messages_read']).byUserId === userId) void qc.invalidateQueries({ queryKey: summaryKey });
    }
  });

  const unread = data?.totalUnread ?? 0;
  if (unread === 0) return null;
  return (
    <span className="nav-count">
      <span aria-hidden="true">{unread}</span>
      <span className="visually-hidden"> {t('nav.unreadMessages', { count: unread })}</span>
    </span>
  );
}
