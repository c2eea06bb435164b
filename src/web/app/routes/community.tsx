import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useSpaces } from '../../features/community/api.js';
import { ThreadBrowser } from '../../features/community/thread-list.js';
import { RequireAuth } from '../require-auth.js';

function Spaces() {
  const { t } = useTranslation();
  const { data: spaces, isPending, error } = useSpaces();
  return (
    <section aria-labelledby="spaces-title" className="community__aside">
      <h2 id="spaces-title">{t('community.spacesTitle')}</h2>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      <ul className="plain-list space-list">
        {(spaces ?? []).map((s) => (
          <li key={s.id}>
            <h3>
              <Link to={`/community/spaces/${s.id}`}>{s.name}</Link>
            </h3>
            <p className="muted">{s.description}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function CommunityPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('community.title')} intro={t('community.intro')}>
          <div className="button-row">
            <Link className="button" to="/community/new">
              {t('community.startThread')}
            </Link>
            <Link className="button button--secondary" to="/community/search">
              {t('community.searchLink')}
            </Link>
            <Link to="/community/preferences">{t('community.preferences')}</Link>
            <Link to="/community/reports">{t('community.myReportsLink')}</Link>
          </div>
          <div className="community">
            <ThreadBrowser headingId="threads-title" />
            <Spaces />
          </div>
        </Page>
      )}
    </RequireAuth>
  );
}
