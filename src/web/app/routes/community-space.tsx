import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useSpace } from '../../features/community/api.js';
import { ThreadBrowser } from '../../features/community/thread-list.js';
import { RequireAuth } from '../require-auth.js';
import { useRealtimeRooms } from '../realtime.js';

function Space({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data: space, isPending, error } = useSpace(id);
  // New threads and activity in this space refresh the list (app/realtime.tsx invalidates it).
  useRealtimeRooms([`space:${id}`]);
  if (isPending) return <Loading />;
  if (!space) return <ErrorNotice error={error} />;
  return (
    <Page title={space.name} intro={space.description}>
      <p>
        <Link to="/community">{t('community.space.back')}</Link>
      </p>
      <details className="disclosure house-rules">
        <summary>{t('community.space.rules')}</summary>
        <p>{space.houseRules}</p>
      </details>
      <div className="button-row">
        <Link className="button" to={`/community/new?space=${space.id}`}>
          {t('community.startThread')}
        </Link>
      </div>
      <ThreadBrowser space={space.id} headingId="space-threads" />
    </Page>
  );
}

export default function CommunitySpacePage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <Space key={id} id={id} />}</RequireAuth>;
}
