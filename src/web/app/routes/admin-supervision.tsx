import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { Assignments } from '../../features/supervision/assignments.js';
import { RequireAuth } from '../require-auth.js';

/** Admins: who supervises whom, and each supervisor's load. */
export default function AdminSupervisionPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['admin']} forbiddenTitle={t('supervisionPages.admin.title')} forbidden={t('supervisionPages.admin.forbidden')}>
      {() => (
        <Page title={t('supervisionPages.admin.title')} intro={t('supervisionPages.admin.intro')}>
          <Assignments />
        </Page>
      )}
    </RequireAuth>
  );
}
