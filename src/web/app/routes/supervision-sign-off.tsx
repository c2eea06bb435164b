import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { CertificatesTable, SignOffQueue } from '../../features/training/sign-off.js';
import { RequireAuth } from '../require-auth.js';

export default function SupervisionSignOffPage() {
  const { t } = useTranslation();
  return (
    // Admins decide sign-offs too (any request but their own); the server checks each decision again.
    <RequireAuth roles={['supervisor', 'admin']} forbiddenTitle={t('training.signOff.title')} forbidden={t('training.signOff.forbidden')}>
      {(me) => (
        <Page title={t('training.signOff.title')} intro={t('training.signOff.intro')}>
          {me.roles.includes('admin') ? <p>{t('training.signOff.adminIntro')}</p> : null}
          <SignOffQueue myId={me.id} />
          <CertificatesTable />
        </Page>
      )}
    </RequireAuth>
  );
}
