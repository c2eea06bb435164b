import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { GoalsSection, SavedStrategiesSection } from '../../features/recovery/goals.js';
import { RecoveryTabs } from '../../features/recovery/recovery-tabs.js';
import { SafetyPlanSection } from '../../features/recovery/safety-plan.js';
import { RequireAuth } from '../require-auth.js';

export default function RecoveryPlanPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {(me) => (
        <Page title={t('recovery.plan.title')} intro={t('recovery.plan.intro')}>
          <RecoveryTabs />
          <GoalsSection />
          <SavedStrategiesSection />
          <SafetyPlanSection me={me} />
        </Page>
      )}
    </RequireAuth>
  );
}
