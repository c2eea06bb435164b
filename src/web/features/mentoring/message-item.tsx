import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/i18n.js';
import type { MessageView, ScreenVerdictView } from './conversation-api.js';

/** How far the other side has received and read my messages (UUIDv7 ids: "up to" compares as strings). */
export interface ReceiptMarks {
  deliveredUpTo: string | null;
  readUpTo: string | null;
}

/**
 * "Sent" → "Delivered" → "Read", in words (not only ticks), for the sender's own messages. The
 * marks cover a receipt that arrived before the message itself was in the list (the other side
 * can read it before our own send has answered).
 */
export function receiptOf(m: MessageView, marks: ReceiptMarks): 'read' | 'delivered' | 'sent' | null {
  if (!m.mine || m.state !== 'visible' || m.kind === 'system') return null;
  if (m.readAt || (marks.readUpTo !== null && m.id <= marks.readUpTo)) return 'read';
  if (m.deliveredAt || (marks.deliveredUpTo !== null && m.id <= marks.deliveredUpTo)) return 'delivered';
  return 'sent';
}

/**
 * The safety screen's verdict on a member's message, for their supporter (and an admitted
 * supervisor): how worried to be, what to say, and when to bring in the supervisor.
 */
function Verdict({ screen, onEscalate, escalating }: { screen: ScreenVerdictView; onEscalate?: (() => void) | undefined; escalating: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`verdict verdict--${screen.tone}`}>
      <p>
        <strong>{t('mentoring.verdict.title', { level: t(`mentoring.verdict.levels.${screen.levelName}`, { defaultValue: screen.levelName }) })}</strong>
        {screen.categories.length > 0
          ? ` ${t('mentoring.verdict.about', { list: screen.categories.map((c) => t(`categories.${c}`, { defaultValue: c })).join(', ') })}`
          : null}
      </p>
      {screen.aboutSomeoneElse ? <p>{t('mentoring.verdict.someoneElse')}</p> : null}
      {screen.supervisorAlerted ? <p>{t('mentoring.verdict.alerted')}</p> : null}
      <ul>
        {screen.guidance.map((g, i) => (
          <li key={`${g.key}-${i}`}>{t(`mentoring.guidance.${g.key}`, g.params ?? {})}</li>
        ))}
      </ul>
      {onEscalate ? (
        <button type="button" className={screen.callSupervisor === 'now' ? 'button button--small' : 'button button--secondary button--small'} disabled={escalating} onClick={onEscalate}>
          {t('mentoring.conversation.bringSupervisor')}
        </button>
      ) : null}
    </div>
  );
}

/** Memoized: the conversation re-renders as its socket connects and someone types, and its messages need not. */
export const MessageItem = memo(function MessageItem({
  message: m,
  marks,
  otherHandle,
  onEscalate,
  escalating,
}: {
  message: MessageView;
  marks: ReceiptMarks;
  otherHandle: string;
  /** The supporter's "Bring in my supervisor" about this message (absent for others). */
  onEscalate?: ((messageId: string) => void) | undefined;
  escalating: boolean;
}) {
  const { t } = useTranslation();
  const sender = m.mine ? t('mentoring.conversation.you') : (m.sender?.handle ?? t('mentoring.someoneGone'));
  const receipt = receiptOf(m, marks);
  const kindClass = m.kind === 'system' ? ' message--system' : m.kind === 'auto_reply' ? ' message--auto' : '';
  const label =
    m.kind === 'system'
      ? t('mentoring.conversation.fromKindred')
      : m.kind === 'auto_reply'
        ? t('mentoring.conversation.autoReplyFrom', { handle: sender })
        : m.kind === 'closing'
          ? t('mentoring.conversation.closingFrom', { handle: sender })
          : sender;

  let body: ReactNode;
  if (m.state === 'removed') body = <p className="message__body muted">{t('mentoring.conversation.removed')}</p>;
  else if (m.body === null) body = <p className="message__body muted">{t('mentoring.conversation.heldFromYou', { handle: otherHandle })}</p>;
  else body = <p className="message__body">{m.body}</p>;

  return (
    <article className={`message${m.mine ? ' message--mine' : ''}${kindClass}${m.state === 'held' ? ' message--held' : ''}`} aria-label={t('mentoring.conversation.messageLabel', { sender: label })}>
      <p className="message__meta">
        <span className="message__sender">{label}</span>
        <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
      </p>
      {body}
      {m.mine && m.state === 'held' ? (
        <p className="message__note notice notice--warn">
          {m.heldReason === 'contact_details' ? t('mentoring.conversation.heldContact') : t('mentoring.conversation.heldSafety', { handle: otherHandle })}
        </p>
      ) : null}
      {m.screen ? <Verdict screen={m.screen} escalating={escalating} onEscalate={onEscalate ? () => onEscalate(m.id) : undefined} /> : null}
      {receipt ? <p className="message__receipt">{t(`mentoring.conversation.receipt.${receipt}`)}</p> : null}
    </article>
  );
});
