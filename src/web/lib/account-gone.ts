import { ACCOUNT_GONE_CODE, type ApiError } from './api.js';

/**
 * A write refused because its writer's account was deleted while it was under way (ADR 061): the
 * person is shown the deleted-account page, not asked to sign in to an account that no longer exists,
 * and, when the words they sent call for it, the crisis response that came in the 401. That notice is
 * kept here, in memory only (never in the URL or storage), for the page to show after the redirect.
 * This module is on the first page, so it keeps the notice as the server sent it; the page reads it
 * through its contract (`account-gone-notice.ts`), which would bring zod into the first page's
 * JavaScript if it were here.
 */
let kept: unknown = null;

/** What a 401 means for the page: the deleted-account page, the "session ended" sign-in, or nothing (already signed out). */
export function afterUnauthorized(err: ApiError | null, signedIn: boolean): 'account-gone' | 'ended' | 'none' {
  if (err?.status === 401 && err.code === ACCOUNT_GONE_CODE) return 'account-gone';
  return signedIn ? 'ended' : 'none';
}

/** Keeps the crisis response of an account-gone 401 for the page, as sent (replacing any earlier one). */
export function keepAccountGoneNotice(err: ApiError): void {
  kept = err.details['safety'] ?? null;
}

/** The kept crisis response as the server sent it, if any (read it through `accountGoneNotice`). */
export function accountGoneRawNotice(): unknown {
  return kept;
}

/** Someone signed in on this page: the previous person's notice is not theirs. */
export function forgetAccountGoneNotice(): void {
  kept = null;
}
