import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import { WriteNotice } from '../../app/write-notice.js';
import { FEELINGS, LIMITS, useCheckIn, useMyCircles, useReminder, useSetReminder, type CheckinWritten } from './api.js';

const MOODS = [1, 2, 3, 4, 5] as const;

/** The quick check-in: one screen, mood as a labelled radio group, the rest optional. */
export function CheckinForm() {
  const { t } = useTranslation();
  const id = useId();
  const checkIn = useCheckIn();
  const circles = useMyCircles();
  const [shareTo, setShareTo] = useState<string[]>([]);
  const [mood, setMood] = useState<number | null>(null);
  const [feelings, setFeelings] = useState<string[]>([]);
  const [sleep, setSleep] = useState('');
  const [note, setNote] = useState('');
  const [written, setWritten] = useState<CheckinWritten | null>(null);
  const [missingMood, setMissingMood] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mood === null) {
      setMissingMood(true);
      return;
    }
    setMissingMood(false);
    checkIn.mutate(
      {
        mood,
        feelings: feelings as never,
        ...(sleep.trim() ? { sleepHours: Number(sleep) } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        // Only circles still listed: one left since the list loaded is dropped rather than sent.
        shareToCircles: shareTo.filter((c) => circles.data?.some((x) => x.id === c)),
      },
      {
        onSuccess: (r) => {
          setWritten(r);
          setMood(null);
          setFeelings([]);
          setSleep('');
          setNote('');
          setShareTo([]);
        },
      },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="checkin-title">
      <h2 id="checkin-title">{t('recovery.checkin.intro')}</h2>
      <fieldset aria-invalid={missingMood ? true : undefined} aria-describedby={missingMood ? `${id}-mood-error` : undefined}>
        <legend>{t('recovery.checkin.mood')}</legend>
        {missingMood ? (
          <p className="field__error" id={`${id}-mood-error`}>
            {t('recovery.checkin.chooseMood')}
          </p>
        ) : null}
        <div className="inline-options mood-options">
          {MOODS.map((m) => (
            <div className="check" key={m}>
              <input type="radio" name={`${id}-mood`} id={`${id}-mood-${m}`} value={m} checked={mood === m} onChange={() => setMood(m)} />
              <label htmlFor={`${id}-mood-${m}`}>{t('recovery.checkin.moodValue', { value: m, label: t(`recovery.checkin.moods.${m}`) })}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('recovery.checkin.feelings')}</legend>
        <div className="check-grid check-grid--narrow">
          {FEELINGS.map((f) => {
            const checked = feelings.includes(f);
            return (
              <div className="check" key={f}>
                <input
                  type="checkbox"
                  id={`${id}-f-${f}`}
                  checked={checked}
                  disabled={!checked && feelings.length >= LIMITS.feelingsMax}
                  onChange={(e) => setFeelings(e.target.checked ? [...feelings, f] : feelings.filter((x) => x !== f))}
                />
                <label htmlFor={`${id}-f-${f}`}>{t(`recovery.feelings.${f}`)}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
      <TextField label={t('recovery.checkin.sleepHours')} type="number" inputMode="decimal" min={0} max={24} step={0.5} value={sleep} error={fieldError(checkIn.error, 'sleepHours')} onChange={(e) => setSleep(e.target.value)} />
      <TextField label={t('recovery.checkin.note')} value={note} maxLength={LIMITS.checkinNoteMax} error={fieldError(checkIn.error, 'note')} onChange={(e) => setNote(e.target.value)} />
      {circles.data?.length ? (
        <fieldset aria-describedby={`${id}-share-hint`}>
          <legend>{t('recovery.checkin.share')}</legend>
          <p className="field__hint" id={`${id}-share-hint`}>
            {t('recovery.checkin.shareHint')}
          </p>
          {circles.data.map((c) => (
            <div className="check" key={c.id}>
              <input type="checkbox" id={`${id}-share-${c.id}`} checked={shareTo.includes(c.id)} onChange={(e) => setShareTo(e.target.checked ? [...shareTo, c.id] : shareTo.filter((x) => x !== c.id))} />
              <label htmlFor={`${id}-share-${c.id}`}>{c.name}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <ErrorNotice error={checkIn.error} />
      {written && !checkIn.isPending ? (
        <>
          <WriteNotice notice={written.safety} pending={false} heldMessage={t('recovery.checkin.sharedHeld')} pendingMessage="" onDismiss={() => setWritten(null)} />
          <SuccessNotice>
            {t('recovery.checkin.done')}
            {written.sharedWith.length ? ` ${t('recovery.checkin.sharedWith', { count: written.sharedWith.length })}` : ''}
          </SuccessNotice>
        </>
      ) : null}
      <button type="submit" className="button button--big" disabled={checkIn.isPending}>
        {t('recovery.checkin.submit')}
      </button>
    </form>
  );
}

/** Daily reminder at a time I choose, in my time zone (the browser's unless my profile says). */
export function ReminderForm() {
  const { t } = useTranslation();
  const { data, isPending } = useReminder();
  const save = useSetReminder();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [time, setTime] = useState<string | null>(null);
  if (isPending) return <Loading />;
  const on = enabled ?? data?.enabled ?? false;
  const at = time ?? data?.time ?? '20:00';
  const zone = data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ enabled: on, time: at, ...(data?.timeZone ? {} : { timeZone: zone }) });
  };
  return (
    <form className="stack card" onSubmit={submit} aria-labelledby="reminder-title">
      <h2 id="reminder-title">{t('recovery.checkin.reminder')}</h2>
      <div className="check">
        <input type="checkbox" id="reminder-on" checked={on} onChange={(e) => setEnabled(e.target.checked)} />
        <label htmlFor="reminder-on">{t('recovery.checkin.reminderOn')}</label>
      </div>
      <TextField label={t('recovery.checkin.reminderTime')} hint={t('recovery.checkin.reminderZone', { zone })} type="time" value={at} error={fieldError(save.error, 'time')} onChange={(e) => setTime(e.target.value)} />
      <ErrorNotice error={save.error} />
      {save.isSuccess ? <SuccessNotice>{t('recovery.checkin.reminderSaved')}</SuccessNotice> : null}
      <button type="submit" className="button button--secondary" disabled={save.isPending}>
        {t('recovery.checkin.reminderSave')}
      </button>
    </form>
  );
}
