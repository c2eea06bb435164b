import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { unreadKey } from '../../app/realtime.js';
import { api } from '../../lib/api.js';

/**
 * The header's bell: a link to the notifications page whose name carries the unread count. The
 * count arrives live with `notification.created` (see app/realtime.tsx). Part of the first page,
 * so it stays tiny and uses only the main catalog.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data: unread = 0 } = useQuery({
    queryKey: unreadKey,
    queryFn: () => api<{ unreadCount: number }>('/api/notifications?limit=1&unread=true').then((r) => r.unreadCount),
    staleTime: 60_000,
  });
  const label = unread > 0 ? t('nav.notificationsUnread', { count: unread }) : t('nav.notifications');
  return (
    <NavLink to="/notifications" className="bell" aria-label={label} title={label}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Zm-2 1H7v-6a5 5 0 0 1 10 0v6Z"
        />
      </svg>
      {unread > 0 ? (
        <span className="bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
