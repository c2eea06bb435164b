import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { useAccessibleConversations, useMentoringReports, useResolveMentoringReport, useSupporterFeedback, useSupporters } from './api.js';

/** Conversations a supervisor may open now: each under a member's consent or an escalation, until it expires. */
export function AccessibleConversations() {
  const { t } = useTranslation();
  const { data, isPending, error } = useAccessibleConversations();
  return (
    <section aria-labelledby="granted-title">
      <h2 id="granted-title">{t('mentoring.supervisor.grantedTitle')}</h2>
      <p className="muted">{t('mentoring.supervisor.grantedIntro')}</p>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && data.length === 0 ? <p>{t('mentoring.supervisor.grantedEmpty')}</p> : null}
      <ul className="plain-list stack">
        {(data ?? []).map((c) => (
          <li key={c.grant.id} className="card">
            <p>
              <Link to={`/support/mentorships/${c.mentorshipId}`}>
                {t('mentoring.supervisor.open', { member: c.member?.handle ?? t('mentoring.someoneGone'), supporter: c.supporter?.handle ?? t('mentoring.someoneGone') })}
              </Link>
            </p>
            <p className="muted">
              {t(`mentoring.supervisor.kind.${c.grant.kind}`)} · {t('mentoring.supervisor.until', { when: formatDateTime(c.grant.expiresAt) })}
            </p>
            {c.grant.note ? <p>{t('mentoring.conversation.supervisorNote', { note: c.grant.note })}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Private feedback members left about a supporter: read one supporter at a time (each read is audited). */
export function SupporterFeedback() {
  const { t } = useTranslation();
  const supporters = useSupporters();
  const [chosen, setChosen] = useState<string | null>(null);
  const [pick, setPick] = useState('');
  const feedback = useSupporterFeedback(chosen);
  const id = useId();
  return (
    <section aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t('mentoring.supervisor.feedbackTitle')}</h2>
      <p className="muted">{t('mentoring.supervisor.feedbackIntro')}</p>
      <ErrorNotice error={supporters.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setChosen(pick || null);
        }}
      >
        <div className="field">
          <label htmlFor={id}>{t('mentoring.supervisor.supporter')}</label>
          <select id={id} value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">{t('mentoring.supervisor.choose')}</option>
            {(supporters.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.handle}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary button--small" disabled={!pick}>
          {t('mentoring.supervisor.readFeedback')}
        </button>
      </form>
      {feedback.isFetching ? <Loading /> : null}
      <ErrorNotice error={feedback.error} />
      {feedback.data ? (
        <div className="stack" aria-live="polite">
          <p>
            {feedback.data.count === 0
              ? t('mentoring.supervisor.noFeedback', { handle: feedback.data.supporter.handle })
              : t('mentoring.supervisor.average', { handle: feedback.data.supporter.handle, average: feedback.data.averageRating?.toFixed(1), count: feedback.data.count })}
          </p>
          <ul className="plain-list stack">
            {feedback.data.feedback.map((f) => (
              <li key={f.mentorshipId} className="card">
                <p>
                  <strong>{t(`mentoring.feedback.ratings.${f.rating}`)}</strong> <span className="muted">({formatDateTime(f.createdAt)})</span>
                </p>
                {f.note ? <p>{f.note}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/** Reports from one-to-one conversations, for supervisors to follow up and resolve. */
export function MentoringReports() {
  const { t } = useTranslation();
  const { data, error } = useMentoringReports();
  const resolve = useResolveMentoringReport();
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">{t('mentoring.supervisor.reportsTitle')}</h2>
      <ErrorNotice error={error ?? resolve.error} />
      {data && data.length === 0 ? <p>{t('mentoring.supervisor.reportsEmpty')}</p> : null}
      <ul className="plain-list stack">
        {(data ?? []).map((r) => (
          <li key={r.id} className="card">
            <p>
              {t('mentoring.supervisor.report', {
                reporter: r.reporter?.handle ?? t('mentoring.someoneGone'),
                reported: r.reported?.handle ?? t('mentoring.someoneGone'),
                reason: t(`mentoring.report.reasons.${r.reason}`),
              })}{' '}
              <span className="muted">({formatDateTime(r.createdAt)})</span>
            </p>
            {r.note ? <p>{r.note}</p> : null}
            <div className="button-row">
              <button type="button" className="button button--secondary button--small" disabled={resolve.isPending} onClick={() => resolve.mutate(r.id)}>
                {t('mentoring.supervisor.resolve')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
