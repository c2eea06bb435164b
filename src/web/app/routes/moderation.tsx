import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { ModerationQueue } from '../../features/moderation/queue.js';
import { RequireAuth } from '../require-auth.js';

export default function ModerationPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['supervisor', 'admin']} forbiddenTitle={t('moderation.title')} forbidden={t('moderation.forbidden')}>
      {() => (
        <Page title={t('moderation.title')} intro={t('moderation.intro')}>
          <ModerationQueue />
        </Page>
      )}
    </RequireAuth>
  );
}
