import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRealtimeEvents } from '../../app/realtime.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { useDecideHeld, useHeld } from './api.js';
import './supervision.css';

/** Text held back under safe-messaging rules or for harassment, waiting for a decision. */
export function HeldList() {
  const { t } = useTranslation();
  const { data: items, isPending, error } = useHeld();
  const decide = useDecideHeld();
  const qc = useQueryClient();
  // Live: an item held or decided anywhere (`safety:all`, joined by the board) reads the list again.
  useRealtimeEvents((event) => {
    if (event.type === 'safety.held_queue_changed') void qc.invalidateQueries({ queryKey: ['held'] });
  });
  return (
    <section aria-labelledby="held-title">
      <h2 id="held-title">{t('supervision.heldTitle')}</h2>
      <p>{t('supervision.heldIntro')}</p>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error ?? decide.error} />
      {items && items.length === 0 ? <p className="muted">{t('supervision.heldEmpty')}</p> : null}
      {items && items.length > 0 ? (
        <ul className="plain-list">
          {items.map((h) => {
            const names = { object: t(`objects.${h.objectType}`, { defaultValue: h.objectType }), author: h.authorHandle ?? '—' };
            return (
              <li key={h.id} className="card">
                <p>
                  <strong>{t('supervision.heldItem', names)}</strong>
                </p>
                {h.title !== null || h.text !== null ? (
                  // An opening post's title first: it was screened with the body and may be what was held.
                  <dl className="sv-held">
                    {h.title !== null ? (
                      <>
                        <dt>{t('supervision.heldItemTitle')}</dt>
                        <dd className="sv-quote">{h.title}</dd>
                      </>
                    ) : null}
                    {h.text !== null ? (
                      <>
                        <dt>{t('supervision.heldItemText')}</dt>
                        <dd className="sv-quote">{h.text}</dd>
                      </>
                    ) : null}
                  </dl>
                ) : null}
                <p className="meta">
                  <span className="badge badge--warn">{t(`supervision.heldReason.${h.reason}`)}</span>
                  <time className="muted" dateTime={h.createdAt}>
                    {formatDateTime(h.createdAt)}
                  </time>
                </p>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={decide.isPending}
                    aria-label={t('supervision.releaseLabel', names)}
                    onClick={() => decide.mutate({ id: h.id, action: 'release' })}
                  >
                    {t('supervision.release')}
                  </button>
                  <button
                    type="button"
                    className="button button--danger button--small"
                    disabled={decide.isPending}
                    aria-label={t('supervision.removeLabel', names)}
                    onClick={() => decide.mutate({ id: h.id, action: 'remove' })}
                  >
                    {t('supervision.remove')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
