import { useMemo } from 'react';
import { SafetyNotice } from '../../contracts/safety.js';
import { CrisisResponsePanel } from '../features/safety/crisis-response.js';
import type { ApiError } from '../lib/api.js';
import { browserRegion } from '../lib/i18n.js';

/**
 * The crisis response a 409 `gone_meanwhile` carried (ADR 061, amendment 2026-11-28), read through
 * its contract: only the notice's own fields, none when the words did not call for it.
 */
export function goneMeanwhileNotice(error: ApiError): SafetyNotice | null {
  const parsed = SafetyNotice.safeParse(error.details['safety']);
  return parsed.success && parsed.data.showCrisisResponse ? parsed.data : null;
}

/**
 * Shown under the error of a write refused because something it named was deleted meanwhile: the
 * person is still here, so the panel is the one shown after posting (a peer supporter offered; the
 * server's first step promises a check-in only when it raised the alert for it).
 */
export default function GoneMeanwhileCrisis({ error }: { error: ApiError }) {
  // One notice per error: a new object each render would move focus to the panel again on every
  // keystroke in the draft kept above it (the panel takes focus when a notice arrives).
  const notice = useMemo(() => goneMeanwhileNotice(error), [error]);
  if (!notice) return null;
  return <CrisisResponsePanel notice={notice} region={notice.region ?? browserRegion() ?? 'INTL'} />;
}
