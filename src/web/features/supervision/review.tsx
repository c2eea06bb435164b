import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError, SuccessNotice } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { LIMITS, useAddCoaching, useReview, type ReviewItem } from './supervision-api.js';

function CoachingForm({ item, supporterId, handle }: { item: ReviewItem; supporterId: string; handle: string }) {
  const { t } = useTranslation();
  const add = useAddCoaching(supporterId);
  const [body, setBody] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ itemKind: item.kind, itemId: item.id, body: body.trim() }, { onSuccess: () => setBody('') });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <TextAreaField label={t('supervisionPages.supporter.coachLabel')} hint={t('supervisionPages.supporter.coachHint', { handle })} value={body} rows={2} maxLength={LIMITS.coachingMax} error={fieldError(add.error, 'body')} onChange={(e) => setBody(e.target.value)} />
      <ErrorNotice error={add.error} />
      {add.isSuccess && !add.isPending ? <SuccessNotice>{t('supervisionPages.supporter.coachingSaved', { handle })}</SuccessNotice> : null}
      <button type="submit" className="button button--small" disabled={add.isPending}>
        {t('supervisionPages.supporter.saveCoaching')}
      </button>
    </form>
  );
}

function ReviewList({ items, supporterId, handle, labelledBy }: { items: ReviewItem[]; supporterId: string; handle: string; labelledBy: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('supervisionPages.supporter.noReplies')}</p>;
  return (
    <ol className="plain-list" aria-labelledby={labelledBy}>
      {items.map((item) => (
        <li key={item.id} className="card stack">
          <p className="muted">
            {item.threadTitle ? `${t('supervisionPages.supporter.inThread', { title: item.threadTitle })} · ` : ''}
            <time dateTime={item.writtenAt}>{formatDateTime(item.writtenAt)}</time>
          </p>
          {item.context ? (
            <>
              <p>{t('supervisionPages.supporter.answered')}</p>
              <p className="sv-quote">{item.context}</p>
            </>
          ) : null}
          <p>{t('supervisionPages.supporter.reply')}</p>
          <p className="sv-quote">{item.text}</p>
          <p className="muted">
            {item.empathy
              ? t('supervisionPages.supporter.empathy', {
                  er: t(`supervisionPages.levels.${item.empathy.emotionalReactions}`),
                  ip: t(`supervisionPages.levels.${item.empathy.interpretations}`),
                  ex: t(`supervisionPages.levels.${item.empathy.explorations}`),
                })
              : t('supervisionPages.supporter.notRated')}
            {item.coachingNotes > 0 ? ` · ${t('supervisionPages.supporter.coachingCount', { count: item.coachingNotes })}` : ''}
          </p>
          <CoachingForm item={item} supporterId={supporterId} handle={handle} />
        </li>
      ))}
    </ol>
  );
}

/**
 * The quality review. Reading members' one-to-one words is audited, so it starts with a button
 * (never on page load) that says so; each reply can take a coaching note.
 */
export function QualityReview({ supporterId, handle }: { supporterId: string; handle: string }) {
  const { t } = useTranslation();
  const id = useId();
  const review = useReview(supporterId);
  return (
    <section className="stack sv-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('supervisionPages.supporter.reviewTitle')}</h2>
      <p className="muted">{t('supervisionPages.supporter.reviewIntro', { handle })}</p>
      <button type="button" className="button button--secondary" disabled={review.isPending} onClick={() => review.mutate()}>
        {t('supervisionPages.supporter.startReview')}
      </button>
      <ErrorNotice error={review.error} />
      {review.data ? (
        <>
          <h3 id={`${id}-community`}>{t('supervisionPages.supporter.communityReplies')}</h3>
          <ReviewList items={review.data.communityReplies} supporterId={supporterId} handle={handle} labelledBy={`${id}-community`} />
          <h3 id={`${id}-conversations`}>{t('supervisionPages.supporter.conversationReplies')}</h3>
          <p className="muted">{t('supervisionPages.supporter.consented', { count: review.data.consentedConversations })}</p>
          <ReviewList items={review.data.conversationReplies} supporterId={supporterId} handle={handle} labelledBy={`${id}-conversations`} />
        </>
      ) : null}
    </section>
  );
}
