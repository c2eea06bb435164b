import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { useMe } from '../../features/auth/api.js';
import { CrisisResourcesView } from '../../features/safety/crisis-resources.js';
import { browserRegion } from '../../lib/i18n.js';

export default function HelpPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <Page title={t('help.title')} intro={t('help.intro')}>
      <CrisisResourcesView defaultRegion={me?.region ?? browserRegion() ?? 'INTL'} />
    </Page>
  );
}
