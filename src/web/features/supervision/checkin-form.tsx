import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WriteNotice } from '../../app/write-notice.js';
import { TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError, SuccessNotice } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { CHECKIN_QUESTIONS, LIMITS, useCheckIn, type CheckinView, type CheckinWritten } from './supervision-api.js';

type Question = (typeof CHECKIN_QUESTIONS)[number];
const SCORES = [1, 2, 3, 4, 5] as const;

/** The weekly wellbeing check-in: three labelled radio groups (1–5) and an optional note. */
export function WellbeingCheckinForm() {
  const { t } = useTranslation();
  const id = useId();
  const checkIn = useCheckIn();
  const [answers, setAnswers] = useState<Partial<Record<Question, number>>>({});
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<Question[]>([]);
  const [written, setWritten] = useState<CheckinWritten | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const absent = CHECKIN_QUESTIONS.filter((q) => answers[q] === undefined);
    setMissing(absent);
    if (absent.length) {
      document.getElementById(`${id}-${absent[0]}-1`)?.focus();
      return;
    }
    checkIn.mutate(
      { energy: answers.energy!, manageable: answers.manageable!, supported: answers.supported!, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (r) => {
          setWritten(r);
          setAnswers({});
          setNote('');
        },
      },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('supervisionPages.mine.checkinTitle')}</h2>
      <p className="muted">{t('supervisionPages.mine.checkinIntro')}</p>
      {CHECKIN_QUESTIONS.map((q) => {
        const invalid = missing.includes(q);
        return (
          <fieldset key={q} aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? `${id}-${q}-error` : undefined}>
            <legend>{t(`supervisionPages.mine.questions.${q}`)}</legend>
            {invalid ? (
              <p className="field__error" id={`${id}-${q}-error`}>
                {t('supervisionPages.mine.chooseAnswer')}
              </p>
            ) : null}
            <div className="sv-answers">
              {SCORES.map((v) => (
                <div className="check" key={v}>
                  <input type="radio" name={`${id}-${q}`} id={`${id}-${q}-${v}`} checked={answers[q] === v} onChange={() => setAnswers((a) => ({ ...a, [q]: v }))} />
                  <label htmlFor={`${id}-${q}-${v}`}>{t('supervisionPages.mine.answer', { value: v, label: t(`supervisionPages.mine.answers.${q}.${v}`) })}</label>
                </div>
              ))}
            </div>
          </fieldset>
        );
      })}
      <TextAreaField label={t('supervisionPages.mine.note')} value={note} maxLength={LIMITS.checkinNoteMax} rows={3} error={fieldError(checkIn.error, 'note')} onChange={(e) => setNote(e.target.value)} />
      <ErrorNotice error={checkIn.error} />
      {written && !checkIn.isPending ? (
        <>
          <WriteNotice notice={written.safety} pending={false} heldMessage="" pendingMessage="" onDismiss={() => setWritten({ ...written, safety: null })} />
          <SuccessNotice>{written.checkin.low ? t('supervisionPages.mine.thanksLow') : t('supervisionPages.mine.thanks')}</SuccessNotice>
        </>
      ) : null}
      <button type="submit" className="button button--big" disabled={checkIn.isPending}>
        {t('supervisionPages.mine.submit')}
      </button>
    </form>
  );
}

/** Check-ins as a table (the supervisor's page with notes; the supporter's own history too). */
export function CheckinTable({ checkins, caption }: { checkins: CheckinView[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('supervisionPages.supporter.date')}</th>
          {CHECKIN_QUESTIONS.map((q) => (
            <th scope="col" key={q}>
              {t(`supervisionPages.mine.questions.${q}`)}
            </th>
          ))}
          <th scope="col">{t('supervisionPages.supporter.note')}</th>
        </tr>
      </thead>
      <tbody>
        {checkins.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              {formatDateTime(c.createdAt)}
              {c.low ? (
                <>
                  {' '}
                  <span className="badge badge--warn">{t('supervisionPages.supporter.lowMark')}</span>
                </>
              ) : null}
            </th>
            {CHECKIN_QUESTIONS.map((q) => (
              <td key={q}>{c[q]}</td>
            ))}
            <td>{c.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
