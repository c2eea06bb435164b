import './lib/zod-jitless.js';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { router } from './app/router.js';
import { markSignedOut, meKey } from './features/auth/api.js';
import { onUnauthorized } from './lib/api.js';
import { i18n } from './lib/i18n.js';
import { createQueryClient } from './lib/query-client.js';
import './styles/base.css';

const queryClient = createQueryClient();

// A 401 while we believed someone was signed in means the session ended elsewhere (revoked,
// expired, account deleted): forget the cached data and ask them to sign in again.
onUnauthorized(() => {
  if (!queryClient.getQueryData(meKey)) return;
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
