import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError } from '../../components/status.js';
import { LIMITS } from '../../../contracts/limits.js';
import { browserRegion } from '../../lib/i18n.js';
import { RegionField } from '../../components/region-field.js';
import { useSignUp } from './api.js';

export function SignUpForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const signUp = useSignUp();
  const [handle, setHandle] = useState('');
  const [password, setPassword] = useState('');
  const [email, setEmail] = useState('');
  const [region, setRegion] = useState(browserRegion() ?? '');
  const [ageConfirmed, setAgeConfirmed] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate(
      {
        handle: handle.trim(),
        password,
        ageConfirmed,
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(region ? { region } : {}),
      },
      { onSuccess: onDone },
    );
  };
  const err = signUp.error;

  return (
    <form onSubmit={submit} noValidate>
      <ErrorNotice error={err} />
      <TextField
        label={t('auth.handle')}
        hint={t('auth.handleHint')}
        error={fieldError(err, 'handle', t('subjects.handle'))}
        name="handle"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        maxLength={LIMITS.handleMax}
        value={handle}
        onChange={(e) => setHandle(e.target.value)}
      />
      <TextField
        label={t('auth.password')}
        hint={t('auth.passwordHint')}
        error={fieldError(err, 'password', t('subjects.password'))}
        type="password"
        name="password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <TextField
        label={t('auth.email')}
        hint={t('auth.emailHint')}
        error={fieldError(err, 'email', t('subjects.email'))}
        type="email"
        name="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <RegionField
        label={t('auth.region')}
        hint={t('auth.regionHint')}
        error={fieldError(err, 'region', t('subjects.region'))}
        name="region"
        value={region}
        onChange={(e) => setRegion(e.target.value)}
      />
      <CheckboxField
        label={t('auth.age')}
        hint={t('auth.ageHint')}
        error={fieldError(err, 'ageConfirmed')}
        name="ageConfirmed"
        required
        checked={ageConfirmed}
        onChange={(e) => setAgeConfirmed(e.target.checked)}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={signUp.isPending}>
          {signUp.isPending ? t('auth.submittingSignUp') : t('auth.submitSignUp')}
        </button>
      </div>
    </form>
  );
}
