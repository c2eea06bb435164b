import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useMyMeetings } from '../../features/groups/api.js';
import { CalendarFeedPanel } from '../../features/groups/calendar-feed.js';
import { OccurrenceWhen } from '../../features/groups/meetings.js';
import { ProgramsOverview } from '../../features/groups/programs.js';
import { RequireAuth } from '../require-auth.js';

function MyMeetings() {
  const { t } = useTranslation();
  const { data, isPending, error } = useMyMeetings();
  const upcoming = (data ?? []).filter((o) => new Date(o.endUtc).getTime() >= Date.now()).slice(0, 5);
  return (
    <section aria-labelledby="my-meetings-title">
      <h2 id="my-meetings-title">{t('groups.home.meetings')}</h2>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && upcoming.length === 0 ? <p className="muted">{t('groups.home.noMeetings')}</p> : null}
      <ul className="plain-list stack">
        {upcoming.map((o) => (
          <li key={`${o.meetingId}-${o.occurrence}`} className="card">
            <h3>
              <Link to={`/groups/${o.groupId}`}>
                <bdi>{o.groupName}</bdi>
              </Link>
              : {o.title}
            </h3>
            <OccurrenceWhen occ={o} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function GroupsPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {(me) => (
        <Page title={t('groups.home.title')} intro={t('groups.home.intro')}>
          <div className="button-row">
            <Link className="button button--secondary" to="/circles">
              {t('groups.home.circlesLink')}
            </Link>
            {me.roles.includes('admin') ? (
              <Link className="button button--secondary" to="/groups/admin">
                {t('groups.home.adminLink')}
              </Link>
            ) : null}
          </div>
          <MyMeetings />
          <ProgramsOverview />
          <CalendarFeedPanel groupId={null} />
        </Page>
      )}
    </RequireAuth>
  );
}
