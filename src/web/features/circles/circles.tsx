import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EventMap } from '../../../contracts/events.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { useRealtimeEvents, useRealtimeRooms } from '../../app/realtime.js';
import { WriteNotice } from '../../app/write-notice.js';
import { TextField } from '../../components/fields.js';
import { RelativeTime } from '../../components/relative-time.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import {
  fetchCircleMessage,
  keys,
  upsertCircleMessage,
  useCircleCheckins,
  useCircleMessages,
  useCircles,
  useCreateCircle,
  useDeleteCircleMessage,
  useInvitations,
  useInvite,
  useLeaveCircle,
  usePostCircleMessage,
  useRemoveMember,
  useRevokeInvitation,
  useShareCheckin,
  useUnshareCheckin,
  type Checkin,
  type Circle,
} from './api.js';

const MOODS = [1, 2, 3, 4, 5] as const;

export function CreateCircle() {
  const { t } = useTranslation();
  const create = useCreateCircle();
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(name, { onSuccess: () => setName('') });
  };
  return (
    <section aria-labelledby="new-circle-title">
      <h2 id="new-circle-title">{t('circles.create.title')}</h2>
      {create.data && !create.isPending ? (
        <SuccessNotice>
          {t('circles.create.done', { name: create.data.name })} <Link to={`/circles/${create.data.id}`}>{t('circles.create.open', { name: create.data.name })}</Link>
        </SuccessNotice>
      ) : null}
      <form onSubmit={submit} noValidate>
        <ErrorNotice error={create.error} />
        <TextField label={t('circles.create.name')} hint={t('circles.create.hint')} maxLength={80} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name', t('circles.create.subject'))} />
        <button type="submit" className="button" disabled={create.isPending}>
          {t('circles.create.submit')}
        </button>
      </form>
    </section>
  );
}

export function CircleList() {
  const { t } = useTranslation();
  const { data, isPending, error } = useCircles();
  if (isPending) return <Loading />;
  return (
    <section aria-labelledby="circles-title">
      <h2 id="circles-title">{t('circles.list.title')}</h2>
      <ErrorNotice error={error} />
      {data && data.length === 0 ? <p className="muted">{t('circles.list.empty')}</p> : null}
      <ul className="plain-list stack">
        {data?.map((c) => (
          <li key={c.id} className="card">
            <h3>
              <Link to={`/circles/${c.id}`}>{c.name}</Link>
            </h3>
            <p className="muted">{t('circles.list.people', { count: c.members.length, max: c.maxMembers })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A mood check-in, kept to yourself unless you tick the circles to share this one into. */
export function CheckinForm({ circles, headingLevel = 2 }: { circles: Circle[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const id = useId();
  const share = useShareCheckin();
  const [mood, setMood] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [shareWith, setShareWith] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const [notice, setNotice] = useState<SafetyNotice | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const H = `h${headingLevel}` as const;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!mood) return setMissing(true);
    share.mutate(
      { mood, shareWith, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (r) => {
          setDone(shareWith.length);
          setNotice(r.safety);
          setMood(null);
          setNote('');
          setShareWith([]);
          setMissing(false);
        },
      },
    );
  };
  return (
    <section aria-labelledby={`${id}-title`}>
      <H id={`${id}-title`}>{t('circles.checkin.title')}</H>
      {done !== null && !share.isPending ? <SuccessNotice>{done > 0 ? t('circles.checkin.shared', { count: done }) : t('circles.checkin.kept')}</SuccessNotice> : null}
      {notice ? <WriteNotice notice={notice} pending={false} heldMessage={t('circles.checkin.held')} pendingMessage={t('circles.checkin.held')} onDismiss={() => setNotice(null)} /> : null}
      <form onSubmit={submit} noValidate>
        <ErrorNotice error={share.error} />
        <fieldset>
          <legend>{t('circles.checkin.mood')}</legend>
          {missing && !mood ? <p className="field__error">{t('circles.checkin.moodRequired')}</p> : null}
          <div className="inline-options">
            {MOODS.map((m) => (
              <span className="check" key={m}>
                <input type="radio" name={`${id}-mood`} id={`${id}-mood-${m}`} checked={mood === m} onChange={() => setMood(m)} />
                <label htmlFor={`${id}-mood-${m}`}>{t(`circles.moods.${m}`)}</label>
              </span>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('circles.checkin.note')}</label>
          <textarea id={`${id}-note`} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <fieldset>
          <legend>{t('circles.checkin.shareWith')}</legend>
          <p className="field__hint">{t('circles.checkin.shareHint')}</p>
          {circles.map((c) => (
            <div className="check" key={c.id}>
              <input
                type="checkbox"
                id={`${id}-share-${c.id}`}
                checked={shareWith.includes(c.id)}
                onChange={(e) => setShareWith((s) => (e.target.checked ? [...s, c.id] : s.filter((x) => x !== c.id)))}
              />
              <label htmlFor={`${id}-share-${c.id}`}>{t('circles.checkin.shareInto', { name: c.name })}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={share.isPending}>
          {t('circles.checkin.submit')}
        </button>
      </form>
    </section>
  );
}

function Members({ circle, meId }: { circle: Circle; meId: string }) {
  const { t } = useTranslation();
  const remove = useRemoveMember(circle.id);
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{t('circles.members.title', { count: circle.members.length, max: circle.maxMembers })}</h2>
      <ErrorNotice error={remove.error} />
      <ul className="plain-list">
        {circle.members.map((m) => (
          <li key={m.id} className="meta">
            <span>
              {m.handle}
              {m.id === meId ? ` ${t('circles.members.you')}` : ''}
            </span>
            {m.isOwner ? <span className="badge">{t('circles.members.owner')}</span> : null}
            {circle.isOwner && m.id !== meId ? (
              <button type="button" className="button button--secondary button--small" disabled={remove.isPending} onClick={() => remove.mutate(m.id)}>
                {t('circles.members.remove')}
                <span className="visually-hidden">: {m.handle}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Invitations({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const id = useId();
  const { data } = useInvitations(circle.id, circle.isOwner);
  const invite = useInvite(circle.id);
  const revoke = useRevokeInvitation(circle.id);
  const [hours, setHours] = useState('168');
  const [copied, setCopied] = useState(false);
  if (!circle.isOwner) return null;
  const link = invite.data ? `${window.location.origin}${invite.data.path}` : null;
  const full = circle.members.length >= circle.maxMembers;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('circles.invite.title')}</h2>
      <p className="muted">{t('circles.invite.intro')}</p>
      <ErrorNotice error={invite.error ?? revoke.error} />
      {link ? (
        <div className="notice" role="status">
          <p>{t('circles.invite.once')}</p>
          <div className="field">
            <label htmlFor={`${id}-link`}>{t('circles.invite.linkLabel')}</label>
            <input id={`${id}-link`} type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
          </div>
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              void navigator.clipboard.writeText(link).then(
                () => setCopied(true),
                () => (document.getElementById(`${id}-link`) as HTMLInputElement | null)?.select(),
              )
            }
          >
            {t('circles.invite.copy')}
          </button>
          {copied ? <p>{t('circles.invite.copied')}</p> : null}
          <p className="muted">{t('circles.invite.expires', { when: new Date(invite.data!.expiresAt).toLocaleString() })}</p>
        </div>
      ) : null}
      {full ? (
        <p className="notice">{t('circles.invite.full')}</p>
      ) : (
        <form
          noValidate
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setCopied(false);
            invite.mutate(Number(hours));
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-hours`}>{t('circles.invite.expiry')}</label>
            <select id={`${id}-hours`} value={hours} onChange={(e) => setHours(e.target.value)}>
              <option value="24">{t('circles.invite.day')}</option>
              <option value="168">{t('circles.invite.week')}</option>
              <option value="720">{t('circles.invite.month')}</option>
            </select>
          </div>
          <button type="submit" className="button" disabled={invite.isPending}>
            {t('circles.invite.create')}
          </button>
        </form>
      )}
      {data && data.length > 0 ? (
        <>
          <h3>{t('circles.invite.listTitle')}</h3>
          <ul className="plain-list">
            {data.map((inv) => (
              <li key={inv.id} className="meta">
                <span>{t('circles.invite.made', { when: new Date(inv.createdAt).toLocaleString() })}</span>
                <span className="badge">{t(`circles.invite.statuses.${inv.status}`)}</span>
                {inv.status === 'active' ? (
                  <button type="button" className="button button--secondary button--small" disabled={revoke.isPending} onClick={() => revoke.mutate(inv.id)}>
                    {t('circles.invite.revoke')}
                    <span className="visually-hidden">: {t('circles.invite.made', { when: new Date(inv.createdAt).toLocaleString() })}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function CheckinItem({ checkin, circleId }: { checkin: Checkin; circleId: string }) {
  const { t } = useTranslation();
  const unshare = useUnshareCheckin(circleId);
  const who = checkin.isMe ? t('circles.checkins.you') : (checkin.author?.handle ?? t('circles.someone'));
  return (
    <article className="card checkin" aria-label={t('circles.checkins.by', { who })}>
      <p>
        <strong>{who}</strong> — {t('circles.checkins.felt', { mood: t(`circles.moods.${checkin.mood}`) })} <RelativeTime iso={checkin.createdAt} />
      </p>
      {checkin.note ? <p>{checkin.note}</p> : null}
      {checkin.isMe ? (
        <button type="button" className="button button--secondary button--small" disabled={unshare.isPending} onClick={() => unshare.mutate(checkin.id)}>
          {t('circles.checkins.unshare')}
        </button>
      ) : null}
      <ErrorNotice error={unshare.error} />
    </article>
  );
}

function Checkins({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useCircleCheckins(circle.id);
  return (
    <section aria-labelledby="checkins-title">
      <h2 id="checkins-title">{t('circles.checkins.title')}</h2>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && data.length === 0 ? <p className="muted">{t('circles.checkins.empty')}</p> : null}
      <ul className="plain-list stack">
        {data?.map((c) => (
          <li key={c.id}>
            <CheckinItem checkin={c} circleId={circle.id} />
          </li>
        ))}
      </ul>
      <details className="disclosure">
        <summary>{t('circles.checkin.summary')}</summary>
        <CheckinForm circles={[circle]} headingLevel={3} />
      </details>
    </section>
  );
}

function Chat({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  const id = useId();
  const { data, isPending, error } = useCircleMessages(circle.id);
  const post = usePostCircleMessage(circle.id);
  const del = useDeleteCircleMessage(circle.id);
  const [body, setBody] = useState('');
  const [notice, setNotice] = useState<{ n: SafetyNotice; pending: boolean } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!data) return;
    if (seen.current) {
      const fresh = data.messages.filter((m) => !seen.current!.has(m.id) && !m.isMe);
      if (fresh.length > 0) setAnnouncement(t('circles.chat.newMessage', { author: fresh[0]!.author?.handle ?? t('circles.someone') }));
    }
    seen.current = new Set(data.messages.map((m) => m.id));
  }, [data, t]);
  const oldestFirst = [...(data?.messages ?? [])].reverse();
  return (
    <section aria-labelledby="circle-chat-title">
      <h2 id="circle-chat-title">{t('circles.chat.title')}</h2>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error ?? del.error} />
      {data && oldestFirst.length === 0 ? <p className="muted">{t('circles.chat.empty')}</p> : null}
      <ol className="plain-list chat-list" aria-label={t('circles.chat.listLabel')}>
        {oldestFirst.map((m) => (
          <li key={m.id}>
            <article className="chat-message" aria-label={t('circles.chat.messageBy', { author: m.author?.handle ?? t('circles.someone') })}>
              <p className="meta">
                <strong>{m.author?.handle ?? t('circles.someone')}</strong>
                <RelativeTime iso={m.createdAt} />
                {m.state === 'pending' ? <span className="badge badge--warn">{t('circles.chat.pending')}</span> : null}
              </p>
              {m.state === 'removed' ? <p className="muted">{t('circles.chat.removed')}</p> : m.body ? <p className="chat-message__body">{m.body}</p> : <p className="muted">{t('circles.chat.pendingOther')}</p>}
              {m.isMe && m.state !== 'removed' ? (
                <button type="button" className="button button--secondary button--small" disabled={del.isPending} onClick={() => del.mutate(m.id)}>
                  {t('circles.chat.delete')}
                </button>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
      {notice ? <WriteNotice notice={notice.n} pending={notice.pending} heldMessage={t('circles.chat.held')} pendingMessage={t('circles.chat.held')} onDismiss={() => setNotice(null)} /> : null}
      <form
        noValidate
        className="chat-composer"
        onSubmit={(e) => {
          e.preventDefault();
          post.mutate(body, {
            onSuccess: (w) => {
              setBody('');
              setNotice(w.safety.showCrisisResponse || w.safety.held || w.message.state === 'pending' ? { n: w.safety, pending: w.message.state === 'pending' } : null);
            },
          });
        }}
      >
        <ErrorNotice error={post.error} />
        <div className="field">
          <label htmlFor={id}>{t('circles.chat.label')}</label>
          <textarea id={id} rows={3} maxLength={4000} value={body} onChange={(e) => setBody(e.target.value)} />
          {fieldError(post.error, 'body') ? <span className="field__error">{fieldError(post.error, 'body', t('circles.chat.subject'))}</span> : null}
        </div>
        <button type="submit" className="button" disabled={post.isPending || !body.trim()}>
          {t('circles.chat.send')}
        </button>
      </form>
    </section>
  );
}

/** One circle: live room `circle:<id>`; events carry ids, so a message is fetched by id. */
export function CircleScreen({ circle, meId, onLeft }: { circle: Circle; meId: string; onLeft(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const live = useRealtimeRooms([`circle:${circle.id}`]);
  const leave = useLeaveCircle(circle.id);
  const [confirmLeave, setConfirmLeave] = useState(false);
  useRealtimeEvents((event) => {
    const d = event.data as { circleId?: string };
    if (d.circleId !== circle.id) return;
    if (event.type === 'circle.message_created' || event.type === 'circle.message_updated') {
      const { messageId } = event.data as EventMap['circle.message_created'];
      fetchCircleMessage(circle.id, messageId).then(
        (m) => upsertCircleMessage(qc, circle.id, m),
        () => void qc.invalidateQueries({ queryKey: keys.messages(circle.id) }),
      );
    } else if (event.type === 'circle.checkin_shared') {
      void qc.invalidateQueries({ queryKey: keys.checkins(circle.id) });
    } else if (event.type === 'circle.changed') {
      void qc.invalidateQueries({ queryKey: keys.circle(circle.id) });
      void qc.invalidateQueries({ queryKey: keys.list });
    }
  });
  return (
    <>
      <p className="muted">{t('circles.page.private')}</p>
      <p className="muted live-status" role="status">
        {live ? t('circles.page.live') : t('circles.page.connecting')}
      </p>
      <Checkins circle={circle} />
      <Chat circle={circle} />
      <Members circle={circle} meId={meId} />
      <Invitations circle={circle} />
      <section aria-labelledby="leave-title">
        <h2 id="leave-title">{t('circles.page.leaveTitle')}</h2>
        <p className="muted">{circle.isOwner ? t('circles.page.leaveOwner') : t('circles.page.leaveHint')}</p>
        <ErrorNotice error={leave.error} />
        {confirmLeave ? (
          <div className="button-row">
            <button type="button" className="button button--danger" disabled={leave.isPending} onClick={() => leave.mutate(undefined, { onSuccess: onLeft })}>
              {t('circles.page.leaveYes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirmLeave(false)}>
              {t('circles.page.leaveNo')}
            </button>
          </div>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setConfirmLeave(true)}>
            {t('circles.page.leave')}
          </button>
        )}
      </section>
    </>
  );
}
