import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { RequestChat, requestTitle } from '../../features/supervision/request-chat.js';
import { useRequestThread } from '../../features/supervision/supervision-api.js';
import { RequireAuth } from '../require-auth.js';

function Conversation({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useRequestThread(id);
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  const back = data.request.role === 'supervisor' ? `/supervision/supporters/${encodeURIComponent(data.request.supporter.id)}` : '/my-supervision';
  return (
    <Page title={requestTitle(t, data.request)}>
      <p>
        <Link to={back}>{t('supervisionPages.chat.back')}</Link>
      </p>
      <RequestChat thread={data} />
    </Page>
  );
}

/** A supervision conversation: the supporter and their supervisor only (the server decides). */
export default function SupervisionRequestPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <Conversation id={id} />}</RequireAuth>;
}
