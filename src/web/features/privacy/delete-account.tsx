import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError } from '../../components/status.js';
import { useEraseAccount } from './api.js';

/** Deletion that really deletes: password, a choice about public posts, and typing DELETE. */
export function DeleteAccountSection({ onDeleted }: { onDeleted(): void }) {
  const { t } = useTranslation();
  const erase = useEraseAccount();
  const [password, setPassword] = useState('');
  const [publicPosts, setPublicPosts] = useState<'delete' | 'anonymize'>('delete');
  const [confirm, setConfirm] = useState('');
  const err = erase.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    erase.mutate({ password, publicPosts, confirm }, { onSuccess: onDeleted });
  };
  return (
    <section aria-labelledby="delete-title">
      <h2 id="delete-title">{t('privacy.deleteTitle')}</h2>
      <p>{t('privacy.deleteIntro')}</p>
      <form onSubmit={submit} noValidate>
        <ErrorNotice error={err} />
        <TextField
          label={t('privacy.deletePassword')}
          type="password"
          autoComplete="current-password"
          error={fieldError(err, 'password', t('subjects.password'))}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <fieldset>
          <legend>{t('privacy.publicPosts')}</legend>
          {(['delete', 'anonymize'] as const).map((choice) => (
            <div className="check" key={choice}>
              <input
                type="radio"
                id={`posts-${choice}`}
                name="publicPosts"
                value={choice}
                checked={publicPosts === choice}
                onChange={() => setPublicPosts(choice)}
              />
              <label htmlFor={`posts-${choice}`}>{choice === 'delete' ? t('privacy.postsDelete') : t('privacy.postsAnonymize')}</label>
            </div>
          ))}
        </fieldset>
        <TextField
          label={t('privacy.confirmLabel')}
          hint={t('privacy.confirmHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          error={fieldError(err, 'confirm')}
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
        <div className="button-row">
          <button type="submit" className="button button--danger" disabled={erase.isPending}>
            {erase.isPending ? t('privacy.deleting') : t('privacy.deleteButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
