import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { CreateGroupForm, InvitationCodePanel, JoinRequestsPanel } from '../../features/groups/admin.js';
import { useOrganizations, useProgram, type Program } from '../../features/groups/api.js';
import { GroupSummary } from '../../features/groups/programs.js';
import { RequireAuth } from '../require-auth.js';

function LeadTools({ program }: { program: Program }) {
  // Facilitators a lead may choose: the organization's staff with the facilitator role.
  const { data: orgs } = useOrganizations(!!program.organization);
  const org = orgs?.find((o) => o.id === program.organization?.id);
  const facilitators = (org?.staff ?? []).filter((s) => s.role === 'facilitator').map((s) => s.user);
  return (
    <>
      <CreateGroupForm program={program} facilitators={facilitators} />
      {program.joinPolicy === 'request' ? <JoinRequestsPanel program={program} /> : null}
      {program.joinPolicy === 'invitation' ? <InvitationCodePanel program={program} /> : null}
    </>
  );
}

function ProgramScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data: program, isPending, error } = useProgram(id);
  if (isPending) return <Loading />;
  if (!program) return <ErrorNotice error={error} />;
  return (
    <Page title={program.name} intro={program.description || undefined}>
      <p className="meta">
        <Link to="/groups">{t('groups.back')}</Link>
        {program.organization ? <span className="muted">{t('groups.program.by', { organization: program.organization.name })}</span> : null}
        <span className="badge">{t(`groups.joinPolicies.${program.joinPolicy}`)}</span>
      </p>
      <section aria-labelledby="program-groups-title">
        <h2 id="program-groups-title">{t('groups.program.groupsTitle')}</h2>
        {program.groups.length === 0 ? <p className="muted">{t('groups.program.noGroups')}</p> : null}
        <ul className="plain-list group-list">
          {program.groups.map((g) => (
            <GroupSummary key={g.id} group={g} />
          ))}
        </ul>
      </section>
      {program.canManage ? <LeadTools program={program} /> : null}
    </Page>
  );
}

export default function GroupsProgramPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <ProgramScreen key={id} id={id} />}</RequireAuth>;
}
