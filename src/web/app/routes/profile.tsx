import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SafetyNotice } from '../../../contracts/accounts.js';
import { Page } from '../../components/page.js';
import { ProfileForm } from '../../features/profile/profile-form.js';
import { CrisisResponsePanel } from '../../features/safety/crisis-response.js';
import { browserRegion } from '../../lib/i18n.js';
import { RequireAuth } from '../require-auth.js';

export default function ProfilePage() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<SafetyNotice | null>(null);
  return (
    <RequireAuth>
      {(me) => (
        <Page title={t('profile.title')} intro={t('profile.intro')}>
          {notice?.showCrisisResponse ? (
            <CrisisResponsePanel notice={notice} region={me.region ?? browserRegion() ?? 'INTL'} onDismiss={() => setNotice(null)} />
          ) : null}
          {notice && !notice.showCrisisResponse && notice.held ? (
            <div className="notice" role="status">
              <p>{t('crisis.held')}</p>
              {notice.heldReason ? <p>{t('crisis.heldReasonLabel', { reason: notice.heldReason })}</p> : null}
            </div>
          ) : null}
          <ProfileForm me={me} onSaved={setNotice} />
        </Page>
      )}
    </RequireAuth>
  );
}
