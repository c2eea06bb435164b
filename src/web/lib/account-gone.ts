import { SafetyNotice } from '../../contracts/safety.js';
import { ACCOUNT_GONE_CODE, type ApiError } from './api.js';

/**
 * A write refused because its writer's account was deleted while it was under way (ADR 061): the
 * person is shown the deleted-account page, not asked to sign in to an account that no longer exists,
 * and, when the words they sent call for it, the crisis response that came in the 401. That notice is
 * kept here, in memory only (never in the URL or storage), for the page to show after the redirect.
 */
let kept: SafetyNotice | null = null;

/** What a 401 means for the page: the deleted-account page, the "session ended" sign-in, or nothing (already signed out). */
export function afterUnauthorized(err: ApiError | null, signedIn: boolean): 'account-gone' | 'ended' | 'none' {
  if (err?.status === 401 && err.code === ACCOUNT_GONE_CODE) return 'account-gone';
  return signedIn ? 'ended' : 'none';
}

/**
 * Keeps the crisis response of an account-gone 401 for the page (replacing any earlier one; none
 * when the words did not call for it). Only the notice's own fields are kept: the server's headline,
 * first step and the region's crisis lines, nothing the person wrote.
 */
export function keepAccountGoneNotice(err: ApiError): void {
  const parsed = SafetyNotice.safeParse(err.details['safety']);
  kept = parsed.success && parsed.data.showCrisisResponse ? parsed.data : null;
}

/** The kept crisis response, if any. */
export function accountGoneNotice(): SafetyNotice | null {
  return kept;
}

/** Someone signed in on this page: the previous person's notice is not theirs. */
export function forgetAccountGoneNotice(): void {
  kept = null;
}
