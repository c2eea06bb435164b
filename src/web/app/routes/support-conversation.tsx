import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Me } from '../../../contracts/accounts.js';
import type { EventMap } from '../../../contracts/events.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { browserRegion, formatDateTime } from '../../lib/i18n.js';
import { EmpathyFeedback } from '../../features/empathy/lazy.js';
import { keys, useEscalate, useMentorship, type MentorshipView, type SafetyNotice } from '../../features/mentoring/api.js';
import { Composer } from '../../features/mentoring/composer.js';
import { ConsentToggle, ConversationActions, HandoverPanel } from '../../features/mentoring/conversation-actions.js';
import {
  applyReceipt,
  CONVERSATION,
  fetchMessage,
  messagesKey,
  postReceipt,
  removeMessage,
  upsertMessage,
  useMessages,
  type ConversationState,
  type MessageView,
} from '../../features/mentoring/conversation-api.js';
import { FeedbackForm } from '../../features/mentoring/feedback-form.js';
import { MessageItem, type ReceiptMarks } from '../../features/mentoring/message-item.js';
import { otherHandle as otherHandleOf } from '../../features/mentoring/mentorship-list.js';
import { CrisisResponsePanel } from '../../features/safety/crisis-response.js';
import { useRealtimeEvents, useRealtimeRooms } from '../realtime.js';
import { RequireAuth } from '../require-auth.js';

/** The later of two message ids (ids sort by time), either of which may be missing. */
function newer(a: string | null, b: string | null | undefined): string | null {
  return a === null ? (b ?? null) : b && b > a ? b : a;
}

/** Whoever is typing on the other side, for a few seconds after their last keystroke event. */
function useTypingIndicator(): [string | null, (handle: string | null) => void] {
  const [typing, setTyping] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const show = (handle: string | null) => {
    if (timer.current) clearTimeout(timer.current);
    setTyping(handle);
    if (handle) timer.current = setTimeout(() => setTyping(null), CONVERSATION.typingShowMs);
  };
  return [typing, show];
}

/**
 * Tells the server what reached this device and what was seen: everything from the other side up
 * to its newest message is "read" while the page is visible, else "delivered". Sent once per
 * newest message, never for a supervisor (who is not a participant).
 */
function useReceipts(mentorshipId: string, messages: MessageView[] | undefined, participant: boolean) {
  const sent = useRef<{ delivered: string | null; read: string | null }>({ delivered: null, read: null });
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  useEffect(() => {
    if (!participant || !messages) return;
    const newest = messages.find((m) => !m.mine && m.sender !== null && m.state === 'visible');
    if (!newest) return;
    const kind = visible ? 'read' : 'delivered';
    const done = kind === 'read' ? !!newest.readAt : !!newest.deliveredAt;
    if (done || sent.current[kind] === newest.id) return;
    sent.current[kind] = newest.id;
    postReceipt(mentorshipId, kind, newest.id).catch(() => {
      sent.current[kind] = null;
    });
  }, [mentorshipId, messages, participant, visible]);
}

function AvailabilityNote({ state, handle }: { state: ConversationState; handle: string }) {
  const { t } = useTranslation();
  if (state.role !== 'member' || state.status !== 'active') return null;
  if (state.supporterAway) {
    return (
      <div className="notice" role="note">
        <p>{t('mentoring.conversation.away', { handle, when: formatDateTime(state.supporterAway.until) })}</p>
        {state.supporterAway.message ? <p>{state.supporterAway.message}</p> : null}
      </div>
    );
  }
  if (state.supporterAvailableNow === false) {
    return (
      <p className="notice" role="note">
        {state.replyLikelyAfter
          ? t('mentoring.conversation.replyLikely', { handle, when: formatDateTime(state.replyLikelyAfter) })
          : t('mentoring.conversation.replyLater', { handle })}
      </p>
    );
  }
  return null;
}

/** The other side's most recent messages, oldest first, up to the viewer's own last message (at most three). */
function latestWordsOfOther(newestFirst: readonly MessageView[] | undefined): string {
  const out: string[] = [];
  for (const m of newestFirst ?? []) {
    if (m.mine) break;
    if (m.body && m.kind === 'text') out.push(m.body);
    if (out.length === 3) break;
  }
  return out.reverse().join('\n');
}

function Conversation({ me, mentorship }: { me: Me; mentorship: MentorshipView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const id = mentorship.id;
  const { data: fetched, error, hasNextPage, fetchNextPage, isFetchingNextPage } = useMessages(id);
  // The history renders in the background, yielding to the browser between messages: on a slow
  // phone the page stays responsive while thirty messages are laid out (the same words, a moment later).
  const data = useDeferredValue(fetched);
  const live = useRealtimeRooms([`mentorship:${id}`]);
  const escalate = useEscalate(id);
  const [typing, showTyping] = useTypingIndicator();
  const [announcement, setAnnouncement] = useState('');
  const [notice, setNotice] = useState<SafetyNotice | null>(null);
  const [endedByMe, setEndedByMe] = useState(false);
  const [closingHeld, setClosingHeld] = useState<'contact_details' | 'safety' | null>(null);
  // Receipts from events, kept apart from the messages: one may arrive before the message it covers.
  const [liveMarks, setLiveMarks] = useState<ReceiptMarks>({ deliveredUpTo: null, readUpTo: null });
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const heightBefore = useRef<number | null>(null);

  const participant = mentorship.role !== 'supervisor';
  const other = otherHandleOf(mentorship) ?? t('mentoring.someoneGone');
  const otherId = mentorship.role === 'member' ? (mentorship.supporter?.id ?? null) : (mentorship.member?.id ?? null);
  const newestFirst = data?.pages.flatMap((p) => p.messages);
  const state = data?.pages[0]?.conversation;
  const messages = newestFirst ? [...newestFirst].reverse() : undefined;
  // What the supporter answers: the member's latest messages on screen (those after the supporter last wrote).
  const seekerWords = latestWordsOfOther(newestFirst);
  useReceipts(id, newestFirst, participant);

  useRealtimeEvents((event) => {
    switch (event.type) {
      case 'mentoring.message_created': {
        const d = event.data as EventMap['mentoring.message_created'];
        if (d.mentorshipId !== id) return;
        if (d.senderId && d.senderId !== me.id) showTyping(null);
        void fetchMessage(id, d.messageId)
          .then((m) => {
            upsertMessage(qc, id, m);
            if (!m.mine && m.body) setAnnouncement(t('mentoring.conversation.newMessage', { handle: m.sender?.handle ?? other, text: m.body }));
          })
          .catch(() => undefined);
        break;
      }
      case 'mentoring.message_updated': {
        const d = event.data as EventMap['mentoring.message_updated'];
        if (d.mentorshipId !== id) return;
        void fetchMessage(id, d.messageId)
          .then((m) => upsertMessage(qc, id, m))
          .catch((err: unknown) => {
            if (err instanceof ApiError && err.status === 404) removeMessage(qc, id, d.messageId);
          });
        break;
      }
      case 'mentoring.messages_delivered':
      case 'mentoring.messages_read': {
        const d = event.data as EventMap['mentoring.messages_read'];
        if (d.mentorshipId !== id || d.byUserId === me.id) return;
        applyReceipt(qc, id, { upTo: d.upTo, at: d.at, read: event.type === 'mentoring.messages_read' });
        const later = (a: string | null) => (a === null || d.upTo > a ? d.upTo : a);
        setLiveMarks((mk) =>
          event.type === 'mentoring.messages_read' ? { deliveredUpTo: later(mk.deliveredUpTo), readUpTo: later(mk.readUpTo) } : { ...mk, deliveredUpTo: later(mk.deliveredUpTo) },
        );
        break;
      }
      case 'mentoring.typing': {
        const d = event.data as EventMap['mentoring.typing'];
        if (d.mentorshipId === id && d.userId !== me.id) showTyping(d.handle);
        break;
      }
      case 'mentoring.mentorship_ended':
        // The closing message and the read-only state come with the history.
        if ((event.data as EventMap['mentoring.mentorship_ended']).mentorshipId !== id) return;
        void qc.invalidateQueries({ queryKey: messagesKey(id) });
        setAnnouncement(t('mentoring.conversation.endedAnnouncement'));
        break;
      case 'mentoring.supporter_updated':
        // Away mode or hours changed: "a reply is likely after …" comes with the history's first page.
        if ((event.data as EventMap['mentoring.supporter_updated']).supporterId === mentorship.supporter?.id) void qc.invalidateQueries({ queryKey: messagesKey(id) });
        break;
      default:
        break;
    }
  });

  // Keep the newest message in view when one arrives, unless the reader scrolled up to read older ones.
  const count = messages?.length ?? 0;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBefore.current !== null) {
      // Earlier messages were added above: keep what the reader was looking at in place.
      el.scrollTop += el.scrollHeight - heightBefore.current;
      heightBefore.current = null;
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [count]);

  // The same marks and handler until they change, so that the memoized messages do not re-render with the page.
  const marks = useMemo<ReceiptMarks>(
    () => ({ deliveredUpTo: newer(liveMarks.deliveredUpTo, state?.otherDeliveredUpTo), readUpTo: newer(liveMarks.readUpTo, state?.otherReadUpTo) }),
    [liveMarks, state?.otherDeliveredUpTo, state?.otherReadUpTo],
  );
  const { mutate: escalateMutate } = escalate;
  const escalateAbout = useCallback((messageId: string) => escalateMutate({ note: t('mentoring.escalate.defaultNote'), messageId }), [escalateMutate, t]);

  if (!data) return error ? <ErrorNotice error={error} /> : <Loading />;

  const ended = mentorship.status === 'ended' || state?.status === 'ended';
  const region = notice?.region ?? me.region ?? browserRegion() ?? 'INTL';
  const title = mentorship.role === 'supervisor'
    ? t('mentoring.conversation.titleSupervisor', { member: mentorship.member?.handle ?? t('mentoring.someoneGone'), supporter: mentorship.supporter?.handle ?? t('mentoring.someoneGone') })
    : t('mentoring.conversation.title', { handle: other });
  const activeGrant = mentorship.supervisorAccess.find((g) => g.active);

  return (
    <Page title={title}>
      <div className="conversation">
        <p className="conversation__header muted">
          {mentorship.role === 'member' ? t('mentoring.conversation.roleMember', { handle: other }) : null}
          {mentorship.role === 'supporter' ? t('mentoring.conversation.roleSupporter', { handle: other }) : null}{' '}
          <Link to="/support">{t('mentoring.conversation.back')}</Link>
        </p>
        {mentorship.role === 'supervisor' && activeGrant ? (
          <div className="notice" role="note">
            <p>{t('mentoring.conversation.supervisorReading', { reason: activeGrant.reason, until: formatDateTime(activeGrant.expiresAt) })}</p>
            {activeGrant.note ? <p>{t('mentoring.conversation.supervisorNote', { note: activeGrant.note })}</p> : null}
          </div>
        ) : null}
        {participant && activeGrant ? (
          <p className="muted">{t('mentoring.conversation.supervisorMayRead', { until: formatDateTime(activeGrant.expiresAt) })}</p>
        ) : null}
        {ended ? (
          <div className="notice" role="status">
            <p>{endedByMe || mentorship.endedByMe ? t('mentoring.conversation.endedByYou') : t('mentoring.conversation.ended', { handle: other })}</p>
            {closingHeld ? <p>{t(`mentoring.end.closingHeld.${closingHeld}`, { handle: other })}</p> : null}
            {mentorship.role === 'member' ? (
              <p>
                <Link to="/support">{t('mentoring.conversation.askAgain')}</Link>
              </p>
            ) : null}
          </div>
        ) : null}
        <HandoverPanel mentorship={mentorship} />
        {state ? <AvailabilityNote state={state} handle={other} /> : null}
        {!ended ? (
          <p className="muted live-status" role="status">
            {live ? t('mentoring.conversation.live') : t('mentoring.conversation.connecting')}
          </p>
        ) : null}
        <div className="visually-hidden" aria-live="polite">
          {announcement}
        </div>

        <div
          className="messages-scroll"
          ref={scroller}
          tabIndex={0}
          role="region"
          aria-label={t('mentoring.conversation.messagesLabel')}
          onScroll={(e) => {
            const el = e.currentTarget;
            stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
          }}
        >
          {hasNextPage ? (
            <div className="button-row">
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={isFetchingNextPage}
                onClick={() => {
                  heightBefore.current = scroller.current?.scrollHeight ?? null;
                  void fetchNextPage();
                }}
              >
                {isFetchingNextPage ? t('mentoring.conversation.loadingEarlier') : t('mentoring.conversation.loadEarlier')}
              </button>
            </div>
          ) : null}
          {messages && messages.length === 0 ? <p className="muted">{t(participant ? 'mentoring.conversation.empty' : 'mentoring.conversation.emptySupervisor', { handle: other })}</p> : null}
          <ol className="messages">
            {messages?.map((m) => (
              <li key={m.id} className={m.mine ? 'messages__mine' : undefined}>
                <MessageItem
                  message={m}
                  marks={marks}
                  otherHandle={other}
                  escalating={escalate.isPending}
                  onEscalate={mentorship.role === 'supporter' && !ended ? escalateAbout : undefined}
                />
              </li>
            ))}
          </ol>
        </div>

        <p className="typing" aria-live="polite">
          {typing ? t('mentoring.conversation.typing', { handle: typing }) : ''}
        </p>

        {notice?.showCrisisResponse ? (
          // A member is talking to their peer supporter here: the panel does not send them off to find one.
          <CrisisResponsePanel notice={notice} region={region} onDismiss={() => setNotice(null)} peerSupport={mentorship.role !== 'member'} />
        ) : null}
        {escalate.isSuccess ? <SuccessNotice>{t('mentoring.escalate.done', { handle: other })}</SuccessNotice> : null}
        <ErrorNotice error={escalate.error} />

        {participant && !ended && !state?.readOnly ? (
          <Composer
            mentorshipId={id}
            onSent={(r) => setNotice(r.notice?.showCrisisResponse ? r.notice : null)}
            feedback={mentorship.role === 'supporter' ? (draft) => <EmpathyFeedback seeker={seekerWords} draft={draft} headingLevel={2} /> : undefined}
          />
        ) : null}

        {mentorship.role === 'supporter' && !ended ? (
          <div className="button-row">
            <button type="button" className="button button--secondary" disabled={escalate.isPending} onClick={() => escalate.mutate({ note: t('mentoring.escalate.defaultNote') })}>
              {t('mentoring.conversation.bringSupervisor')}
            </button>
            <span className="muted">{t('mentoring.escalate.hint', { handle: other })}</span>
          </div>
        ) : null}

        {mentorship.role === 'member' && ended && mentorship.endReason !== 'blocked' ? (
          <FeedbackForm mentorshipId={id} supporterHandle={other} given={mentorship.feedbackGiven} onNotice={setNotice} />
        ) : null}

        {mentorship.role === 'member' && !ended ? (
          <section aria-labelledby="privacy-title">
            <h2 id="privacy-title">{t('mentoring.consent.title')}</h2>
            <ConsentToggle mentorship={mentorship} />
          </section>
        ) : null}

        {participant ? (
          <ConversationActions
            mentorship={mentorship}
            otherId={otherId}
            otherHandle={other}
            onNotice={setNotice}
            onEnded={(r) => {
              setEndedByMe(true);
              setClosingHeld(r.closingHeld);
              void qc.invalidateQueries({ queryKey: messagesKey(id) });
              void qc.invalidateQueries({ queryKey: keys.all });
              if (r.notice?.showCrisisResponse) setNotice(r.notice);
            }}
            onSwitched={() => void navigate('/support')}
          />
        ) : null}
      </div>
    </Page>
  );
}

function ConversationScreen({ me, id }: { me: Me; id: string }) {
  const { t } = useTranslation();
  const { data: mentorship, isPending, error } = useMentorship(id);
  if (isPending) return <Loading />;
  if (!mentorship) {
    return (
      <Page title={t('mentoring.conversation.notFoundTitle')}>
        <ErrorNotice error={error} />
        <p>
          <Link to="/support">{t('mentoring.conversation.back')}</Link>
        </p>
      </Page>
    );
  }
  return <Conversation me={me} mentorship={mentorship} />;
}

/** One private conversation: the member and their supporter (or a supervisor admitted by a grant). */
export default function SupportConversationPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{(me) => <ConversationScreen key={id} me={me} id={id} />}</RequireAuth>;
}
