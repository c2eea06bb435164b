import { Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { Loading } from '../components/status.js';
import { useMe } from '../features/auth/api.js';
import { NotificationBell } from '../features/notifications/bell.js';
import { HelpDialog } from '../features/safety/help-dialog.js';
import { browserRegion } from '../lib/i18n.js';
import { RealtimeProvider } from './realtime.js';
import { SiteNav } from './site-nav.js';

/** The frame of every page: skip link, header with "Get help now" (on screen as the page scrolls), navigation, main, footer. */
export function Layout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [helpOpen, setHelpOpen] = useState(false);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const defaultRegion = me?.region ?? browserRegion() ?? 'INTL';

  return (
    <RealtimeProvider userId={me?.id ?? null}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <Link className="brand" to="/">
            <img src="/favicon.svg" alt="" width="26" height="26" />
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          {me ? <NotificationBell /> : null}
          <button type="button" className="button button--help" aria-haspopup="dialog" onClick={() => setHelpOpen(true)}>
            {t('help.button')}
          </button>
        </div>
      </header>
      <SiteNav me={me} />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div>
          <p>{t('app.notEmergency')}</p>
          <p>{t('app.footerLicence')}</p>
        </div>
      </footer>
      <HelpDialog open={helpOpen} onClose={closeHelp} defaultRegion={defaultRegion} />
    </RealtimeProvider>
  );
}
