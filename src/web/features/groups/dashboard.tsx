import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField } from '../../components/fields.js';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import {
  ATTENDANCE_STATUSES,
  useAttendance,
  useDashboard,
  useOccurrences,
  useRecordAttendance,
  useRequestSupervisor,
  useSaveMeetingNote,
  type AttendanceStatus,
  type Dashboard,
  type Occurrence,
} from './api.js';
import { formatDate, formatInReaderZone } from './time.js';
import { withoutBidiControls } from '../../lib/bidi.js';

function BringSupervisor({ groupId, member }: { groupId: string; member: Dashboard['members'][number] }) {
  const { t } = useTranslation();
  const ask = useRequestSupervisor(groupId);
  if (member.supervisorRequested || ask.isSuccess) return <span className="badge badge--ok">{t('groups.dashboard.supervisorAsked')}</span>;
  return (
    <>
      <button
        type="button"
        className={member.openAlert ? 'button button--small' : 'button button--secondary button--small'}
        disabled={ask.isPending}
        onClick={() => ask.mutate({ userId: member.user.id })}
      >
        {t('groups.dashboard.bringSupervisor')}
        <span className="visually-hidden">: {member.user.handle}</span>
      </button>
      <ErrorNotice error={ask.error} />
    </>
  );
}

function AttendanceRecorder({ groupId, members }: { groupId: string; members: Dashboard['members'] }) {
  const { t } = useTranslation();
  const range = useMemo(() => {
    const now = Date.now();
    return { from: new Date(now - 60 * 86400_000).toISOString(), to: new Date(now + 7 * 86400_000).toISOString() };
  }, []);
  const { data: occurrences } = useOccurrences(groupId, true, range);
  const [chosen, setChosen] = useState('');
  const list = [...(occurrences ?? [])].reverse();
  const occ: Occurrence | undefined = list.find((o) => `${o.meetingId}|${o.occurrence}` === chosen) ?? list.find((o) => new Date(o.startUtc).getTime() <= Date.now()) ?? list[list.length - 1];
  return (
    <section aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('groups.attendance.title')}</h2>
      {list.length === 0 ? <p className="muted">{t('groups.attendance.noMeetings')}</p> : null}
      {occ ? (
        <>
          <SelectField label={t('groups.attendance.which')} value={`${occ.meetingId}|${occ.occurrence}`} onChange={(e) => setChosen(e.target.value)}>
            {list.map((o) => (
              <option key={`${o.meetingId}|${o.occurrence}`} value={`${o.meetingId}|${o.occurrence}`}>
                {withoutBidiControls(o.title)} — {formatInReaderZone(o.startUtc)}
              </option>
            ))}
          </SelectField>
          <AttendanceForm key={`${occ.meetingId}|${occ.occurrence}`} groupId={groupId} occ={occ} members={members} />
        </>
      ) : null}
    </section>
  );
}

function AttendanceForm({ groupId, occ, members }: { groupId: string; occ: Occurrence; members: Dashboard['members'] }) {
  const { t } = useTranslation();
  const { data, error } = useAttendance(groupId, occ.meetingId, occ.occurrence);
  const record = useRecordAttendance(groupId, occ.meetingId, occ.occurrence);
  const saveNote = useSaveMeetingNote(groupId, occ.meetingId, occ.occurrence);
  const [statuses, setStatuses] = useState<Record<string, AttendanceStatus>>({});
  const [note, setNote] = useState<string | null>(null);
  const statusOf = (userId: string): AttendanceStatus | undefined => statuses[userId] ?? data?.records.find((r) => r.user.id === userId)?.status;
  const records = members.map((m) => ({ userId: m.user.id, status: statusOf(m.user.id) })).filter((r): r is { userId: string; status: AttendanceStatus } => !!r.status);
  return (
    <>
      <ErrorNotice error={error ?? record.error ?? saveNote.error} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (records.length) record.mutate(records);
        }}
      >
        {record.isSuccess && !record.isPending ? <SuccessNotice>{t('groups.attendance.saved')}</SuccessNotice> : null}
        {members.length === 0 ? <p className="muted">{t('groups.dashboard.noMembers')}</p> : null}
        {members.map((m) => (
          <fieldset key={m.user.id} className="inline-options">
            <legend>{m.user.handle}</legend>
            {ATTENDANCE_STATUSES.map((s) => (
              <span className="check" key={s}>
                <input
                  type="radio"
                  name={`att-${m.user.id}`}
                  id={`att-${m.user.id}-${s}`}
                  checked={statusOf(m.user.id) === s}
                  onChange={() => setStatuses((x) => ({ ...x, [m.user.id]: s }))}
                />
                <label htmlFor={`att-${m.user.id}-${s}`}>{t(`groups.attendance.statuses.${s}`)}</label>
              </span>
            ))}
          </fieldset>
        ))}
        {members.length > 0 ? (
          <button type="submit" className="button" disabled={record.isPending || records.length === 0}>
            {t('groups.attendance.save')}
          </button>
        ) : null}
      </form>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          saveNote.mutate((note ?? data?.note ?? '').trim());
        }}
      >
        {saveNote.isSuccess && !saveNote.isPending ? <SuccessNotice>{t('groups.attendance.noteSaved')}</SuccessNotice> : null}
        <TextAreaField label={t('groups.attendance.note')} hint={t('groups.attendance.noteHint')} rows={3} maxLength={2000} value={note ?? data?.note ?? ''} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button button--secondary" disabled={saveNote.isPending || !(note ?? data?.note ?? '').trim()}>
          {t('groups.attendance.saveNote')}
        </button>
      </form>
    </>
  );
}

/** The facilitator's view: who is in, agreement status, attendance, alerts, what is coming. */
export function GroupDashboard({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useDashboard(groupId);
  if (isPending) return <Loading />;
  if (!data) return <ErrorNotice error={error} />;
  return (
    <>
      <ErrorNotice error={error} />
      <p className="meta">
        <span>{t('groups.group.members', { count: data.group.memberCount, limit: data.group.sizeLimit })}</span>
        <span>{t('groups.dashboard.openReports', { count: data.openReports })}</span>
      </p>
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t('groups.dashboard.membersTitle')}</h2>
        {data.members.length === 0 ? (
          <p className="muted">{t('groups.dashboard.noMembers')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('groups.dashboard.membersTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('groups.dashboard.member')}</th>
                  <th scope="col">{t('groups.dashboard.agreement')}</th>
                  <th scope="col">{t('groups.dashboard.attended')}</th>
                  <th scope="col">{t('groups.dashboard.safety')}</th>
                  <th scope="col">{t('groups.dashboard.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.members.map((m) => (
                  <tr key={m.user.id}>
                    <th scope="row">
                      {m.user.handle}
                      <br />
                      <span className="muted">{t('groups.dashboard.joined', { when: formatDate(m.joinedAt) })}</span>
                      {m.mutedUntil && new Date(m.mutedUntil).getTime() > Date.now() ? (
                        <>
                          <br />
                          <span className="badge badge--warn">{t('groups.dashboard.muted', { until: formatDate(m.mutedUntil) })}</span>
                        </>
                      ) : null}
                    </th>
                    <td>
                      {m.agreementCurrent
                        ? t('groups.dashboard.agreementCurrent', { version: m.acceptedVersion })
                        : m.acceptedVersion
                          ? t('groups.dashboard.agreementOld', { version: m.acceptedVersion })
                          : t('groups.dashboard.agreementNone')}
                    </td>
                    <td>{t('groups.dashboard.attendedOf', { attended: m.attended, recorded: m.recorded })}</td>
                    <td>{m.openAlert ? <span className="badge badge--danger">{t('groups.dashboard.openAlert', { level: m.openAlert.level })}</span> : t('groups.dashboard.noAlert')}</td>
                    <td>
                      <BringSupervisor groupId={groupId} member={m} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="trend-title">
        <h2 id="trend-title">{t('groups.dashboard.trendTitle')}</h2>
        {data.attendanceTrend.length === 0 ? (
          <p className="muted">{t('groups.dashboard.noTrend')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('groups.dashboard.trendTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('groups.dashboard.meeting')}</th>
                  {ATTENDANCE_STATUSES.map((s) => (
                    <th scope="col" key={s}>
                      {t(`groups.attendance.statuses.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.attendanceTrend.map((row) => (
                  <tr key={row.occurrence}>
                    <th scope="row">{formatInReaderZone(row.occurrence)}</th>
                    <td>{row.present}</td>
                    <td>{row.absent}</td>
                    <td>{row.excused}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t('groups.dashboard.upcomingTitle')}</h2>
        {data.upcoming.length === 0 ? <p className="muted">{t('groups.meetings.none')}</p> : null}
        <ul className="plain-list">
          {data.upcoming.map((o) => (
            <li key={`${o.meetingId}-${o.occurrence}`}>
              <bdi>{o.title}</bdi> — {formatInReaderZone(o.startUtc)} — {t('groups.meetings.rsvpCounts', { yes: o.rsvps.yes, maybe: o.rsvps.maybe, no: o.rsvps.no })}
            </li>
          ))}
        </ul>
      </section>
      <AttendanceRecorder groupId={groupId} members={data.members} />
    </>
  );
}
