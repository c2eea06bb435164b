import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { useMe } from '../../features/auth/api.js';
import { CrisisResourcesView } from '../../features/safety/crisis-resources.js';
import { browserRegion } from '../../lib/i18n.js';

export default function HelpPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    // The region's main line comes straight under the heading, before the intro: on a small phone
    // the call is on the first screen, with everything else after it.
    <Page title={t('help.title')}>
      <CrisisResourcesView defaultRegion={me?.region ?? browserRegion() ?? 'INTL'} mainFirst intro={t('help.intro')} />
    </Page>
  );
}
