import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/page.js';
import { OrganizationsAdmin } from '../../features/groups/admin.js';
import { RequireAuth } from '../require-auth.js';

/** Organizations, their staff and programs: admins make them; organization staff read them. */
export default function GroupsAdminPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {(me) => (
        <Page title={t('groups.admin.title')} intro={t('groups.admin.intro')}>
          <p>
            <Link to="/groups">{t('groups.back')}</Link>
          </p>
          <OrganizationsAdmin isAdmin={me.roles.includes('admin')} />
        </Page>
      )}
    </RequireAuth>
  );
}
