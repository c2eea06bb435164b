import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { SupervisorDashboard } from '../../features/supervision/dashboard.js';
import { RequireAuth } from '../require-auth.js';

/** Supervisors: my supporters, what needs attention first. */
export default function SupervisionDashboardPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['supervisor']} forbiddenTitle={t('supervisionPages.dashboard.title')} forbidden={t('supervisionPages.forbidden')}>
      {() => (
        <Page title={t('supervisionPages.dashboard.title')} intro={t('supervisionPages.dashboard.intro')}>
          <SupervisorDashboard />
        </Page>
      )}
    </RequireAuth>
  );
}
