import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RelativeTime } from '../../components/relative-time.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { FOLLOWED_NOTICE_COUNT_CAP } from '../../../contracts/notifications.js';
import { useMarkRead, useNotifications, type NotificationView } from './api.js';

function useText() {
  const { t } = useTranslation();
  return (n: NotificationView) => {
    const thread = n.threadTitle ?? t('notifications.aThread');
    // One notice a followed thread until read: it says how many replies came (followed_one / _other).
    // No count (replies hidden since, or the thread no longer readable): the thread, without a number.
    if (n.kind === 'followed' && !n.newReplies) return t('notifications.followedUncounted', { thread });
    if (n.kind === 'followed' && (n.newReplies ?? 0) >= FOLLOWED_NOTICE_COUNT_CAP) return t('notifications.followedMany', { count: FOLLOWED_NOTICE_COUNT_CAP, thread });
    return t(`notifications.kinds.${n.kind}`, {
      actor: n.actor?.handle ?? n.actorLabel ?? t('notifications.someone'),
      thread,
      reaction: n.reaction ? t(`reactions.${n.reaction}`) : '',
      message: n.message ?? '',
      ...(n.kind === 'followed' ? { count: n.newReplies ?? 0 } : {}),
    });
  };
}

/** Newest first; unread ones marked "New", each with its own "Mark as read", and all at once. */
export function NotificationList() {
  const { t } = useTranslation();
  const { data, isPending, error, hasNextPage, fetchNextPage, isFetchingNextPage } = useNotifications();
  const markRead = useMarkRead();
  const text = useText();
  const items = data?.pages.flatMap((p) => p.notifications) ?? [];
  const unread = data?.pages[0]?.unreadCount ?? 0;
  if (isPending) return <Loading />;
  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title" className="visually-hidden">
        {t('notifications.title')}
      </h2>
      <ErrorNotice error={error ?? markRead.error} />
      <p className="meta">
        <span role="status">{t('notifications.unreadCount', { count: unread })}</span>
        {unread > 0 ? (
          <button type="button" className="button button--secondary button--small" disabled={markRead.isPending} onClick={() => markRead.mutate('all')}>
            {t('notifications.markAllRead')}
          </button>
        ) : null}
      </p>
      {items.length === 0 ? <p className="muted">{t('notifications.empty')}</p> : null}
      <ul className="plain-list notification-list">
        {items.map((n) => (
          <li key={n.id} className={n.read ? 'notification' : 'notification notification--unread'}>
            <p>
              {!n.read ? <span className="badge badge--ok">{t('notifications.unread')}</span> : null} {text(n)}
            </p>
            <p className="meta muted">
              <RelativeTime iso={n.createdAt} />
              {n.threadId ? (
                <Link
                  to={`/community/threads/${n.threadId}`}
                  onClick={() => {
                    if (!n.read) markRead.mutate([n.id]);
                  }}
                >
                  {t('notifications.open')}
                  <span className="visually-hidden">: {n.threadTitle}</span>
                </Link>
              ) : null}
              {n.about === 'my_reports' ? (
                <Link
                  to="/community/reports"
                  onClick={() => {
                    if (!n.read) markRead.mutate([n.id]);
                  }}
                >
                  {t('notifications.seeReports')}
                </Link>
              ) : null}
              {!n.read ? (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-label={t('notifications.markReadLabel', { text: text(n) })}
                  disabled={markRead.isPending}
                  onClick={() => markRead.mutate([n.id])}
                >
                  {t('notifications.markRead')}
                </button>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      {hasNextPage ? (
        <div className="button-row">
          <button type="button" className="button button--secondary" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {t('notifications.loadMore')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
