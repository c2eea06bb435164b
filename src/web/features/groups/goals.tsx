import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import { useCreateGoal, useDeleteGoal, useGoals, useLogProgress, useSharedGoals, type Goal, type Group } from './api.js';

/** A native progress bar named by its heading, with the same figures in words beside it. */
function ProgressBar({ value, max, labelId, text }: { value: number; max: number; labelId: string; text: string }) {
  return (
    <div className="goal-progress">
      <progress value={Math.min(value, max)} max={Math.max(max, 1)} aria-labelledby={labelId} aria-valuetext={text} />
      <p>{text}</p>
    </div>
  );
}

function LogForm({ group, goal }: { group: Group; goal: Goal }) {
  const { t } = useTranslation();
  const id = useId();
  const log = useLogProgress(group.id);
  const [amount, setAmount] = useState('1');
  const [note, setNote] = useState('');
  const [visibility, setVisibility] = useState<'private' | 'group'>('private');
  const [logged, setLogged] = useState<{ amount: number; visibility: 'private' | 'group' } | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(amount);
    log.mutate(
      { goalId: goal.id, amount: n, visibility, ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: () => (setLogged({ amount: n, visibility }), setNote('')) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('groups.goals.logFor', { goal: goal.title })}>
      {logged && !log.isPending ? (
        <SuccessNotice>{t(logged.visibility === 'group' ? 'groups.goals.loggedShared' : 'groups.goals.loggedPrivate', { amount: logged.amount, unit: goal.unit })}</SuccessNotice>
      ) : null}
      <ErrorNotice error={log.error} />
      <TextField label={t('groups.goals.amount', { unit: goal.unit })} type="number" inputMode="numeric" min={1} value={amount} onChange={(e) => setAmount(e.target.value)} error={fieldError(log.error, 'amount', t('groups.subjects.amount'))} />
      <TextField label={t('groups.goals.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      <fieldset>
        <legend>{t('groups.goals.who')}</legend>
        <div className="check">
          <input type="radio" name={`${id}-vis`} id={`${id}-private`} checked={visibility === 'private'} onChange={() => setVisibility('private')} />
          <label htmlFor={`${id}-private`}>{t('groups.goals.private')}</label>
        </div>
        <div className="check">
          <input type="radio" name={`${id}-vis`} id={`${id}-group`} checked={visibility === 'group'} onChange={() => setVisibility('group')} />
          <label htmlFor={`${id}-group`}>{t('groups.goals.shared')}</label>
        </div>
      </fieldset>
      <button type="submit" className="button button--small" disabled={log.isPending}>
        {t('groups.goals.log')}
      </button>
    </form>
  );
}

function GoalCard({ group, goal }: { group: Group; goal: Goal }) {
  const { t } = useTranslation();
  const id = useId();
  const del = useDeleteGoal(group.id);
  const p = goal.progress;
  const pct = p.target > 0 ? Math.min(100, Math.round((p.total / p.target) * 100)) : 0;
  const myPct = goal.targetPerMember > 0 ? Math.min(100, Math.round((p.mine / goal.targetPerMember) * 100)) : 0;
  return (
    <article className="card goal" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{goal.title}</h3>
      <p className="meta muted">
        {t('groups.goals.eachOf', { target: goal.targetPerMember, unit: goal.unit })}
        {goal.endsOn ? <span>{t('groups.goals.endsOn', { date: goal.endsOn })}</span> : null}
      </p>
      <h4 id={`${id}-group`}>{t('groups.goals.together')}</h4>
      <ProgressBar value={p.total} max={p.target} labelId={`${id}-group`} text={t('groups.goals.groupProgress', { total: p.total, target: p.target, unit: goal.unit, pct })} />
      <h4 id={`${id}-mine`}>{t('groups.goals.mine')}</h4>
      <ProgressBar value={p.mine} max={goal.targetPerMember} labelId={`${id}-mine`} text={t('groups.goals.myProgress', { mine: p.mine, target: goal.targetPerMember, unit: goal.unit, pct: myPct })} />
      {p.shared.length > 0 ? (
        <>
          <h4>{t('groups.goals.sharedTitle')}</h4>
          <ul className="plain-list">
            {p.shared.map((s) => (
              <li key={s.user.id}>{t('groups.goals.sharedLine', { handle: s.user.handle, amount: s.amount, unit: goal.unit })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {p.privateLogs > 0 ? <p className="muted">{t('groups.goals.privateLogs', { count: p.privateLogs })}</p> : null}
      <details className="disclosure">
        <summary>{t('groups.goals.logSummary')}</summary>
        <LogForm group={group} goal={goal} />
      </details>
      {group.me.facilitator ? (
        <div className="button-row">
          <button type="button" className="button button--danger button--small" disabled={del.isPending} onClick={() => del.mutate(goal.id)}>
            {t('groups.goals.delete')}
            <span className="visually-hidden">: {goal.title}</span>
          </button>
        </div>
      ) : null}
      <ErrorNotice error={del.error} />
    </article>
  );
}

function NewGoal({ group }: { group: Group }) {
  const { t } = useTranslation();
  const create = useCreateGoal(group.id);
  const [title, setTitle] = useState('');
  const [target, setTarget] = useState('3');
  const [unit, setUnit] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ title, targetPerMember: Number(target), unit, endsOn: endsOn || null }, { onSuccess: () => (setTitle(''), setUnit('')) });
  };
  return (
    <details className="disclosure">
      <summary>{t('groups.goals.new')}</summary>
      <form onSubmit={submit} noValidate aria-label={t('groups.goals.new')}>
        <ErrorNotice error={create.error} />
        <TextField label={t('groups.goals.titleLabel')} hint={t('groups.goals.titleHint')} value={title} onChange={(e) => setTitle(e.target.value)} error={fieldError(create.error, 'title', t('groups.subjects.title'))} />
        <TextField label={t('groups.goals.target')} type="number" inputMode="numeric" min={1} value={target} onChange={(e) => setTarget(e.target.value)} error={fieldError(create.error, 'targetPerMember', t('groups.subjects.target'))} />
        <TextField label={t('groups.goals.unit')} hint={t('groups.goals.unitHint')} value={unit} onChange={(e) => setUnit(e.target.value)} error={fieldError(create.error, 'unit', t('groups.subjects.unit'))} />
        <TextField label={t('groups.goals.endsOnLabel')} type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} error={fieldError(create.error, 'endsOn', t('groups.subjects.date'))} />
        <button type="submit" className="button" disabled={create.isPending}>
          {t('groups.goals.create')}
        </button>
      </form>
    </details>
  );
}

export function Goals({ group }: { group: Group }) {
  const { t } = useTranslation();
  const mayTakePart = group.me.facilitator || (group.me.member && group.me.agreementCurrent);
  const { data, isPending, error } = useGoals(group.id, mayTakePart);
  if (!mayTakePart) return null;
  return (
    <section aria-labelledby="goals-title">
      <h2 id="goals-title">{t('groups.goals.heading')}</h2>
      <p className="muted">{t('groups.goals.intro')}</p>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && data.length === 0 ? <p className="muted">{t('groups.goals.none')}</p> : null}
      <div className="stack">
        {data?.map((g) => (
          <GoalCard key={g.id} group={group} goal={g} />
        ))}
      </div>
      <NewGoal group={group} />
    </section>
  );
}

/** Personal recovery goals members chose to show this group: title and progress in figures, no steps' words. */
export function MembersSharedGoals({ group }: { group: Group }) {
  const { t } = useTranslation();
  const id = useId();
  const mayTakePart = group.me.facilitator || (group.me.member && group.me.agreementCurrent);
  const { data, isPending, error } = useSharedGoals(group.id, mayTakePart);
  if (!mayTakePart) return null;
  return (
    <section aria-labelledby="member-goals-title">
      <h2 id="member-goals-title">{t('groups.memberGoals.heading')}</h2>
      <p className="muted">{t('groups.memberGoals.intro')}</p>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && data.length === 0 ? <p className="muted">{t('groups.memberGoals.none')}</p> : null}
      {data && data.length > 0 ? (
        <ul className="stack plain-list">
          {data.map((g) => {
            const text = g.reached ? t('groups.memberGoals.reached') : t('groups.memberGoals.progress', { done: g.stepsDone, total: g.stepsTotal });
            return (
              <li key={g.goalId} className="card goal">
                <h3 id={`${id}-${g.goalId}`}>{g.title}</h3>
                <p className="meta muted">
                  <span>{t('groups.memberGoals.by', { handle: g.handle })}</span>
                  {g.targetDate ? <span>{t('groups.memberGoals.target', { date: g.targetDate })}</span> : null}
                </p>
                <ProgressBar value={g.reached ? Math.max(g.stepsTotal, 1) : g.stepsDone} max={Math.max(g.stepsTotal, 1)} labelId={`${id}-${g.goalId}`} text={text} />
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
