import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ReportNotice } from '../safety/report-notice.js';
import { useTranslation } from 'react-i18next';
import type { EventMap } from '../../../contracts/events.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { useRealtimeEvents, useRealtimeRooms } from '../../app/realtime.js';
import { WriteNotice } from '../../app/write-notice.js';
import { Dialog } from '../../components/dialog.js';
import { RelativeTime } from '../../components/relative-time.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import {
  CONTENT_WARNINGS,
  REPORT_REASONS,
  fetchMessage,
  keys,
  upsertMessage,
  useDeleteMessage,
  useMessages,
  useMute,
  usePin,
  usePostMessage,
  useReportMessage,
  type ContentWarning,
  type Group,
  type Message,
  type ReportReason,
} from './api.js';

const MUTE_OPTIONS = [60, 24 * 60, 7 * 24 * 60] as const;

function MessageItem({ message, group, onReport }: { message: Message; group: Group; onReport(m: Message): void }) {
  const { t } = useTranslation();
  const bodyId = useId();
  const [open, setOpen] = useState(false);
  const [muteFor, setMuteFor] = useState<string>(String(MUTE_OPTIONS[0]));
  const pin = usePin(group.id);
  const del = useDeleteMessage(group.id);
  const mute = useMute(group.id);
  const author = message.author?.handle ?? t('groups.someone');
  const warnings = message.warnings.map((w) => t(`warnings.${w}`)).join(', ');
  const folded = message.collapsed && message.warnings.length > 0 && !message.isMe;
  const facilitator = group.me.facilitator;
  return (
    <article className={`chat-message${message.pinned ? ' chat-message--pinned' : ''}`} aria-label={t('groups.chat.messageBy', { author })}>
      <p className="meta">
        <strong>{author}</strong>
        {message.author && group.facilitators.some((f) => f.id === message.author!.id) ? <span className="badge">{t('groups.chat.facilitator')}</span> : null}
        <RelativeTime iso={message.createdAt} />
        {message.pinned ? <span className="badge badge--ok">{t('groups.chat.pinned')}</span> : null}
        {message.state === 'pending' ? <span className="badge badge--warn">{t('groups.chat.pending')}</span> : null}
      </p>
      {message.state === 'removed' ? <p className="muted">{t('groups.chat.removed')}</p> : null}
      {message.state === 'pending' && !message.body ? <p className="muted">{t('groups.chat.pendingOther')}</p> : null}
      {message.body && message.warnings.length > 0 ? (
        folded ? (
          <p>
            <button type="button" className="button button--secondary button--small" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((o) => !o)}>
              {t('community.post.warning', { warnings })} — {open ? t('groups.chat.hide') : t('groups.chat.show')}
            </button>
          </p>
        ) : (
          <p className="meta">
            <span className="badge badge--warn">{t('community.post.warning', { warnings })}</span>
          </p>
        )
      ) : null}
      {message.body ? (
        <p id={bodyId} className="chat-message__body" hidden={folded && !open}>
          {message.body}
        </p>
      ) : null}
      {message.state !== 'removed' ? (
        <div className="button-row chat-message__actions">
          {!message.isMe && message.state === 'visible' ? (
            <button type="button" className="button button--secondary button--small" aria-haspopup="dialog" onClick={() => onReport(message)}>
              {t('groups.chat.report')}
              <span className="visually-hidden"> {t('groups.chat.messageBy', { author })}</span>
            </button>
          ) : null}
          {facilitator && message.state === 'visible' ? (
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={pin.isPending}
              onClick={() => pin.mutate({ messageId: message.id, pinned: !message.pinned })}
            >
              {message.pinned ? t('groups.chat.unpin') : t('groups.chat.pin')}
              <span className="visually-hidden"> {t('groups.chat.messageBy', { author })}</span>
            </button>
          ) : null}
          {message.isMe || facilitator ? (
            <button type="button" className="button button--danger button--small" disabled={del.isPending} onClick={() => del.mutate(message.id)}>
              {t('groups.chat.delete')}
              <span className="visually-hidden"> {t('groups.chat.messageBy', { author })}</span>
            </button>
          ) : null}
          {facilitator && !message.isMe && message.author && !group.facilitators.some((f) => f.id === message.author!.id) ? (
            <span className="inline-options">
              <label htmlFor={`${bodyId}-mute`} className="visually-hidden">
                {t('groups.chat.muteFor', { author })}
              </label>
              <select id={`${bodyId}-mute`} value={muteFor} onChange={(e) => setMuteFor(e.target.value)}>
                {MUTE_OPTIONS.map((m) => (
                  <option key={m} value={m}>
                    {t(`groups.chat.muteOptions.${m}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={mute.isPending}
                onClick={() => mute.mutate({ userId: message.author!.id, minutes: Number(muteFor) })}
              >
                {t('groups.chat.mute', { author })}
              </button>
            </span>
          ) : null}
        </div>
      ) : null}
      {mute.data ? <p role="status">{mute.data.until ? t('groups.chat.mutedUntil', { author, until: new Date(mute.data.until).toLocaleString() }) : ''}</p> : null}
      <ErrorNotice error={pin.error ?? del.error ?? mute.error} />
    </article>
  );
}

function ReportForm({ group, message }: { group: Group; message: Message }) {
  const { t } = useTranslation();
  const report = useReportMessage(group.id);
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const id = useId();
  if (report.isSuccess) {
    return (
      <>
        <SuccessNotice>{t('groups.chat.reportSent')}</SuccessNotice>
        <ReportNotice notice={report.data.notice} />
      </>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason) return setMissing(true);
        report.mutate({ messageId: message.id, reason, ...(note.trim() ? { note: note.trim() } : {}) });
      }}
    >
      <p>{t('groups.chat.reportIntro')}</p>
      <ErrorNotice error={report.error} />
      <fieldset>
        <legend>{t('groups.chat.reportReason')}</legend>
        {missing && !reason ? <p className="field__error">{t('groups.chat.reasonRequired')}</p> : null}
        {REPORT_REASONS.map((r) => (
          <div className="check" key={r}>
            <input type="radio" name={`${id}-reason`} id={`${id}-${r}`} checked={reason === r} onChange={() => setReason(r)} />
            <label htmlFor={`${id}-${r}`}>{t(`community.reportReasons.${r}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('groups.chat.reportNote')}</label>
        <textarea id={`${id}-note`} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" className="button" disabled={report.isPending}>
        {t('groups.chat.reportSubmit')}
      </button>
    </form>
  );
}

function Composer({ group, onWritten }: { group: Group; onWritten(n: SafetyNotice, pending: boolean): void }) {
  const { t } = useTranslation();
  const post = usePostMessage(group.id);
  const [body, setBody] = useState('');
  const [warnings, setWarnings] = useState<ContentWarning[]>([]);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    post.mutate(
      { body, warnings },
      {
        onSuccess: (w) => {
          setBody('');
          setWarnings([]);
          onWritten(w.safety, w.message.state === 'pending');
        },
      },
    );
  };
  const muted = group.me.mutedUntil && new Date(group.me.mutedUntil).getTime() > Date.now();
  if (muted) return <p className="notice">{t('groups.chat.youAreMuted', { until: new Date(group.me.mutedUntil!).toLocaleString() })}</p>;
  return (
    <form onSubmit={submit} noValidate className="chat-composer">
      <ErrorNotice error={post.error} />
      <div className="field">
        <label htmlFor={id}>{t('groups.chat.label')}</label>
        <span className="field__hint" id={`${id}-hint`}>
          {t('groups.chat.hint')}
        </span>
        <textarea
          id={id}
          rows={3}
          maxLength={4000}
          value={body}
          aria-describedby={`${id}-hint`}
          aria-invalid={fieldError(post.error, 'body') ? true : undefined}
          onChange={(e) => setBody(e.target.value)}
        />
        {fieldError(post.error, 'body') ? <span className="field__error">{fieldError(post.error, 'body', t('groups.subjects.message'))}</span> : null}
      </div>
      <details className="disclosure">
        <summary>{t('groups.chat.warningsSummary')}</summary>
        <fieldset>
          <legend>{t('groups.chat.warningsLegend')}</legend>
          <div className="check-grid">
            {CONTENT_WARNINGS.map((w) => (
              <div className="check" key={w}>
                <input
                  type="checkbox"
                  id={`${id}-${w}`}
                  checked={warnings.includes(w)}
                  onChange={(e) => setWarnings((ws) => (e.target.checked ? [...ws, w] : ws.filter((x) => x !== w)))}
                />
                <label htmlFor={`${id}-${w}`}>{t(`warningNames.${w}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
      </details>
      <button type="submit" className="button" disabled={post.isPending || !body.trim()}>
        {t('groups.chat.send')}
      </button>
    </form>
  );
}

/**
 * The group's live room. Events carry ids only (the words are encrypted at rest), so each new or
 * changed message is fetched by id and put in place; someone else's message is announced politely.
 */
export function GroupChat({ group }: { group: Group }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mayRead = group.me.facilitator || (group.me.member && group.me.agreementCurrent);
  const { data, isPending, error } = useMessages(group.id, mayRead);
  const live = useRealtimeRooms(mayRead ? [`group:${group.id}`] : []);
  const [reporting, setReporting] = useState<Message | null>(null);
  const [written, setWritten] = useState<{ notice: SafetyNotice; pending: boolean } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<Set<string> | null>(null);

  useRealtimeEvents((event) => {
    if (event.type !== 'group.message_created' && event.type !== 'group.message_updated') return;
    const d = event.data as EventMap['group.message_created'];
    if (d.groupId !== group.id) return;
    fetchMessage(group.id, d.messageId).then(
      (m) => upsertMessage(qc, group.id, m),
      // Gone or no longer ours to read: ask for the page again.
      () => void qc.invalidateQueries({ queryKey: keys.messages(group.id) }),
    );
  });

  useEffect(() => {
    if (!data) return;
    if (seen.current) {
      const fresh = data.messages.filter((m) => !seen.current!.has(m.id) && !m.isMe);
      if (fresh.length === 1) setAnnouncement(t('groups.chat.newMessage', { author: fresh[0]!.author?.handle ?? t('groups.someone') }));
      else if (fresh.length > 1) setAnnouncement(t('groups.chat.newMessages', { count: fresh.length }));
    }
    seen.current = new Set(data.messages.map((m) => m.id));
  }, [data, t]);

  if (!mayRead) return null;
  const oldestFirst = [...(data?.messages ?? [])].reverse();
  return (
    <section aria-labelledby="chat-title" className="group-chat">
      <h2 id="chat-title">{t('groups.chat.title')}</h2>
      <p className="muted">{t('groups.chat.intro')}</p>
      <p className="muted live-status" role="status">
        {live ? t('groups.chat.live') : t('groups.chat.connecting')}
      </p>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && data.pinned.length > 0 ? (
        <section aria-labelledby="pinned-title" className="pinned">
          <h3 id="pinned-title">{t('groups.chat.pinnedTitle')}</h3>
          <ul className="plain-list">
            {data.pinned.map((m) => (
              <li key={m.id}>
                <p>
                  <strong>{m.author?.handle ?? t('groups.someone')}:</strong> {m.body}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data && oldestFirst.length === 0 ? <p className="muted">{t('groups.chat.empty')}</p> : null}
      <ol className="plain-list chat-list" aria-label={t('groups.chat.listLabel')}>
        {oldestFirst.map((m) => (
          <li key={m.id}>
            <MessageItem message={m} group={group} onReport={setReporting} />
          </li>
        ))}
      </ol>
      {written ? (
        <WriteNotice notice={written.notice} pending={written.pending} heldMessage={t('groups.chat.held')} pendingMessage={t('groups.chat.held')} onDismiss={() => setWritten(null)} />
      ) : null}
      <Composer group={group} onWritten={(notice, pending) => setWritten(notice.showCrisisResponse || notice.held || pending ? { notice, pending } : null)} />
      <Dialog open={!!reporting} onClose={() => setReporting(null)} title={t('groups.chat.reportTitle')} closeLabel={t('community.report.close')}>
        {reporting ? <ReportForm key={reporting.id} group={group} message={reporting} /> : null}
      </Dialog>
    </section>
  );
}
