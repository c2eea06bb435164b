import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** Strategies / Directory / Write, as links that mark the current page. */
export function LibraryTabs() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('library.tabs.label')}>
      <ul className="tabs tabs--small">
        <li>
          <NavLink to="/library" end>
            {t('library.tabs.strategies')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/library/directory">{t('library.tabs.directory')}</NavLink>
        </li>
        <li>
          <NavLink to="/library/new">{t('library.tabs.write')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
