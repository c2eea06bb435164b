import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RelativeTime } from '../../components/relative-time.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { ReportNotice } from '../safety/report-notice.js';
import { NOTE_MAX, RESOLVE_ACTIONS, SUSPEND_MAX_DAYS, usePostAction, useQueue, useResolveReport, type PendingPost, type ReportItem, type ResolveAction, type ResolveInput } from './api.js';

/**
 * What a card says when its action is done, and the crisis response when the moderator's note read as
 * their own crisis (ADR 064). `start`: a new action begins, so an earlier action's crisis response goes.
 */
interface Done {
  (message: string, notice?: SafetyNotice | null): void;
  start(): void;
}

/** The post as the moderator sees it: server-rendered, sanitized HTML; anonymous authors stay anonymous. */
function PostPreview({ html, author }: { html: string | null; author: string }) {
  const { t } = useTranslation();
  return (
    <div className="mod-post">
      <p className="muted">{t('moderation.author', { author })}</p>
      {html ? <div className="prose" dangerouslySetInnerHTML={{ __html: html }} /> : null}
    </div>
  );
}

function ResolveForm({ report, onDone }: { report: ReportItem; onDone: Done }) {
  const { t } = useTranslation();
  const id = useId();
  const resolve = useResolveReport();
  const [action, setAction] = useState<ResolveAction>('dismiss');
  const [note, setNote] = useState('');
  const [body, setBody] = useState(report.post.bodySource ?? '');
  const [days, setDays] = useState('7');
  const [noteMissing, setNoteMissing] = useState(false);
  const err = resolve.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = note.trim();
    if (action !== 'dismiss' && !n) {
      setNoteMissing(true);
      return;
    }
    const input: ResolveInput =
      action === 'dismiss'
        ? n
          ? { action, note: n }
          : { action }
        : action === 'edit'
          ? { action, note: n, body }
          : action === 'suspend'
            ? { action, note: n, days: Number(days) }
            : { action, note: n };
    onDone.start();
    resolve.mutate({ id: report.id, input }, { onSuccess: (r) => onDone(t('moderation.resolved', { outcome: r.outcome }), r.notice) });
  };

  const noteError = (noteMissing && action !== 'dismiss' && !note.trim() ? t('moderation.noteRequired') : undefined) ?? fieldError(err, 'note');
  return (
    <form onSubmit={submit} noValidate aria-label={t('moderation.resolveTitle')}>
      <ErrorNotice error={err} />
      <fieldset>
        <legend>{t('moderation.action')}</legend>
        {RESOLVE_ACTIONS.map((a) => (
          <div className="check" key={a}>
            <input type="radio" id={`${id}-${a}`} name={`${id}-action`} value={a} checked={action === a} onChange={() => setAction(a)} />
            <label htmlFor={`${id}-${a}`}>{t(`moderation.actions.${a}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('moderation.note')}</label>
        <span className="field__hint" id={`${id}-note-hint`}>
          {t('moderation.noteHint')}
        </span>
        <textarea
          id={`${id}-note`}
          value={note}
          maxLength={NOTE_MAX}
          rows={3}
          aria-describedby={`${id}-note-hint${noteError ? ` ${id}-note-error` : ''}`}
          aria-invalid={noteError ? true : undefined}
          onChange={(e) => setNote(e.target.value)}
        />
        {noteError ? (
          <span className="field__error" id={`${id}-note-error`}>
            {noteError}
          </span>
        ) : null}
      </div>
      {action === 'edit' ? (
        <div className="field">
          <label htmlFor={`${id}-body`}>{t('moderation.editBody')}</label>
          <textarea id={`${id}-body`} value={body} rows={6} onChange={(e) => setBody(e.target.value)} />
          {fieldError(err, 'body') ? <span className="field__error">{fieldError(err, 'body')}</span> : null}
        </div>
      ) : null}
      {action === 'suspend' ? (
        <div className="field">
          <label htmlFor={`${id}-days`}>{t('moderation.days')}</label>
          <span className="field__hint" id={`${id}-days-hint`}>
            {t('moderation.daysHint', { max: SUSPEND_MAX_DAYS })}
          </span>
          <input
            id={`${id}-days`}
            type="number"
            inputMode="numeric"
            min={1}
            max={SUSPEND_MAX_DAYS}
            value={days}
            aria-describedby={`${id}-days-hint`}
            onChange={(e) => setDays(e.target.value)}
          />
          {fieldError(err, 'days') ? <span className="field__error">{fieldError(err, 'days')}</span> : null}
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={resolve.isPending}>
          {t('moderation.resolve')}
        </button>
      </div>
    </form>
  );
}

function ReportCard({ report, onDone }: { report: ReportItem; onDone: Done }) {
  const { t } = useTranslation();
  const restore = usePostAction();
  const headingId = useId();
  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/community/threads/${report.threadId}`}>{t('moderation.inThread', { thread: report.threadTitle })}</Link>
      </h3>
      <p className="meta">
        <span className="badge badge--warn">{t('moderation.reportedFor', { reason: t(`community.reportReasons.${report.reason}`, { defaultValue: report.reason }) })}</span>
        <span className="badge">{t('moderation.postState', { state: t(`moderation.states.${report.post.state}`) })}</span>
        <RelativeTime iso={report.createdAt} template={(when) => t('moderation.reportedAt', { when })} />
      </p>
      {report.note ? <p>{t('moderation.reporterNote', { note: report.note })}</p> : null}
      <PostPreview html={report.post.bodyHtml} author={report.post.author.label} />
      {report.status === 'open' ? <ResolveForm report={report} onDone={onDone} /> : null}
      {report.status === 'resolved' && report.outcome ? <p>{t('moderation.outcome', { outcome: report.outcome })}</p> : null}
      {report.status === 'resolved' && report.post.state === 'hidden' ? (
        <>
          <ErrorNotice error={restore.error} />
          {restore.isSuccess ? (
            <SuccessNotice>{t('moderation.restored')}</SuccessNotice>
          ) : (
            <div className="button-row">
              <button type="button" className="button button--secondary" disabled={restore.isPending} onClick={() => {
                  onDone.start();
                  restore.mutate({ postId: report.post.id, action: 'restore' });
                }}>
                {t('moderation.restore')}
              </button>
            </div>
          )}
        </>
      ) : null}
    </article>
  );
}

function PendingCard({ post, onDone }: { post: PendingPost; onDone: Done }) {
  const { t } = useTranslation();
  const act = usePostAction();
  const id = useId();
  const [note, setNote] = useState('');
  const [hiding, setHiding] = useState(false);
  const [noteMissing, setNoteMissing] = useState(false);
  const names = { thread: post.threadTitle };
  return (
    <article className="card stack" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        <Link to={`/community/threads/${post.threadId}`}>{t('moderation.inThread', names)}</Link>
      </h3>
      <p className="meta">
        <span className="badge badge--warn">{t(`moderation.pendingReasons.${post.pendingReason ?? 'none'}`)}</span>
        <RelativeTime iso={post.createdAt} />
      </p>
      <PostPreview html={post.bodyHtml} author={post.author.label} />
      <ErrorNotice error={act.error} />
      {hiding ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!note.trim()) {
              setNoteMissing(true);
              return;
            }
            onDone.start();
            act.mutate({ postId: post.id, action: 'hide', note: note.trim() }, { onSuccess: (r) => onDone(t('moderation.hiddenDone'), r.notice) });
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('moderation.hideNote')}</label>
            <textarea id={`${id}-note`} rows={3} maxLength={NOTE_MAX} value={note} aria-invalid={noteMissing && !note.trim() ? true : undefined} onChange={(e) => setNote(e.target.value)} />
            {noteMissing && !note.trim() ? <span className="field__error">{t('moderation.noteRequired')}</span> : null}
          </div>
          <div className="button-row">
            <button type="submit" className="button button--danger" disabled={act.isPending}>
              {t('moderation.hide')}
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" className="button" disabled={act.isPending} aria-label={t('moderation.approveLabel', names)} onClick={() => {
              onDone.start();
              act.mutate({ postId: post.id, action: 'approve' }, { onSuccess: () => onDone(t('moderation.approved')) });
            }}>
            {t('moderation.approve')}
          </button>
          <button type="button" className="button button--danger" aria-label={t('moderation.hideLabel', names)} onClick={() => setHiding(true)}>
            {t('moderation.hide')}
          </button>
        </div>
      )}
    </article>
  );
}

function SuccessBox({ children }: { children: string }) {
  return (
    <div className="notice notice--success">
      <p>{children}</p>
    </div>
  );
}

/** Reports (open or resolved) and posts waiting for review. */
export function ModerationQueue() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const { data, isPending, error } = useQueue(status);
  const [message, setMessage] = useState('');
  const [notice, setNotice] = useState<SafetyNotice | null>(null);
  const done: Done = Object.assign(
    (m: string, n?: SafetyNotice | null) => {
      setMessage(m);
      setNotice(n ?? null);
    },
    { start: () => setNotice(null) },
  );
  return (
    <>
      <div role="status">{message ? <SuccessBox>{message}</SuccessBox> : null}</div>
      <ReportNotice notice={notice} />
      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{t('moderation.reportsTitle')}</h2>
        <fieldset className="inline-options">
          <legend>{t('moderation.show')}</legend>
          {(['open', 'resolved'] as const).map((s) => (
            <div className="check" key={s}>
              <input type="radio" id={`status-${s}`} name="report-status" checked={status === s} onChange={() => setStatus(s)} />
              <label htmlFor={`status-${s}`}>{t(`moderation.statuses.${s}`)}</label>
            </div>
          ))}
        </fieldset>
        {isPending ? <Loading /> : null}
        <ErrorNotice error={error} />
        {data && data.reports.length === 0 ? <p className="muted">{status === 'open' ? t('moderation.noReports') : t('moderation.noResolved')}</p> : null}
        <ul className="plain-list">
          {data?.reports.map((r) => (
            <li key={r.id}>
              <ReportCard report={r} onDone={done} />
            </li>
          ))}
        </ul>
      </section>
      {status === 'open' ? (
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">{t('moderation.pendingTitle')}</h2>
          {data && data.pendingPosts.length === 0 ? <p className="muted">{t('moderation.noPending')}</p> : null}
          <ul className="plain-list">
            {data?.pendingPosts.map((p) => (
              <li key={p.id}>
                <PendingCard post={p} onDone={done} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
