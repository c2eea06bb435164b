import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../components/page.js';
import { ThreadComposer } from '../../features/community/thread-composer.js';
import { RequireAuth } from '../require-auth.js';

export default function CommunityNewPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const space = params.get('space');
  return (
    <RequireAuth>
      {() => (
        <Page title={t('community.composer.title')} intro={t('community.composer.intro')}>
          <ThreadComposer
            initialSpace={space}
            // The thread page shows the safety notice at once (crisis lines, or "waiting for review").
            onCreated={(w) => void navigate(`/community/threads/${w.thread.id}`, { state: { written: { safety: w.safety, pending: w.post.state === 'pending' } } })}
            onCancel={() => void navigate(space ? `/community/spaces/${space}` : '/community')}
          />
        </Page>
      )}
    </RequireAuth>
  );
}
