import { useTranslation } from 'react-i18next';
import type { SupporterProfileView } from './api.js';

/**
 * The supporter's own load: people they walk beside now against what they chose, and how much they
 * have been writing. A gentle prompt when it runs high; never a score.
 */
export function LoadPanel({ profile }: { profile: SupporterProfileView | null }) {
  const { t } = useTranslation();
  if (!profile) return null;
  const full = profile.activeMentees >= profile.capacity;
  return (
    <section aria-labelledby="load-title" className="card load-panel">
      <h2 id="load-title">{t('mentoring.load.title')}</h2>
      <dl className="load-panel__figures">
        <div>
          <dt>{t('mentoring.load.mentees')}</dt>
          <dd>{t('mentoring.load.menteesValue', { active: profile.activeMentees, capacity: profile.capacity })}</dd>
        </div>
      </dl>
      {full ? <p className="notice">{t('mentoring.load.full')}</p> : null}
    </section>
  );
}
