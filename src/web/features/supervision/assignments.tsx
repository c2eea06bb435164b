import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/fields.js';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import { useAssign, useAssignments, type AssignmentsView } from './supervision-api.js';

type SupporterRow = AssignmentsView['supporters'][number];

function SupporterAssignment({ row, supervisors }: { row: SupporterRow; supervisors: AssignmentsView['supervisors'] }) {
  const { t } = useTranslation();
  const assign = useAssign();
  const [choice, setChoice] = useState(row.supervisor?.id ?? '');
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    const chosen = supervisors.find((s) => s.id === choice);
    assign.mutate({ supporterId: row.id, supervisorId: choice }, { onSuccess: () => setDone(t('supervisionPages.admin.saved', { supervisor: chosen?.handle ?? '', handle: row.handle })) });
  };
  return (
    <li className="card">
      <form className="stack" onSubmit={submit} noValidate>
        <h3>{row.handle}</h3>
        <p className="muted">
          {row.roles.filter((r) => r !== 'member').map((r) => t(`roles.${r}`)).join(', ')} · {row.supervisor ? t('supervisionPages.admin.current', { handle: row.supervisor.handle }) : t('supervisionPages.admin.none')}
        </p>
        <SelectField label={t('supervisionPages.admin.choose', { handle: row.handle })} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('supervisionPages.admin.chooseOption')}</option>
          {supervisors
            .filter((s) => s.id !== row.id)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {t('supervisionPages.admin.supervisorLoad', { handle: s.handle, count: s.supporters })}
              </option>
            ))}
        </SelectField>
        <ErrorNotice error={assign.error} />
        {done && !assign.isPending ? <SuccessNotice>{done}</SuccessNotice> : null}
        <div className="button-row">
          <button type="submit" className="button button--small" disabled={assign.isPending || !choice} aria-label={t('supervisionPages.admin.assignLabel', { handle: row.handle })}>
            {t('supervisionPages.admin.assign')}
          </button>
          {row.supervisor ? (
            <button
              type="button"
              className="button button--small button--secondary"
              disabled={assign.isPending}
              aria-label={t('supervisionPages.admin.removeLabel', { handle: row.handle })}
              onClick={() => assign.mutate({ supporterId: row.id, supervisorId: null }, { onSuccess: () => (setChoice(''), setDone(t('supervisionPages.admin.removed', { handle: row.handle }))) })}
            >
              {t('supervisionPages.admin.remove')}
            </button>
          ) : null}
        </div>
      </form>
    </li>
  );
}

/** The admin's assignments: each supervisor's load, and each supporter's supervisor (unassigned first). */
export function Assignments() {
  const { t } = useTranslation();
  const { data, isPending, error } = useAssignments();
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  return (
    <>
      <section className="stack" aria-labelledby="supervisors-title">
        <h2 id="supervisors-title">{t('supervisionPages.admin.supervisorsTitle')}</h2>
        {data.supervisors.length === 0 ? <p>{t('supervisionPages.admin.supervisorsEmpty')}</p> : null}
        <ul className="plain-list" aria-labelledby="supervisors-title">
          {data.supervisors.map((s) => (
            <li key={s.id}>{t('supervisionPages.admin.supervisorLoad', { handle: s.handle, count: s.supporters })}</li>
          ))}
        </ul>
      </section>
      <section className="stack sv-section" aria-labelledby="assign-title">
        <h2 id="assign-title">{t('supervisionPages.admin.supportersTitle')}</h2>
        <p role="status">{data.unassigned > 0 ? t('supervisionPages.admin.unassigned', { count: data.unassigned }) : t('supervisionPages.admin.allAssigned')}</p>
        {data.supporters.length === 0 ? <p>{t('supervisionPages.admin.supportersEmpty')}</p> : null}
        <ul className="plain-list" aria-labelledby="assign-title">
          {data.supporters.map((row) => (
            <SupporterAssignment key={row.id} row={row} supervisors={data.supervisors} />
          ))}
        </ul>
      </section>
    </>
  );
}
