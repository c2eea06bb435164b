import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { EventMap } from '../../../contracts/events.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { AgreementPanel } from '../../features/groups/agreement.js';
import { keys, useGroup } from '../../features/groups/api.js';
import { CalendarFeedPanel } from '../../features/groups/calendar-feed.js';
import { GroupChat } from '../../features/groups/chat.js';
import { Goals, MembersSharedGoals } from '../../features/groups/goals.js';
import { MeetingSeries, ScheduleMeetingForm, UpcomingMeetings } from '../../features/groups/meetings.js';
import { useRealtimeEvents } from '../realtime.js';
import { RequireAuth } from '../require-auth.js';

function GroupScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: group, isPending, error } = useGroup(id);
  // The room itself is joined by the chat (it needs the current agreement); these keep the rest fresh.
  useRealtimeEvents((event) => {
    const d = event.data as { groupId?: string };
    if (d.groupId !== id) return;
    if (event.type === 'group.changed') void qc.invalidateQueries({ queryKey: keys.group(id) });
    else if (event.type === 'group.meetings_changed') {
      void qc.invalidateQueries({ queryKey: keys.occurrences(id) });
      void qc.invalidateQueries({ queryKey: keys.meetings(id) });
    }
    else if (event.type === 'group.goal_progress') void qc.invalidateQueries({ queryKey: keys.goals((event.data as EventMap['group.goal_progress']).groupId) });
  });
  if (isPending) return <Loading />;
  if (!group) return <ErrorNotice error={error} />;
  const takesPart = group.me.facilitator || (group.me.member && group.me.agreementCurrent);
  return (
    <Page title={group.name}>
      <p className="meta">
        <Link to={`/groups/programs/${group.programId}`}>{t('groups.group.backToProgram')}</Link>
        <span>{t('groups.group.members', { count: group.memberCount, limit: group.sizeLimit })}</span>
        {group.full ? <span className="badge badge--warn">{t('groups.group.full')}</span> : null}
        {group.me.facilitator ? <span className="badge badge--ok">{t('groups.group.youFacilitate')}</span> : group.me.member ? <span className="badge badge--ok">{t('groups.group.youBelong')}</span> : null}
      </p>
      <p>{group.description}</p>
      <p className="muted">
        {group.facilitators.length
          ? t('groups.group.facilitatedBy', { names: group.facilitators.map((f) => f.handle).join(', ') })
          : t('groups.group.noFacilitators')}
      </p>
      {group.me.facilitator ? (
        <p>
          <Link className="button button--secondary" to={`/groups/${group.id}/dashboard`}>
            {t('groups.group.dashboardLink')}
          </Link>
        </p>
      ) : null}
      <AgreementPanel group={group} />
      <UpcomingMeetings group={group} />
      {takesPart ? <CalendarFeedPanel groupId={group.id} /> : null}
      {group.me.facilitator ? <MeetingSeries group={group} /> : null}
      {group.me.facilitator ? <ScheduleMeetingForm group={group} /> : null}
      <GroupChat group={group} />
      <Goals group={group} />
      <MembersSharedGoals group={group} />
    </Page>
  );
}

export default function GroupPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <GroupScreen key={id} id={id} />}</RequireAuth>;
}
