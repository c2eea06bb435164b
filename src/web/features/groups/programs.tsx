import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import { useJoinByCode, useJoinProgram, usePrograms, type Group, type Program } from './api.js';

/** One group as a line in a program: name, size against its limit, and where the reader stands. */
export function GroupSummary({ group }: { group: Group }) {
  const { t } = useTranslation();
  return (
    <li className="card group-summary">
      <h4>
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </h4>
      <p>{group.description}</p>
      <p className="meta muted">
        <span>{t('groups.group.members', { count: group.memberCount, limit: group.sizeLimit })}</span>
        {group.full ? <span className="badge badge--warn">{t('groups.group.full')}</span> : null}
        {group.me.facilitator ? <span className="badge badge--ok">{t('groups.group.youFacilitate')}</span> : group.me.member ? <span className="badge badge--ok">{t('groups.group.youBelong')}</span> : null}
      </p>
    </li>
  );
}

function ProgramCard({ program, belongs, onJoined, headingLevel = 3 }: { program: Program; belongs: boolean; onJoined?(message: string): void; headingLevel?: 3 }) {
  const { t } = useTranslation();
  const join = useJoinProgram();
  const [note, setNote] = useState('');
  const noteId = useId();
  const H = `h${headingLevel}` as const;
  const done = join.data?.membership;
  return (
    <article className="card program-card" aria-labelledby={`program-${program.id}`}>
      <H id={`program-${program.id}`}>
        <Link to={`/groups/programs/${program.id}`}>{program.name}</Link>
      </H>
      {program.organization ? <p className="meta muted">{t('groups.program.by', { organization: program.organization.name })}</p> : null}
      {program.description ? <p>{program.description}</p> : null}
      <p className="meta">
        <span className="badge">{t(`groups.joinPolicies.${program.joinPolicy}`)}</span>
        {program.membership === 'pending' ? <span className="badge badge--warn">{t('groups.program.pending')}</span> : null}
      </p>
      <h4 className="visually-hidden">{t('groups.program.offers')}</h4>
      {program.groups.length === 0 && program.spaces.length === 0 ? <p className="muted">{t('groups.program.nothingYet')}</p> : null}
      {program.groups.length > 0 ? (
        <ul className="plain-list group-list" aria-label={t('groups.program.groupsOf', { program: program.name })}>
          {program.groups.map((g) => (
            <GroupSummary key={g.id} group={g} />
          ))}
        </ul>
      ) : null}
      {program.spaces.length > 0 ? (
        <p>
          {t('groups.program.spaces')}{' '}
          {program.spaces.map((s, i) => (
            <span key={s.id}>
              {i > 0 ? ', ' : ''}
              <Link to={`/community/spaces/${s.id}`}>{s.name}</Link>
            </span>
          ))}
        </p>
      ) : null}
      {!belongs && program.membership === null && program.joinPolicy !== 'invitation' ? (
        done ? (
          <SuccessNotice>{done === 'member' ? t('groups.program.joined') : t('groups.program.requested')}</SuccessNotice>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              join.mutate(
                { id: program.id, ...(note.trim() ? { note: note.trim() } : {}) },
                // The card moves to "My programs" once joined, so the page says so, not the card.
                { onSuccess: (r) => onJoined?.(r.membership === 'member' ? t('groups.program.joined', { program: program.name }) : t('groups.program.requested')) },
              );
            }}
            noValidate
          >
            <ErrorNotice error={join.error} />
            {program.joinPolicy === 'request' ? (
              <div className="field">
                <label htmlFor={noteId}>{t('groups.program.requestNote')}</label>
                <textarea id={noteId} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
              </div>
            ) : null}
            <button type="submit" className="button button--small" disabled={join.isPending}>
              {program.joinPolicy === 'open' ? t('groups.program.join', { program: program.name }) : t('groups.program.ask', { program: program.name })}
            </button>
          </form>
        )
      ) : null}
    </article>
  );
}

function JoinByCode() {
  const { t } = useTranslation();
  const join = useJoinByCode();
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    join.mutate(code.trim(), { onSuccess: () => setCode('') });
  };
  return (
    <section aria-labelledby="code-title">
      <h2 id="code-title">{t('groups.code.title')}</h2>
      {join.data ? <SuccessNotice>{t('groups.code.joined', { program: join.data.name })}</SuccessNotice> : null}
      <form onSubmit={submit} noValidate className="inline-form">
        <ErrorNotice error={join.error} />
        <TextField label={t('groups.code.label')} hint={t('groups.code.hint')} value={code} autoComplete="off" onChange={(e) => setCode(e.target.value)} error={fieldError(join.error, 'code', t('groups.code.subject'))} />
        <button type="submit" className="button" disabled={join.isPending || code.trim().length === 0}>
          {t('groups.code.submit')}
        </button>
      </form>
    </section>
  );
}

/** "My programs": what I belong to and what each offers, then what I may join. */
export function ProgramsOverview() {
  const { t } = useTranslation();
  const { data, isPending, error } = usePrograms();
  const [joined, setJoined] = useState<string | null>(null);
  if (isPending) return <Loading />;
  return (
    <>
      <ErrorNotice error={error} />
      {joined ? <SuccessNotice>{joined}</SuccessNotice> : null}
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{t('groups.programs.mine')}</h2>
        {data && data.mine.length === 0 ? <p className="muted">{t('groups.programs.mineEmpty')}</p> : null}
        <div className="stack">
          {data?.mine.map((p) => (
            <ProgramCard key={p.id} program={p} belongs />
          ))}
        </div>
      </section>
      <section aria-labelledby="available-title">
        <h2 id="available-title">{t('groups.programs.available')}</h2>
        {data && data.available.length === 0 ? <p className="muted">{t('groups.programs.availableEmpty')}</p> : null}
        <div className="stack">
          {data?.available.map((p) => (
            <ProgramCard key={p.id} program={p} belongs={false} onJoined={setJoined} />
          ))}
        </div>
      </section>
      <JoinByCode />
    </>
  );
}
