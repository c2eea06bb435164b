import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LibraryTabs } from '../../features/library/library-tabs.js';
import { StrategyDetail } from '../../features/library/strategies.js';
import { useStrategy } from '../../features/library/api.js';
import { RequireAuth } from '../require-auth.js';

function Title({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data } = useStrategy(id);
  useEffect(() => {
    document.title = t('app.pageTitle', { title: data?.title ?? t('library.list.title') });
  }, [t, data?.title]);
  return null;
}

export default function LibraryStrategyPage() {
  const { id = '' } = useParams();
  return (
    <RequireAuth>
      {(me) => (
        <>
          <Title id={id} />
          <LibraryTabs />
          <StrategyDetail id={id} me={me} />
        </>
      )}
    </RequireAuth>
  );
}
