import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice } from '../../components/status.js';
import { formatDateTime, formatRelative } from '../../lib/i18n.js';
import { useCancelRequest, useCopingIdeas, type SupportRequestView } from './api.js';

/** The current time, refreshed every `everyMs`, so "in 5 minutes" stays true while the page is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/**
 * Where a waiting request stands, honestly: how many supporters have it, when more will be asked,
 * or that nobody is free right now; what to do meanwhile; and the crisis lines when the member's
 * words suggested they may be at risk (kept on screen for as long as the request is open).
 */
export function RequestStatus({
  request,
  crisis,
  live,
  focusOnMount,
  onCancelled,
}: {
  request: SupportRequestView;
  /** The crisis response (composed by the page from features/safety), when the words screened ≥ 2. */
  crisis: ReactNode;
  live: boolean;
  /** Just asked: move focus here (unless the crisis response took it), so the answer is read first. */
  focusOnMount: boolean;
  onCancelled(): void;
}) {
  const { t } = useTranslation();
  const cancel = useCancelRequest(onCancelled);
  const now = useNow();
  const heading = useRef<HTMLHeadingElement>(null);
  const ideas = useCopingIdeas(request.preferences.experienceTags[0] ?? null);
  const hasCrisis = !!crisis;
  useEffect(() => {
    if (focusOnMount && !hasCrisis) heading.current?.focus();
    // Only on arrival: a later refetch must not move focus.
  }, []);

  return (
    <section aria-labelledby="request-status-title" className="request-status">
      <h2 id="request-status-title" ref={heading} tabIndex={-1}>{t('mentoring.status.title')}</h2>
      <div className="card stack">
        <p>
          <span className="muted">{t('mentoring.status.topicLabel')}</span> <q>{request.topic}</q>
        </p>
        {request.noSupporterAvailable ? (
          <div className="notice notice--warn">
            <p>
              <strong>{t('mentoring.status.noneAvailable')}</strong>
            </p>
            <p>{t('mentoring.status.noneAvailableMore')}</p>
          </div>
        ) : (
          <p data-testid="request-offered">{t('mentoring.status.offered', { count: request.offeredCount })}</p>
        )}
        {request.pendingCount > 0 ? <p>{t('mentoring.status.pending', { count: request.pendingCount })}</p> : null}
        {request.declinedCount > 0 ? <p className="muted">{t('mentoring.status.declined', { count: request.declinedCount })}</p> : null}
        {request.nextWidenAt ? (
          <p>
            {t('mentoring.status.widens', { when: formatRelative(request.nextWidenAt, now) })}{' '}
            <span className="muted">({formatDateTime(request.nextWidenAt)})</span>
          </p>
        ) : null}
        <p className="muted" role="status">
          {live ? t('mentoring.status.live') : t('mentoring.status.connecting')}
        </p>
        <ErrorNotice error={cancel.error} />
        <div className="button-row">
          <button type="button" className="button button--secondary" disabled={cancel.isPending} onClick={() => cancel.mutate(request.id)}>
            {cancel.isPending ? t('mentoring.status.cancelling') : t('mentoring.status.cancel')}
          </button>
        </div>
      </div>

      {crisis}

      <section aria-labelledby="meanwhile-title">
        <h3 id="meanwhile-title">{t('mentoring.meanwhile.title')}</h3>
        <ul>
          <li>
            {t('mentoring.meanwhile.community')} <Link to="/community">{t('mentoring.meanwhile.communityLink')}</Link>
          </li>
          <li>
            {t('mentoring.meanwhile.library')} <Link to="/library">{t('mentoring.meanwhile.libraryLink')}</Link>
            {ideas.data && ideas.data.length > 0 ? (
              <ul>
                {ideas.data.map((idea) => (
                  <li key={idea.id}>
                    <Link to={`/library/strategies/${idea.id}`}>{idea.title}</Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
          <li>{t('mentoring.meanwhile.breathe')}</li>
          <li>{t('mentoring.meanwhile.helpNow')}</li>
        </ul>
      </section>
    </section>
  );
}
