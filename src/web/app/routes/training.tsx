import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { TrainingOverview } from '../../features/training/overview.js';
import { RequireAuth } from '../require-auth.js';

export default function TrainingPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('training.title')} intro={t('training.intro')}>
          <TrainingOverview />
        </Page>
      )}
    </RequireAuth>
  );
}
