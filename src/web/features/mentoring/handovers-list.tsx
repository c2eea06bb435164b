import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/status.js';
import { useAnswerHandover, useHandovers } from './api.js';

/** Handovers a colleague proposed to this supporter: accept (the member is then asked) or decline. */
export function HandoversList({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { data } = useHandovers();
  const answer = useAnswerHandover();
  const incoming = (data ?? []).filter((h) => h.status === 'proposed' && h.toSupporter?.id === userId);
  if (incoming.length === 0) return null;
  return (
    <section aria-labelledby="handovers-title">
      <h2 id="handovers-title">{t('mentoring.handover.incomingTitle')}</h2>
      <ErrorNotice error={answer.error} />
      <ul className="plain-list stack">
        {incoming.map((h) => {
          const from = h.fromSupporter?.handle ?? t('mentoring.someoneGone');
          return (
            <li key={h.id} className="card">
              <p>{t('mentoring.handover.incoming', { from })}</p>
              <blockquote className="offer__topic">
                <p>{h.note}</p>
              </blockquote>
              <div className="button-row">
                <button type="button" className="button" disabled={answer.isPending} onClick={() => answer.mutate({ id: h.id, action: 'accept' })}>
                  {t('mentoring.handover.accept')}
                </button>
                <button type="button" className="button button--secondary" disabled={answer.isPending} onClick={() => answer.mutate({ id: h.id, action: 'decline' })}>
                  {t('mentoring.handover.decline')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
