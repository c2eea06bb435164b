import type { SafetyNotice } from '../../../contracts/accounts.js';
import { browserRegion } from '../../lib/i18n.js';
import { CrisisResponsePanel } from './crisis-response.js';

/**
 * Shown under "report sent" when the report's note screened at level 2 or above (the server's
 * `notice`): whoever wrote it may be the one in crisis, so they get the crisis response the way
 * a post's writer does. Nothing for a calm note or a report without one.
 */
export function ReportNotice({ notice }: { notice: SafetyNotice | null | undefined }) {
  if (!notice?.showCrisisResponse) return null;
  return <CrisisResponsePanel notice={notice} region={notice.region ?? browserRegion() ?? 'INTL'} />;
}
