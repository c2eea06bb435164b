import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { CertificatesTable, SignOffQueue } from '../../features/training/sign-off.js';
import { RequireAuth } from '../require-auth.js';

export default function SupervisionSignOffPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['supervisor']} forbiddenTitle={t('training.signOff.title')} forbidden={t('training.signOff.forbidden')}>
      {() => (
        <Page title={t('training.signOff.title')} intro={t('training.signOff.intro')}>
          <SignOffQueue />
          <CertificatesTable />
        </Page>
      )}
    </RequireAuth>
  );
}
