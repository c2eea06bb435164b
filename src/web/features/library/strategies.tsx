import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../../contracts/accounts.js';
import { SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import { WriteNotice } from '../../app/write-notice.js';
import { LIMITS, SITUATIONS, useHelped, useMarkReviewed, useRemoveStrategy, useSaveStrategy, useStrategies, useStrategy, useWriteStrategy, type StrategyInput, type StrategyView, type StrategyWritten } from './api.js';
import { EXPERIENCE_TAGS } from './tags.js';

function StrategyMeta({ s }: { s: StrategyView }) {
  const { t } = useTranslation();
  return (
    <p className="meta muted">
      <span>{s.byTeam ? t('library.byTeam') : s.author ? t('library.by', { handle: s.author.handle }) : null}</span>
      <span>{t('library.helpedCount', { count: s.helpedCount })}</span>
      {s.reviewed ? <span className="badge badge--ok">{t('library.reviewed')}</span> : null}
      {s.state === 'pending' ? <span className="badge badge--warn">{t('library.pending')}</span> : null}
    </p>
  );
}

function TagBadges({ s }: { s: StrategyView }) {
  const { t } = useTranslation();
  if (s.conditions.length + s.situations.length === 0 && !s.situationNote) return null;
  return (
    <p className="meta">
      {s.conditions.map((c) => (
        <span key={c} className="badge">
          {t(`tags.${c}`)}
        </span>
      ))}
      {s.situations.map((c) => (
        <span key={c} className="badge">
          {t(`library.situations.${c}`)}
        </span>
      ))}
      {s.situationNote ? <span>{t('library.strategy.situationNote', { note: s.situationNote })}</span> : null}
    </p>
  );
}

/** Search, filters (in the address, so Back works) and the list, most helped first, with "Load more". */
export function StrategyBrowser() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const condition = params.get('condition') ?? '';
  const situation = params.get('situation') ?? '';
  const [draft, setDraft] = useState(q);
  const { data, isPending, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useStrategies({ q, condition, situation });
  const strategies = data?.pages.flatMap((p) => p.strategies) ?? [];

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set('q', draft.trim());
  };

  return (
    <div className="stack">
      <form role="search" className="search-form" onSubmit={submit}>
        <TextField label={t('library.list.search')} type="search" value={draft} maxLength={200} onChange={(e) => setDraft(e.target.value)} />
        <div className="search-form__filters">
          <SelectField label={t('library.list.condition')} value={condition} onChange={(e) => set('condition', e.target.value)}>
            <option value="">{t('library.list.any')}</option>
            {EXPERIENCE_TAGS.map((c) => (
              <option key={c} value={c}>
                {t(`tags.${c}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('library.list.situation')} value={situation} onChange={(e) => set('situation', e.target.value)}>
            <option value="">{t('library.list.any')}</option>
            {SITUATIONS.map((c) => (
              <option key={c} value={c}>
                {t(`library.situations.${c}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <button type="submit" className="button">
          {t('library.list.searchButton')}
        </button>
      </form>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data ? (
        <p className="muted" role="status">
          {strategies.length === 0 ? t('library.list.empty') : t('library.list.results', { count: strategies.length })}
        </p>
      ) : null}
      <ul className="plain-list stack">
        {strategies.map((s) => (
          <li key={s.id} className="card">
            <h2 className="thread-item__title">
              <Link to={`/library/strategies/${s.id}`}>{s.title}</Link>
            </h2>
            <p>{s.whenItHelps}</p>
            <TagBadges s={s} />
            <StrategyMeta s={s} />
          </li>
        ))}
      </ul>
      {hasNextPage ? (
        <button type="button" className="button button--secondary" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
          {t('library.list.loadMore')}
        </button>
      ) : null}
    </div>
  );
}

/** One strategy: when it helps, the steps, "This helped me" (a toggle) and "Save to my plan". */
export function StrategyDetail({ id, me }: { id: string; me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: s, isPending, error } = useStrategy(id);
  const helped = useHelped(id);
  const save = useSaveStrategy(id);
  const remove = useRemoveStrategy(id);
  const review = useMarkReviewed(id);
  const isSupervisor = me.roles.includes('supervisor') || me.roles.includes('admin');
  if (isPending) return <Loading />;
  if (!s) return <ErrorNotice error={error} />;
  return (
    <article className="stack">
      <h1 tabIndex={-1}>{s.title}</h1>
      <StrategyMeta s={s} />
      <TagBadges s={s} />
      <h2>{t('library.strategy.whenItHelps')}</h2>
      <p>{s.whenItHelps}</p>
      <h2>{t('library.strategy.steps')}</h2>
      <ol className="prose">
        {s.steps.map((step, i) => (
          <li key={i}>{step}</li>
        ))}
      </ol>
      {s.state === 'visible' ? (
        <div className="button-row">
          <button type="button" className="button button--secondary" aria-pressed={s.helpedByMe} disabled={helped.isPending} onClick={() => helped.mutate(!s.helpedByMe)}>
            {t('library.strategy.helped')} <span aria-hidden="true">·</span> <span>{s.helpedCount}</span>
          </button>
          {s.savedByMe ? (
            <button type="button" className="button button--secondary" disabled={save.isPending} onClick={() => save.mutate(false)}>
              {t('library.strategy.unsave')}
            </button>
          ) : (
            <button type="button" className="button" disabled={save.isPending} onClick={() => save.mutate(true)}>
              {t('library.strategy.save')}
            </button>
          )}
        </div>
      ) : null}
      {s.savedByMe ? (
        <SuccessNotice>
          {t('library.strategy.saved')}. <Link to="/recovery">{t('recovery.tabs.plan')}</Link>
        </SuccessNotice>
      ) : null}
      <ErrorNotice error={helped.error ?? save.error ?? remove.error ?? review.error} />
      {isSupervisor || s.isMine ? (
        <div className="button-row">
          {isSupervisor && !s.reviewed ? (
            <button type="button" className="button button--secondary" disabled={review.isPending} onClick={() => review.mutate()}>
              {t('library.strategy.markReviewed')}
            </button>
          ) : null}
          <button
            type="button"
            className="button button--danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate(undefined, { onSuccess: () => void navigate('/library') })}
          >
            {t('library.strategy.remove')}
          </button>
        </div>
      ) : null}
      <p>
        <Link to="/library">{t('library.strategy.back')}</Link>
      </p>
    </article>
  );
}

function ChoiceGroup({ legend, hint, options, label, value, onChange }: { legend: string; hint: string; options: readonly string[]; label(o: string): string; value: string[]; onChange(v: string[]): void }) {
  const id = useId();
  return (
    <fieldset aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <div className="check-grid">
        {options.map((o) => {
          const checked = value.includes(o);
          return (
            <div className="check" key={o}>
              <input
                type="checkbox"
                id={`${id}-${o}`}
                checked={checked}
                disabled={!checked && value.length >= LIMITS.tagsMax}
                onChange={(e) => onChange(e.target.checked ? [...value, o] : value.filter((x) => x !== o))}
              />
              <label htmlFor={`${id}-${o}`}>{label(o)}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Write a strategy; says plainly when it waits for a supervisor's review. */
export function StrategyForm() {
  const { t } = useTranslation();
  const write = useWriteStrategy();
  const [title, setTitle] = useState('');
  const [steps, setSteps] = useState<string[]>(['']);
  const [whenItHelps, setWhen] = useState('');
  const [conditions, setConditions] = useState<string[]>([]);
  const [situations, setSituations] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<StrategyWritten | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    write.mutate(
      {
        title,
        steps: steps.map((s) => s.trim()).filter(Boolean),
        whenItHelps,
        conditions: conditions as StrategyInput['conditions'],
        situations: situations as StrategyInput['situations'],
        ...(note.trim() ? { situationNote: note.trim() } : {}),
      },
      { onSuccess: (r) => setDone(r) },
    );
  };

  if (done) {
    const held = done.strategy.state === 'pending';
    return (
      <div className="stack">
        <WriteNotice notice={done.safety} pending={held} heldMessage={t('library.write.held')} pendingMessage="" onDismiss={() => undefined} />
        {held && !done.safety.held && !done.safety.showCrisisResponse ? <SuccessNotice>{t('library.write.held')}</SuccessNotice> : null}
        {!held ? <SuccessNotice>{t('library.write.published')}</SuccessNotice> : null}
        <p>
          <Link to={`/library/strategies/${done.strategy.id}`}>{t('library.write.view')}</Link>
        </p>
      </div>
    );
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <ErrorNotice error={write.error} />
      <TextField label={t('library.write.fieldTitle')} value={title} maxLength={LIMITS.titleMax} required error={fieldError(write.error, 'title')} onChange={(e) => setTitle(e.target.value)} />
      <fieldset>
        <legend>{t('library.write.steps')}</legend>
        <p className="field__hint">{t('library.write.stepsHint')}</p>
        {fieldError(write.error, 'steps') ? <p className="field__error">{fieldError(write.error, 'steps')}</p> : null}
        <ol className="plain-list stack">
          {steps.map((step, i) => (
            <li key={i} className="button-row">
              <TextField
                label={t('library.write.step', { n: i + 1 })}
                value={step}
                maxLength={LIMITS.stepMax}
                onChange={(e) => setSteps(steps.map((s, j) => (j === i ? e.target.value : s)))}
              />
              {steps.length > 1 ? (
                <button type="button" className="button button--secondary button--small" onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                  {t('library.write.removeStep', { n: i + 1 })}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
        {steps.length < LIMITS.stepsMax ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setSteps([...steps, ''])}>
            {t('library.write.addStep')}
          </button>
        ) : null}
      </fieldset>
      <TextAreaField
        label={t('library.write.whenItHelps')}
        hint={t('library.write.whenItHelpsHint')}
        value={whenItHelps}
        maxLength={LIMITS.whenItHelpsMax}
        rows={3}
        required
        error={fieldError(write.error, 'whenItHelps')}
        onChange={(e) => setWhen(e.target.value)}
      />
      <ChoiceGroup legend={t('library.write.conditions')} hint={t('library.write.conditionsHint')} options={EXPERIENCE_TAGS} label={(o) => t(`tags.${o}`)} value={conditions} onChange={setConditions} />
      <ChoiceGroup legend={t('library.write.situations')} hint={t('library.write.situationsHint')} options={SITUATIONS} label={(o) => t(`library.situations.${o}`)} value={situations} onChange={setSituations} />
      <TextField label={t('library.write.situationNote')} value={note} maxLength={LIMITS.situationNoteMax} error={fieldError(write.error, 'situationNote')} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="button" disabled={write.isPending}>
        {t('library.write.submit')}
      </button>
    </form>
  );
}
