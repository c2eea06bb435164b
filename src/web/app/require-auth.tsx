import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Me, Role } from '../../contracts/accounts.js';
import { Page } from '../components/page.js';
import { ErrorNotice, Loading } from '../components/status.js';
import { lastSignOutReason, useMe } from '../features/auth/api.js';

/** Renders its children for a signed-in person (with one of `roles`, if given); else sends them to sign in. */
export function RequireAuth({ roles, forbiddenTitle, forbidden, children }: { roles?: Role[]; forbiddenTitle?: string; forbidden?: string; children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  if (!me) {
    // Just signed out (here or elsewhere): say why, rather than offering to come back to this page;
    // an account deleted under a write has no sign-in to offer (ADR 061).
    const reason = lastSignOutReason();
    const to = reason === 'account-gone' ? '/account-deleted' : reason ? `/sign-in?reason=${reason}` : `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={to} replace />;
  }
  if (roles && !roles.some((r) => me.roles.includes(r))) {
    return (
      <Page title={forbiddenTitle ?? t('app.errorTitle')}>
        <p>{forbidden}</p>
      </Page>
    );
  }
  return <>{children(me)}</>;
}
