import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { UsersList } from '../../features/admin/users-list.js';
import { PriorTrainingForm } from '../../features/training/prior-training-form.js';
import { RequireAuth } from '../require-auth.js';

export default function AdminUsersPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['admin']} forbiddenTitle={t('admin.title')} forbidden={t('admin.forbidden')}>
      {() => (
        <Page title={t('admin.title')} intro={t('admin.intro')}>
          <UsersList extra={(u) => <PriorTrainingForm user={u} />} />
        </Page>
      )}
    </RequireAuth>
  );
}
