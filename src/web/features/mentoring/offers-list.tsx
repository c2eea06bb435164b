import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { formatDateTime, formatRelative } from '../../lib/i18n.js';
import { useAcceptOffer, useDeclineOffer, useOffers, type MentorshipView, type OfferView } from './api.js';
import { languageName } from './tag-checkboxes.js';

/** A refused accept said kindly: someone else was quicker, or this supporter is full. */
function OfferConflict({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.status !== 409) return <ErrorNotice error={error} />;
  const reason = error.details['reason'];
  const text = reason === 'at_capacity' ? t('mentoring.offers.atCapacity') : reason === 'taken' ? t('mentoring.offers.taken') : error.message;
  return (
    <div className="notice" role="alert">
      <p>{text}</p>
    </div>
  );
}

function OfferCard({ offer, onAccepted }: { offer: OfferView; onAccepted(m: MentorshipView): void }) {
  const { t, i18n } = useTranslation();
  const accept = useAcceptOffer();
  const decline = useDeclineOffer();
  const busy = accept.isPending || decline.isPending;
  const headingId = `offer-${offer.requestId}`;
  const why = [
    ...offer.sharedExperienceTags.map((tag) => t(`tags.${tag}`, { defaultValue: tag })),
    ...offer.sharedLanguages.map((l) => languageName(l, i18n.language)),
  ];
  return (
    <article className="card offer" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('mentoring.offers.from', { handle: offer.member.handle })}</h3>
      {offer.member.pronouns ? <p className="muted">{offer.member.pronouns}</p> : null}
      {offer.topicHeld ? (
        <p className="notice">{t('mentoring.offers.topicHeld')}</p>
      ) : (
        <blockquote className="offer__topic">
          <p>{offer.topic}</p>
        </blockquote>
      )}
      <ul className="offer__why">
        {offer.requestedYou ? <li>{t('mentoring.offers.requestedYou')}</li> : null}
        {why.length > 0 ? <li>{t('mentoring.offers.shared', { list: why.join(', ') })}</li> : <li>{t('mentoring.offers.noShared')}</li>}
        {offer.topicLevel >= 2 ? <li className="offer__care">{t('mentoring.offers.distress')}</li> : null}
        <li className="muted">
          {t('mentoring.offers.offeredAt', { when: formatRelative(offer.offeredAt) })}
          {offer.widensAt ? ` ${t('mentoring.offers.widensAt', { when: formatDateTime(offer.widensAt) })}` : ''}
        </li>
      </ul>
      <OfferConflict error={accept.error} />
      <ErrorNotice error={decline.error} />
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-describedby={headingId}
          onClick={() => accept.mutate(offer.requestId, { onSuccess: onAccepted })}
        >
          {accept.isPending ? t('mentoring.offers.accepting') : t('mentoring.offers.accept')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} aria-describedby={headingId} onClick={() => decline.mutate(offer.requestId)}>
          {t('mentoring.offers.decline')}
        </button>
      </div>
    </article>
  );
}

/** Requests offered to this supporter, newest first; the first supporter to accept is matched. */
export function OffersList({ onAccepted }: { onAccepted(m: MentorshipView): void }) {
  const { t } = useTranslation();
  const { data: offers, isPending, error } = useOffers();
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  return (
    <section aria-labelledby="offers-title">
      <h2 id="offers-title">{t('mentoring.offers.title')}</h2>
      {offers.length === 0 ? <p className="muted">{t('mentoring.offers.empty')}</p> : null}
      <ul className="plain-list stack">
        {offers.map((o) => (
          <li key={o.requestId}>
            <OfferCard offer={o} onAccepted={onAccepted} />
          </li>
        ))}
      </ul>
    </section>
  );
}
