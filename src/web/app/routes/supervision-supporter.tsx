import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { SupporterDetail } from '../../features/supervision/supporter-detail.js';
import { useSupporter } from '../../features/supervision/supervision-api.js';
import { RequireAuth } from '../require-auth.js';

function Supporter({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useSupporter(id);
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  return (
    <Page title={t('supervisionPages.supporter.title', { handle: data.supporter.handle })}>
      <p>
        <Link to="/supervision">{t('supervisionPages.supporter.back')}</Link>
      </p>
      <SupporterDetail detail={data} />
    </Page>
  );
}

/** One supporter, for their supervisor (anyone else: the server says 404). */
export default function SupervisionSupporterPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <RequireAuth roles={['supervisor']} forbiddenTitle={t('supervisionPages.dashboard.title')} forbidden={t('supervisionPages.forbidden')}>
      {() => <Supporter id={id} />}
    </RequireAuth>
  );
}
