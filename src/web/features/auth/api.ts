import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Me, SessionState } from '../../../contracts/accounts.js';
import { firstReadUrls } from '../../../contracts/first-reads.js';
import { forgetAccountGoneNotice } from '../../lib/account-gone.js';
import { api, ApiError, sessionEnded } from '../../lib/api.js';

export const meKey = ['me'] as const;

/**
 * The signed-in person, or null when signed out. Asked through the session check, which answers a
 * signed-out visitor with 200 (a 401 would be logged by the browser on every first visit); when
 * someone we believed signed in is not any more, the app hears it as it hears a 401.
 */
export async function fetchMe(): Promise<Me | null> {
  const session = await api<SessionState>(firstReadUrls.me);
  if (!session.signedIn) sessionEnded();
  return session.me;
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 });
}

export interface SignUpInput {
  handle: string;
  password: string;
  email?: string;
  ageConfirmed: boolean;
  region?: string;
  timeZone?: string;
}

export interface SignInInput {
  handle: string;
  password: string;
}

/** `account-gone`: a write was refused because the account had just been deleted (ADR 061): `/account-deleted`, not sign-in. */
export type SignOutReason = 'signed-out' | 'ended' | 'deleted' | 'account-gone';
let signOutReason: SignOutReason | null = null;

/** Why the person was last signed out (until they sign in again), so every redirect says the same thing. */
export function lastSignOutReason(): SignOutReason | null {
  return signOutReason;
}

/** Everything cached belonged to the previous person: drop it, then set the new one. */
function startSession(qc: QueryClient, me: Me | null): void {
  if (me) {
    signOutReason = null;
    forgetAccountGoneNotice();
  }
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'crisis-resources' });
  qc.setQueryData(meKey, me);
}

export function useSignUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SignUpInput) => api<Me>('/api/auth/sign-up', { method: 'POST', body: input }),
    onSuccess: (me) => startSession(qc, me),
  });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => api<Me>('/api/auth/sign-in', { method: 'POST', body: input }),
    onSuccess: (me) => startSession(qc, me),
  });
}

/** Ends the session on the server; the caller then calls `markSignedOut` and leaves the page. */
export function useSignOut() {
  return useMutation({
    mutationFn: async () => {
      try {
        await api('/api/auth/sign-out', { method: 'POST' });
      } catch (err) {
        // Already signed out is still signed out.
        if (!(err instanceof ApiError && err.status === 401)) throw err;
      }
    },
  });
}

/** Marks the person as signed out locally (after signing out, a 401, a revoked session, or erasure). */
export function markSignedOut(qc: QueryClient, reason: SignOutReason): void {
  signOutReason = reason;
  startSession(qc, null);
}
