import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { RecoveryTabs } from '../../features/recovery/recovery-tabs.js';
import { SummaryBuilder } from '../../features/recovery/summary.js';
import { RequireAuth } from '../require-auth.js';

export default function RecoverySummaryPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('recovery.summary.title')} intro={t('recovery.summary.intro')}>
          <RecoveryTabs />
          <SummaryBuilder />
        </Page>
      )}
    </RequireAuth>
  );
}
