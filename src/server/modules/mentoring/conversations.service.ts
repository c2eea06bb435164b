import type {
  ConversationState,
  MessagePage,
  MessageSent,
  MessageView,
  NewMessageBody,
  SupporterLoad,
} from '../../../contracts/conversations.js';
import { CONVERSATION_LIMITS, HELD_CONTACT_DETAILS_EXPLANATION } from '../../../contracts/conversations.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { responseFor, screen } from '../../../safety/index.js';
import { hasRole, type Actor } from '../../platform/actor.js';
import { recordAccess } from '../../platform/audit.js';
import type { Bus } from '../../platform/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto.js';
import { isUniqueViolationOf, type Db, type Executor } from '../../platform/db.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { createdThenRemoved, keyReused } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import type { Tx, UnitOfWork } from '../../platform/outbox.js';
import type { HeldReason } from '../../platform/schema.js';
import type { AlertWordsSource, HeldContentHandler, TextScreener } from '../safety/safety.service.js';
import { contactKinds, findContactDetails } from '../../../safety/contact-details.js';
import { presentConversationState, presentMessage, type ConversationRole, type MessageViewer } from './conversations.presenter.js';
import { conversationsRepository as repo, type ConversationRow, type MessageRow } from './conversations.repository.js';
import { availableAt, nextAvailableAt, zoneOffsetMs, type AvailabilityWindow } from './matching.js';

/** What the conversation needs from the mentoring core (MentoringService implements it). */
export interface ConversationAccess {
  /** 'participant' for the two people in it; 'supervisor' while a consent or escalation grant is current; null: refuse. */
  mayReadConversation(actor: Actor, mentorshipId: string, db?: Executor): Promise<'participant' | 'supervisor' | null>;
  /** Audits a supervisor's opening in both participants' "who saw my data", in the read's transaction. */
  recordSupervisorOpening(tx: Tx, actor: Actor, mentorshipId: string): Promise<unknown>;
  /** Opens the conversation to supervisors after a crisis screening, in the message's transaction. */
  grantEscalationAccess(tx: Tx, mentorshipId: string, alertId: string | null, reason: string): Promise<unknown>;
}

/** What the conversation needs from the safety module (SafetyService implements it). */
export interface ConversationSafety extends TextScreener {
  holdForReview(tx: Tx, item: { userId: string | null; objectType: string; objectId: string; reason: HeldReason }): Promise<string>;
  crisisResources(region: string | null | undefined): Promise<{ lines: SafetyNotice['resources']; directory: SafetyNotice['resources'] }>;
  registerHeldContentHandler(handler: HeldContentHandler): void;
}

export interface ConversationsDeps {
  db: Db;
  uow: UnitOfWork;
  clock: Clock;
  keyring: Keyring;
  bus: Bus;
  safety: ConversationSafety;
  access: ConversationAccess;
}

/**
 * The object type of conversation messages in screenings and the review queue — the same as
 * the mentoring core's SCREENED.message, so its closing messages are decided by our handler too.
 */
export const MESSAGE_OBJECT_TYPE = 'mentorship_message';
/** Bodies are sealed bound to their conversation (the core seals closing messages the same way). */
export const messageAad = (mentorshipId: string) => `mentorship_messages:${mentorshipId}`;

/**
 * When a supporter's load is "high" and the load page shows a gentle prompt. Per 7 days:
 *  - many_messages: 150 messages sent (≈ 20 a day, every day);
 *  - late_nights: 5 messages sent between 22:00 and 06:00 in the supporter's own zone (most nights);
 *  - full_caseload: every place taken and 80 messages sent (a full, busy week).
 * These start a conversation with their supervisor; they never block anything.
 */
export const LOAD_THRESHOLDS = { messagesPerWeek: 150, lateNightPerWeek: 5, fullCaseloadMessagesPerWeek: 80 } as const;
const LATE_NIGHT = { fromHour: 22, toHour: 6 } as const;
const WEEK_MS = 7 * 86_400_000;
/** From this screening level a message held for contact details still shows the other side that it exists. */
export const SHOWN_HELD_LEVEL = 2;
/** Typing: remembered senders are pruned past this many entries (one per active typer and instance). */
const TYPING_MEMORY = 10_000;

interface Access {
  conversation: ConversationRow;
  role: ConversationRole;
}

interface SupporterAvailability {
  availableNow: boolean;
  replyLikelyAfter: Date | null;
  away: { until: string; message: string | null } | null;
}

/**
 * The private one-to-one conversation of a mentorship: encrypted messages, screened before they
 * are stored; contact details held; receipts, typing, unread counts; the supporter's boundaries
 * (reply-likely time, auto-reply, load); supervisors read only under a grant, audited.
 *
 * Realtime: events carry ids and receipts only, never words (outbox rows are stored until
 * delivered, and the bus may be Redis); each side fetches a new message through the presenter,
 * so the supporter's copy carries the screen's verdict and the member's does not.
 */
export class ConversationsService {
  private readonly lastTyping = new Map<string, number>();
  private crisisNumbersCache: { at: number; numbers: string[] } | null = null;

  constructor(private readonly deps: ConversationsDeps) {}

  // ── access ─────────────────────────────────────────────────────────────────
  /**
   * The viewer's side of the conversation. Participants are known from the row; anyone else asks
   * the mentoring core. A supervisor without a current grant gets 403, as on the mentorship itself
   * (`MentoringService.getMentorship`): supervisors are the only ones a grant (the member's consent,
   * or an escalation) can let in, and the answer says so. Anyone else, admins included, gets 404,
   * so ids reveal nothing.
   */
  private async accessOf(db: Executor, actor: Actor, mentorshipId: string): Promise<Access> {
    const conversation = await repo.findConversation(db, mentorshipId);
    if (conversation) {
      if (conversation.member_id === actor.userId) return { conversation, role: 'member' };
      if (conversation.supporter_id === actor.userId) return { conversation, role: 'supporter' };
      // In the caller's transaction: on SQLite a query outside it would wait for it forever.
      const may = await this.deps.access.mayReadConversation(actor, mentorshipId, db);
      if (may === 'supervisor') return { conversation, role: 'supervisor' };
    }
    if (conversation && hasRole(actor, 'supervisor')) {
      throw forbidden('A supervisor can open a mentoring conversation only with the member’s consent or after an escalation.');
    }
    throw notFound('That conversation was not found.');
  }

  private async participantOf(db: Executor, actor: Actor, mentorshipId: string): Promise<Access & { role: 'member' | 'supporter' }> {
    const a = await this.accessOf(db, actor, mentorshipId);
    if (a.role === 'supervisor') throw forbidden('Supervisors can read this conversation but only the two participants write in it.');
    return a as Access & { role: 'member' | 'supporter' };
  }

  private open(row: MessageRow): string {
    return this.deps.keyring.field.decrypt(row.body_enc, messageAad(row.mentorship_id));
  }

  private seal(mentorshipId: string, text: string): string {
    return this.deps.keyring.field.encrypt(text, messageAad(mentorshipId));
  }

  private async viewerFor(db: Executor, actor: Actor, a: Access, rows: MessageRow[]): Promise<MessageViewer> {
    const mayVerdict = a.role === 'supporter' || a.role === 'supervisor';
    const screeningIds = mayVerdict ? rows.filter((r) => r.screening_id && r.sender_id === a.conversation.member_id).map((r) => r.screening_id!) : [];
    const screenings = await repo.screenings(db, screeningIds);
    return { userId: actor.userId, role: a.role, conversation: a.conversation, handles: handlesOf(a.conversation), screenings, open: (row) => this.open(row) };
  }

  // ── reading ────────────────────────────────────────────────────────────────
  /**
   * A page of history, newest first (keyset on the UUIDv7 id: a message written meanwhile is
   * newer than every cursor, so pages neither skip nor repeat). A supervisor's read is audited in
   * the same transaction; the participants' own reads are not.
   */
  async listMessages(actor: Actor, mentorshipId: string, query: { cursor?: string | undefined; limit: number }): Promise<MessagePage> {
    const before = decodeMessageCursor(query.cursor);
    const read = async (db: Executor, a: Access) => {
      const rows = await repo.page(db, mentorshipId, { before, limit: query.limit + 1, viewerId: a.role === 'supervisor' ? null : actor.userId, shownHeldLevel: SHOWN_HELD_LEVEL });
      const pageRows = rows.slice(0, query.limit);
      const viewer = await this.viewerFor(db, actor, a, pageRows);
      return {
        conversation: await this.conversationState(db, actor, a),
        messages: pageRows.map((r) => presentMessage(r, viewer)),
        nextCursor: rows.length > query.limit ? encodeMessageCursor(pageRows.at(-1)!.id) : null,
      };
    };
    const a = await this.accessOf(this.deps.db, actor, mentorshipId);
    if (a.role !== 'supervisor') return read(this.deps.db, a);
    return this.deps.uow.run(async (tx) => {
      await this.deps.access.recordSupervisorOpening(tx, actor, mentorshipId);
      return read(tx.trx, a);
    });
  }

  /** One message (what a client fetches after a `mentoring.message_created` event). */
  async getMessage(actor: Actor, mentorshipId: string, messageId: string): Promise<MessageView> {
    const read = async (db: Executor, a: Access) => {
      const row = await repo.findMessage(db, messageId);
      const hidden = !row || row.mentorship_id !== mentorshipId || (a.role !== 'supervisor' && hiddenFrom(row, actor.userId));
      if (hidden) throw notFound('That message was not found.');
      return presentMessage(row, await this.viewerFor(db, actor, a, [row]));
    };
    const a = await this.accessOf(this.deps.db, actor, mentorshipId);
    if (a.role !== 'supervisor') return read(this.deps.db, a);
    return this.deps.uow.run(async (tx) => {
      await this.deps.access.recordSupervisorOpening(tx, actor, mentorshipId);
      return read(tx.trx, a);
    });
  }

  private async conversationState(db: Executor, actor: Actor, a: Access): Promise<ConversationState> {
    const [receipts, unread, availability] = await Promise.all([
      a.role === 'supervisor' ? Promise.resolve({ deliveredUpTo: null, readUpTo: null }) : repo.receiptsOfMine(db, a.conversation.id, actor.userId),
      a.role === 'supervisor' ? Promise.resolve(new Map<string, number>()) : repo.unreadCounts(db, [a.conversation.id], actor.userId),
      a.role === 'member' && a.conversation.status === 'active' && a.conversation.supporter_id ? this.supporterAvailability(db, a.conversation.supporter_id, this.deps.clock.now()) : Promise.resolve(null),
    ]);
    return presentConversationState({ conversation: a.conversation, role: a.role, availability, receipts, unread: unread.get(a.conversation.id) ?? 0 });
  }

  /** Unread counts and last activity for each of the viewer's conversations. */
  async summary(actor: Actor) {
    const db = this.deps.db;
    const convs = await repo.conversationsOf(db, actor.userId);
    const ids = convs.map((c) => c.id);
    const [unread, last] = await Promise.all([repo.unreadCounts(db, ids, actor.userId), repo.lastMessageAt(db, ids, actor.userId, SHOWN_HELD_LEVEL)]);
    const conversations = convs.map((c) => ({
      mentorshipId: c.id,
      role: (c.member_id === actor.userId ? 'member' : 'supporter') as 'member' | 'supporter',
      status: c.status,
      unread: unread.get(c.id) ?? 0,
      lastMessageAt: last.get(c.id) ?? null,
    }));
    return { conversations, totalUnread: conversations.reduce((n, c) => n + c.unread, 0) };
  }

  // ── writing ────────────────────────────────────────────────────────────────
  /**
   * Sends a message: only a participant of an active mentorship. In one transaction: the safety
   * screen (recorded; an alert at level ≥ 3 and, on the member's message, an escalation grant),
   * the contact-detail check (held, not delivered, queued for review), the sealed row, the
   * supporter's auto-reply when they are away or outside their hours (once per gap), and the
   * events. A retry with the same clientId answers with the first message and stores nothing.
   */
  async send(actor: Actor, mentorshipId: string, input: NewMessageBody): Promise<MessageSent> {
    const numbers = await this.crisisNumbers();
    let outcome: { row: MessageRow; notice: SafetyNotice | null; held: MessageSent['held']; autoReply: MessageRow | null; created: boolean; a: Access } | null = null;
    let stored: { existing: MessageRow; a: Access } | null = null;
    // A retry (or the key met again with other words) is answered before anything is screened: a
    // held key skips the write limit, so it must not buy a screened write and its rollback each
    // time. One indexed read; a twin racing past it still meets the unique index below.
    const prior = await repo.findByClientId(this.deps.db, mentorshipId, input.clientId);
    if (prior) stored = { existing: prior, a: await this.participantOf(this.deps.db, actor, mentorshipId) };
    else {
      try {
        // Two racing with one key: the loser's insert fails on the unique (mentorship, clientId)
        // index and its whole transaction (screening, alert, hold) rolls back.
        const result = await this.deps.uow.run(async (tx): Promise<{ existing: MessageRow; a: Access } | { written: Awaited<ReturnType<ConversationsService['write']>>; a: Access }> => {
          const a = await this.participantOf(tx.trx, actor, mentorshipId);
          if (a.conversation.status !== 'active') {
            // A retry of a message sent before the end is still answered.
            const existing = await repo.findByClientId(tx.trx, mentorshipId, input.clientId);
            if (existing) return { existing, a };
            throw conflict('This conversation has ended. You can still read it, but new messages cannot be sent.');
          }
          return { written: await this.write(tx, actor, a, input, numbers), a };
        });
        if ('existing' in result) stored = result;
        else outcome = { ...result.written, a: result.a };
      } catch (err) {
        // A retry, or two racing: the loser's transaction rolled back whole; answer with the first message.
        if (!isUniqueViolationOf(err, 'mentorship_messages_client_idx', 'mentorship_messages.mentorship_id, mentorship_messages.client_id')) throw err;
        const existing = await repo.findByClientId(this.deps.db, mentorshipId, input.clientId);
        if (!existing) throw err;
        stored = { existing, a: await this.participantOf(this.deps.db, actor, mentorshipId) };
      }
    }
    // The replay reads outside the transaction (crisis lines, handles): it only reads.
    if (stored) outcome = { ...(await this.replay(stored.existing, actor, input, numbers, stored.a)), a: stored.a };
    if (!outcome) throw new Error('unreachable: a message was neither written nor found');
    const rows = outcome.autoReply ? [outcome.row, outcome.autoReply] : [outcome.row];
    const viewer = await this.viewerFor(this.deps.db, actor, outcome.a, rows);
    return {
      message: presentMessage(outcome.row, viewer),
      notice: outcome.notice,
      held: outcome.held,
      autoReply: outcome.autoReply ? presentMessage(outcome.autoReply, viewer) : null,
      created: outcome.created,
    };
  }

  private async write(tx: Tx, actor: Actor, a: Access & { role: 'member' | 'supporter' }, input: NewMessageBody, numbers: string[]) {
    const { conversation } = a;
    const id = newId(tx.now.getTime());
    const text = input.body;
    const screened = await this.deps.safety.screenAndRecord(tx, { userId: actor.userId, objectType: MESSAGE_OBJECT_TYPE, objectId: id, text, surface: 'message', region: actor.region });
    const contacts = findContactDetails(text, { allowedNumbers: numbers, allowedHandles: handlesOf(conversation).values() });
    // A safety hold wins: the other side then sees that a message waits for review (their
    // supporter needs to know), never its words. A contact-detail hold reaches no one but the sender.
    const holdReason: MessageRow['hold_reason'] = screened.heldId ? 'safety' : contacts.length > 0 ? 'contact_details' : null;
    const row: MessageRow = {
      id,
      mentorship_id: conversation.id,
      sender_id: actor.userId,
      kind: 'text',
      body_enc: this.seal(conversation.id, text),
      state: holdReason ? 'held' : 'visible',
      hold_reason: holdReason,
      screening_level: screened.screening.level,
      created_at: tx.now.toISOString(),
      delivered_at: null,
      read_at: null,
      client_id: input.clientId,
      screening_id: screened.screeningId,
      alert_id: screened.alertId,
    };
    await repo.insertMessage(tx.trx, row);
    // A pattern of contact-detail attempts is a grooming signal: supervisors see held ones in their queue.
    if (holdReason === 'contact_details') {
      await this.deps.safety.holdForReview(tx, { userId: actor.userId, objectType: MESSAGE_OBJECT_TYPE, objectId: id, reason: 'contact_details' });
    }
    if (a.role === 'member' && screened.alertId) {
      await this.deps.access.grantEscalationAccess(
        tx,
        conversation.id,
        screened.alertId,
        'A message in this conversation suggested the member might be at risk, so a supervisor may read it to help.',
      );
    }
    await this.announce(tx, row, conversation);

    let autoReply: MessageRow | null = null;
    if (a.role === 'member' && !hiddenFromOtherSide(row) && conversation.supporter_id) {
      autoReply = await this.autoReplyIfAway(tx, conversation.id, conversation.supporter_id);
    }
    return {
      row,
      notice: screened.notice.showCrisisResponse ? screened.notice : null,
      held: heldExplanation(row, contactKinds(contacts), screened.notice.heldReason),
      autoReply,
      created: true,
    };
  }

  /**
   * Whether this person already sent a message with this key here: a retry, answered with it, so
   * the write limit does not count it (ADR 042).
   */
  async sentWithKey(actor: Actor, mentorshipId: string, clientId: string): Promise<boolean> {
    const row = await repo.findByClientId(this.deps.db, mentorshipId, clientId);
    return !!row && row.sender_id === actor.userId;
  }

  /** A retry: the stored message, with the same notice and explanation the first answer carried. */
  private async replay(row: MessageRow, actor: Actor, input: NewMessageBody, numbers: string[], a: Access) {
    if (row.sender_id !== actor.userId) throw conflict('That clientId belongs to another message. Make a new one for each message.');
    // Removed by a supervisor (its words emptied): answered as every create's removed object is.
    if (row.state === 'removed') throw createdThenRemoved();
    const text = this.open(row);
    // The same key with other words is another message (ADR 042): refused, as every create's key is.
    // Compared with the stored (sealed) words themselves, so no digest of them is kept.
    if (text !== input.body) throw keyReused();
    const plan = responseFor(screen(text, { surface: 'message' }));
    let notice: SafetyNotice | null = null;
    if (plan.showCrisisResponse) {
      const res = await this.deps.safety.crisisResources(actor.region);
      notice = {
        level: row.screening_level,
        showCrisisResponse: true,
        headline: plan.headline,
        firstStep: plan.firstStep,
        helperGuidance: plan.helperGuidance ?? null,
        held: row.hold_reason === 'safety' && row.state === 'held',
        heldReason: row.hold_reason === 'safety' ? (plan.reasonForHold ?? null) : null,
        region: actor.region,
        resources: [...res.lines, ...res.directory],
      };
    }
    const kinds = row.hold_reason === 'contact_details' ? contactKinds(findContactDetails(text, { allowedNumbers: numbers, allowedHandles: handlesOf(a.conversation).values() })) : [];
    return { row, notice, held: heldExplanation(row, kinds, plan.reasonForHold ?? null), autoReply: null, created: false };
  }

  /**
   * Announces a message by id: to the conversation's room when the other side may know it exists
   * (visible, or held by the safety screen as a placeholder), else to the sender's own devices.
   */
  private async announce(tx: Tx, row: MessageRow, conversation: ConversationRow): Promise<void> {
    const data = { mentorshipId: conversation.id, messageId: row.id, senderId: row.sender_id, kind: row.kind, createdAt: row.created_at };
    const rooms = hiddenFromOtherSide(row) ? (row.sender_id ? [`user:${row.sender_id}`] : []) : [`mentorship:${conversation.id}`];
    if (rooms.length) await tx.emit('mentoring.message_created', data, rooms);
  }

  // ── the supporter's boundaries ───────────────────────────────────────────────
  /**
   * Whether the supporter is inside their hours and not away, and if not, when a reply is likely:
   * their return from away mode, then the start of their next window. No windows at all means
   * "no set hours": available unless away.
   */
  private async supporterAvailability(db: Executor, supporterId: string, at: Date): Promise<SupporterAvailability | null> {
    const p = await repo.supporterBoundaries(db, supporterId);
    if (!p) return null;
    return availabilityOf(p, at);
  }

  /**
   * The supporter's auto-reply, once per conversation per gap in their availability: a gap is
   * the same while the supporter has not been available since the last auto-reply.
   */
  private async autoReplyIfAway(tx: Tx, mentorshipId: string, supporterId: string): Promise<MessageRow | null> {
    const p = await repo.supporterBoundaries(tx.trx, supporterId);
    if (!p?.auto_reply || p.auto_reply_state !== 'visible') return null;
    const now = tx.now;
    if (availabilityOf(p, now).availableNow) return null;
    const last = await repo.lastAutoReplyAt(tx.trx, mentorshipId);
    if (last) {
      const then = new Date(last.created_at);
      const since = availabilityOf(p, then);
      const firstAvailable = since.availableNow ? then : since.replyLikelyAfter;
      // Not available at any moment since the last auto-reply: the same gap.
      if (!firstAvailable || firstAvailable.getTime() > now.getTime()) return null;
    }
    const row: MessageRow = {
      id: newId(now.getTime()),
      mentorship_id: mentorshipId,
      sender_id: supporterId,
      kind: 'auto_reply',
      body_enc: this.seal(mentorshipId, p.auto_reply),
      state: 'visible',
      hold_reason: null,
      // Screened when the supporter saved it (held until reviewed when it needed to be).
      screening_level: 0,
      created_at: now.toISOString(),
      delivered_at: null,
      read_at: null,
      client_id: null,
      screening_id: null,
      alert_id: null,
    };
    await repo.insertMessage(tx.trx, row);
    await tx.emit('mentoring.message_created', { mentorshipId, messageId: row.id, senderId: supporterId, kind: 'auto_reply', createdAt: row.created_at }, [`mentorship:${mentorshipId}`]);
    return row;
  }

  /** The supporter's own load over the last 7 days, with a gentle prompt when it is high. */
  async load(actor: Actor): Promise<SupporterLoad> {
    if (!hasRole(actor, 'peer_supporter')) throw forbidden('Only peer supporters have a mentoring load.');
    const load = await this.loadOf(this.deps.db, actor.userId);
    if (!load) throw notFound('Set up your supporter profile first.');
    return load;
  }

  /**
   * A supporter's load (null without a supporter profile). Also what their supervisor's dashboard
   * shows: load and burnout signals reach the supporter and their supervisor alike.
   */
  async loadOf(db: Executor, supporterId: string): Promise<SupporterLoad | null> {
    const p = await repo.supporterBoundaries(db, supporterId);
    if (!p) return null;
    const now = this.deps.clock.now();
    const [activeMentees, sent] = await Promise.all([repo.activeMentees(db, supporterId), repo.sentSince(db, supporterId, new Date(now.getTime() - WEEK_MS).toISOString())]);
    const lateNight = sent.filter((iso) => {
      const ms = new Date(iso).getTime();
      const hour = new Date(ms + zoneOffsetMs(p.time_zone, ms)).getUTCHours();
      return hour >= LATE_NIGHT.fromHour || hour < LATE_NIGHT.toHour;
    }).length;
    const reasons: SupporterLoad['reasons'] = [];
    if (sent.length >= LOAD_THRESHOLDS.messagesPerWeek) reasons.push('many_messages');
    if (lateNight >= LOAD_THRESHOLDS.lateNightPerWeek) reasons.push('late_nights');
    if (activeMentees >= p.capacity && sent.length >= LOAD_THRESHOLDS.fullCaseloadMessagesPerWeek) reasons.push('full_caseload');
    return {
      activeMentees,
      capacity: p.capacity,
      messagesLast7Days: sent.length,
      lateNightMessagesLast7Days: lateNight,
      high: reasons.length > 0,
      reasons,
      prompt: reasons.length > 0 ? 'prompt_high' : null,
      thresholds: { ...LOAD_THRESHOLDS },
    };
  }

  // ── receipts and typing ─────────────────────────────────────────────────────
  /**
   * ✓ delivered / ✓ read: stamps every message of the other side up to `upTo` and tells the room.
   * Also on an ended conversation (its history is still read).
   */
  async receipt(actor: Actor, mentorshipId: string, upTo: string, kind: 'delivered' | 'read') {
    return this.deps.uow.run(async (tx) => {
      const a = await this.participantOf(tx.trx, actor, mentorshipId);
      const target = await repo.findMessage(tx.trx, upTo);
      if (!target || target.mentorship_id !== mentorshipId || hiddenFrom(target, actor.userId)) {
        throw badRequest('upTo: is not a message of this conversation', { fields: [{ path: 'upTo', message: 'is not a message of this conversation' }] });
      }
      const at = tx.now.toISOString();
      const updated = await repo.markReceipts(tx.trx, { mentorshipId, viewerId: actor.userId, upTo, at, read: kind === 'read' });
      if (updated > 0) {
        const data = { mentorshipId, byUserId: actor.userId, upTo, at };
        await tx.emit(kind === 'read' ? 'mentoring.messages_read' : 'mentoring.messages_delivered', data, [`mentorship:${a.conversation.id}`]);
      }
      return { updated, upTo, at };
    });
  }

  /**
   * "… is typing": an ephemeral event straight on the bus (never stored: it means nothing a
   * second later), at most one per sender per 3 s. The limit is per instance: behind a load
   * balancer a sender may reach a few instances, which still bounds the fan-out.
   */
  async typing(actor: Actor, mentorshipId: string): Promise<{ forwarded: boolean }> {
    const a = await this.participantOf(this.deps.db, actor, mentorshipId);
    if (a.conversation.status !== 'active') throw conflict('This conversation has ended.');
    const now = this.deps.clock.now().getTime();
    const key = `${mentorshipId}:${actor.userId}`;
    const last = this.lastTyping.get(key);
    if (last !== undefined && now - last < CONVERSATION_LIMITS.typingIntervalMs) return { forwarded: false };
    this.lastTyping.set(key, now);
    if (this.lastTyping.size > TYPING_MEMORY) {
      for (const [k, t] of this.lastTyping) if (now - t >= CONVERSATION_LIMITS.typingIntervalMs) this.lastTyping.delete(k);
    }
    const at = new Date(now).toISOString();
    try {
      await this.deps.bus.publish({
        id: newId(now),
        type: 'mentoring.typing',
        occurredAt: at,
        rooms: [`mentorship:${mentorshipId}`],
        data: { mentorshipId, userId: actor.userId, handle: actor.handle, at },
      });
    } catch {
      // The bus is down (a publish fails at once, or within PUBLISH_TIMEOUT_MS): a typing hint is
      // worthless a moment later, so it is dropped, not kept, and the request is not failed for it.
      return { forwarded: false };
    }
    return { forwarded: true };
  }

  // ── the review queue ────────────────────────────────────────────────────────
  /**
   * A 1:1 message's words for the supervisor who opens an alert raised on it, under the conversation's
   * own rule: only with a current grant (the member's consent, or an escalation), as the conversation
   * itself (`accessOf`); otherwise `private`, never wider. Removed or deleted words are gone. Shown,
   * it is an opening of the conversation like any other: both people's audit logs name the grant
   * (`recordSupervisorOpening`, in the alert's transaction).
   */
  alertSource(): AlertWordsSource {
    return {
      objectType: MESSAGE_OBJECT_TYPE,
      words: async (tx, id, reader) => {
        const row = await repo.findMessage(tx.trx, id);
        if (!row || row.state === 'removed') return { state: 'gone' };
        if ((await this.deps.access.mayReadConversation(reader, row.mentorship_id, tx.trx)) !== 'supervisor') return { state: 'private' };
        await this.deps.access.recordSupervisorOpening(tx, reader, row.mentorship_id);
        return { state: 'shown', text: this.open(row), title: null, link: null };
      },
    };
  }

  /**
   * Held messages (contact details, or the safety screen) in the supervisors' queue. Reading one
   * is a privileged read of a private conversation: audited for its writer, once a day per reviewer.
   */
  heldMessageHandler(): HeldContentHandler {
    const publishState = async (tx: Tx, row: MessageRow, wasHiddenFromOther: boolean) => {
      const conversation = await repo.findConversation(tx.trx, row.mentorship_id);
      if (!conversation) return;
      const updated = (await repo.findMessage(tx.trx, row.id))!;
      if (updated.state === 'visible' && wasHiddenFromOther) return this.announce(tx, updated, conversation);
      const rooms = wasHiddenFromOther ? (row.sender_id ? [`user:${row.sender_id}`] : []) : [`mentorship:${row.mentorship_id}`];
      if (rooms.length) await tx.emit('mentoring.message_updated', { mentorshipId: row.mentorship_id, messageId: row.id, state: updated.state }, rooms);
    };
    return {
      objectType: MESSAGE_OBJECT_TYPE,
      surface: 'message',
      // Removed: new words would bring it back.
      refusesWords: async (tx, id) => {
        const row = await repo.findMessage(tx.trx, id);
        if (!row) return 'This message no longer exists.';
        return row.state === 'removed' ? 'This message was removed.' : null;
      },
      preview: async (tx, id, reviewer) => {
        const row = await repo.findMessage(tx.trx, id);
        if (!row || row.state === 'removed') return null;
        if (row.sender_id && reviewer) {
          const since = new Date(tx.now.getTime() - 86_400_000).toISOString();
          const action = 'mentoring.held_message_reviewed';
          if (!(await repo.auditedSince(tx.trx, { subjectUserId: row.sender_id, actorId: reviewer.userId, action, objectId: id, since }))) {
            await recordAccess(
              tx.trx,
              {
                subjectUserId: row.sender_id,
                actorId: reviewer.userId,
                actorRole: hasRole(reviewer, 'supervisor') ? 'supervisor' : 'admin',
                action,
                objectType: MESSAGE_OBJECT_TYPE,
                objectId: id,
                reason:
                  row.hold_reason === 'contact_details'
                    ? 'A message you wrote in a 1:1 conversation was held because it contained contact details, and a supervisor reviewed it.'
                    : 'A message you wrote in a 1:1 conversation was held by the safety check, and a supervisor reviewed it.',
              },
              tx.now,
            );
          }
        }
        return { text: this.open(row), anonymous: false };
      },
      release: async (tx, id) => {
        const row = await repo.findMessage(tx.trx, id);
        if (!row || row.state !== 'held') return;
        await repo.updateMessage(tx.trx, id, { state: 'visible' });
        await publishState(tx, row, hiddenFromOtherSide(row));
      },
      remove: async (tx, id) => {
        const row = await repo.findMessage(tx.trx, id);
        if (!row || row.state === 'removed') return;
        // The words go for good; the row stays so the history has no unexplained gap for the sender.
        await repo.updateMessage(tx.trx, id, { state: 'removed', body_enc: this.seal(row.mentorship_id, '') });
        await publishState(tx, row, hiddenFromOtherSide(row));
      },
      replaceText: async (tx, id, text) => {
        const row = await repo.findMessage(tx.trx, id);
        if (!row) return;
        await repo.updateMessage(tx.trx, id, { state: 'visible', body_enc: this.seal(row.mentorship_id, text) });
        await publishState(tx, row, hiddenFromOtherSide(row));
      },
    };
  }

  /** Crisis-directory numbers may always be shared (refreshed every 10 minutes). */
  private async crisisNumbers(): Promise<string[]> {
    const now = Date.now();
    if (!this.crisisNumbersCache || now - this.crisisNumbersCache.at > 600_000) {
      this.crisisNumbersCache = { at: now, numbers: await repo.crisisNumbers(this.deps.db) };
    }
    return this.crisisNumbersCache.numbers;
  }
}

// ── helpers ─────────────────────────────────────────────────────────────────────
function handlesOf(c: ConversationRow): Map<string, string> {
  const m = new Map<string, string>();
  if (c.member_id && c.member_handle) m.set(c.member_id, c.member_handle);
  if (c.supporter_id && c.supporter_handle) m.set(c.supporter_id, c.supporter_handle);
  return m;
}

/**
 * A message held for contact details (or removed after such a hold) is hidden from the other
 * side — unless it also screened ≥ 2: then the supporter must know that their mentee wrote
 * something worrying, and sees it held, without its words, with the verdict (repository: visibleTo).
 */
function hiddenFromOtherSide(row: MessageRow): boolean {
  return row.hold_reason === 'contact_details' && row.state !== 'visible' && row.screening_level < SHOWN_HELD_LEVEL;
}

function hiddenFrom(row: MessageRow, viewerId: string): boolean {
  return hiddenFromOtherSide(row) && row.sender_id !== viewerId;
}

function heldExplanation(row: MessageRow, found: string[], safetyReason: string | null): MessageSent['held'] {
  if (row.state !== 'held') return null;
  if (row.hold_reason === 'contact_details') return { reason: 'contact_details', found, message: HELD_CONTACT_DETAILS_EXPLANATION };
  return {
    reason: 'safety',
    found: [],
    message: `Your message is waiting for a supervisor to look at it before it is shown. ${safetyReason ?? ''}`.trim(),
  };
}

export function availabilityOf(
  p: { time_zone: string; availability: string; away_until: string | null; away_message: string | null; away_message_state: string },
  at: Date,
): SupporterAvailability {
  const awayUntil = p.away_until && new Date(p.away_until).getTime() > at.getTime() ? new Date(p.away_until) : null;
  const away = awayUntil ? { until: awayUntil.toISOString(), message: p.away_message_state === 'visible' ? p.away_message : null } : null;
  const windows = JSON.parse(p.availability) as AvailabilityWindow[];
  const supporter = { timeZone: p.time_zone, availability: windows };
  if (windows.length === 0) return { availableNow: !awayUntil, replyLikelyAfter: awayUntil, away };
  if (!awayUntil && availableAt(supporter, at)) return { availableNow: true, replyLikelyAfter: null, away: null };
  return { availableNow: false, replyLikelyAfter: nextAvailableAt(supporter, awayUntil ?? at), away };
}

const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque cursors: base64url of the last message id of the page. */
export function encodeMessageCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeMessageCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!CURSOR_ID.test(id)) throw badRequest('cursor: is not a cursor this server gave out', { fields: [{ path: 'cursor', message: 'is not valid' }] });
  return id;
}

