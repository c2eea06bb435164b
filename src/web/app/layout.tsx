import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../components/status.js';
import { markSignedOut, useMe, useSignOut } from '../features/auth/api.js';
import { NotificationBell } from '../features/notifications/bell.js';
import { HelpDialog } from '../features/safety/help-dialog.js';
import { browserRegion } from '../lib/i18n.js';
import MentoringPresence from './mentoring-presence.js';
import { RealtimeProvider } from './realtime.js';

const DOMAINS = [
  { to: '/community', key: 'nav.community' },
  { to: '/support', key: 'nav.support' },
  { to: '/groups', key: 'nav.groups' },
] as const;
/** A member's own spaces: shown once signed in. */
const MEMBER_DOMAINS = [
  { to: '/library', key: 'nav.library' },
  { to: '/library/directory', key: 'nav.directory' },
  { to: '/recovery', key: 'nav.recovery' },
  { to: '/training', key: 'nav.training' },
] as const;

/** The frame of every page: skip link, header with "Get help now", navigation, main, footer. */
export function Layout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const signOut = useSignOut();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const closeHelp = useCallback(() => setHelpOpen(false), []);

  useEffect(() => setMenuOpen(false), [location.pathname]);

  const isStaff = !!me && (me.roles.includes('supervisor') || me.roles.includes('admin'));
  const isAdmin = !!me && me.roles.includes('admin');
  const isSupporter = !!me && me.roles.includes('peer_supporter');
  const isSupervisor = !!me && me.roles.includes('supervisor');
  const isSupervised = !!me && (me.roles.includes('peer_supporter') || me.roles.includes('facilitator'));
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
          <button
            type="button"
            className="button button--secondary menu-button"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            {t('nav.menu')}
          </button>
          <nav id="site-nav" className="site-nav" data-open={menuOpen} aria-label={t('nav.label')}>
            <ul className="site-nav__group">
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              {DOMAINS.map((d) => (
                <li key={d.to}>
                  <NavLink to={d.to} end={d.to === '/support' && isSupporter}>
                    {t(d.key)}
                    {d.to === '/support' && me ? <MentoringPresence userId={me.id} /> : null}
                  </NavLink>
                </li>
              ))}
              {me
                ? MEMBER_DOMAINS.map((d) => (
                    <li key={d.to}>
                      <NavLink to={d.to} end={d.to === '/library'}>
                        {t(d.key)}
                      </NavLink>
                    </li>
                  ))
                : null}
              {isSupporter ? (
                <li>
                  <NavLink to="/support/offers">{t('nav.offers')}</NavLink>
                </li>
              ) : null}
              {me ? (
                <li>
                  <NavLink to="/circles">{t('nav.circles')}</NavLink>
                </li>
              ) : null}
            </ul>
            <ul className="site-nav__group" aria-label={t('nav.accountLabel')}>
              {me ? (
                <>
                  {isStaff ? (
                    <li>
                      <NavLink to="/supervision/alerts">{t('nav.supervision')}</NavLink>
                    </li>
                  ) : null}
                  {isStaff ? (
                    <li>
                      <NavLink to="/moderation">{t('nav.moderation')}</NavLink>
                    </li>
                  ) : null}
                  {isSupervisor ? (
                    <li>
                      <NavLink to="/supervision" end>
                        {t('nav.mySupporters')}
                      </NavLink>
                    </li>
                  ) : null}
                  {isSupervisor ? (
                    <li>
                      <NavLink to="/supervision/mentoring">{t('nav.mentoringOversight')}</NavLink>
                    </li>
                  ) : null}
                  {isStaff ? (
                    <li>
                      <NavLink to="/supervision/sign-off">{t('nav.signOff')}</NavLink>
                    </li>
                  ) : null}
                  {isSupervised ? (
                    <li>
                      <NavLink to="/my-supervision">{t('nav.mySupervision')}</NavLink>
                    </li>
                  ) : null}
                  {isAdmin ? (
                    <li>
                      <NavLink to="/admin/users">{t('nav.admin')}</NavLink>
                    </li>
                  ) : null}
                  {isAdmin ? (
                    <li>
                      <NavLink to="/admin/supervision">{t('nav.supervisors')}</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/profile">{t('nav.profile')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/privacy">{t('nav.privacy')}</NavLink>
                  </li>
                  <li>
                    <button
                      type="button"
                      className="nav-button"
                      disabled={signOut.isPending}
                      onClick={() =>
                        signOut.mutate(undefined, {
                          onSuccess: () => {
                            markSignedOut(qc, 'signed-out');
                            void navigate('/sign-in?reason=signed-out');
                          },
                        })
                      }
                    >
                      {t('nav.signOut')}
                      <span className="visually-hidden"> ({t('nav.signedInAs', { handle: me.handle })})</span>
                    </button>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/sign-in">{t('nav.signIn')}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/sign-up">{t('nav.signUp')}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </div>
      </header>
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
