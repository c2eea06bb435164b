import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LineChart } from '../../components/line-chart.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { i18n } from '../../lib/i18n.js';
import { EMPATHY_DIMENSIONS, useTrend, type EmpathyTrendView } from './supervision-api.js';

function weekLabel(date: string, style: 'short' | 'medium'): string {
  const opts: Intl.DateTimeFormatOptions = style === 'short' ? { month: 'short', day: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(i18n.language, opts).format(new Date(`${date}T00:00:00Z`));
}

function TrendTable({ trend, id, hidden }: { trend: EmpathyTrendView; id: string; hidden: boolean }) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  const first = trend.weeks[0]?.weekStart ?? '';
  const last = trend.weeks.at(-1)?.weekStart ?? '';
  return (
    <table id={id} className="data-table" hidden={hidden}>
      <caption>{t('supervisionPages.trend.caption', { from: weekLabel(first, 'medium'), to: weekLabel(last, 'medium') })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisionPages.trend.week')}</th>
          <th scope="col">{t('supervisionPages.trend.replies')}</th>
          {EMPATHY_DIMENSIONS.map((d) => (
            <th scope="col" key={d}>
              {t(`supervisionPages.trend.dimensions.${d}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {trend.weeks.map((w) => (
          <tr key={w.weekStart}>
            <th scope="row">{weekLabel(w.weekStart, 'medium')}</th>
            <td>{w.replies}</td>
            {EMPATHY_DIMENSIONS.map((d) => (
              <td key={d}>{w[d] === null ? <span className="muted">{t('supervisionPages.trend.noData')}</span> : nf.format(w[d])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Twelve weeks of weekly averages per EPITOME dimension: a chart (three lines that differ by
 * colour and dash, with a legend) and the same numbers as a table behind "Show as table".
 */
export function EmpathyTrend({ supporterId, handle }: { supporterId: string | 'me'; handle?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  const { data, isPending, error } = useTrend(supporterId);
  const title = handle ? t('supervisionPages.trend.titleOf', { handle }) : t('supervisionPages.trend.title');
  return (
    <section className="stack sv-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted">{handle ? t('supervisionPages.trend.introOf', { handle }) : t('supervisionPages.trend.intro')}</p>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data ? (
        <>
          {data.replies === 0 ? <p>{t('supervisionPages.trend.empty')}</p> : null}
          <ul className="sv-legend" aria-label={t('supervisionPages.trend.legend')}>
            {EMPATHY_DIMENSIONS.map((d, i) => (
              <li key={d}>
                <span className={`sv-swatch sv-swatch--${i + 1}`} aria-hidden="true" />
                {t(`supervisionPages.trend.dimensions.${d}`)}
              </li>
            ))}
          </ul>
          <LineChart
            series={EMPATHY_DIMENSIONS.map((d, i) => ({ key: d, values: data.weeks.map((w) => w[d]), variant: (i + 1) as 1 | 2 | 3 }))}
            xLabels={data.weeks.map((w) => weekLabel(w.weekStart, 'short'))}
            yMin={0}
            yMax={2}
            yTicks={[0, 1, 2]}
            label={t('supervisionPages.trend.chartLabel', { from: weekLabel(data.weeks[0]!.weekStart, 'medium'), to: weekLabel(data.weeks.at(-1)!.weekStart, 'medium'), count: data.replies })}
          />
          <button type="button" className="button button--secondary" aria-expanded={showTable} aria-controls={`${id}-table`} onClick={() => setShowTable((s) => !s)}>
            {showTable ? t('supervisionPages.trend.hideTable') : t('supervisionPages.trend.showTable')}
          </button>
          <TrendTable trend={data} id={`${id}-table`} hidden={!showTable} />
        </>
      ) : null}
    </section>
  );
}
