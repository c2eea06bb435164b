import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading } from '../../components/status.js';
import { WriteNotice } from '../../app/write-notice.js';
import { i18n } from '../../lib/i18n.js';
import { useDraftKey } from '../../lib/draft-key.js';
import { goalApi, useGoals, useGoalShares, useGoalWrite, useSavedStrategies, useShareGoal, useUnsaveStrategy, type GoalView, type GoalWritten } from './api.js';

export function formatLocalDate(date: string): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function AddStep({ goal }: { goal: GoalView }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  // One key per draft (ADR 042): pressing Add again after a failure cannot add the step twice.
  const draft = useDraftKey();
  const add = useGoalWrite((v: string) => draft.send({ goal: goal.id, text: v }, (clientId) => goalApi.addStep(goal.id, v, clientId)));
  return (
    <form
      className="button-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) add.mutate(text.trim(), { onSuccess: () => setText('') });
      }}
    >
      <TextField label={t('recovery.plan.addStepTo', { goal: goal.title })} value={text} maxLength={300} error={fieldError(add.error, 'text')} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button button--secondary button--small" disabled={add.isPending}>
        {t('recovery.plan.addStepButton')}
      </button>
    </form>
  );
}

/** Private by default: a goal goes to one group only when the member picks it here, and comes back any time. */
function ShareGoal({ goal }: { goal: GoalView }) {
  const { t } = useTranslation();
  const { data } = useGoalShares();
  const share = useShareGoal(goal.id);
  const [groupId, setGroupId] = useState('');
  if (!data) return null;
  const names = new Map(data.groups.map((g) => [g.id, g.name]));
  const sharedIn = data.shares.filter((s) => s.goalId === goal.id);
  const open = data.groups.filter((g) => !sharedIn.some((s) => s.groupId === g.id));
  const chosen = open.some((g) => g.id === groupId) ? groupId : (open[0]?.id ?? '');
  if (!sharedIn.length && !open.length) return null;
  return (
    <div className="stack">
      {sharedIn.length > 0 ? (
        <ul className="plain-list">
          {sharedIn.map((s) => {
            const name = names.get(s.groupId) ?? t('recovery.plan.aGroup');
            return (
              <li key={s.groupId} className="button-row">
                <span>{t('recovery.plan.sharedWith', { group: name })}</span>
                <button type="button" className="button button--secondary button--small" disabled={share.isPending} onClick={() => share.mutate({ groupId: s.groupId, share: false })}>
                  {t('recovery.plan.stopSharing')}
                  <span className="visually-hidden">{t('recovery.plan.stopSharingWhat', { goal: goal.title, group: name })}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {open.length > 0 ? (
        <form
          className="button-row"
          aria-label={t('recovery.plan.shareGoal', { goal: goal.title })}
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) share.mutate({ groupId: chosen, share: true });
          }}
        >
          <SelectField label={t('recovery.plan.shareWithGroup')} hint={t('recovery.plan.shareHint')} value={chosen} onChange={(e) => setGroupId(e.target.value)}>
            {open.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button button--secondary button--small" disabled={share.isPending || !chosen}>
            {t('recovery.plan.share')}
          </button>
        </form>
      ) : null}
      <ErrorNotice error={share.error} />
    </div>
  );
}

function Goal({ goal }: { goal: GoalView }) {
  const { t } = useTranslation();
  const setStep = useGoalWrite((v: { stepId: string; done: boolean }) => goalApi.setStep(goal.id, v.stepId, v.done));
  const removeStep = useGoalWrite((stepId: string) => goalApi.removeStep(goal.id, stepId));
  const patch = useGoalWrite((done: boolean) => goalApi.patch(goal.id, { done }));
  const remove = useGoalWrite(() => goalApi.remove(goal.id));
  const id = useId();
  return (
    <article className="card stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {goal.title} {goal.done ? <span className="badge badge--ok">{t('recovery.plan.goalDone')}</span> : null}
      </h3>
      <p className="meta muted">
        {goal.targetDate ? <span>{t('recovery.plan.target', { date: formatLocalDate(goal.targetDate) })}</span> : null}
        <span>{t('recovery.plan.progress', { done: goal.stepsDone, total: goal.steps.length })}</span>
      </p>
      {goal.steps.length > 0 ? (
        <ul className="plain-list">
          {goal.steps.map((s) => (
            <li key={s.id} className="button-row">
              <span className="check">
                <input
                  type="checkbox"
                  id={`${id}-${s.id}`}
                  checked={s.done}
                  disabled={setStep.isPending}
                  onChange={(e) => setStep.mutate({ stepId: s.id, done: e.target.checked })}
                />
                <label htmlFor={`${id}-${s.id}`}>{s.text}</label>
              </span>
              <button type="button" className="button button--secondary button--small" disabled={removeStep.isPending} onClick={() => removeStep.mutate(s.id)}>
                <span aria-hidden="true">×</span>
                <span className="visually-hidden">{t('recovery.plan.removeStep', { step: s.text })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <AddStep goal={goal} />
      <ShareGoal goal={goal} />
      <ErrorNotice error={setStep.error ?? removeStep.error ?? patch.error ?? remove.error} />
      <div className="button-row">
        {!goal.done ? (
          <button type="button" className="button button--secondary button--small" disabled={patch.isPending} onClick={() => patch.mutate(true)}>
            {t('recovery.plan.markGoalDone')}
          </button>
        ) : null}
        <button type="button" className="button button--danger button--small" disabled={remove.isPending} onClick={() => remove.mutate(undefined)}>
          {t('recovery.plan.deleteGoal', { goal: goal.title })}
        </button>
      </div>
    </article>
  );
}

function NewGoal() {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [targetDate, setTarget] = useState('');
  const [steps, setSteps] = useState('');
  const [written, setWritten] = useState<GoalWritten | null>(null);
  const draft = useDraftKey();
  const create = useGoalWrite((body: Parameters<typeof goalApi.create>[0]) => draft.send(body, (clientId) => goalApi.create({ ...body, clientId })));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { title, targetDate: targetDate || null, steps: steps.split('\n').map((s) => s.trim()).filter(Boolean) },
      {
        onSuccess: (r) => {
          setWritten(r as GoalWritten);
          setTitle('');
          setTarget('');
          setSteps('');
        },
      },
    );
  };
  return (
    <form className="stack card" onSubmit={submit} noValidate aria-labelledby="new-goal-title">
      <h3 id="new-goal-title">{t('recovery.plan.newGoal')}</h3>
      <ErrorNotice error={create.error} />
      <WriteNotice notice={written?.safety ?? null} pending={false} heldMessage="" pendingMessage="" onDismiss={() => setWritten(null)} />
      <TextField label={t('recovery.plan.goalTitle')} value={title} maxLength={200} required error={fieldError(create.error, 'title')} onChange={(e) => setTitle(e.target.value)} />
      <TextField label={t('recovery.plan.targetDate')} type="date" value={targetDate} error={fieldError(create.error, 'targetDate')} onChange={(e) => setTarget(e.target.value)} />
      <TextAreaField label={t('recovery.plan.firstSteps')} hint={t('recovery.plan.firstStepsHint')} rows={3} value={steps} error={fieldError(create.error, 'steps')} onChange={(e) => setSteps(e.target.value)} />
      <button type="submit" className="button" disabled={create.isPending}>
        {t('recovery.plan.addGoal')}
      </button>
    </form>
  );
}

export function GoalsSection() {
  const { t } = useTranslation();
  const { data, isPending, error } = useGoals();
  return (
    <section className="stack" aria-labelledby="goals-title">
      <h2 id="goals-title">{t('recovery.plan.goals')}</h2>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && data.length === 0 ? <p className="muted">{t('recovery.plan.noGoals')}</p> : null}
      <ul className="plain-list stack">
        {data?.map((g) => (
          <li key={g.id}>
            <Goal goal={g} />
          </li>
        ))}
      </ul>
      <NewGoal />
    </section>
  );
}

export function SavedStrategiesSection() {
  const { t } = useTranslation();
  const { data, isPending, error } = useSavedStrategies();
  const unsave = useUnsaveStrategy();
  return (
    <section className="stack" aria-labelledby="saved-title">
      <h2 id="saved-title">{t('recovery.plan.strategies')}</h2>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error ?? unsave.error} />
      {data && data.length === 0 ? (
        <p className="muted">
          {t('recovery.plan.noStrategies')} <Link to="/library">{t('recovery.plan.browse')}</Link>
        </p>
      ) : null}
      <ul className="plain-list stack">
        {data?.map((s) => (
          <li key={s.id} className="card button-row">
            <Link to={`/library/strategies/${s.id}`}>{s.title}</Link>
            <button type="button" className="button button--secondary button--small" disabled={unsave.isPending} onClick={() => unsave.mutate(s.id)}>
              {t('recovery.plan.unsave', { title: s.title })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
