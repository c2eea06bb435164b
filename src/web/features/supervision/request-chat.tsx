import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WriteNotice } from '../../app/write-notice.js';
import { useRealtimeEvents, useRealtimeRooms } from '../../app/realtime.js';
import { TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading } from '../../components/status.js';
import { formatDateTime, formatRelative } from '../../lib/i18n.js';
import { keys, LIMITS, useCloseRequest, useRequestThread, useSendMessage, type RequestThreadView, type SafetyNotice, type SupervisionRequestView } from './supervision-api.js';

/** The title of a supervision conversation, as both sides read it. */
export function requestTitle(t: TFunction, r: SupervisionRequestView): string {
  return r.supervisor ? t('supervisionPages.chat.title', { supporter: r.supporter.handle, supervisor: r.supervisor.handle }) : t('supervisionPages.chat.titleNoSupervisor', { supporter: r.supporter.handle });
}

/**
 * The conversation between a supporter and their supervisor: its room (`supervision:<id>`) is
 * joined while open, a new message is fetched when the socket says one arrived, and the other
 * side's messages are announced politely to screen readers.
 */
export function RequestChat({ thread }: { thread: RequestThreadView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const r = thread.request;
  const live = useRealtimeRooms([`supervision:${r.id}`]);
  const send = useSendMessage(r.id);
  const close = useCloseRequest(r.id);
  const [body, setBody] = useState('');
  const [notice, setNotice] = useState<SafetyNotice | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<Set<string> | null>(null);
  const scroller = useRef<HTMLOListElement>(null);

  useRealtimeEvents((event) => {
    if ((event.type === 'supervision.message_created' || event.type === 'supervision.request_updated') && (event.data as { requestId: string }).requestId === r.id) {
      void qc.invalidateQueries({ queryKey: keys.request(r.id) });
    }
  });

  // Announce messages from the other side that arrived while the page was open.
  useEffect(() => {
    const ids = new Set(thread.messages.map((m) => m.id));
    if (seen.current) {
      const fresh = thread.messages.filter((m) => !seen.current!.has(m.id) && !m.mine);
      if (fresh.length) setAnnouncement(fresh.map((m) => t('supervisionPages.chat.newMessage', { handle: m.sender?.handle ?? t('supervisionPages.chat.formerMember') })).join(' '));
    }
    seen.current = ids;
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  }, [thread.messages, t]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    send.mutate(body.trim(), {
      onSuccess: (res) => {
        setBody('');
        setNotice(res.safety);
      },
    });
  };

  return (
    <div className="stack">
      <p className={live ? 'muted' : 'notice notice--warn'} role="status">
        {live ? t('supervisionPages.chat.live') : t('supervisionPages.chat.offline')}
      </p>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {thread.messages.length === 0 ? <p className="muted">{t('supervisionPages.chat.empty')}</p> : null}
      <ol className="plain-list sv-chat" ref={scroller} aria-label={requestTitle(t, r)} tabIndex={0}>
        {thread.messages.map((m) => (
          <li key={m.id}>
            <article className={`sv-message${m.mine ? ' sv-message--mine' : ''}`} aria-label={m.mine ? t('supervisionPages.chat.you') : (m.sender?.handle ?? t('supervisionPages.chat.formerMember'))}>
              <p className="muted">
                {m.mine ? t('supervisionPages.chat.you') : (m.sender?.handle ?? t('supervisionPages.chat.formerMember'))} · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
              </p>
              <p>{m.body}</p>
            </article>
          </li>
        ))}
      </ol>
      {r.status === 'open' ? (
        <>
          <form className="stack" onSubmit={submit} noValidate>
            <TextAreaField label={t('supervisionPages.chat.messageLabel')} value={body} rows={3} maxLength={LIMITS.messageMax} error={fieldError(send.error, 'body')} onChange={(e) => setBody(e.target.value)} />
            <ErrorNotice error={send.error} />
            <WriteNotice notice={notice} pending={false} heldMessage="" pendingMessage="" onDismiss={() => setNotice(null)} />
            <div className="button-row">
              <button type="submit" className="button" disabled={send.isPending}>
                {t('supervisionPages.chat.send')}
              </button>
              <button type="button" className="button button--secondary" disabled={close.isPending} onClick={() => close.mutate()}>
                {t('supervisionPages.chat.close')}
              </button>
            </div>
          </form>
          <ErrorNotice error={close.error} />
        </>
      ) : (
        <p className="notice">{close.isSuccess ? t('supervisionPages.chat.closedDone') : t('supervisionPages.chat.closedNote')}</p>
      )}
    </div>
  );
}

/** Loads a conversation by id and shows it. */
export function RequestChatById({ id }: { id: string }) {
  const { data, isPending, error } = useRequestThread(id);
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  return <RequestChat thread={data} />;
}

/** Supervision conversations (mine as a supporter, or those of the supporters I supervise now), open first. */
export function RequestList({ requests, now, emptyKey }: { requests: SupervisionRequestView[]; now: number; emptyKey: string }) {
  const { t } = useTranslation();
  if (requests.length === 0) return <p className="muted">{t(emptyKey)}</p>;
  return (
    <ul className="plain-list">
      {requests.map((r) => (
        <li key={r.id} className="card">
          <Link to={`/supervision/requests/${encodeURIComponent(r.id)}`}>{requestTitle(t, r)}</Link>{' '}
          <span className={r.status === 'open' ? 'badge' : 'badge muted'}>{r.status === 'open' ? t('supervisionPages.chat.open') : t('supervisionPages.chat.closed')}</span>
          {r.awaitingReplySince ? <p className="muted">{t('supervisionPages.chat.waiting', { when: formatRelative(r.awaitingReplySince, now) })}</p> : null}
        </li>
      ))}
    </ul>
  );
}
