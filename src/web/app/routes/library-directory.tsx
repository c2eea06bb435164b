import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { DirectoryBrowser, ResourceQueues, SuggestResource } from '../../features/library/directory.js';
import { LibraryTabs } from '../../features/library/library-tabs.js';
import { RequireAuth } from '../require-auth.js';

export default function LibraryDirectoryPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {(me) => (
        <Page title={t('library.directory.title')} intro={t('library.directory.intro')}>
          <LibraryTabs />
          <DirectoryBrowser />
          {me.roles.includes('supervisor') || me.roles.includes('admin') ? <ResourceQueues /> : null}
          <SuggestResource me={me} />
        </Page>
      )}
    </RequireAuth>
  );
}
