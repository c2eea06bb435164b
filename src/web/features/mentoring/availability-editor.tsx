import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DAYS, LIMITS } from './model.js';

export interface WindowRow {
  /** Stable key for React and for focus, not sent to the server. */
  key: number;
  day: number;
  start: string;
  /** As typed: '00:00' at the end means midnight, sent as '24:00'. */
  end: string;
}

let nextKey = 1;
export function newRow(day = 1, start = '18:00', end = '21:00'): WindowRow {
  return { key: nextKey++, day, start, end };
}

/** Server windows → editor rows ('24:00' shows as '00:00', the only way a time input can say midnight). */
export function toRows(windows: readonly { day: number; start: string; end: string }[]): WindowRow[] {
  return windows.map((w) => newRow(w.day, w.start, w.end === '24:00' ? '00:00' : w.end));
}

export function toWindows(rows: readonly WindowRow[]): { day: number; start: string; end: string }[] {
  return rows.map((r) => ({ day: r.day, start: r.start, end: r.end === '00:00' ? '24:00' : r.end }));
}

/** The row's own problem, if any, before asking the server (which says the same). */
export function rowProblem(r: WindowRow): 'missing' | 'order' | null {
  if (!r.start || !r.end) return 'missing';
  const end = r.end === '00:00' ? '24:00' : r.end;
  return r.start < end ? null : 'order';
}

/**
 * Weekly availability as a list of rows (day, from, until) with add and remove buttons: every part
 * is a native control, so it works with a keyboard and a screen reader without a drag grid.
 */
export function AvailabilityEditor({
  rows,
  onChange,
  serverError,
  showProblems,
}: {
  rows: WindowRow[];
  onChange(rows: WindowRow[]): void;
  serverError: (index: number) => string | undefined;
  showProblems: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const focusKey = useRef<number | 'add' | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // After adding a row, focus its day; after removing one, the next row's day (or the add button).
    const k = focusKey.current;
    if (k === null) return;
    focusKey.current = null;
    if (k === 'add') addButton.current?.focus();
    else list.current?.querySelector<HTMLSelectElement>(`[data-row="${k}"] select`)?.focus();
  }, [rows]);

  const update = (key: number, patch: Partial<WindowRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    focusKey.current = next[index]?.key ?? next[index - 1]?.key ?? 'add';
    onChange(next);
  };
  const add = () => {
    const last = rows[rows.length - 1];
    const row = newRow(last ? (last.day % 7) + 1 : 1, last?.start ?? '18:00', last?.end ?? '21:00');
    focusKey.current = row.key;
    onChange([...rows, row]);
  };

  return (
    <fieldset className="availability" aria-describedby={`${id}-hint`}>
      <legend>{t('mentoring.profile.availability')}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {t('mentoring.profile.availabilityHint')}
      </p>
      {rows.length === 0 ? <p className="muted">{t('mentoring.profile.availabilityEmpty')}</p> : null}
      <ol className="plain-list availability__rows" ref={list}>
        {rows.map((r, i) => {
          const n = i + 1;
          const problem = showProblems ? rowProblem(r) : null;
          const error = problem ? t(`mentoring.profile.windowProblem.${problem}`) : serverError(i);
          const errId = `${id}-${r.key}-error`;
          return (
            <li key={r.key} data-row={r.key}>
              <fieldset className="availability__row" aria-describedby={error ? errId : undefined}>
                <legend className="visually-hidden">{t('mentoring.profile.windowLabel', { n })}</legend>
                <div className="field">
                  <label htmlFor={`${id}-${r.key}-day`}>{t('mentoring.profile.day')}</label>
                  <select id={`${id}-${r.key}-day`} value={r.day} onChange={(e) => update(r.key, { day: Number(e.target.value) })}>
                    {DAYS.map((d) => (
                      <option key={d} value={d}>
                        {t(`mentoring.days.${d}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-${r.key}-start`}>{t('mentoring.profile.from')}</label>
                  <input
                    id={`${id}-${r.key}-start`}
                    type="time"
                    step={900}
                    required
                    aria-invalid={error ? true : undefined}
                    value={r.start}
                    onChange={(e) => update(r.key, { start: e.target.value })}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-${r.key}-end`}>{t('mentoring.profile.until')}</label>
                  <input
                    id={`${id}-${r.key}-end`}
                    type="time"
                    step={900}
                    required
                    aria-invalid={error ? true : undefined}
                    value={r.end}
                    onChange={(e) => update(r.key, { end: e.target.value })}
                  />
                </div>
                <button type="button" className="button button--secondary button--small" onClick={() => remove(i)}>
                  {t('mentoring.profile.removeWindow')}
                  <span className="visually-hidden"> {t('mentoring.profile.windowLabel', { n })}</span>
                </button>
                {error ? (
                  <p className="field__error availability__error" id={errId}>
                    {error}
                  </p>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        ref={addButton}
        className="button button--secondary button--small"
        disabled={rows.length >= LIMITS.availabilityWindowsMax}
        onClick={add}
      >
        {t('mentoring.profile.addWindow')}
      </button>
    </fieldset>
  );
}
