import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, SuccessNotice } from '../../components/status.js';
import { useChangePassword } from './api.js';

export function ChangePasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const err = change.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
        },
      },
    );
  };
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('privacy.passwordTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <ErrorNotice error={err} />
        {change.isSuccess ? <SuccessNotice>{t('privacy.passwordChanged')}</SuccessNotice> : null}
        <TextField
          label={t('privacy.currentPassword')}
          type="password"
          autoComplete="current-password"
          error={fieldError(err, 'currentPassword', t('subjects.currentPassword'))}
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextField
          label={t('privacy.newPassword')}
          hint={t('privacy.newPasswordHint')}
          type="password"
          autoComplete="new-password"
          error={fieldError(err, 'newPassword', t('subjects.newPassword'))}
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
        />
        <div className="button-row">
          <button type="submit" className="button button--secondary" disabled={change.isPending}>
            {t('privacy.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
