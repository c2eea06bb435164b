import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useCircle } from '../../features/circles/api.js';
import { CircleScreen } from '../../features/circles/circles.js';
import { RequireAuth } from '../require-auth.js';

function Screen({ id, meId }: { id: string; meId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: circle, isPending, error } = useCircle(id);
  if (isPending) return <Loading />;
  if (!circle) return <ErrorNotice error={error} />;
  return (
    <Page title={circle.name}>
      <p>
        <Link to="/circles">{t('circles.back')}</Link>
      </p>
      <CircleScreen circle={circle} meId={meId} onLeft={() => void navigate('/circles')} />
    </Page>
  );
}

export default function CirclePage() {
  const { id = '' } = useParams();
  return <RequireAuth>{(me) => <Screen key={id} id={id} meId={me.id} />}</RequireAuth>;
}
