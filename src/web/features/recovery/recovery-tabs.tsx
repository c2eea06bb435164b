import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** My plan / Check-in / Journal / Therapist summary, and the line that says it is private. */
export function RecoveryTabs() {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label={t('recovery.tabs.label')} className="no-print">
        <ul className="tabs tabs--small">
          <li>
            <NavLink to="/recovery" end>
              {t('recovery.tabs.plan')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/recovery/checkin">{t('recovery.tabs.checkin')}</NavLink>
          </li>
          <li>
            <NavLink to="/recovery/journal">{t('recovery.tabs.journal')}</NavLink>
          </li>
          <li>
            <NavLink to="/recovery/summary">{t('recovery.tabs.summary')}</NavLink>
          </li>
        </ul>
      </nav>
      <p className="muted no-print">{t('recovery.private')}</p>
    </>
  );
}
