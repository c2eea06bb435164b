import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type {
  ConversationState,
  GUIDANCE_KEYS,
  MessagePage,
  MessageSent,
  MessageView,
  ScreenVerdictView,
  SupporterLoad,
} from '../../../contracts/conversations.js';
import { firstReadUrls } from '../../../contracts/first-reads.js';
import { api } from '../../lib/api.js';

export type { ConversationState, MessagePage, MessageSent, MessageView, ScreenVerdictView, SupporterLoad };
export type GuidanceKey = (typeof GUIDANCE_KEYS)[number];

/** Repeated from the contract (its values would bring zod into this chunk). */
export const CONVERSATION = { bodyMax: 4_000, typingIntervalMs: 3_000, typingShowMs: 5_000 } as const;

const enc = encodeURIComponent;

/**
 * Messages live under their own root key, so the realtime "something in mentoring changed"
 * invalidation does not refetch a whole history: new messages and receipts are patched in.
 */
export const messagesKey = (id: string) => ['mentoring-messages', id] as const;
type Pages = InfiniteData<MessagePage, string | null>;

/** The conversation, newest page first (each page newest first); "load earlier" fetches the next. */
export function useMessages(id: string) {
  return useInfiniteQuery({
    queryKey: messagesKey(id),
    initialPageParam: null as string | null,
    // The newest page is the one the server names in the page's preload hints (contracts/first-reads.ts).
    queryFn: ({ pageParam }) => api<MessagePage>(pageParam ? `${firstReadUrls.messages(id)}&cursor=${enc(pageParam)}` : firstReadUrls.messages(id)),
    getNextPageParam: (last) => last.nextCursor,
    // While the page is open the socket brings what changes (a refetch on focus would only repeat
    // it); coming back to the page asks again, since nothing was listening meanwhile.
    refetchOnWindowFocus: false,
    staleTime: 0,
  });
}

export function fetchMessage(mentorshipId: string, messageId: string): Promise<MessageView> {
  return api<{ message: MessageView }>(`/api/mentoring/mentorships/${enc(mentorshipId)}/messages/${enc(messageId)}`).then((r) => r.message);
}

/** Puts a message into the cached history (replacing one with the same id), newest first. */
export function upsertMessage(qc: QueryClient, mentorshipId: string, message: MessageView): void {
  qc.setQueryData<Pages>(messagesKey(mentorshipId), (data) => {
    if (!data || data.pages.length === 0) return data;
    let found = false;
    const pages = data.pages.map((p) => ({
      ...p,
      messages: p.messages.map((m) => {
        if (m.id !== message.id) return m;
        found = true;
        return message;
      }),
    }));
    if (!found) {
      const first = pages[0]!;
      pages[0] = { ...first, messages: [message, ...first.messages].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)) };
    }
    return { ...data, pages };
  });
}

export function removeMessage(qc: QueryClient, mentorshipId: string, messageId: string): void {
  qc.setQueryData<Pages>(messagesKey(mentorshipId), (data) =>
    data ? { ...data, pages: data.pages.map((p) => ({ ...p, messages: p.messages.filter((m) => m.id !== messageId) })) } : data,
  );
}

/**
 * The other side received (or read) my messages up to `upTo`: stamp them, as the server did. Ids
 * are UUIDv7, so "up to" is a string comparison, the same as the server's.
 */
export function applyReceipt(qc: QueryClient, mentorshipId: string, r: { upTo: string; at: string; read: boolean }): void {
  qc.setQueryData<Pages>(messagesKey(mentorshipId), (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((p) => ({
            ...p,
            messages: p.messages.map((m) =>
              m.mine && m.state === 'visible' && m.id <= r.upTo
                ? { ...m, deliveredAt: m.deliveredAt ?? r.at, readAt: r.read ? (m.readAt ?? r.at) : m.readAt }
                : m,
            ),
          })),
        }
      : data,
  );
}

/** Sends one message; `clientId` is made once per message so that a retry is answered with the same one. */
export function useSendMessage(mentorshipId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; clientId: string }) =>
      api<MessageSent>(`/api/mentoring/mentorships/${enc(mentorshipId)}/messages`, { method: 'POST', body }),
    onSuccess: (r) => {
      upsertMessage(qc, mentorshipId, r.message);
      if (r.autoReply) upsertMessage(qc, mentorshipId, r.autoReply);
    },
  });
}

export function postReceipt(mentorshipId: string, kind: 'delivered' | 'read', upTo: string) {
  return api<{ updated: number; upTo: string; at: string }>(`/api/mentoring/mentorships/${enc(mentorshipId)}/${kind}`, { method: 'POST', body: { upTo } });
}

export function postTyping(mentorshipId: string) {
  return api<{ forwarded: boolean }>(`/api/mentoring/mentorships/${enc(mentorshipId)}/typing`, { method: 'POST' });
}

export function useSupporterLoad(enabled = true) {
  return useQuery({ queryKey: ['mentoring', 'load'], enabled, queryFn: () => api<SupporterLoad>('/api/mentoring/me/load') });
}
