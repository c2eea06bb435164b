import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../contracts/accounts.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useSupporterProfile } from '../../features/mentoring/api.js';
import { SupporterProfileForm, type SavedNotices } from '../../features/mentoring/supporter-profile-form.js';
import { RequireAuth } from '../require-auth.js';
import { WriteNotice } from '../write-notice.js';

function ProfileScreen({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { data: profile, isPending, error } = useSupporterProfile();
  const [notices, setNotices] = useState<SavedNotices>([]);
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  return (
    <Page title={t('mentoring.profile.title')} intro={profile ? t('mentoring.profile.lead') : t('mentoring.profile.leadNew')}>
      <p>
        <Link to="/support/offers">{t('mentoring.page.offersLink')}</Link>
      </p>
      {notices.map((n) => (
        <WriteNotice
          key={n.field}
          notice={n.notice}
          pending={false}
          heldMessage={t(`mentoring.profile.held.${n.field}`)}
          pendingMessage=""
          onDismiss={() => setNotices((prev) => prev.filter((x) => x.field !== n.field))}
        />
      ))}
      <SupporterProfileForm me={me} profile={profile} onSaved={setNotices} />
    </Page>
  );
}

export default function SupportProfilePage() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['peer_supporter']} forbiddenTitle={t('mentoring.profile.title')} forbidden={t('mentoring.profile.forbidden')}>
      {(me) => <ProfileScreen me={me} />}
    </RequireAuth>
  );
}
