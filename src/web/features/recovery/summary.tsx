import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading } from '../../components/status.js';
import { formatDateTime, i18n } from '../../lib/i18n.js';
import { LIMITS, useJournal, useSummary, type SafetyPlan, type SummaryView } from './api.js';
import { formatLocalDate } from './goals.js';
import { PlanItem } from './safety-plan.js';
import { TrendSvg } from './trend-chart.js';

const PLAN_SECTIONS = ['warningSigns', 'internalCoping', 'distractions', 'helpers', 'professionals', 'safeEnvironment'] as const;

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function PlanPrint({ plan }: { plan: SafetyPlan }) {
  const { t } = useTranslation();
  return (
    <>
      {PLAN_SECTIONS.map((s) => {
        const items = plan[s];
        return (
          <div key={s}>
            <h4>{t(`recovery.safetyPlan.sections.${s}.title`)}</h4>
            {items.length ? (
              <ul>
                {items.map((i, k) => (
                  <li key={k}>
                    <PlanItem item={i} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('recovery.safetyPlan.empty')}</p>
            )}
          </div>
        );
      })}
      {plan.reasonForLiving ? (
        <>
          <h4>{t('recovery.safetyPlan.reasonForLiving')}</h4>
          <p>{plan.reasonForLiving}</p>
        </>
      ) : null}
    </>
  );
}

/** The summary exactly as the server made it: only the parts chosen. */
export function SummaryDocument({ s }: { s: SummaryView }) {
  const { t } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const nothing = !s.moodTrend && !s.goals && !s.journalEntries && !s.safetyPlan;
  return (
    <article className="summary-document stack" aria-labelledby="summary-doc-title">
      <h2 id="summary-doc-title">{t('recovery.summary.heading', { handle: s.member.handle })}</h2>
      <p className="meta">
        <span>{t('recovery.summary.period', { from: formatLocalDate(s.period.from), to: formatLocalDate(s.period.to), zone: s.period.timeZone })}</span>
        <span>{t('recovery.summary.generated', { when: formatDateTime(s.generatedAt) })}</span>
      </p>
      {nothing ? <p>{t('recovery.summary.empty')}</p> : null}
      {s.moodTrend ? (
        <section className="stack">
          <h3>{t('recovery.summary.moodTrend')}</h3>
          {s.moodTrend.average === null ? (
            <p>{t('recovery.summary.noCheckins')}</p>
          ) : (
            <p>{t('recovery.summary.average', { average: nf.format(s.moodTrend.average), count: s.moodTrend.checkins })}</p>
          )}
          <TrendSvg days={s.moodTrend.days} label={t('recovery.trend.caption', { from: formatLocalDate(s.period.from), to: formatLocalDate(s.period.to) })} />
          <table className="data-table">
            <caption>{t('recovery.trend.caption', { from: formatLocalDate(s.period.from), to: formatLocalDate(s.period.to) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('recovery.trend.date')}</th>
                <th scope="col">{t('recovery.trend.moodCol')}</th>
                <th scope="col">{t('recovery.trend.sleepCol')}</th>
              </tr>
            </thead>
            <tbody>
              {s.moodTrend.days
                .filter((d) => d.mood !== null)
                .map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{formatLocalDate(d.date)}</th>
                    <td>{nf.format(d.mood ?? 0)}</td>
                    <td>{d.sleepHours === null ? '' : nf.format(d.sleepHours)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {s.goals ? (
        <section className="stack">
          <h3>{t('recovery.summary.goals')}</h3>
          {s.goals.length === 0 ? <p>{t('recovery.summary.noGoals')}</p> : null}
          <ul>
            {s.goals.map((g) => (
              <li key={g.id}>
                <strong>
                  <bdi>{g.title}</bdi>
                </strong>
                {' — '}
                {t('recovery.plan.progress', { done: g.stepsDone, total: g.steps.length })}
                {g.done ? ` (${t('recovery.plan.goalDone')})` : ''}
                {g.targetDate ? `, ${t('recovery.plan.target', { date: formatLocalDate(g.targetDate) })}` : ''}
                {g.steps.length ? (
                  <ul>
                    {g.steps.map((st) => (
                      <li key={st.id}>
                        {st.done ? '☑' : '☐'} {st.text}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {s.journalEntries ? (
        <section className="stack">
          <h3>{t('recovery.summary.journal')}</h3>
          {s.journalEntries.map((e) => (
            <div key={e.id}>
              <h4>
                <bdi>{e.title ?? t('recovery.journal.untitled')}</bdi> <span className="muted">({formatDateTime(e.createdAt)})</span>
              </h4>
              <p className="journal-body">{e.body}</p>
            </div>
          ))}
        </section>
      ) : null}
      {s.safetyPlan ? (
        <section className="stack">
          <h3>{t('recovery.summary.safetyPlan')}</h3>
          <PlanPrint plan={s.safetyPlan} />
        </section>
      ) : null}
    </article>
  );
}

/** Choose a period and the parts, preview, then print or save as PDF. Nothing is stored or sent. */
export function SummaryBuilder() {
  const { t } = useTranslation();
  const today = new Date();
  const [from, setFrom] = useState(() => localDate(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(() => localDate(today));
  const [moodTrend, setMoodTrend] = useState(true);
  const [goals, setGoals] = useState(true);
  const [safetyPlan, setSafetyPlan] = useState(false);
  const [entryIds, setEntryIds] = useState<string[]>([]);
  const journal = useJournal('');
  const entries = journal.data?.pages.flatMap((p) => p.entries) ?? [];
  const summary = useSummary();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    summary.mutate({ from, to, include: { moodTrend, goals, safetyPlan, journalEntryIds: entryIds } });
  };
  return (
    <div className="stack">
      <p className="notice no-print">
        <strong>{t('recovery.summary.nothingShared')}</strong>
      </p>
      <form className="stack no-print" onSubmit={submit} noValidate>
        <ErrorNotice error={summary.error} />
        <div className="grid-2">
          <TextField label={t('recovery.summary.from')} type="date" value={from} required error={fieldError(summary.error, 'from')} onChange={(e) => setFrom(e.target.value)} />
          <TextField label={t('recovery.summary.to')} type="date" value={to} required error={fieldError(summary.error, 'to')} onChange={(e) => setTo(e.target.value)} />
        </div>
        <fieldset>
          <legend>{t('recovery.summary.include')}</legend>
          <div className="check">
            <input type="checkbox" id="inc-mood" checked={moodTrend} onChange={(e) => setMoodTrend(e.target.checked)} />
            <label htmlFor="inc-mood">{t('recovery.summary.moodTrend')}</label>
          </div>
          <div className="check">
            <input type="checkbox" id="inc-goals" checked={goals} onChange={(e) => setGoals(e.target.checked)} />
            <label htmlFor="inc-goals">{t('recovery.summary.goals')}</label>
          </div>
          <div className="check">
            <input type="checkbox" id="inc-plan" checked={safetyPlan} onChange={(e) => setSafetyPlan(e.target.checked)} />
            <label htmlFor="inc-plan">{t('recovery.summary.safetyPlan')}</label>
          </div>
        </fieldset>
        <fieldset aria-describedby="inc-journal-hint">
          <legend>{t('recovery.summary.journal')}</legend>
          <p className="field__hint" id="inc-journal-hint">
            {t('recovery.summary.journalHint')}
          </p>
          {journal.isPending ? <Loading /> : null}
          {journal.data && entries.length === 0 ? <p className="muted">{t('recovery.summary.noEntries')}</p> : null}
          {entries.map((e) => {
            const checked = entryIds.includes(e.id);
            return (
              <div className="check" key={e.id}>
                <input
                  type="checkbox"
                  id={`inc-${e.id}`}
                  checked={checked}
                  disabled={!checked && entryIds.length >= LIMITS.summaryEntriesMax}
                  onChange={(ev) => setEntryIds(ev.target.checked ? [...entryIds, e.id] : entryIds.filter((x) => x !== e.id))}
                />
                <label htmlFor={`inc-${e.id}`}>
                  <bdi>{e.title ?? t('recovery.journal.untitled')}</bdi> ({formatDateTime(e.createdAt)})
                </label>
              </div>
            );
          })}
        </fieldset>
        <button type="submit" className="button" disabled={summary.isPending}>
          {t('recovery.summary.preview')}
        </button>
      </form>
      {summary.data && !summary.isPending ? (
        <>
          <p className="no-print">
            <button type="button" className="button button--big" onClick={() => window.print()}>
              {t('recovery.summary.print')}
            </button>
          </p>
          <SummaryDocument s={summary.data} />
        </>
      ) : null}
    </div>
  );
}
