import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/page.js';
import '../../locales/load-community.js';
import { MyReports } from '../../features/community/my-reports.js';
import { RequireAuth } from '../require-auth.js';

export default function CommunityReportsPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('community.myReports.title')} intro={t('community.myReports.intro')}>
          <MyReports />
          <p>
            <Link to="/community">{t('community.backToCommunity')}</Link>
          </p>
        </Page>
      )}
    </RequireAuth>
  );
}
