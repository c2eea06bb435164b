import { useTranslation } from 'react-i18next';
import type { SafetyNotice } from '../../contracts/safety.js';
import { useMe } from '../features/auth/api.js';
import { CrisisResponsePanel } from '../features/safety/crisis-response.js';
import { browserRegion } from '../lib/i18n.js';

/**
 * What the writer sees right after posting: the crisis response when the screen asks for it
 * (never blocking: the post is saved either way), or a calm note that it waits for review.
 */
export function WriteNotice({
  notice,
  pending,
  heldMessage,
  pendingMessage,
  onDismiss,
}: {
  notice: SafetyNotice | null;
  /** The post waits for review for another reason (a new member's first post). */
  pending: boolean;
  heldMessage: string;
  pendingMessage: string;
  onDismiss(): void;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!notice) return null;
  const region = notice.region ?? me?.region ?? browserRegion() ?? 'INTL';
  if (notice.showCrisisResponse) return <CrisisResponsePanel notice={notice} region={region} onDismiss={onDismiss} />;
  if (notice.held) {
    return (
      <div className="notice" role="status">
        <p>{heldMessage}</p>
        {notice.heldReason ? <p>{t('crisis.heldReasonLabel', { reason: notice.heldReason })}</p> : null}
      </div>
    );
  }
  if (pending) {
    return (
      <div className="notice" role="status">
        <p>{heldMessage}</p>
        <p>{pendingMessage}</p>
      </div>
    );
  }
  return null;
}
