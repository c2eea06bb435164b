import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/status.js';
import type { SupporterProfileView } from './api.js';
import { useSupporterLoad } from './conversation-api.js';

/**
 * The supporter's own load over the last 7 days: people they walk beside against what they chose,
 * messages written, late-night messages. A gentle prompt when it runs high; never a score, never a block.
 */
export function LoadPanel({ profile }: { profile: SupporterProfileView | null }) {
  const { t } = useTranslation();
  const { data: load, error } = useSupporterLoad(!!profile);
  if (!profile) return null;
  return (
    <section aria-labelledby="load-title" className="card load-panel">
      <h2 id="load-title">{t('mentoring.load.title')}</h2>
      <ErrorNotice error={error} />
      {load ? (
        <>
          <dl className="load-panel__figures">
            <div>
              <dt>{t('mentoring.load.mentees')}</dt>
              <dd>{t('mentoring.load.menteesValue', { active: load.activeMentees, capacity: load.capacity })}</dd>
            </div>
            <div>
              <dt>{t('mentoring.load.messages')}</dt>
              <dd>{load.messagesLast7Days}</dd>
            </div>
            <div>
              <dt>{t('mentoring.load.lateNight')}</dt>
              <dd>{load.lateNightMessagesLast7Days}</dd>
            </div>
          </dl>
          {load.high ? (
            <div className="notice notice--warn">
              <p>{t('mentoring.load.prompt_high')}</p>
              <ul>
                {load.reasons.map((r) => (
                  <li key={r}>{t(`mentoring.load.reasons.${r}`, { ...load.thresholds })}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="muted">{t('mentoring.load.fine')}</p>
          )}
          {load.activeMentees >= load.capacity ? <p className="muted">{t('mentoring.load.full')}</p> : null}
        </>
      ) : null}
    </section>
  );
}
