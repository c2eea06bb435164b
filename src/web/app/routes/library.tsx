import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { LibraryTabs } from '../../features/library/library-tabs.js';
import { StrategyBrowser } from '../../features/library/strategies.js';
import { RequireAuth } from '../require-auth.js';

export default function LibraryPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('library.list.title')} intro={t('library.list.intro')}>
          <LibraryTabs />
          <StrategyBrowser />
        </Page>
      )}
    </RequireAuth>
  );
}
