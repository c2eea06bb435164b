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

function OfferCard({
  offer,
  busy,
  accepting,
  onAccept,
  onDecline,
}: {
  offer: OfferView;
  busy: boolean;
  accepting: boolean;
  onAccept(): void;
  onDecline(): void;
}) {
  const { t, i18n } = useTranslation();
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
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-describedby={headingId}
          onClick={onAccept}
        >
          {accepting ? t('mentoring.offers.accepting') : t('mentoring.offers.accept')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} aria-describedby={headingId} onClick={onDecline}>
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
  // Held here, not in each card: a refused offer leaves the list, and what went wrong must stay said.
  const accept = useAcceptOffer(onAccepted);
  const decline = useDeclineOffer();
  const busy = accept.isPending || decline.isPending;
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  return (
    <section aria-labelledby="offers-title">
      <h2 id="offers-title">{t('mentoring.offers.title')}</h2>
      <OfferConflict error={accept.error} />
      <ErrorNotice error={decline.error} />
      {offers.length === 0 ? <p className="muted">{t('mentoring.offers.empty')}</p> : null}
      <ul className="plain-list stack">
        {offers.map((o) => (
          <li key={o.requestId}>
            <OfferCard
              offer={o}
              busy={busy}
              accepting={accept.isPending && accept.variables === o.requestId}
              onAccept={() => {
                decline.reset();
                accept.mutate(o.requestId);
              }}
              onDecline={() => {
                accept.reset();
                decline.mutate(o.requestId);
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
