import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/page.js';
import { Loading } from '../../components/status.js';
import { useMe } from '../../features/auth/api.js';

// The signed-in home ("today") in its own chunk: a visitor's first page does not carry it (ADR 045).
const TodayHome = lazy(() => import('../../features/today/today.js'));

export default function Home() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (me) {
    return (
      <Page title={t('today.title', { handle: me.handle })} intro={t('today.lead')}>
        <Suspense fallback={<Loading />}>
          <TodayHome />
        </Suspense>
      </Page>
    );
  }
  return (
    <div className="hero">
      <Page title={t('home.title')} intro={t('home.lead')}>
        <p>{t('home.what')}</p>
        <div className="button-row">
          <Link className="button" to="/sign-up">
            {t('home.join')}
          </Link>
          <Link className="button button--secondary" to="/sign-in">
            {t('home.signIn')}
          </Link>
        </div>
        <p className="notice notice--warn">{t('app.notEmergency')}</p>
        <div className="grid-2">
          <section aria-labelledby="home-offers">
            <h2 id="home-offers">{t('home.offersTitle')}</h2>
            <ul>
              <li>{t('home.offerCommunity')}</li>
              <li>{t('home.offerSupport')}</li>
              <li>{t('home.offerGroups')}</li>
              <li>{t('home.offerLibrary')}</li>
              <li>{t('home.offerRecovery')}</li>
            </ul>
          </section>
          <section aria-labelledby="home-privacy">
            <h2 id="home-privacy">{t('home.privacyTitle')}</h2>
            <p>{t('home.privacy')}</p>
          </section>
        </div>
      </Page>
    </div>
  );
}
