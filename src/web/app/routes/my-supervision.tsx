import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Page } from '../../components/page.js';
import { TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { CheckinTable, WellbeingCheckinForm } from '../../features/supervision/checkin-form.js';
import { CoachingList } from '../../features/supervision/coaching.js';
import { EmpathyTrend } from '../../features/supervision/empathy-trend.js';
import { LIMITS, useMyCheckins, useMySupervision, useRequestSupervision, type MySupervisionView } from '../../features/supervision/supervision-api.js';
import { RequireAuth } from '../require-auth.js';

/** "Request supervision": the first message opens (or continues) the conversation with my supervisor. */
function RequestSupervision({ mine }: { mine: MySupervisionView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ask = useRequestSupervision();
  const [body, setBody] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate(body.trim(), { onSuccess: (r) => void navigate(`/supervision/requests/${encodeURIComponent(r.request.id)}`) });
  };
  return (
    <section className="stack sv-section" aria-labelledby="request-title">
      <h2 id="request-title">{t('supervisionPages.mine.requestTitle')}</h2>
      <p className="muted">{t('supervisionPages.mine.requestIntro')}</p>
      {mine.openRequestId ? (
        <p>
          <Link to={`/supervision/requests/${encodeURIComponent(mine.openRequestId)}`}>{t('supervisionPages.mine.requestOpen')}</Link>
        </p>
      ) : null}
      <form className="stack" onSubmit={submit} noValidate>
        <TextAreaField label={t('supervisionPages.mine.requestLabel')} value={body} rows={3} maxLength={LIMITS.messageMax} error={fieldError(ask.error, 'body')} onChange={(e) => setBody(e.target.value)} />
        <ErrorNotice error={ask.error} />
        <button type="submit" className="button" disabled={ask.isPending || !mine.supervisor}>
          {t('supervisionPages.mine.requestSubmit')}
        </button>
      </form>
    </section>
  );
}

function MySupervision() {
  const { t } = useTranslation();
  const { data: mine, isPending, error } = useMySupervision();
  const history = useMyCheckins();
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  return (
    <>
      <div className="notice" role="note">
        <p>{mine.supervisor ? t('supervisionPages.mine.supervisor', { handle: mine.supervisor.handle }) : t('supervisionPages.mine.noSupervisor')}</p>
        {mine.checkinDue ? <p>{t('supervisionPages.mine.checkinDue')}</p> : mine.checkinDueAt ? <p>{t('supervisionPages.mine.checkinNext', { when: formatDateTime(mine.checkinDueAt) })}</p> : null}
      </div>
      <WellbeingCheckinForm />
      {history.data && history.data.length > 0 ? (
        <section className="stack sv-section" aria-labelledby="history-title">
          <h2 id="history-title">{t('supervisionPages.mine.historyTitle')}</h2>
          <CheckinTable checkins={history.data} caption={t('supervisionPages.mine.historyCaption')} />
        </section>
      ) : null}
      <RequestSupervision mine={mine} />
      <CoachingList supporterId="me" intro={t('supervisionPages.mine.coachingIntro')} />
      <EmpathyTrend supporterId="me" />
    </>
  );
}

/** A supporter's own supervision: weekly check-in, talking with their supervisor, coaching, empathy trend. */
export default function MySupervisionPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['peer_supporter', 'facilitator']} forbiddenTitle={t('supervisionPages.mine.title')} forbidden={t('supervisionPages.mine.forbidden')}>
      {() => (
        <Page title={t('supervisionPages.mine.title')} intro={t('supervisionPages.mine.intro')}>
          <MySupervision />
        </Page>
      )}
    </RequireAuth>
  );
}
