import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Page } from '../../components/page.js';
import { keys, useMentorships, useSupporterProfile } from '../../features/mentoring/api.js';
import { HandoversList } from '../../features/mentoring/handovers-list.js';
import { LoadPanel } from '../../features/mentoring/load-panel.js';
import { MentorshipList } from '../../features/mentoring/mentorship-list.js';
import { OffersList } from '../../features/mentoring/offers-list.js';
import { RequireAuth } from '../require-auth.js';
import { useRealtimeEvents, useRealtimeRooms } from '../realtime.js';

function OffersScreen({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const live = useRealtimeRooms([]);
  const profile = useSupporterProfile();
  const mentorships = useMentorships();
  const [announcement, setAnnouncement] = useState('');

  useRealtimeEvents((event) => {
    if (event.type === 'mentoring.offer_received') {
      void qc.invalidateQueries({ queryKey: keys.offers });
      setAnnouncement(t('mentoring.offers.arrived'));
    } else if (event.type === 'mentoring.offer_withdrawn') {
      void qc.invalidateQueries({ queryKey: keys.offers });
      setAnnouncement(t('mentoring.offers.withdrawn'));
    }
  });

  const mentees = (mentorships.data ?? []).filter((m) => m.role === 'supporter' && m.status === 'active');
  return (
    <Page title={t('mentoring.offers.pageTitle')} intro={t('mentoring.offers.intro')}>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <p className="muted live-status" role="status">
        {live ? t('mentoring.offers.live') : t('mentoring.offers.connecting')}
      </p>
      {profile.data === null ? (
        <div className="notice notice--warn">
          <p>{t('mentoring.offers.noProfile')}</p>
          <p>
            <Link to="/support/profile">{t('mentoring.page.profileLink')}</Link>
          </p>
        </div>
      ) : null}
      {profile.data?.away ? <p className="notice">{t('mentoring.offers.away')}</p> : null}
      {profile.data && !profile.data.accepting ? <p className="notice">{t('mentoring.offers.notAccepting')}</p> : null}
      <div className="grid-2">
        <OffersList onAccepted={(m) => void navigate(`/support/mentorships/${m.id}`)} />
        <LoadPanel profile={profile.data ?? null} />
      </div>
      <HandoversList userId={userId} />
      <MentorshipList mentorships={mentees} headingId="mentees-title" title={t('mentoring.offers.menteesTitle')} />
      <p>
        <Link to="/support/profile">{t('mentoring.page.profileLink')}</Link>
      </p>
    </Page>
  );
}

export default function SupportOffersPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['peer_supporter']} forbiddenTitle={t('mentoring.offers.pageTitle')} forbidden={t('mentoring.offers.forbidden')}>
      {(me) => <OffersScreen userId={me.id} />}
    </RequireAuth>
  );
}
