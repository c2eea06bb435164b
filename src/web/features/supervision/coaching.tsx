import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { useCoaching } from './supervision-api.js';

/** Coaching notes on reviewed replies: the supporter's own (`me`) or, for their supervisor, a supporter's. */
export function CoachingList({ supporterId, intro }: { supporterId: string | 'me'; intro?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const { data: notes, isPending, error } = useCoaching(supporterId);
  return (
    <section className="stack sv-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('supervisionPages.mine.coachingTitle')}</h2>
      {intro ? <p className="muted">{intro}</p> : null}
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {notes && notes.length === 0 ? <p className="muted">{t('supervisionPages.mine.coachingEmpty')}</p> : null}
      {notes && notes.length > 0 ? (
        <ul className="plain-list">
          {notes.map((n) => (
            <li key={n.id} className="card">
              {supporterId === 'me' || n.excerpt ? (
                <p className="muted">{n.excerpt ? t('supervisionPages.mine.onReply', { excerpt: n.excerpt }) : t('supervisionPages.mine.onReplyGone')}</p>
              ) : null}
              <p className="sv-quote">{n.body}</p>
              <p className="muted">{t('supervisionPages.mine.by', { handle: n.author?.handle ?? t('supervisionPages.supporter.formerSupervisor'), when: formatDateTime(n.createdAt) })}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
