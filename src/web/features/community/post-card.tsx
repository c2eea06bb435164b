import { memo, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RelativeTime } from '../../components/relative-time.js';
import { ErrorNotice, fieldError } from '../../components/status.js';
import { REACTION_KINDS, useDeletePost, useEditPost, useMarkHelped, useReact, type PostView, type ThreadView, type Written } from './api.js';

function useWarningText(post: PostView): string {
  const { t } = useTranslation();
  return post.warnings.map((w) => t(`warnings.${w}`)).join(', ');
}

/** Who wrote it, as this reader may know it: an anonymous post is "Anonymous member" to everyone else. */
function authorLabel(post: PostView, t: (k: string) => string): string {
  if (post.author.anonymous && !post.author.isMe) return t('community.post.anonymous');
  return post.author.label;
}

interface PostCardProps {
  post: PostView;
  thread: ThreadView;
  /** Called after the author edited the post, with the server's safety notice. */
  onWritten(w: Written): void;
  onReport(post: PostView): void;
  /** The post that is the opening of the thread is the page's main article. */
  headingId?: string;
}

/**
 * One post. Text under a warning the reader did not choose to see is folded behind a button;
 * the body is the server's sanitized HTML (the only place we set HTML). Reactions are toggle
 * buttons; the author can edit or delete; others can report. Memoized: a thread page re-renders
 * when its live status or announcements change, and its posts need not (they are most of its work).
 */
export const PostCard = memo(function PostCard({ post, thread, onWritten, onReport, headingId }: PostCardProps) {
  const { t } = useTranslation();
  const bodyId = useId();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const react = useReact(thread.id);
  const helped = useMarkHelped(thread.id);
  const del = useDeletePost(thread.id);
  const warningText = useWarningText(post);
  const author = authorLabel(post, t);
  const gone = post.state === 'removed' || post.state === 'deleted';
  const folded = post.collapsed && post.warnings.length > 0 && !open && !post.author.isMe;
  const canReact = post.state === 'visible';
  const mayMarkHelped = thread.kind === 'question' && thread.author.isMe && !post.isOpening && post.state === 'visible';

  return (
    <article className={`post${post.helpedMost ? ' post--helped' : ''}${post.state === 'pending' ? ' post--pending' : ''}`} aria-labelledby={headingId}>
      <header className="post__header">
        <p className="meta">
          <strong className="post__author">{author}</strong>
          <RelativeTime iso={post.createdAt} template={(when) => t('community.post.postedAt', { when })} />
          {post.edited && post.editedAt ? (
            <span className="muted">
              (<RelativeTime iso={post.editedAt} template={(when) => t('community.post.editedAt', { when })} />)
            </span>
          ) : null}
          {post.helpedMost ? <span className="badge badge--ok">{t('community.post.helpedMost')}</span> : null}
          {post.state === 'pending' ? <span className="badge badge--warn">{t('community.post.pending')}</span> : null}
          {post.state === 'hidden' ? <span className="badge badge--danger">{t('community.post.hidden')}</span> : null}
        </p>
      </header>

      {post.state === 'pending' && post.author.isMe ? (
        <p className="muted">
          {t(
            post.pendingReason === 'safety'
              ? 'community.post.pendingSafety'
              : post.pendingReason === 'first_post'
                ? 'community.post.pendingFirstPost'
                : 'community.post.pendingGeneric',
          )}
        </p>
      ) : null}
      {post.state === 'deleted' ? <p className="muted">{t('community.post.deleted')}</p> : null}
      {post.state === 'removed' ? <p className="muted">{t('community.post.removed')}</p> : null}
      {post.state === 'hidden' && !post.bodyHtml ? <p className="muted">{t('community.post.hiddenText')}</p> : null}

      {!gone && post.bodyHtml && post.warnings.length > 0 && post.collapsed && !post.author.isMe ? (
        <p className="post__warning">
          <button type="button" className="button button--secondary button--small" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((o) => !o)}>
            {t('community.post.warning', { warnings: warningText })} — {open ? t('community.post.hide') : t('community.post.show')}
          </button>
        </p>
      ) : !gone && post.warnings.length > 0 ? (
        <p className="meta">
          <span className="badge badge--warn">{t('community.post.warning', { warnings: warningText })}</span>
        </p>
      ) : null}

      {editing && post.bodySource !== null ? (
        <EditForm
          post={post}
          threadId={thread.id}
          onDone={(w) => {
            setEditing(false);
            if (w) onWritten(w);
          }}
        />
      ) : post.bodyHtml ? (
        <div
          id={bodyId}
          className="post__body prose"
          hidden={folded}
          // The server renders Markdown with raw HTML disabled, images off and safe links only.
          dangerouslySetInnerHTML={{ __html: post.bodyHtml }}
        />
      ) : null}

      {!gone && !editing ? (
        <footer className="post__footer">
          {canReact ? (
            <div className="reactions" role="group" aria-label={t('community.post.reactionsLabel')}>
              {REACTION_KINDS.map((kind) => {
                const pressed = post.myReactions.includes(kind);
                return (
                  <button
                    key={kind}
                    type="button"
                    className="reaction"
                    aria-pressed={pressed}
                    aria-label={t('community.post.reactionCount', { label: t(`reactions.${kind}`), count: post.reactions[kind] })}
                    disabled={react.isPending}
                    onClick={() => react.mutate({ postId: post.id, kind, on: !pressed })}
                  >
                    <span>{t(`reactions.${kind}`)}</span>{' '}
                    <span className="reaction__count">{post.reactions[kind]}</span>
                  </button>
                );
              })}
            </div>
          ) : null}
          <div className="button-row post__actions">
            {mayMarkHelped ? (
              <button type="button" className="button button--secondary button--small" disabled={helped.isPending} onClick={() => helped.mutate(post.helpedMost ? null : post.id)}>
                {post.helpedMost ? t('community.post.unmarkHelped') : t('community.post.markHelped')}
              </button>
            ) : null}
            {post.author.isMe && post.bodySource !== null ? (
              <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
                {t('community.post.edit')}
              </button>
            ) : null}
            {post.author.isMe && !confirmDelete ? (
              <button type="button" className="button button--danger button--small" onClick={() => setConfirmDelete(true)}>
                {t('community.post.delete')}
              </button>
            ) : null}
            {!post.author.isMe && post.state === 'visible' ? (
              <button type="button" className="button button--secondary button--small" aria-haspopup="dialog" aria-label={t('community.post.reportLabel', { author })} onClick={() => onReport(post)}>
                {t('community.post.report')}
              </button>
            ) : null}
          </div>
          {confirmDelete ? (
            <div className="notice notice--warn" role="group" aria-label={t('community.post.deleteConfirm')}>
              <p>{t('community.post.deleteConfirm')}</p>
              <div className="button-row">
                <button type="button" className="button button--danger button--small" disabled={del.isPending} onClick={() => del.mutate(post.id, { onSuccess: () => setConfirmDelete(false) })}>
                  {t('community.post.deleteYes')}
                </button>
                <button type="button" className="button button--secondary button--small" onClick={() => setConfirmDelete(false)}>
                  {t('community.post.deleteNo')}
                </button>
              </div>
            </div>
          ) : null}
          <ErrorNotice error={react.error ?? helped.error ?? del.error} />
        </footer>
      ) : null}
    </article>
  );
});

function EditForm({ post, threadId, onDone }: { post: PostView; threadId: string; onDone(w: Written | null): void }) {
  const { t } = useTranslation();
  const edit = useEditPost(threadId);
  const [body, setBody] = useState(post.bodySource ?? '');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    edit.mutate({ id: post.id, body }, { onSuccess: (w) => onDone(w) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('community.post.editPost')}>
      <ErrorNotice error={edit.error} />
      <div className="field">
        <label htmlFor={id}>{t('community.post.editLabel')}</label>
        <textarea id={id} value={body} rows={6} onChange={(e) => setBody(e.target.value)} aria-invalid={fieldError(edit.error, 'body') ? true : undefined} />
        {fieldError(edit.error, 'body') ? <span className="field__error">{fieldError(edit.error, 'body')}</span> : null}
      </div>
      <div className="button-row">
        <button type="submit" className="button button--small" disabled={edit.isPending}>
          {t('community.post.saveEdit')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => onDone(null)}>
          {t('community.post.cancelEdit')}
        </button>
      </div>
    </form>
  );
}
