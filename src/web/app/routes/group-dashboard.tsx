import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useGroup } from '../../features/groups/api.js';
import { GroupDashboard } from '../../features/groups/dashboard.js';
import { RequireAuth } from '../require-auth.js';

function Screen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data: group, isPending, error } = useGroup(id);
  if (isPending) return <Loading />;
  if (!group) return <ErrorNotice error={error} />;
  return (
    <Page title={t('groups.dashboard.title', { group: group.name })}>
      <p>
        <Link to={`/groups/${id}`}>{t('groups.dashboard.back', { group: group.name })}</Link>
      </p>
      <GroupDashboard groupId={id} />
    </Page>
  );
}

export default function GroupDashboardPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <Screen key={id} id={id} />}</RequireAuth>;
}
