import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { CheckinTable } from './checkin-form.js';
import { CoachingList } from './coaching.js';
import { EmpathyTrend } from './empathy-trend.js';
import { ItemList, LoadLines } from './items.js';
import { SupervisionNotes } from './notes.js';
import { RequestList } from './request-chat.js';
import { QualityReview } from './review.js';
import { useReadFeedback, useRequests, type SupporterDetailView } from './supervision-api.js';
import { useNow } from './use-now.js';

/** Members' private feedback: opened on purpose (the reading is in the supporter's audit log). */
function Feedback({ supporterId, handle }: { supporterId: string; handle: string }) {
  const { t } = useTranslation();
  const id = useId();
  const read = useReadFeedback(supporterId);
  return (
    <section className="stack sv-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('supervisionPages.supporter.feedbackTitle')}</h2>
      <p className="muted">{t('supervisionPages.supporter.readFeedbackHint', { handle })}</p>
      <button type="button" className="button button--secondary" disabled={read.isPending} onClick={() => read.mutate()}>
        {t('supervisionPages.supporter.readFeedback')}
      </button>
      <ErrorNotice error={read.error} />
      {read.data && read.data.count === 0 ? <p>{t('supervisionPages.supporter.feedbackEmpty')}</p> : null}
      {read.data && read.data.count > 0 ? (
        <ul className="plain-list">
          {read.data.feedback.map((f) => (
            <li key={f.mentorshipId} className="card">
              <p className="muted">{t('supervisionPages.supporter.feedbackItem', { rating: f.rating, when: formatDateTime(f.createdAt) })}</p>
              {f.note ? <p className="sv-quote">{f.note}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Everything about one supporter, for their supervisor. */
export function SupporterDetail({ detail }: { detail: SupporterDetailView }) {
  const { t } = useTranslation();
  const now = useNow();
  const { supporter } = detail;
  const requests = useRequests();
  const theirs = requests.data?.filter((r) => r.supporter.id === supporter.id && r.role === 'supervisor') ?? [];
  return (
    <>
      <p className="muted">
        {detail.roles.filter((r) => r !== 'member').map((r) => t(`roles.${r}`)).join(', ')} · {t('supervisionPages.supporter.assigned', { when: formatDateTime(detail.assignedAt) })}
      </p>
      <section className="stack" aria-labelledby="items-title">
        <h2 id="items-title">{t('supervisionPages.supporter.itemsTitle')}</h2>
        <ItemList items={detail.items} now={now} showSupporter={false} labelledBy="items-title" />
      </section>
      <section className="stack sv-section" aria-labelledby="load-title">
        <h2 id="load-title">{t('supervisionPages.supporter.loadTitle')}</h2>
        <LoadLines summary={detail} now={now} />
      </section>
      <section className="stack sv-section" aria-labelledby="requests-title">
        <h2 id="requests-title">{t('supervisionPages.supporter.requestsTitle')}</h2>
        {requests.isPending ? <Loading /> : <RequestList requests={theirs} now={now} emptyKey="supervisionPages.supporter.requestsEmpty" />}
      </section>
      <section className="stack sv-section" aria-labelledby="checkins-title">
        <h2 id="checkins-title">{t('supervisionPages.supporter.checkinsTitle')}</h2>
        {detail.checkins.length === 0 ? <p className="muted">{t('supervisionPages.supporter.checkinsEmpty')}</p> : <CheckinTable checkins={detail.checkins} caption={t('supervisionPages.supporter.checkinsCaption', { handle: supporter.handle })} />}
      </section>
      <Feedback supporterId={supporter.id} handle={supporter.handle} />
      <SupervisionNotes supporterId={supporter.id} handle={supporter.handle} />
      <QualityReview supporterId={supporter.id} handle={supporter.handle} />
      <CoachingList supporterId={supporter.id} />
      <EmpathyTrend supporterId={supporter.id} handle={supporter.handle} />
    </>
  );
}
