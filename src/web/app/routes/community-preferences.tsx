import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/page.js';
import '../../locales/load-community.js';
import { WarningPrefsForm } from '../../features/community/warning-prefs-form.js';
import { RequireAuth } from '../require-auth.js';

export default function CommunityPreferencesPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('community.prefs.title')} intro={t('community.prefs.intro')}>
          <WarningPrefsForm />
          <p>
            <Link to="/community">{t('community.backToCommunity')}</Link>
          </p>
        </Page>
      )}
    </RequireAuth>
  );
}
