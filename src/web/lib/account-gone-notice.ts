import { SafetyNotice } from '../../contracts/safety.js';
import { accountGoneRawNotice } from './account-gone.js';

/**
 * The crisis response kept from an account-gone 401 (ADR 061), read through its contract: only the
 * notice's own fields (the server's headline, first step and the region's crisis lines, nothing the
 * person wrote), and none when the words did not call for it. Apart from `account-gone.ts` so that
 * zod stays out of the first page's JavaScript (this is read only by the deleted-account page).
 */
export function accountGoneNotice(): SafetyNotice | null {
  const parsed = SafetyNotice.safeParse(accountGoneRawNotice());
  return parsed.success && parsed.data.showCrisisResponse ? parsed.data : null;
}
