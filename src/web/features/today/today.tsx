import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/status.js';
import { formatDateTime, formatDuration } from '../../lib/i18n.js';
import { TODAY_COUNT_CAP } from '../../../contracts/limits.js';
import { useAlertRooms } from '../supervision/alert-rooms.js';
import { useToday, type TodayView } from './api.js';

/** One line of a list: a link that says what waits and how many. */
function Item({ to, children }: { to: string; children: ReactNode }) {
  return (
    <li>
      <Link to={to}>{children}</Link>
    </li>
  );
}

/** "3 items waiting for review, the oldest has waited 2 hr 5 min". */
function waitingText(t: (key: string, o?: Record<string, unknown>) => string, key: string, w: { count: number; oldestAt: string | null }, now: number) {
  const count = t(key, { count: w.count });
  // A wait under a minute reads "1 min", not "0 min".
  return w.oldestAt ? `${count}, ${t('today.oldest', { duration: formatDuration(Math.max(60_000, now - Date.parse(w.oldestAt))) })}` : count;
}

/** A count the server stops at `TODAY_COUNT_CAP` reads "100 or more" there, not "100". */
function cappedText(t: (key: string, o?: Record<string, unknown>) => string, key: string, count: number) {
  return count >= TODAY_COUNT_CAP ? t(`${key}Capped`, { count }) : t(key, { count });
}

/**
 * While a supervisor's home is open it is in the rooms that carry crisis alerts, as the board is,
 * so a new alert updates the count (app/realtime.tsx asks the home again) instead of the page
 * staying calm while someone is at risk; each new one is announced politely to screen readers.
 */
function AlertsLive({ count }: { count: number }) {
  const { t } = useTranslation();
  useAlertRooms();
  const previous = useRef(count);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (count > previous.current) setMessage(t('today.newAlerts', { count: count - previous.current }));
    previous.current = count;
  }, [count, t]);
  return (
    <div className="visually-hidden" aria-live="polite">
      {message}
    </div>
  );
}

function meetingText(t: (key: string, o?: Record<string, unknown>) => string, key: string, m: NonNullable<TodayView['nextMeeting']>) {
  return t(key, { title: m.title, group: m.groupName, when: formatDateTime(m.startUtc) });
}

/**
 * The signed-in home ("today", ADR 045): the way to help (first, and in the same place while the
 * counts load), a gentle check-in prompt, what waits for the person (each line only when there is
 * something), and the parts of their roles (crisis alerts before the rest: they are urgent). Calm
 * on purpose: no streaks, no red counts; only crisis alerts, which are urgent, stand out.
 */
export function TodayHome() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch, isFetching } = useToday();
  const now = Date.now();

  const checkin = (
    <section aria-labelledby="today-checkin" className="card stack today-panel">
      <h2 id="today-checkin">{t('today.checkinTitle')}</h2>
      {data?.checkedInToday ? (
        <p>
          {t('today.checkedIn')} <Link to="/recovery/checkin">{t('today.trendLink')}</Link>
        </p>
      ) : (
        <>
          <p>{t('today.checkinPrompt')}</p>
          <p>
            <Link className="button" to="/recovery/checkin">
              {t('today.checkinAction')}
            </Link>
          </p>
        </>
      )}
    </section>
  );

  // The way to help comes first, in the same place whether the counts are loading, failed or here.
  const hardDay = (
    <section aria-labelledby="today-help" className="notice today-panel">
      <h2 id="today-help">{t('today.hardDayTitle')}</h2>
      <p>
        {t('today.hardDay')} <Link to="/help">{t('today.hardDayAction')}</Link>
      </p>
    </section>
  );

  if (isPending) {
    return (
      <>
        {hardDay}
        <Loading />
      </>
    );
  }
  if (error || !data) {
    return (
      <>
        {hardDay}
        <div className="notice notice--warn" role="status">
          <p>{t('today.error')}</p>
          <button type="button" className="button button--secondary" disabled={isFetching} onClick={() => void refetch()}>
            {t('today.retry')}
          </button>
        </div>
      </>
    );
  }

  const unreadFromSupporter = data.conversations.map((c) => (
    <Item key={c.mentorshipId} to={`/support/mentorships/${c.mentorshipId}`}>
      {t('today.conversation', { count: c.unread })}
    </Item>
  ));
  const waiting = [
    data.unreadNotifications > 0 ? (
      <Item key="notifications" to="/notifications">
        {t('today.notifications', { count: data.unreadNotifications })}
      </Item>
    ) : null,
    ...unreadFromSupporter,
    data.requestWaiting ? (
      <Item key="request" to="/support">
        {t('today.requestWaiting')}
      </Item>
    ) : null,
    data.followedThreadsWithNews > 0 ? (
      <Item key="followed" to="/community?list=followed">
        {cappedText(t, 'today.followed', data.followedThreadsWithNews)}
      </Item>
    ) : null,
    data.nextMeeting ? (
      <Item key="meeting" to={`/groups/${data.nextMeeting.groupId}`}>
        {meetingText(t, 'today.nextMeeting', data.nextMeeting)}
      </Item>
    ) : null,
  ].filter((x) => x !== null);

  const s = data.supporter;
  const supporterItems = s
    ? [
        s.offers > 0 ? (
          <Item key="offers" to="/support/offers">
            {t('today.offers', { count: s.offers })}
          </Item>
        ) : null,
        s.menteesWaiting > 0 ? (
          <Item key="mentees" to="/support">
            {t('today.mentees', { count: s.menteesWaiting })}
          </Item>
        ) : null,
        s.unansweredQuestions > 0 ? (
          <Item key="unanswered" to="/community?list=unanswered">
            {cappedText(t, 'today.unanswered', s.unansweredQuestions)}
          </Item>
        ) : null,
      ].filter((x) => x !== null)
    : [];

  const v = data.supervisor;

  return (
    <>
      {hardDay}
      {checkin}
      {v ? (
        <section aria-labelledby="today-supervision">
          <h2 id="today-supervision">{t('today.supervisorTitle')}</h2>
          <AlertsLive count={v.alerts.count} />
          {v.alerts.count > 0 || v.held.count > 0 ? (
            <ul className="stack">
              {v.alerts.count > 0 ? (
                <li>
                  <Link to="/supervision/alerts">
                    <strong>{waitingText(t, 'today.alerts', v.alerts, now)}</strong>
                  </Link>
                </li>
              ) : null}
              {v.held.count > 0 ? <Item to="/supervision/alerts#held-title">{waitingText(t, 'today.held', v.held, now)}</Item> : null}
            </ul>
          ) : (
            <p className="muted">{t('today.supervisorClear')}</p>
          )}
        </section>
      ) : null}
      <section aria-labelledby="today-waiting">
        <h2 id="today-waiting">{t('today.waitingTitle')}</h2>
        {waiting.length > 0 ? <ul className="stack">{waiting}</ul> : <p className="muted">{t('today.nothingWaiting')}</p>}
      </section>
      {s ? (
        <section aria-labelledby="today-supporter">
          <h2 id="today-supporter">{t('today.supporterTitle')}</h2>
          {supporterItems.length > 0 ? <ul className="stack">{supporterItems}</ul> : <p className="muted">{t('today.supporterClear')}</p>}
        </section>
      ) : null}
      {data.facilitator ? (
        <section aria-labelledby="today-groups">
          <h2 id="today-groups">{t('today.facilitatorTitle')}</h2>
          {data.facilitator.meetings.length > 0 ? (
            <ul className="stack">
              {data.facilitator.meetings.map((m) => (
                <Item key={m.groupId} to={`/groups/${m.groupId}`}>
                  {meetingText(t, 'today.meeting', m)}
                </Item>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('today.facilitatorNone')}</p>
          )}
        </section>
      ) : null}
    </>
  );
}

export default TodayHome;
