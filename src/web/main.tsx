import './lib/zod-jitless.js';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { router } from './app/router.js';
import { markSignedOut, meKey } from './features/auth/api.js';
import { afterUnauthorized, keepAccountGoneNotice } from './lib/account-gone.js';
import { onUnauthorized } from './lib/api.js';
import { i18n } from './lib/i18n.js';
import { createQueryClient } from './lib/query-client.js';
import './styles/base.css';

const queryClient = createQueryClient();

// A 401 while we believed someone was signed in means the session ended elsewhere (revoked,
// expired, account deleted): forget the cached data and ask them to sign in again. A write refused
// because the account was deleted under it (ADR 061) shows the deleted-account page instead, with
// the crisis response its words called for (kept in memory for that page, never in the URL).
onUnauthorized((err) => {
  const outcome = afterUnauthorized(err, !!queryClient.getQueryData(meKey));
  if (outcome === 'none') return;
  if (outcome === 'account-gone' && err) {
    keepAccountGoneNotice(err);
    markSignedOut(queryClient, 'account-gone');
    void router.navigate('/account-deleted', { replace: true });
    return;
  }
  markSignedOut(queryClient, 'ended');
  void router.navigate('/sign-in?reason=ended');
});

document.documentElement.lang = i18n.language;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
