import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError } from '../../components/status.js';
import { LIMITS, THREAD_KINDS, useCreateThread, useSpaces, type ContentWarning, type ThreadKind, type Written } from './api.js';
import { WarningsFieldset } from './composer-fields.js';

/** Start a thread: space, kind (radio group), title, Markdown body, warnings, anonymity. */
export function ThreadComposer({ initialSpace, onCreated, onCancel }: { initialSpace: string | null; onCreated(w: Required<Written>): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { data: spaces } = useSpaces();
  const create = useCreateThread();
  const [space, setSpace] = useState(initialSpace ?? '');
  const [kind, setKind] = useState<ThreadKind>('story');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [warnings, setWarnings] = useState<ContentWarning[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const [noSpace, setNoSpace] = useState(false);
  const err = create.error;
  const chosen = spaces?.find((s) => s.id === space);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!space) {
      setNoSpace(true);
      return;
    }
    create.mutate({ space, kind, title, body, warnings, anonymous: anonymous && !!chosen?.allowAnonymous }, { onSuccess: onCreated });
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorNotice error={err} />
      <SelectField
        label={t('community.composer.space')}
        error={noSpace && !space ? t('community.composer.noSpace') : undefined}
        name="space"
        value={space}
        onChange={(e) => setSpace(e.target.value)}
      >
        <option value="">{t('community.composer.spaceChoose')}</option>
        {(spaces ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <fieldset>
        <legend>{t('community.composer.kind')}</legend>
        {THREAD_KINDS.map((k) => (
          <div className="check" key={k}>
            <input type="radio" name="kind" id={`kind-${k}`} value={k} checked={kind === k} onChange={() => setKind(k)} aria-describedby={`kind-${k}-hint`} />
            <div>
              <label htmlFor={`kind-${k}`}>{t(`community.kinds.${k}`)}</label>
              <span className="field__hint" id={`kind-${k}-hint`}>
                {t(`community.kindHints.${k}`)}
              </span>
            </div>
          </div>
        ))}
      </fieldset>
      <TextField
        label={t('community.composer.threadTitle')}
        hint={t('community.composer.threadTitleHint', { min: LIMITS.titleMin, max: LIMITS.titleMax })}
        error={fieldError(err, 'title')}
        name="title"
        maxLength={LIMITS.titleMax}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextAreaField
        label={t('community.composer.body')}
        hint={t('community.composer.bodyHint')}
        error={fieldError(err, 'body')}
        name="body"
        rows={10}
        maxLength={LIMITS.bodyMax}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <WarningsFieldset legend={t('community.composer.warnings')} hint={t('community.composer.warningsHint')} value={warnings} onChange={setWarnings} />
      {chosen && !chosen.allowAnonymous ? <p className="muted">{t('community.composer.anonymousNotAllowed')}</p> : null}
      {!chosen || chosen.allowAnonymous ? (
        <CheckboxField
          label={t('community.composer.anonymous')}
          hint={t('community.composer.anonymousHint')}
          error={fieldError(err, 'anonymous')}
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t('community.composer.submitting') : t('community.composer.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('community.composer.cancel')}
        </button>
      </div>
    </form>
  );
}
