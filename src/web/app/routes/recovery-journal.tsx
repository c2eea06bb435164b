import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { Journal } from '../../features/recovery/journal.js';
import { RecoveryTabs } from '../../features/recovery/recovery-tabs.js';
import { RequireAuth } from '../require-auth.js';

export default function RecoveryJournalPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('recovery.journal.title')} intro={t('recovery.journal.intro')}>
          <RecoveryTabs />
          <Journal />
        </Page>
      )}
    </RequireAuth>
  );
}
