import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { LIMITS, useReply, type ContentWarning, type SpaceView, type ThreadView, type Written } from './api.js';
import { WarningsFieldset } from './composer-fields.js';

/**
 * The reply composer under a thread. The safety notice of what was written goes to `onWritten`.
 * `feedback`, when given, renders advice on the draft under the text box (it never changes the text).
 */
export function ReplyForm({
  thread,
  space,
  onWritten,
  feedback,
}: {
  thread: ThreadView;
  space: SpaceView;
  onWritten(w: Written): void;
  feedback?: (draft: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const reply = useReply(thread.id);
  const [body, setBody] = useState('');
  const [warnings, setWarnings] = useState<ContentWarning[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const err = reply.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reply.mutate(
      { body, warnings, anonymous },
      {
        onSuccess: (w) => {
          setBody('');
          setWarnings([]);
          setAnonymous(false);
          onWritten(w);
        },
      },
    );
  };
  const retry = err instanceof ApiError && err.status === 429 ? t('community.thread.slowModeWait', { seconds: thread.slowModeSeconds }) : null;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="reply-title">
      <h2 id="reply-title">{t('community.thread.replyTitle')}</h2>
      {thread.slowModeSeconds > 0 ? <p className="muted">{t('community.thread.slowMode', { seconds: thread.slowModeSeconds })}</p> : null}
      <ErrorNotice error={err}>{retry ? <p>{retry}</p> : undefined}</ErrorNotice>
      <TextAreaField
        label={t('community.thread.replyLabel')}
        hint={t('community.composer.bodyHint')}
        error={fieldError(err, 'body')}
        name="body"
        rows={6}
        maxLength={LIMITS.bodyMax}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      {feedback?.(body)}
      <details className="disclosure">
        <summary>{t('community.thread.replyWarnings')}</summary>
        <WarningsFieldset legend={t('community.composer.warnings')} hint={t('community.composer.warningsHint')} value={warnings} onChange={setWarnings} />
      </details>
      {space.allowAnonymous ? (
        <CheckboxField
          label={t('community.thread.replyAnonymous')}
          hint={t('community.composer.anonymousHint')}
          error={fieldError(err, 'anonymous')}
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
        />
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={reply.isPending || !body.trim()}>
          {reply.isPending ? t('community.thread.replySubmitting') : t('community.thread.replySubmit')}
        </button>
      </div>
    </form>
  );
}
