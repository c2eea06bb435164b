import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { CheckinForm, ReminderForm } from '../../features/recovery/checkin.js';
import { RecoveryTabs } from '../../features/recovery/recovery-tabs.js';
import { MoodTrend } from '../../features/recovery/trend-chart.js';
import { RequireAuth } from '../require-auth.js';

export default function RecoveryCheckinPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('recovery.checkin.title')}>
          <RecoveryTabs />
          <CheckinForm />
          <MoodTrend />
          <ReminderForm />
        </Page>
      )}
    </RequireAuth>
  );
}
