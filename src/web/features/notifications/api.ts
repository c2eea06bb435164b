import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationView } from '../../../contracts/communities.js';
import { unreadKey } from '../../app/realtime.js';
import { api } from '../../lib/api.js';
import '../../locales/load-community.js';

export type { NotificationView };
export const NOTIFICATION_PREF_KINDS = ['reply', 'mention', 'reaction', 'followed', 'meeting_reminder'] as const;
export type NotificationPrefKind = (typeof NOTIFICATION_PREF_KINDS)[number];
export type NotificationPrefs = Record<NotificationPrefKind, boolean>;

interface NotificationPage {
  notifications: NotificationView[];
  unreadCount: number;
  nextCursor: string | null;
}

export function useNotifications() {
  const qc = useQueryClient();
  return useInfiniteQuery({
    queryKey: ['notifications', 'list'],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const page = await api<NotificationPage>(`/api/notifications?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`);
      qc.setQueryData(unreadKey, page.unreadCount);
      return page;
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | 'all') => api<{ unreadCount: number }>('/api/notifications/read', { method: 'POST', body: ids === 'all' ? { all: true } : { ids } }),
    onSuccess: (r) => {
      qc.setQueryData(unreadKey, r.unreadCount);
      return qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
    },
  });
}

export function useNotificationPrefs() {
  return useQuery({
    queryKey: ['notification-prefs'],
    queryFn: () => api<{ prefs: NotificationPrefs }>('/api/me/notification-preferences').then((r) => r.prefs),
  });
}

export function useSaveNotificationPrefs() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (prefs: NotificationPrefs) => api<{ prefs: NotificationPrefs }>('/api/me/notification-preferences', { method: 'PUT', body: { prefs } }),
    onSuccess: (r) => qc.setQueryData(['notification-prefs'], r.prefs),
  });
}
