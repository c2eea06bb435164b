import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RelativeTime } from '../../components/relative-time.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useMyReports, type MyReportView } from './api.js';

/**
 * The reader's own reports: what they reported, why, and what the moderators decided. Status is
 * said in words (a badge's colour only repeats it). The post is named only while the reader may
 * still read it; its author never is.
 */
export function MyReports() {
  const { t } = useTranslation();
  const { data, isPending, error, hasNextPage, fetchNextPage, isFetchingNextPage } = useMyReports();
  const reports = data?.pages.flatMap((p) => p.reports) ?? [];
  const list = useRef<HTMLUListElement>(null);
  // After "Load more", focus goes to the first report that came in, not back to the top or to
  // nowhere (the button is gone once the last page is in): the reader goes on where they were.
  const [focusAt, setFocusAt] = useState<number | null>(null);
  useEffect(() => {
    if (focusAt === null || reports.length <= focusAt) return;
    list.current?.querySelectorAll<HTMLElement>(':scope > li > article')[focusAt]?.focus();
    setFocusAt(null);
  }, [focusAt, reports.length]);
  if (isPending) return <Loading />;
  return (
    <section aria-labelledby="my-reports-title">
      <h2 id="my-reports-title" className="visually-hidden">
        {t('community.myReports.listTitle')}
      </h2>
      <ErrorNotice error={error} />
      {reports.length === 0 && !error ? <p className="muted">{t('community.myReports.empty')}</p> : null}
      <ul ref={list} className="plain-list my-reports">
        {reports.map((r) => (
          <li key={r.id}>
            <ReportItem report={r} />
          </li>
        ))}
      </ul>
      {hasNextPage ? (
        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            disabled={isFetchingNextPage}
            onClick={() => {
              setFocusAt(reports.length);
              // Failed (the error shows above): nothing came in, so focus has nowhere to go; a
              // later refetch that brings reports must not move it from wherever the reader is then.
              void fetchNextPage().then((result) => {
                if (result.isError) setFocusAt(null);
              });
            }}
          >
            {isFetchingNextPage ? t('community.loadingMore') : t('community.myReports.loadMore')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function ReportItem({ report: r }: { report: MyReportView }) {
  const { t } = useTranslation();
  const headingId = useId();
  const reason = t(`community.reportReasons.${r.reason}`);
  const resolved = r.status === 'resolved';
  return (
    // Focusable by script only: "Load more" moves focus to the first new report.
    <article className="my-report" aria-labelledby={headingId} tabIndex={-1}>
      <h3 id={headingId} className="my-report__title">
        {t('community.myReports.reportedFor', { reason })}
      </h3>
      <p className="meta">
        <span className={resolved ? 'badge badge--ok' : 'badge'}>{resolved ? t('community.myReports.status.resolved') : t('community.myReports.status.open')}</span>{' '}
        <RelativeTime iso={r.createdAt} template={(when) => t('community.myReports.reportedAt', { when })} />
      </p>
      {resolved ? (
        <p>
          {t(`community.myReports.outcomes.${r.outcome ?? 'reviewed'}`)}{' '}
          {r.decidedAt ? <RelativeTime iso={r.decidedAt} template={(when) => t('community.myReports.decidedAt', { when })} /> : null}
        </p>
      ) : (
        <p>{t('community.myReports.waiting')}</p>
      )}
      {r.note ? (
        <p>
          {t('community.myReports.yourNote')} <bdi>{r.note}</bdi>
        </p>
      ) : null}
      {r.post ? <ReportedPost post={r.post} /> : <p className="muted">{t('community.myReports.postGone')}</p>}
    </article>
  );
}

function ReportedPost({ post }: { post: NonNullable<MyReportView['post']> }) {
  const { t } = useTranslation();
  const excerpt = (
    <blockquote className="my-report__excerpt">
      <p>
        <bdi>{post.excerpt}</bdi>
      </p>
    </blockquote>
  );
  return (
    <div className="my-report__post">
      <p>
        {t('community.myReports.inThread')} <bdi>{post.threadTitle}</bdi>
      </p>
      {post.collapsed && post.warnings.length > 0 ? (
        <details>
          <summary>{t('community.myReports.showExcerpt', { warnings: post.warnings.map((w) => t(`warnings.${w}`)).join(', ') })}</summary>
          {excerpt}
        </details>
      ) : (
        excerpt
      )}
      <p>
        <Link to={`/community/threads/${post.threadId}`}>
          {t('community.myReports.openThread')}
          <span className="visually-hidden">: {post.threadTitle}</span>
        </Link>
      </p>
    </div>
  );
}
