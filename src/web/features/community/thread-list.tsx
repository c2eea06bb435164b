import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { RelativeTime } from '../../components/relative-time.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { LIST_KINDS, TOP_PERIODS, useSpaces, useThreadList, type ListKind, type ThreadView, type TopPeriod } from './api.js';

/** A thread's line in a list: title as a link, then kind, warnings, space, author, replies, activity. */
export function ThreadItem({ thread, spaceName, headingLevel = 3 }: { thread: ThreadView; spaceName?: string | undefined; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="thread-item">
      <H className="thread-item__title">
        <Link to={`/community/threads/${thread.id}`}>{thread.title}</Link>
      </H>
      <p className="meta">
        <span className="badge">{t(`community.kinds.${thread.kind}`)}</span>
        {thread.warnings.length > 0 ? (
          <span className="badge badge--warn">{t('community.warningBadge', { warnings: thread.warnings.map((w) => t(`warnings.${w}`)).join(', ') })}</span>
        ) : null}
        {thread.state === 'pending' ? <span className="badge badge--warn">{t('community.pendingThread')}</span> : null}
        {thread.helpedPostId ? <span className="badge badge--ok">{t('community.answered')}</span> : null}
      </p>
      <p className="meta muted">
        {spaceName ? <span>{t('community.inSpace', { space: spaceName })}</span> : null}
        <span>{t('community.by', { author: thread.author.label })}</span>
        <span>{t('community.replies', { count: thread.replyCount })}</span>
        <RelativeTime iso={thread.lastActivityAt} template={(when) => t('community.lastActivity', { when })} />
      </p>
    </article>
  );
}

/**
 * Latest / top (by period) / unanswered / mine / followed, as links that keep their place in the
 * address (so Back works and a list can be shared), then the list with a keyset "Load more".
 */
export function ThreadBrowser({ space, headingId }: { space?: string; headingId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const rawList = params.get('list');
  const list: ListKind = (LIST_KINDS as readonly string[]).includes(rawList ?? '') ? (rawList as ListKind) : 'latest';
  const rawPeriod = params.get('period');
  const period: TopPeriod = (TOP_PERIODS as readonly string[]).includes(rawPeriod ?? '') ? (rawPeriod as TopPeriod) : 'week';
  const { data, isPending, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useThreadList(list, { space, period });
  const { data: spaces } = useSpaces();
  const spaceNames = new Map((spaces ?? []).map((s) => [s.id, s.name]));
  const threads = data?.pages.flatMap((p) => p.threads) ?? [];

  const href = (next: { list?: ListKind; period?: TopPeriod }) => {
    const q = new URLSearchParams();
    const l = next.list ?? list;
    if (l !== 'latest') q.set('list', l);
    if (l === 'top') q.set('period', next.period ?? period);
    const s = q.toString();
    return s ? `?${s}` : '?';
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('community.threadsTitle')}</h2>
      <nav aria-label={t('community.listsLabel')}>
        <ul className="tabs">
          {LIST_KINDS.map((k) => (
            <li key={k}>
              <Link to={href({ list: k })} aria-current={k === list ? 'page' : undefined} preventScrollReset>
                {t(`community.lists.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {list === 'top' ? (
        <nav aria-label={t('community.periodLabel')}>
          <ul className="tabs tabs--small">
            {TOP_PERIODS.map((p) => (
              <li key={p}>
                <Link to={href({ period: p })} aria-current={p === period ? 'page' : undefined} preventScrollReset>
                  {t(`community.periods.${p}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && threads.length === 0 ? <p className="muted">{t(`community.empty.${list}`)}</p> : null}
      {threads.length > 0 ? (
        <ul className="plain-list thread-list">
          {threads.map((th) => (
            <li key={th.id}>
              <ThreadItem thread={th} spaceName={space ? undefined : spaceNames.get(th.spaceId)} />
            </li>
          ))}
        </ul>
      ) : null}
      {hasNextPage ? (
        <div className="button-row">
          <button type="button" className="button button--secondary" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {isFetchingNextPage ? t('community.loadingMore') : t('community.loadMore')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
