import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../../contracts/accounts.js';
import type { EventMap } from '../../../contracts/events.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import { useMe } from '../../features/auth/api.js';
import { keys, useCurrentRequest, useMentorships, type RequestCreatedResult, type SupportRequestView } from '../../features/mentoring/api.js';
import { MentorshipList, otherHandle } from '../../features/mentoring/mentorship-list.js';
import { RequestForm, type PastSupporter } from '../../features/mentoring/request-form.js';
import { RequestStatus } from '../../features/mentoring/request-status.js';
import { CrisisResponsePanel } from '../../features/safety/crisis-response.js';
import { browserRegion } from '../../lib/i18n.js';
import { useRealtimeEvents, useRealtimeRooms } from '../realtime.js';

function SignedOut() {
  const { t } = useTranslation();
  return (
    <Page title={t('mentoring.page.title')} intro={t('mentoring.page.introSignedOut')}>
      <div className="button-row">
        <Link className="button" to="/sign-up">
          {t('home.join')}
        </Link>
        <Link className="button button--secondary" to="/sign-in?next=%2Fsupport">
          {t('home.signIn')}
        </Link>
      </div>
      <div className="notice notice--warn">
        <p>{t('app.notEmergency')}</p>
      </div>
      <p>
        <Link to="/help">{t('mentoring.page.helplines')}</Link>
      </p>
    </Page>
  );
}

function MemberSupport({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const request = useCurrentRequest();
  const mentorships = useMentorships();
  // The socket is always in `user:<me>`: offers widening, a match, or a cancellation arrive there.
  const live = useRealtimeRooms([]);
  const [created, setCreated] = useState<RequestCreatedResult | null>(null);
  const [crisisHidden, setCrisisHidden] = useState(false);
  const [matched, setMatched] = useState<SupportRequestView | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [cancelled, setCancelled] = useState(false);

  useRealtimeEvents((event) => {
    if (event.type !== 'mentoring.request_updated') return;
    const { request: r } = event.data as EventMap['mentoring.request_updated'];
    if (r.status === 'waiting') {
      qc.setQueryData(keys.request, r);
      return;
    }
    qc.setQueryData(keys.request, null);
    void qc.invalidateQueries({ queryKey: keys.mentorships });
    if (r.status === 'matched') {
      setMatched(r);
      setAnnouncement(t('mentoring.page.matchedAnnouncement'));
    } else if (r.status === 'expired') {
      setAnnouncement(t('mentoring.page.expired'));
    }
  });

  if (request.isPending || mentorships.isPending) return <Loading />;
  const all = mentorships.data ?? [];
  const active = all.filter((m) => m.status === 'active');
  const ended = all.filter((m) => m.status === 'ended' && m.role === 'member');
  const hasSupporter = active.some((m) => m.role === 'member');
  const waiting = request.data?.status === 'waiting' ? request.data : null;
  // Closed in the last day because nobody could take it: said plainly, with the form to ask again.
  const expired = request.data?.status === 'expired' && !cancelled;
  const matchedMentorship = matched?.mentorshipId ? all.find((m) => m.id === matched.mentorshipId) : undefined;
  const isSupporter = me.roles.includes('peer_supporter');
  const pastSupporters: PastSupporter[] = [];
  for (const m of ended) {
    if (m.supporter && !pastSupporters.some((s) => s.id === m.supporter!.id)) pastSupporters.push({ id: m.supporter.id, handle: m.supporter.handle });
  }
  const notice = waiting ? (created?.request.id === waiting.id ? created.notice : null) ?? waiting.safetyNotice : null;
  const region = notice?.region ?? me.region ?? browserRegion() ?? 'INTL';

  return (
    <Page title={t('mentoring.page.title')} intro={t('mentoring.page.intro')}>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <ErrorNotice error={request.error ?? mentorships.error} />
      {isSupporter ? (
        <nav aria-label={t('mentoring.page.supporterLinks')} className="button-row">
          <Link className="button button--secondary" to="/support/offers">
            {t('mentoring.page.offersLink')}
          </Link>
          <Link className="button button--secondary" to="/support/profile">
            {t('mentoring.page.profileLink')}
          </Link>
        </nav>
      ) : null}

      {matched?.mentorshipId ? (
        <div className="notice notice--success" role="status">
          <p>
            {matchedMentorship && otherHandle(matchedMentorship)
              ? t('mentoring.page.matchedWith', { handle: otherHandle(matchedMentorship) })
              : t('mentoring.page.matched')}
          </p>
          <p>
            <Link className="button" to={`/support/mentorships/${matched.mentorshipId}`}>
              {t('mentoring.page.openConversation')}
            </Link>
          </p>
        </div>
      ) : null}

      <MentorshipList mentorships={active} headingId="active-title" title={t('mentoring.page.activeTitle')} />

      {waiting ? (
        <RequestStatus
          request={waiting}
          live={live}
          focusOnMount={!!created}
          onCancelled={() => setCancelled(true)}
          crisis={
            notice?.showCrisisResponse && !crisisHidden ? <CrisisResponsePanel notice={notice} region={region} onDismiss={() => setCrisisHidden(true)} /> : null
          }
        />
      ) : hasSupporter ? (
        <p className="muted">{t('mentoring.page.haveSupporter')}</p>
      ) : (
        <>
        {cancelled ? <SuccessNotice>{t('mentoring.page.cancelled')}</SuccessNotice> : null}
        {expired ? <p className="notice">{t('mentoring.page.expired')}</p> : null}
        <RequestForm
          me={me}
          pastSupporters={pastSupporters}
          onAsked={(r) => {
            setCreated(r);
            setCrisisHidden(false);
            setMatched(null);
            setCancelled(false);
          }}
        />
        </>
      )}

      <MentorshipList mentorships={ended} headingId="past-title" title={t('mentoring.page.pastTitle')} />
    </Page>
  );
}

/** "Talk to a peer supporter": ask, see honestly where the request stands, and find your conversations. */
export default function SupportPage() {
  const { data: me, isPending, error } = useMe();
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  return me ? <MemberSupport me={me} /> : <SignedOut />;
}
