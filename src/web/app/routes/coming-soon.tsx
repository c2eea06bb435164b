import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/page.js';

type Domain = 'community' | 'groups' | 'library' | 'recovery';

/** An honest placeholder for a part of Kindred that is still being built. */
export default function ComingSoon({ domain }: { domain: Domain }) {
  const { t } = useTranslation();
  return (
    <Page title={t(`soon.${domain}.title`)}>
      <p>
        <span className="badge">{t('soon.badge')}</span>
      </p>
      <p className="lead">{t(`soon.${domain}.body`)}</p>
      <div className="notice notice--warn">
        <p>{t('app.notEmergency')}</p>
        <p>{t('soon.getHelp')}</p>
      </div>
      <p>
        <Link className="button button--help" to="/help">
          {t('help.button')}
        </Link>
      </p>
    </Page>
  );
}
