import { describe, expect, it } from 'vitest';
import { afterUnauthorized, forgetAccountGoneNotice, keepAccountGoneNotice } from './account-gone.js';
import { accountGoneNotice } from './account-gone-notice.js';
import { ApiError } from './api.js';

// ADR 061: a write refused because its writer's account was deleted under it. The server's side is
// tested in test/api/erased-account-writes.test.ts; the page in e2e/accounts.e2e.ts.
const ACCOUNT_GONE = 'Your account has been deleted, so nothing was saved.';
const notice = {
  level: 3,
  showCrisisResponse: true,
  headline: 'It sounds like you are going through something really painful.',
  firstStep: 'If you might act on these thoughts, call a crisis line now.',
  helperGuidance: null,
  held: false,
  heldReason: null,
  region: 'GB',
  resources: [{ id: 'gb-samaritans', region: 'GB', kind: 'crisis_line' as const, name: 'Samaritans', description: 'Someone to talk to.', phone: '116 123', sms: null, web: 'https://www.samaritans.org', hours: '24/7' }],
};

describe('a 401 for a write from a deleted account', () => {
  it('goes to the deleted-account page, not to sign in, signed in or not; any other 401 ends the session as before', () => {
    const gone = new ApiError(401, 'account_gone', ACCOUNT_GONE);
    expect(afterUnauthorized(gone, true)).toBe('account-gone');
    expect(afterUnauthorized(gone, false)).toBe('account-gone');
    // The same words under the plain code are not matched: the code decides, not the English.
    expect(afterUnauthorized(new ApiError(401, 'unauthorized', ACCOUNT_GONE), true)).toBe('ended');
    expect(afterUnauthorized(new ApiError(401, 'unauthorized', 'Please sign in to do this.'), false)).toBe('none');
    expect(afterUnauthorized(null, true)).toBe('ended');
  });

  it('keeps the crisis response of the 401 in memory for that page, only its own fields, and forgets it at the next sign-in', () => {
    keepAccountGoneNotice(new ApiError(401, 'account_gone', ACCOUNT_GONE, [], { safety: { ...notice, text: 'words the person wrote' } }));
    expect(accountGoneNotice()).toEqual(notice);
    expect(JSON.stringify(accountGoneNotice())).not.toContain('words the person wrote');
    forgetAccountGoneNotice();
    expect(accountGoneNotice()).toBeNull();
  });

  it('keeps none when the words did not call for the crisis response, replacing an earlier one', () => {
    keepAccountGoneNotice(new ApiError(401, 'account_gone', ACCOUNT_GONE, [], { safety: notice }));
    keepAccountGoneNotice(new ApiError(401, 'account_gone', ACCOUNT_GONE));
    expect(accountGoneNotice()).toBeNull();
    keepAccountGoneNotice(new ApiError(401, 'account_gone', ACCOUNT_GONE, [], { safety: { ...notice, showCrisisResponse: false } }));
    expect(accountGoneNotice()).toBeNull();
  });
});
