import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../components/page.js';
import { SignInForm } from '../../features/auth/sign-in-form.js';

const REASONS = { 'signed-out': 'auth.signedOutNotice', ended: 'auth.sessionEnded', deleted: 'auth.accountDeleted' } as const;

/** Only same-site paths may be returned to after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const reason = params.get('reason') as keyof typeof REASONS | null;
  return (
    <Page title={t('auth.signInTitle')}>
      {reason && REASONS[reason] ? (
        <div className="notice" role="status">
          <p>{t(REASONS[reason])}</p>
        </div>
      ) : null}
      <SignInForm onDone={() => void navigate(safeNext(params.get('next')), { replace: true })} />
      <p>
        {t('auth.noAccount')} <Link to="/sign-up">{t('nav.signUp')}</Link>
      </p>
    </Page>
  );
}
