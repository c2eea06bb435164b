import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** When a page fails to render (or its chunk fails to load), stay calm and keep help in reach. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <main id="main" tabIndex={-1}>
      <h1>{t('app.errorTitle')}</h1>
      <p>{t('app.errorBody')}</p>
      <p className="notice notice--warn">{t('app.notEmergency')}</p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('app.retry')}
        </button>
        <Link className="button button--secondary" to="/help">
          {t('help.button')}
        </Link>
      </div>
    </main>
  );
}
