import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../../components/status.js';
import { ItemList, LoadLines } from './items.js';
import { useDashboard } from './supervision-api.js';
import { useNow } from './use-now.js';

/** The supervisor's dashboard: what needs attention (overdue first), then each supporter. */
export function SupervisorDashboard() {
  const { t } = useTranslation();
  const { data, isPending, error } = useDashboard();
  const now = useNow();
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  return (
    <>
      <section className="stack" aria-labelledby="attention-title">
        <h2 id="attention-title">
          {t('supervisionPages.dashboard.attentionTitle')} <span className="badge">{data.items.length}</span>
        </h2>
        <ItemList items={data.items} now={now} showSupporter labelledBy="attention-title" />
      </section>
      <section className="stack sv-section" aria-labelledby="supporters-title">
        <h2 id="supporters-title">{t('supervisionPages.dashboard.supportersTitle')}</h2>
        {data.supporters.length === 0 ? <p>{t('supervisionPages.dashboard.empty')}</p> : null}
        <ul className="plain-list" aria-labelledby="supporters-title">
          {data.supporters.map((s) => (
            <li key={s.supporter.id} className="card sv-supporter">
              <h3>
                <Link to={`/supervision/supporters/${encodeURIComponent(s.supporter.id)}`} aria-label={t('supervisionPages.dashboard.openSupporter', { handle: s.supporter.handle })}>
                  {s.supporter.handle}
                </Link>{' '}
                {s.overdue > 0 ? <span className="badge badge--danger">{t('supervisionPages.dashboard.overdueCount', { count: s.overdue })}</span> : null}
              </h3>
              <p className="muted">{s.roles.filter((r) => r !== 'member').map((r) => t(`roles.${r}`)).join(', ')}</p>
              <LoadLines summary={s} now={now} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
