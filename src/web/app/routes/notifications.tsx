import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { NotificationList } from '../../features/notifications/notification-list.js';
import { NotificationPrefsForm } from '../../features/notifications/notification-prefs.js';
import { RequireAuth } from '../require-auth.js';

export default function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('notifications.title')} intro={t('notifications.intro')}>
          <NotificationList />
          <NotificationPrefsForm />
        </Page>
      )}
    </RequireAuth>
  );
}
