import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError } from '../../components/status.js';
import { useSignIn } from './api.js';

export function SignInForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [handle, setHandle] = useState('');
  const [password, setPassword] = useState('');
  const err = signIn.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ handle: handle.trim(), password }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorNotice error={err} />
      <TextField
        label={t('auth.handle')}
        error={fieldError(err, 'handle', t('subjects.handle'))}
        name="handle"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        value={handle}
        onChange={(e) => setHandle(e.target.value)}
      />
      <TextField
        label={t('auth.password')}
        error={fieldError(err, 'password', t('subjects.password'))}
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={signIn.isPending}>
          {signIn.isPending ? t('auth.submittingSignIn') : t('auth.submitSignIn')}
        </button>
      </div>
    </form>
  );
}
