import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Page } from '../../components/page.js';
import { SignUpForm } from '../../features/auth/sign-up-form.js';

export default function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Page title={t('auth.signUpTitle')} intro={t('auth.signUpIntro')}>
      <SignUpForm onDone={() => void navigate('/profile')} />
      <p>
        {t('auth.haveAccount')} <Link to="/sign-in">{t('nav.signIn')}</Link>
      </p>
    </Page>
  );
}
