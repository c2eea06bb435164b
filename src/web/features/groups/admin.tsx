import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import {
  JOIN_POLICIES,
  STAFF_ROLES,
  useAddStaff,
  useCreateGroup,
  useCreateOrganization,
  useCreateProgram,
  useDecideJoinRequest,
  useInvitationCode,
  useJoinRequests,
  useOrganizationPrograms,
  useOrganizations,
  useRemoveStaff,
  useUserSearch,
  type JoinPolicy,
  type Organization,
  type Program,
  type StaffRole,
} from './api.js';
import { knownZones, readerZone } from './time.js';

export function CreateOrganization() {
  const { t } = useTranslation();
  const create = useCreateOrganization();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, description }, { onSuccess: () => (setName(''), setDescription('')) });
  };
  return (
    <section aria-labelledby="new-org-title">
      <h2 id="new-org-title">{t('groups.admin.newOrganization')}</h2>
      {create.data && !create.isPending ? <SuccessNotice>{t('groups.admin.organizationCreated', { name: create.data.name })}</SuccessNotice> : null}
      <form onSubmit={submit} noValidate>
        <ErrorNotice error={create.error} />
        <TextField label={t('groups.admin.orgName')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name', t('groups.subjects.name'))} />
        <TextAreaField label={t('groups.admin.orgDescription')} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError(create.error, 'description', t('groups.subjects.description'))} />
        <button type="submit" className="button" disabled={create.isPending}>
          {t('groups.admin.createOrganization')}
        </button>
      </form>
    </section>
  );
}

function AddStaff({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const [handle, setHandle] = useState('');
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<StaffRole>('facilitator');
  const search = useUserSearch(handle);
  const add = useAddStaff(org.id);
  const exact = search.data?.find((u) => u.handle.toLowerCase() === handle.trim().toLowerCase());
  const chosen = userId || exact?.id || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen) add.mutate({ userId: chosen, role }, { onSuccess: () => (setHandle(''), setUserId('')) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('groups.admin.addStaffTo', { organization: org.name })}>
      <ErrorNotice error={add.error} />
      {add.isSuccess && !add.isPending ? <SuccessNotice>{t('groups.admin.staffAdded')}</SuccessNotice> : null}
      <TextField label={t('groups.admin.staffHandle')} hint={t('groups.admin.staffHandleHint')} value={handle} autoComplete="off" onChange={(e) => (setHandle(e.target.value), setUserId(''))} />
      {search.data && search.data.length > 0 ? (
        <SelectField label={t('groups.admin.staffPerson')} value={chosen} onChange={(e) => setUserId(e.target.value)}>
          <option value="">{t('groups.admin.choosePerson')}</option>
          {search.data.map((u) => (
            <option key={u.id} value={u.id}>
              {u.handle}
            </option>
          ))}
        </SelectField>
      ) : handle.trim().length >= 2 && search.data ? (
        <p className="muted">{t('groups.admin.noPeople')}</p>
      ) : null}
      <SelectField label={t('groups.admin.staffRole')} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
        {STAFF_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`groups.staffRoles.${r}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button button--small" disabled={add.isPending || !chosen}>
        {t('groups.admin.addStaff')}
      </button>
    </form>
  );
}

function CreateProgram({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateProgram(org.id);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [joinPolicy, setJoinPolicy] = useState<JoinPolicy>('open');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, description, joinPolicy }, { onSuccess: (p) => void navigate(`/groups/programs/${p.id}`) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('groups.admin.newProgramIn', { organization: org.name })}>
      <ErrorNotice error={create.error} />
      <TextField label={t('groups.admin.programName')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name', t('groups.subjects.name'))} />
      <TextAreaField label={t('groups.admin.programDescription')} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError(create.error, 'description', t('groups.subjects.description'))} />
      <fieldset>
        <legend>{t('groups.admin.joinPolicy')}</legend>
        {JOIN_POLICIES.map((p) => (
          <div className="check" key={p}>
            <input type="radio" name={`policy-${org.id}`} id={`policy-${org.id}-${p}`} checked={joinPolicy === p} onChange={() => setJoinPolicy(p)} />
            <label htmlFor={`policy-${org.id}-${p}`}>{t(`groups.joinPolicyHints.${p}`)}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={create.isPending}>
        {t('groups.admin.createProgram')}
      </button>
    </form>
  );
}

/** The way back to every program, invitation-only ones too: those never show in the member's list. */
function OrganizationPrograms({ org }: { org: Organization }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useOrganizationPrograms(org.id);
  return (
    <>
      <h3>{t('groups.admin.programsTitle')}</h3>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && data.length === 0 ? <p className="muted">{t('groups.admin.noPrograms')}</p> : null}
      {data && data.length > 0 ? (
        <ul className="plain-list" aria-label={t('groups.admin.programsOf', { organization: org.name })}>
          {data.map((p) => (
            <li key={p.id} className="meta">
              <Link to={`/groups/programs/${p.id}`}>{p.name}</Link>
              <span className="badge">{t(`groups.joinPolicies.${p.joinPolicy}`)}</span>
              <span className="muted">{t('groups.admin.groupCount', { count: p.groups.length })}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function OrganizationCard({ org, isAdmin }: { org: Organization; isAdmin: boolean }) {
  const { t } = useTranslation();
  const remove = useRemoveStaff(org.id);
  return (
    <article className="card" aria-labelledby={`org-${org.id}`}>
      <h2 id={`org-${org.id}`}>{org.name}</h2>
      {org.description ? <p>{org.description}</p> : null}
      <h3>{t('groups.admin.staffTitle')}</h3>
      <ErrorNotice error={remove.error} />
      {org.staff.length === 0 ? <p className="muted">{t('groups.admin.noStaff')}</p> : null}
      <ul className="plain-list staff-list">
        {org.staff.map((s) => (
          <li key={`${s.user.id}-${s.role}`} className="meta">
            <span>
              {s.user.handle} — {t(`groups.staffRoles.${s.role}`)}
            </span>
            {isAdmin ? (
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ userId: s.user.id, role: s.role })}
              >
                {t('groups.admin.removeStaff')}
                <span className="visually-hidden">: {s.user.handle}, {t(`groups.staffRoles.${s.role}`)}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <OrganizationPrograms org={org} />
      {isAdmin ? (
        <>
          <details className="disclosure">
            <summary>{t('groups.admin.addStaffSummary')}</summary>
            <AddStaff org={org} />
          </details>
          <h3>{t('groups.admin.newProgram')}</h3>
          <CreateProgram org={org} />
        </>
      ) : null}
    </article>
  );
}

export function OrganizationsAdmin({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useOrganizations();
  if (isPending) return <Loading />;
  return (
    <>
      <ErrorNotice error={error} />
      {data && data.length === 0 ? <p className="muted">{t('groups.admin.noOrganizations')}</p> : null}
      <div className="stack">
        {data?.map((o) => (
          <OrganizationCard key={o.id} org={o} isAdmin={isAdmin} />
        ))}
      </div>
      {isAdmin ? <CreateOrganization /> : null}
    </>
  );
}

// ── program lead tools ───────────────────────────────────────────────────────
const DEFAULT_AGREEMENT =
  'What is said in the group stays in the group. We listen with respect and take turns. We share from our own experience and give advice only when asked. If someone is in crisis, the facilitator follows the crisis procedure and may bring in a supervisor.';

export function CreateGroupForm({ program, facilitators }: { program: Program; facilitators: { id: string; handle: string }[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateGroup(program.id);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [timeZone, setTimeZone] = useState(readerZone());
  const [sizeLimit, setSizeLimit] = useState('12');
  const [agreement, setAgreement] = useState(DEFAULT_AGREEMENT);
  const [chosen, setChosen] = useState<string[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, description, timeZone, sizeLimit: Number(sizeLimit), agreement, facilitatorIds: chosen },
      { onSuccess: (g) => void navigate(`/groups/${g.id}`) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-group-title">
      <h2 id="new-group-title">{t('groups.admin.newGroup')}</h2>
      <ErrorNotice error={create.error} />
      <TextField label={t('groups.admin.groupName')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name', t('groups.subjects.name'))} />
      <TextAreaField label={t('groups.admin.groupDescription')} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError(create.error, 'description', t('groups.subjects.description'))} />
      <SelectField label={t('groups.admin.timeZone')} hint={t('groups.admin.timeZoneHint')} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} error={fieldError(create.error, 'timeZone', t('groups.subjects.timeZone'))}>
        {knownZones().map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </SelectField>
      <TextField label={t('groups.admin.sizeLimit')} hint={t('groups.admin.sizeLimitHint')} type="number" inputMode="numeric" min={2} max={50} value={sizeLimit} onChange={(e) => setSizeLimit(e.target.value)} error={fieldError(create.error, 'sizeLimit', t('groups.subjects.sizeLimit'))} />
      <TextAreaField label={t('groups.admin.agreement')} hint={t('groups.admin.agreementHint')} rows={6} value={agreement} onChange={(e) => setAgreement(e.target.value)} error={fieldError(create.error, 'agreement', t('groups.subjects.agreement'))} />
      <fieldset>
        <legend>{t('groups.admin.facilitators')}</legend>
        {facilitators.length === 0 ? <p className="field__hint">{t('groups.admin.noFacilitators')}</p> : null}
        {facilitators.map((f) => (
          <div className="check" key={f.id}>
            <input
              type="checkbox"
              id={`fac-${f.id}`}
              checked={chosen.includes(f.id)}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, f.id] : c.filter((x) => x !== f.id)))}
            />
            <label htmlFor={`fac-${f.id}`}>{f.handle}</label>
          </div>
        ))}
        {fieldError(create.error, 'facilitatorIds') ? <p className="field__error">{fieldError(create.error, 'facilitatorIds')}</p> : null}
      </fieldset>
      <button type="submit" className="button" disabled={create.isPending}>
        {t('groups.admin.createGroup')}
      </button>
    </form>
  );
}

export function InvitationCodePanel({ program }: { program: Program }) {
  const { t } = useTranslation();
  const code = useInvitationCode(program.id);
  return (
    <section aria-labelledby="code-admin-title">
      <h2 id="code-admin-title">{t('groups.admin.codeTitle')}</h2>
      <p className="muted">{t('groups.admin.codeIntro')}</p>
      <ErrorNotice error={code.error} />
      {code.data ? (
        <p className="notice" role="status">
          {t('groups.admin.codeShown')} <code className="code-display">{code.data.code}</code>
        </p>
      ) : code.isSuccess ? (
        <SuccessNotice>{t('groups.admin.codeRevoked')}</SuccessNotice>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={code.isPending} onClick={() => code.mutate('rotate')}>
          {t('groups.admin.newCode')}
        </button>
        <button type="button" className="button button--secondary" disabled={code.isPending} onClick={() => code.mutate('revoke')}>
          {t('groups.admin.revokeCode')}
        </button>
      </div>
    </section>
  );
}

export function JoinRequestsPanel({ program }: { program: Program }) {
  const { t } = useTranslation();
  const { data, error } = useJoinRequests(program.id, true);
  const decide = useDecideJoinRequest(program.id);
  const pending = (data ?? []).filter((r) => r.status === 'pending');
  return (
    <section aria-labelledby="requests-title">
      <h2 id="requests-title">{t('groups.admin.requestsTitle')}</h2>
      <ErrorNotice error={error ?? decide.error} />
      {data && pending.length === 0 ? <p className="muted">{t('groups.admin.noRequests')}</p> : null}
      <ul className="plain-list">
        {pending.map((r) => (
          <li key={r.id} className="card">
            <p>
              <strong>{r.user?.handle ?? t('groups.someone')}</strong>
            </p>
            {r.note ? <p>{r.note}</p> : null}
            <div className="button-row">
              <button type="button" className="button button--small" disabled={decide.isPending} onClick={() => decide.mutate({ requestId: r.id, decision: 'approve' })}>
                {t('groups.admin.approve')}
                <span className="visually-hidden">: {r.user?.handle}</span>
              </button>
              <button type="button" className="button button--secondary button--small" disabled={decide.isPending} onClick={() => decide.mutate({ requestId: r.id, decision: 'decline' })}>
                {t('groups.admin.decline')}
                <span className="visually-hidden">: {r.user?.handle}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ManageLink({ to, children }: { to: string; children: string }) {
  return (
    <Link className="button button--secondary" to={to}>
      {children}
    </Link>
  );
}
