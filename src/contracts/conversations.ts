import { z } from 'zod';
import { SafetyNotice } from './safety.js';

/**
 * The private one-to-one conversation of a mentorship: messages (encrypted at rest, screened
 * before they are stored), receipts, typing, unread counts, the supporter's load.
 */
export const CONVERSATION_LIMITS = {
  bodyMax: 4_000,
  pageDefault: 30,
  pageMax: 100,
  /** At most one typing event per sender per this many milliseconds (server-side). */
  typingIntervalMs: 3_000,
  /** How long the web shows "… is typing" after the last event. */
  typingShowMs: 5_000,
} as const;

const id = (field: string) => z.uuid({ message: `${field} must be a valid id` });

// ── requests ──────────────────────────────────────────────────────────────────
export const MentorshipParam = z.strictObject({ id: id('id') });
export const MessageParam = z.strictObject({ id: id('id'), messageId: id('messageId') });

export const MessagesQuery = z.strictObject({
  /** Opaque: the `nextCursor` of the previous page. */
  cursor: z.string().max(64, 'is not a cursor this server gave out').optional(),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(CONVERSATION_LIMITS.pageMax, `must be at most ${CONVERSATION_LIMITS.pageMax}`)
    .default(CONVERSATION_LIMITS.pageDefault),
});

export const NewMessageBody = z.strictObject({
  body: z
    .string({ message: 'must be text' })
    .trim()
    .min(1, 'is required')
    .max(CONVERSATION_LIMITS.bodyMax, `must be at most ${CONVERSATION_LIMITS.bodyMax} characters`),
  /** Made by the client once per message: a retry with the same id returns the first message. */
  clientId: id('clientId'),
});
export type NewMessageBody = z.infer<typeof NewMessageBody>;

export const ReceiptBody = z.strictObject({ upTo: id('upTo') });

// ── the supporter's guidance on a member's message ──────────────────────────────
/** i18n keys under `mentoring.guidance.` (English text: GUIDANCE_TEXT_EN below). */
export const GUIDANCE_KEYS = [
  'validate',
  'askWhatHelps',
  'askDirectly',
  'askSafeNow',
  'noSecrecy',
  'shareCrisisLine',
  'stayWithThem',
  'emergencyNow',
  'aboutSomeoneElse',
  'selfHarm',
  'eating',
  'unsafeHome',
  'substances',
  'harmToOthers',
  'harassment',
  'supervisorAlerted',
  'supervisorNow',
  'supervisorConsider',
  'supervisorIfUnsure',
  'lookAfterYourself',
] as const;
export type GuidanceKey = (typeof GUIDANCE_KEYS)[number];

export const GuidanceStep = z.object({
  key: z.enum(GUIDANCE_KEYS),
  params: z.record(z.string(), z.string()).optional(),
});

/**
 * What the safety screen made of a member's message, for their supporter only: the level, the
 * kinds of risk, and short practical guidance (what to say, when to bring in the supervisor).
 */
export const ScreenVerdictView = z.object({
  level: z.number().int(),
  /** RISK_LEVEL_NAMES of the safety library: none, distress, passive_ideation, … */
  levelName: z.string(),
  categories: z.array(z.string()),
  /** The message is about someone else's risk. */
  aboutSomeoneElse: z.boolean(),
  /** A supervisor was alerted automatically (and may open the conversation). */
  supervisorAlerted: z.boolean(),
  /** now: always at level ≥ 3; consider: level 2; if_unsure: level 1. */
  callSupervisor: z.enum(['now', 'consider', 'if_unsure']),
  tone: z.enum(['gentle', 'warm', 'urgent']),
  guidance: z.array(GuidanceStep),
});
export type ScreenVerdictView = z.infer<typeof ScreenVerdictView>;

// ── views ─────────────────────────────────────────────────────────────────────
export const MESSAGE_KINDS = ['text', 'closing', 'auto_reply', 'system'] as const;

/**
 * One message as the viewer may see it. A message held for contact details reaches its sender
 * only; one held by the safety screen shows the other side that it exists, never its words.
 */
export const MessageView = z.object({
  id: z.string(),
  mentorshipId: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  sender: z.object({ id: z.string(), handle: z.string() }).nullable(),
  /** The viewer wrote it. */
  mine: z.boolean(),
  /** Null when held from the viewer or removed. */
  body: z.string().nullable(),
  state: z.enum(['visible', 'held', 'removed']),
  heldReason: z.enum(['contact_details', 'safety']).nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  /** The sender's own idempotency key (only on their own messages). */
  clientId: z.string().nullable(),
  /** The supporter (and an admitted supervisor) only, on the member's messages that screened ≥ 1. */
  screen: ScreenVerdictView.nullable(),
});
export type MessageView = z.infer<typeof MessageView>;

export const HELD_CONTACT_DETAILS_EXPLANATION =
  'To keep you both safe, contact details like phone numbers, emails, social handles or addresses can’t be shared in 1:1 chat. Your message was not sent. You can edit it and send it without them.';

export const HeldExplanation = z.object({
  reason: z.enum(['contact_details', 'safety']),
  /** What was found (phone, email, social_handle, social_link, street_address, postcode); never the details themselves. */
  found: z.array(z.string()),
  message: z.string(),
});

export const MessageSent = z.object({
  message: MessageView,
  /** Crisis resources for the writer when the message screened ≥ 2 (the writer's own verdict is never shown otherwise). */
  notice: SafetyNotice.nullable(),
  /** Set when the message was held and not delivered, with why. */
  held: HeldExplanation.nullable(),
  /** The supporter's auto-reply, sent with this message (outside their hours or while away). */
  autoReply: MessageView.nullable(),
  /** The first send of this clientId (false: a retry answered with the stored message). */
  created: z.boolean(),
});
export type MessageSent = z.infer<typeof MessageSent>;

export const ConversationState = z.object({
  mentorshipId: z.string(),
  role: z.enum(['member', 'supporter', 'supervisor']),
  status: z.enum(['active', 'ended']),
  /** Sending is closed (ended mentorship, or a supervisor reading). */
  readOnly: z.boolean(),
  /** Member's view: the supporter is inside their hours and not away. */
  supporterAvailableNow: z.boolean().nullable(),
  /** Member's view: when a reply is likely (start of the supporter's next window, or their return). */
  replyLikelyAfter: z.string().nullable(),
  /** Member's view: away until (and the supporter's away message, if it passed review). */
  supporterAway: z.object({ until: z.string(), message: z.string().nullable() }).nullable(),
  /** The other participant's last receipts, so the sender's ticks survive a reload. */
  otherDeliveredUpTo: z.string().nullable(),
  otherReadUpTo: z.string().nullable(),
  unread: z.number().int(),
});
export type ConversationState = z.infer<typeof ConversationState>;

export const MessagePage = z.object({
  conversation: ConversationState,
  /** Newest first. */
  messages: z.array(MessageView),
  nextCursor: z.string().nullable(),
});
export type MessagePage = z.infer<typeof MessagePage>;

export const OneMessage = z.object({ message: MessageView });

export const ReceiptResult = z.object({ updated: z.number().int(), upTo: z.string(), at: z.string() });
export const TypingResult = z.object({ forwarded: z.boolean() });

export const ConversationSummaryItem = z.object({
  mentorshipId: z.string(),
  role: z.enum(['member', 'supporter']),
  status: z.enum(['active', 'ended']),
  unread: z.number().int(),
  lastMessageAt: z.string().nullable(),
});
export const ConversationSummary = z.object({ conversations: z.array(ConversationSummaryItem), totalUnread: z.number().int() });

export const LOAD_REASONS = ['many_messages', 'late_nights', 'full_caseload'] as const;
export const SupporterLoad = z.object({
  activeMentees: z.number().int(),
  capacity: z.number().int(),
  messagesLast7Days: z.number().int(),
  /** Messages the supporter sent between 22:00 and 06:00 in their own time zone. */
  lateNightMessagesLast7Days: z.number().int(),
  high: z.boolean(),
  reasons: z.array(z.enum(LOAD_REASONS)),
  /** The gentle prompt's i18n key (`mentoring.load.<key>`), null when the load is fine. */
  prompt: z.enum(['prompt_high']).nullable(),
  /** The thresholds the figures are compared with, so the page can say what "high" means. */
  thresholds: z.object({ messagesPerWeek: z.number(), lateNightPerWeek: z.number(), fullCaseloadMessagesPerWeek: z.number() }),
});
export type SupporterLoad = z.infer<typeof SupporterLoad>;
