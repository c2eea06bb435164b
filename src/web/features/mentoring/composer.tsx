import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, fieldError } from '../../components/status.js';
import { newClientId } from '../../lib/draft-key.js';
import { CONVERSATION, postTyping, useSendMessage, type MessageSent } from './conversation-api.js';

/**
 * The message box: Enter sends, Shift+Enter starts a new line, and a visible Send button does the
 * same. Typing is told to the other side at most once every few seconds. A failed send keeps the
 * text and its clientId, so trying again cannot send it twice. `feedback`, when given, renders
 * advice on the draft under the box (it never changes the text and never holds up sending).
 */
export function Composer({
  mentorshipId,
  onSent,
  feedback,
}: {
  mentorshipId: string;
  onSent(result: MessageSent, text: string): void;
  feedback?: (draft: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const send = useSendMessage(mentorshipId);
  const [text, setText] = useState('');
  // Contact details found in the last message: it was not sent, and its text stays here to edit.
  const [heldFound, setHeldFound] = useState<string[] | null>(null);
  const clientId = useRef<string | null>(null);
  const lastTyping = useRef(0);
  const hintId = useId();
  const inputId = useId();

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const body = text.trim();
    if (!body || send.isPending) return;
    clientId.current ??= newClientId();
    send.mutate(
      { body, clientId: clientId.current },
      {
        onSuccess: (r) => {
          clientId.current = null;
          if (r.held?.reason === 'contact_details') {
            setHeldFound(r.held.found);
          } else {
            setHeldFound(null);
            setText('');
          }
          onSent(r, body);
        },
      },
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Not while an input method is composing a character (Japanese, Chinese…): Enter confirms it.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };

  const onChange = (value: string) => {
    if (value !== text) clientId.current = null;
    setText(value);
    const now = Date.now();
    if (value.trim() && now - lastTyping.current >= CONVERSATION.typingIntervalMs) {
      lastTyping.current = now;
      postTyping(mentorshipId).catch(() => undefined);
    }
  };

  const error = fieldError(send.error, 'body', t('mentoring.conversation.subject'));
  return (
    <form className="composer" onSubmit={submit} noValidate>
      <ErrorNotice error={error ? null : send.error} />
      {heldFound ? (
        <div className="notice notice--warn" role="status">
          <p>{t('mentoring.conversation.heldContact')}</p>
          {heldFound.length > 0 ? (
            <p>{t('mentoring.conversation.heldFound', { list: heldFound.map((k) => t(`mentoring.contactKinds.${k}`, { defaultValue: k })).join(', ') })}</p>
          ) : null}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={inputId}>{t('mentoring.conversation.messageInput')}</label>
        <span className="field__hint" id={hintId}>
          {t('mentoring.conversation.enterHint')}
        </span>
        {error ? <span className="field__error">{error}</span> : null}
        <textarea
          id={inputId}
          aria-describedby={hintId}
          aria-invalid={error ? true : undefined}
          rows={3}
          maxLength={CONVERSATION.bodyMax}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      {feedback?.(text)}
      <div className="button-row">
        <button type="submit" className="button" disabled={send.isPending || !text.trim()}>
          {send.isPending ? t('mentoring.conversation.sending') : t('mentoring.conversation.send')}
        </button>
      </div>
    </form>
  );
}
