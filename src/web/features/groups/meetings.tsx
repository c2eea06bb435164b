import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import { FREQUENCIES, RSVP_RESPONSES, useCancelMeeting, useMeetings, useOccurrences, useRsvp, useScheduleMeeting, type Group, type Meeting, type Occurrence } from './api.js';
import { formatInReaderZone, formatInZone, formatTimeOnly, readerZone, zonesDiffer } from './time.js';

/** When, in the reader's own zone first, with the group's clock beside it when the two differ. */
export function OccurrenceWhen({ occ }: { occ: Occurrence }) {
  const { t } = useTranslation();
  return (
    <p className="occurrence__when">
      <time dateTime={occ.startUtc}>{formatInReaderZone(occ.startUtc)}</time>
      {' – '}
      <time dateTime={occ.endUtc}>{formatTimeOnly(occ.endUtc)}</time>
      <br />
      <span className="muted">
        {zonesDiffer(occ.startUtc, occ.timeZone)
          ? t('groups.meetings.groupClock', { time: formatInZone(occ.startUtc, occ.timeZone), zone: occ.timeZone, mine: readerZone() })
          : t('groups.meetings.sameClock', { zone: occ.timeZone })}
      </span>
    </p>
  );
}

function OccurrenceItem({ occ, canRsvp }: { occ: Occurrence; canRsvp: boolean }) {
  const { t } = useTranslation();
  const rsvp = useRsvp(occ.groupId);
  const label = `${occ.title}, ${formatInReaderZone(occ.startUtc)}`;
  return (
    <li className="card occurrence">
      <h3>{occ.title}</h3>
      <OccurrenceWhen occ={occ} />
      {occ.mode === 'online' ? (
        occ.link ? (
          <p>
            <a href={occ.link} target="_blank" rel="noopener noreferrer">
              {t('groups.meetings.joinOnline')}
              <span className="visually-hidden"> {t('help.opensNewTab')}</span>
            </a>
          </p>
        ) : (
          <p className="muted">{t('groups.meetings.online')}</p>
        )
      ) : (
        <p>{occ.place ? t('groups.meetings.place', { place: occ.place }) : t('groups.meetings.inPerson')}</p>
      )}
      <p className="meta muted">{t('groups.meetings.rsvpCounts', { yes: occ.rsvps.yes, maybe: occ.rsvps.maybe, no: occ.rsvps.no })}</p>
      {canRsvp ? (
        <div className="rsvp">
          <div className="button-row" role="group" aria-label={t('groups.meetings.rsvpLabel', { meeting: label })}>
            {RSVP_RESPONSES.map((r) => (
              <button
                key={r}
                type="button"
                className="button button--secondary button--small"
                aria-pressed={occ.myRsvp === r}
                disabled={rsvp.isPending}
                onClick={() => rsvp.mutate({ meetingId: occ.meetingId, occurrence: occ.occurrence, response: r })}
              >
                {t(`groups.meetings.rsvp.${r}`)}
              </button>
            ))}
          </div>
          <p className="muted" role="status">
            {occ.myRsvp ? t('groups.meetings.yourAnswer', { answer: t(`groups.meetings.rsvp.${occ.myRsvp}`) }) : t('groups.meetings.noAnswer')}
          </p>
          <ErrorNotice error={rsvp.error} />
        </div>
      ) : null}
    </li>
  );
}

export function UpcomingMeetings({ group, limit = 6 }: { group: Group; limit?: number }) {
  const { t } = useTranslation();
  const canRsvp = group.me.facilitator || (group.me.member && group.me.agreementCurrent);
  const { data, isPending, error } = useOccurrences(group.id);
  const now = Date.now();
  const upcoming = (data ?? []).filter((o) => new Date(o.endUtc).getTime() >= now).slice(0, limit);
  return (
    <section aria-labelledby="meetings-title">
      <h2 id="meetings-title">{t('groups.meetings.title')}</h2>
      <p className="muted">{t('groups.meetings.zoneNote', { mine: readerZone(), zone: group.timeZone })}</p>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && upcoming.length === 0 ? <p className="muted">{t('groups.meetings.none')}</p> : null}
      <ul className="plain-list stack">
        {upcoming.map((o) => (
          <OccurrenceItem key={`${o.meetingId}-${o.occurrence}`} occ={o} canRsvp={canRsvp} />
        ))}
      </ul>
    </section>
  );
}

/** Tomorrow at 18:00 on the group's clock, as a datetime-local value. */
function defaultStart(): string {
  const d = new Date(Date.now() + 24 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T18:00`;
}

export function ScheduleMeetingForm({ group }: { group: Group }) {
  const { t } = useTranslation();
  const schedule = useScheduleMeeting(group.id);
  const [title, setTitle] = useState('');
  const [mode, setMode] = useState<'online' | 'in_person'>('online');
  const [link, setLink] = useState('');
  const [place, setPlace] = useState('');
  const [startLocal, setStartLocal] = useState(defaultStart);
  const [duration, setDuration] = useState('90');
  const [frequency, setFrequency] = useState<(typeof FREQUENCIES)[number]>('weekly');
  const [count, setCount] = useState('');
  const [reminder, setReminder] = useState('60');
  const err = (path: string, subject: string) => fieldError(schedule.error, path, subject);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    schedule.mutate(
      {
        title,
        mode,
        link: mode === 'online' ? link.trim() || null : null,
        place: mode === 'in_person' ? place.trim() || null : null,
        startLocal,
        durationMinutes: Number(duration),
        frequency,
        count: frequency !== 'none' && count ? Number(count) : null,
        reminderMinutes: Number(reminder),
      },
      { onSuccess: () => setTitle('') },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="schedule-title" className="schedule-form">
      <h2 id="schedule-title">{t('groups.schedule.title')}</h2>
      {schedule.data && !schedule.isPending ? <SuccessNotice>{t('groups.schedule.done', { title: schedule.data.title })}</SuccessNotice> : null}
      <ErrorNotice error={schedule.error} />
      <TextField label={t('groups.schedule.meetingTitle')} value={title} onChange={(e) => setTitle(e.target.value)} error={err('title', t('groups.subjects.title'))} />
      <fieldset>
        <legend>{t('groups.schedule.where')}</legend>
        <div className="check">
          <input type="radio" name="meeting-mode" id="mode-online" checked={mode === 'online'} onChange={() => setMode('online')} />
          <label htmlFor="mode-online">{t('groups.schedule.online')}</label>
        </div>
        <div className="check">
          <input type="radio" name="meeting-mode" id="mode-in-person" checked={mode === 'in_person'} onChange={() => setMode('in_person')} />
          <label htmlFor="mode-in-person">{t('groups.schedule.inPerson')}</label>
        </div>
      </fieldset>
      {mode === 'online' ? (
        <TextField label={t('groups.schedule.link')} type="url" inputMode="url" value={link} onChange={(e) => setLink(e.target.value)} error={err('link', t('groups.subjects.link'))} />
      ) : (
        <TextField label={t('groups.schedule.place')} value={place} onChange={(e) => setPlace(e.target.value)} error={err('place', t('groups.subjects.place'))} />
      )}
      <TextField
        label={t('groups.schedule.start')}
        hint={t('groups.schedule.startHint', { zone: group.timeZone })}
        type="datetime-local"
        value={startLocal}
        onChange={(e) => setStartLocal(e.target.value)}
        error={err('startLocal', t('groups.subjects.start'))}
      />
      <TextField label={t('groups.schedule.duration')} type="number" inputMode="numeric" min={15} max={480} value={duration} onChange={(e) => setDuration(e.target.value)} error={err('durationMinutes', t('groups.subjects.duration'))} />
      <SelectField label={t('groups.schedule.frequency')} value={frequency} onChange={(e) => setFrequency(e.target.value as (typeof FREQUENCIES)[number])}>
        {FREQUENCIES.map((f) => (
          <option key={f} value={f}>
            {t(`groups.frequencies.${f}`)}
          </option>
        ))}
      </SelectField>
      {frequency !== 'none' ? (
        <TextField label={t('groups.schedule.count')} hint={t('groups.schedule.countHint')} type="number" inputMode="numeric" min={1} value={count} onChange={(e) => setCount(e.target.value)} error={err('count', t('groups.subjects.count'))} />
      ) : null}
      <SelectField label={t('groups.schedule.reminder')} value={reminder} onChange={(e) => setReminder(e.target.value)}>
        <option value="0">{t('groups.schedule.reminderNone')}</option>
        <option value="60">{t('groups.schedule.reminderHour')}</option>
        <option value="1440">{t('groups.schedule.reminderDay')}</option>
      </SelectField>
      <button type="submit" className="button" disabled={schedule.isPending}>
        {t('groups.schedule.submit')}
      </button>
    </form>
  );
}

/** Two steps, so one slip of the finger does not call off every meeting of a series. */
function SeriesItem({ meeting, busy, onConfirm }: { meeting: Meeting; busy: boolean; onConfirm(): void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    // Move focus with the step: to the safe choice when asked, back to the first button when kept.
    if (confirming) keepRef.current?.focus();
    else if (wasConfirming.current) askRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const questionId = `cancel-q-${meeting.id}`;
  return (
    <li className="card">
      <h3>{meeting.title}</h3>
      <p className="muted">
        {t('groups.series.when', { frequency: t(`groups.frequencies.${meeting.frequency}`), start: meeting.startLocal.replace('T', ' '), zone: meeting.timeZone })}
      </p>
      {confirming ? (
        <div role="group" aria-labelledby={questionId}>
          <p id={questionId}>
            <strong>{t('groups.series.confirm', { title: meeting.title })}</strong>
          </p>
          <div className="button-row">
            <button type="button" className="button button--danger" disabled={busy} onClick={onConfirm}>
              {t('groups.series.yes')}
            </button>
            <button type="button" ref={keepRef} className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('groups.series.keep')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" ref={askRef} className="button button--secondary button--small" onClick={() => setConfirming(true)}>
          {t('groups.series.cancel')}
          <span className="visually-hidden">: {meeting.title}</span>
        </button>
      )}
    </li>
  );
}

/**
 * The facilitator's list of meeting series, each of which can be called off. The cancellation
 * lives here, not in the item: the realtime refetch can remove the item before the answer arrives.
 */
export function MeetingSeries({ group }: { group: Group }) {
  const { t } = useTranslation();
  const { data, error } = useMeetings(group.id);
  const cancel = useCancelMeeting(group.id);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <section aria-labelledby="series-title">
      <h2 id="series-title" ref={headingRef} tabIndex={-1}>
        {t('groups.series.title')}
      </h2>
      {cancelled ? <SuccessNotice>{t('groups.series.cancelled', { title: cancelled })}</SuccessNotice> : null}
      <ErrorNotice error={error ?? cancel.error} />
      {data && data.length === 0 ? <p className="muted">{t('groups.series.none')}</p> : null}
      <ul className="plain-list stack">
        {(data ?? []).map((m) => (
          <SeriesItem
            key={m.id}
            meeting={m}
            busy={cancel.isPending}
            onConfirm={() =>
              cancel.mutate(
                { meetingId: m.id, cancelled: true },
                {
                  onSuccess: () => {
                    setCancelled(m.title);
                    // The item and its buttons are gone: keep focus in this section.
                    headingRef.current?.focus();
                  },
                },
              )
            }
          />
        ))}
      </ul>
    </section>
  );
}
