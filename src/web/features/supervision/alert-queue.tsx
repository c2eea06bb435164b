import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDuration, formatRelative } from '../../lib/i18n.js';
import { useOpenAlerts, type AlertSummary } from './api.js';
import { nowSince } from './alert-words.js';
import { useNow } from './use-now.js';

export function AlertBadges({ alert, now }: { alert: AlertSummary; now: number }) {
  const { t } = useTranslation();
  const left = new Date(alert.dueAt).getTime() - now;
  const overdue = alert.status !== 'resolved' && left < 0;
  return (
    <div className="meta">
      <span className={alert.level >= 4 ? 'badge badge--danger' : 'badge badge--warn'}>
        {t('supervision.level', { level: alert.level, name: t(`levels.${alert.level}`, { defaultValue: '' }) })}
      </span>
      {alert.escalated ? <span className="badge badge--danger">{t('supervision.escalated')}</span> : null}
      <span className="badge">
        {alert.status === 'resolved' ? t('supervision.resolvedBadge') : alert.status === 'acknowledged' ? t('supervision.acknowledged') : t('supervision.open')}
      </span>
      {alert.status !== 'resolved' ? (
        <span className={overdue ? 'badge badge--danger' : 'badge'}>
          {overdue ? t('supervision.overdueBy', { time: formatDuration(left) }) : t('supervision.dueIn', { time: formatDuration(left) })}
        </span>
      ) : null}
    </div>
  );
}

/** Open alerts, soonest due first; kept live by the socket (see app/realtime.tsx). */
export function AlertQueue({ selectedId, onOpen }: { selectedId: string | null; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const { data: alerts, isPending, error } = useOpenAlerts();
  const now = useNow();
  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">
        {t('supervision.queueTitle')} {alerts ? <span className="badge">{alerts.length}</span> : null}
      </h2>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {alerts && alerts.length === 0 ? <p className="muted">{t('supervision.queueEmpty')}</p> : null}
      {alerts && alerts.length > 0 ? (
        <ol className="plain-list" aria-labelledby="queue-title">
          {alerts.map((a, i) => (
            <li key={a.id} className="card alert-item" aria-current={a.id === selectedId ? 'true' : undefined}>
              <h3>{a.categories.map((c) => t(`categories.${c}`, { defaultValue: c })).join(', ') || t(`levels.${a.level}`)}</h3>
              <AlertBadges alert={a} now={now} />
              <p className="muted">
                {t('supervision.raised', { when: formatRelative(a.createdAt, nowSince(a.createdAt, now)) })} · {t('supervision.where', { object: t(`objects.${a.objectType}`, { defaultValue: a.objectType }) })}
              </p>
              <div>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={t('supervision.openAlertLabel', { n: i + 1, level: a.level })}
                  onClick={() => onOpen(a.id)}
                >
                  {t('supervision.openAlert')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
