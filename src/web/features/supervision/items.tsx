import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, SuccessNotice } from '../../components/status.js';
import { formatDuration, formatRelative, i18n } from '../../lib/i18n.js';
import { useFollowUp, type DashboardItem, type SupporterSummary } from './supervision-api.js';

/** A time limit in words: "30 minutes", "24 hours", "3 days" (days from two days up). */
export function formatLimit(minutes: number): string {
  const unit = minutes >= 2 * 24 * 60 && minutes % (24 * 60) === 0 ? 'day' : minutes >= 60 && minutes % 60 === 0 ? 'hour' : 'minute';
  const value = unit === 'day' ? minutes / (24 * 60) : unit === 'hour' ? minutes / 60 : minutes;
  return new Intl.NumberFormat(i18n.language, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

function ItemTitle({ item }: { item: DashboardItem }) {
  const { t } = useTranslation();
  const relation = item.relation ? t(`supervisionPages.items.relation.${item.relation}`, { group: item.groupName ?? '' }) : '';
  return <>{t(`supervisionPages.items.${item.kind}`, { level: item.level, relation, reason: (item.reason ?? '').replace(/_/g, ' ') })}</>;
}

/** One thing waiting for the supervisor, with its time limit and what to do about it. */
function Item({ item, now, showSupporter }: { item: DashboardItem; now: number; showSupporter: boolean }) {
  const { t } = useTranslation();
  const followUp = useFollowUp();
  const left = new Date(item.dueAt).getTime() - now;
  return (
    <li className={`card sv-item${item.overdue ? ' sv-item--overdue' : ''}`}>
      <h3>
        <ItemTitle item={item} />
      </h3>
      <div className="meta">
        <span className={item.overdue ? 'badge badge--danger' : 'badge'}>
          {item.overdue ? t('supervisionPages.items.overdueBy', { time: formatDuration(left) }) : t('supervisionPages.items.dueIn', { time: formatDuration(left) })}
        </span>
        <span className="badge">{t('supervisionPages.items.timeLimit', { time: formatLimit(item.timeLimitMinutes) })}</span>
      </div>
      <p className="muted">
        {showSupporter ? `${t('supervisionPages.items.forSupporter', { handle: item.supporter.handle })} · ` : ''}
        {t('supervisionPages.items.since', { when: formatRelative(item.since, now) })}
      </p>
      {item.kind === 'safety_alert' ? (
        <Link className="button button--small" to={`/supervision/alerts?alert=${encodeURIComponent(item.id)}`}>
          {t('supervisionPages.items.openAlert')}
        </Link>
      ) : null}
      {item.kind === 'supervision_request' ? (
        <Link className="button button--small" to={`/supervision/requests/${encodeURIComponent(item.id)}`}>
          {t('supervisionPages.items.openRequest')}
        </Link>
      ) : null}
      {item.kind === 'low_checkin' ? (
        <>
          <ErrorNotice error={followUp.error} />
          {followUp.isSuccess ? <SuccessNotice>{t('supervisionPages.items.followedUp')}</SuccessNotice> : null}
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={followUp.isPending}
            aria-label={t('supervisionPages.items.followUpLabel', { handle: item.supporter.handle })}
            onClick={() => followUp.mutate(item.id)}
          >
            {t('supervisionPages.items.followUp')}
          </button>
        </>
      ) : null}
    </li>
  );
}

/** Items overdue first, then by time limit (the server's order). */
export function ItemList({ items, now, showSupporter, labelledBy }: { items: DashboardItem[]; now: number; showSupporter: boolean; labelledBy: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('supervisionPages.dashboard.attentionEmpty')}</p>;
  return (
    <ol className="plain-list" aria-labelledby={labelledBy}>
      {items.map((i) => (
        <Item key={`${i.kind}-${i.id}`} item={i} now={now} showSupporter={showSupporter} />
      ))}
    </ol>
  );
}

/** Load, activity, feedback and the last check-in, in a few calm lines. */
export function LoadLines({ summary, now }: { summary: SupporterSummary; now: number }) {
  const { t } = useTranslation();
  const { load, lastCheckin, feedback } = summary;
  return (
    <ul className="plain-list">
      <li>
        {load.capacity === null ? t('supervisionPages.load.menteesNoCapacity', { active: load.activeMentees }) : t('supervisionPages.load.mentees', { active: load.activeMentees, capacity: load.capacity })}
        {' · '}
        {t('supervisionPages.load.groups', { count: load.groupsFacilitated })}
        {' · '}
        {t('supervisionPages.load.messages', { count: load.messagesLast7Days })}
        {load.level === 'high' ? (
          <>
            {' '}
            <span className="badge badge--warn">{t('supervisionPages.load.high')}</span> {load.reasons.map((r) => t(`supervisionPages.load.reasons.${r}`)).join(', ')}
          </>
        ) : null}
      </li>
      <li>{summary.lastActiveAt ? t('supervisionPages.load.lastActive', { when: formatRelative(summary.lastActiveAt, now) }) : t('supervisionPages.load.neverActive')}</li>
      <li>
        {feedback.count > 0 && feedback.averageRating !== null
          ? t('supervisionPages.load.feedback', { average: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(feedback.averageRating), count: feedback.count })
          : t('supervisionPages.load.noFeedback')}
      </li>
      <li>
        {lastCheckin
          ? t('supervisionPages.load.lastCheckin', { when: formatRelative(lastCheckin.createdAt, now), energy: lastCheckin.energy, manageable: lastCheckin.manageable, supported: lastCheckin.supported })
          : t('supervisionPages.load.noCheckin')}
        {lastCheckin?.low ? (
          <>
            {' '}
            <span className="badge badge--warn">{t('supervisionPages.supporter.lowMark')}</span>
          </>
        ) : null}
      </li>
    </ul>
  );
}
