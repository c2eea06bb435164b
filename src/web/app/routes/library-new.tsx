import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { LibraryTabs } from '../../features/library/library-tabs.js';
import { StrategyForm } from '../../features/library/strategies.js';
import { RequireAuth } from '../require-auth.js';

export default function LibraryNewPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('library.write.title')} intro={t('library.write.intro')}>
          <LibraryTabs />
          <StrategyForm />
        </Page>
      )}
    </RequireAuth>
  );
}
