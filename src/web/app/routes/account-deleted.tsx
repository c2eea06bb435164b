import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/page.js';
import { CrisisResponsePanel } from '../../features/safety/crisis-response.js';
import { accountGoneNotice } from '../../lib/account-gone-notice.js';
import { browserRegion } from '../../lib/i18n.js';

/**
 * Where a person lands when something they were writing was refused because their account had just
 * been deleted (ADR 061): nothing was saved, no sign-in is asked of them (there is no account to sign
 * in to), and, when their words called for it, the crisis response as it is shown after posting.
 */
export default function AccountDeletedPage() {
  const { t } = useTranslation();
  // Read once: the page keeps showing it while it is open.
  const [notice] = useState(accountGoneNotice);
  return (
    <Page title={t('auth.accountGoneTitle')} intro={t('auth.accountGoneIntro')}>
      {notice ? <CrisisResponsePanel notice={notice} region={notice.region ?? browserRegion() ?? 'INTL'} peerSupport={false} /> : null}
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </Page>
  );
}
