import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LineChart } from '../../components/line-chart.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { i18n } from '../../lib/i18n.js';
import { TREND_RANGES, useTrend, type TrendRange, type TrendView } from './api.js';
import { formatLocalDate } from './goals.js';

function shortDate(date: string): string {
  return new Intl.DateTimeFormat(i18n.language, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/**
 * Mood per day: a line that breaks where a day has no check-in (a gap is not a zero), a dot per
 * day with one. Decorative for screen readers beyond its summary label: the table below carries
 * the same numbers.
 */
export function TrendSvg({ days, label }: { days: TrendView['days']; label: string }) {
  return <LineChart series={[{ key: 'mood', values: days.map((d) => d.mood) }]} xLabels={days.map((d) => shortDate(d.date))} yMin={1} yMax={5} yTicks={[1, 2, 3, 4, 5]} label={label} />;
}

function TrendTable({ trend, id, hidden }: { trend: TrendView; id: string; hidden: boolean }) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (
    <table id={id} className="data-table" hidden={hidden}>
      <caption>{t('recovery.trend.caption', { from: formatLocalDate(trend.from), to: formatLocalDate(trend.to) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('recovery.trend.date')}</th>
          <th scope="col">{t('recovery.trend.moodCol')}</th>
          <th scope="col">{t('recovery.trend.checkinsCol')}</th>
          <th scope="col">{t('recovery.trend.sleepCol')}</th>
        </tr>
      </thead>
      <tbody>
        {trend.days.map((d) => (
          <tr key={d.date}>
            <th scope="row">{formatLocalDate(d.date)}</th>
            <td>{d.mood === null ? <span className="muted">{t('recovery.trend.noCheckin')}</span> : nf.format(d.mood)}</td>
            <td>{d.checkins}</td>
            <td>{d.sleepHours === null ? '' : nf.format(d.sleepHours)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The trend for a week, a month or three months, with "Show as table". */
export function MoodTrend() {
  const { t } = useTranslation();
  const [range, setRange] = useState<TrendRange>('week');
  const [showTable, setShowTable] = useState(false);
  const { data, isPending, error } = useTrend(range);
  const withMood = data?.days.filter((d) => d.mood !== null) ?? [];
  const avg = withMood.length ? withMood.reduce((s, d) => s + (d.mood ?? 0), 0) / withMood.length : null;
  return (
    <section className="stack" aria-labelledby="trend-title">
      <h2 id="trend-title">{t('recovery.trend.title')}</h2>
      <fieldset>
        <legend>{t('recovery.trend.rangeLabel')}</legend>
        <div className="inline-options">
          {TREND_RANGES.map((r) => (
            <div className="check" key={r}>
              <input type="radio" name="trend-range" id={`trend-${r}`} checked={range === r} onChange={() => setRange(r)} />
              <label htmlFor={`trend-${r}`}>{t(`recovery.trend.ranges.${r}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data ? (
        <>
          {withMood.length === 0 ? <p className="muted">{t('recovery.trend.empty')}</p> : null}
          <TrendSvg
            days={data.days}
            label={t('recovery.trend.chartLabel', {
              from: formatLocalDate(data.from),
              to: formatLocalDate(data.to),
              count: withMood.length,
              average: avg === null ? t('recovery.trend.noAverage') : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(avg),
            })}
          />
          <button type="button" className="button button--secondary" aria-expanded={showTable} aria-controls="trend-table" onClick={() => setShowTable((s) => !s)}>
            {showTable ? t('recovery.trend.hideTable') : t('recovery.trend.showTable')}
          </button>
          <TrendTable trend={data} id="trend-table" hidden={!showTable} />
        </>
      ) : null}
    </section>
  );
}
