import type { z } from 'zod';
import {
  MENTORING_LIMITS,
  type AwayBody,
  type EscalateBody,
  type FeedbackBody,
  type GrantView,
  type HandoverBody,
  type MentoringReportBody,
  type MentorshipView,
  type NewRequestBody,
  type OfferView,
  type SupporterProfileBody,
  type SupportRequestView,
} from '../../../contracts/mentoring.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import type { Actor, RoomAsk } from '../../platform/actor.js';
import { recordAccess } from '../../platform/audit.js';
import type { Bus, BusEvent } from '../../platform/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Keyring } from '../../platform/crypto.js';
import { isUniqueViolationOf, type Db, type Dialect, type Executor } from '../../platform/db.js';
import { type Created, type IdempotentCreates } from '../../platform/idempotency.js';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { OutboxConsumer, Tx, UnitOfWork } from '../../platform/outbox.js';
import { nothingWrittenMeanwhile, type PersonalDataContributor } from '../../platform/privacy.js';
import type { SupporterProfilesTable } from '../../platform/schema.js';
import type { HeldContentHandler, SafetyService, ScreenRequest, ScreenResult, TextScreener } from '../safety/safety.service.js';
import type { CertificateGate } from '../training/training.service.js';
import { CERTIFICATE_ISSUED, CERTIFICATE_LAPSED, type CertificateIssuedEvent, type CertificateLapsedEvent } from '../../../contracts/training.js';
import { findContactDetails } from '../../../safety/contact-details.js';
import { SupporterIndex, type SupporterCandidate } from './matching.js';
import { mentoringPolicy, isSupervisor, isSupporter } from './mentoring.policy.js';
import {
  parseJson,
  presentGrant,
  presentHandover,
  presentMentorship,
  presentOffer,
  presentOwnProfile,
  presentRequest,
  presentSupporter,
  type OfferCounts,
  type PersonRefLike,
  type StoredPreferences,
} from './mentoring.presenter.js';
import { daysBefore, mentoringRepository as repo, type GrantRow, type HandoverRow, type MentorshipRow, type ProfileRow, type RequestRow } from './mentoring.repository.js';

export interface MentoringDeps {
  db: Db;
  dialect: Dialect;
  uow: UnitOfWork;
  clock: Clock;
  keyring: Keyring;
  config: Config;
  bus: Bus;
  /** The safety screen, and the review queue for closing messages that share contact details. */
  screener: TextScreener & Pick<SafetyService, 'holdForReview' | 'raiseReferral' | 'heldNow'>;
  /** Taking new mentees needs a valid peer supporter certificate (training module). */
  certificates: CertificateGate;
  /** Who supervises a supporter (the supervision module's assignments). */
  supervisors: SupervisorLookup;
  /** A retried support request is stored once (ADR 042). */
  creates: IdempotentCreates;
  log?: { warn(obj: unknown, msg: string): void };
}

/**
 * Of a mentorship's current grants, those a supervisor may use: an escalation opens it to every
 * supervisor; the member's consent only to the supporter's supervisor now (`assigned`).
 */
function grantsUsableBy(actor: Actor, grants: GrantRow[], assigned: string | null): GrantRow[] {
  return assigned === actor.userId ? grants : grants.filter((g) => g.kind !== 'consent');
}

/** The assigned supervisor of a supporter, or null (the supervision module answers). */
export interface SupervisorLookup {
  supervisorOf(db: Executor, supporterId: string): Promise<string | null>;
  /** supervisorOf for many supporters in one read: those with no supervisor are absent. */
  supervisorsOf(db: Executor, supporterIds: readonly string[]): Promise<Map<string, string>>;
}

/** Internal event (never reaches a browser): every instance reloads these supporters into its index. */
export const SUPPORTER_CHANGED = 'mentoring.supporter_changed';
/**
 * Internal event (through the outbox, never to a browser): these supporters may have room for
 * someone new now (an open profile saved, back from away, a mentorship ended, a certificate issued).
 * Its consumer offers them, at once, waiting requests that nobody has in front of them.
 */
export const SUPPORTER_FREED = 'mentoring.supporter_freed';
/**
 * Waiting requests without a live offer whose preferences a freed supporter fits, looked at per
 * freed supporter event (oldest first, read a page at a time), and the most rows read to find them;
 * the sweep's rounds take the rest.
 */
const FREED_REQUESTS_SCAN = 100;
const FREED_ROWS_SCAN = 1000;
const FREED_PAGE = 100;

/** Where each kind of text is sealed: the associated data binds a ciphertext to its row. */
export const aad = {
  topic: (requestId: string) => `support_requests:${requestId}`,
  /** The conversation's messages (this module writes only `closing` ones). */
  message: (mentorshipId: string) => `mentorship_messages:${mentorshipId}`,
  handoverNote: (handoverId: string) => `handovers:${handoverId}`,
  feedback: (mentorshipId: string) => `mentorship_feedback:${mentorshipId}`,
  reportNote: (reportId: string) => `mentoring_reports:${reportId}`,
  grantNote: (grantId: string) => `supervisor_access_grants:${grantId}`,
};

/** Object types this module screens (the review queue decides held ones through our handlers). */
export const SCREENED = {
  intro: 'supporter_intro',
  autoReply: 'supporter_auto_reply',
  awayMessage: 'supporter_away_message',
  topic: 'support_request',
  handoverNote: 'mentoring_handover_note',
  feedbackNote: 'mentoring_feedback_note',
  reportNote: 'mentoring_report_note',
  escalationNote: 'mentoring_escalation_note',
  canHelpWith: 'supporter_can_help_with',
  cannotHelpWith: 'supporter_cannot_help_with',
  /** Closing messages are conversation messages: the conversation module's handler decides them. */
  message: 'mentorship_message',
} as const;

const DAY_MS = 86_400_000;
/**
 * The whole supporter index is read again from the database this often (on the mentoring sweep):
 * the bound on how far behind it can be on what no offer checks (a change whose bus event this
 * instance missed, Redis being down; the 7-day assignment counts of fairness aging; a supporter
 * who left matching without an event reaching here). MATCHING.md, ADR 033.
 */
export const INDEX_RELOAD_MS = 10 * 60_000;
/** Passes over the index a round may take to replace ranked supporters the database says cannot take anyone now. */
const ROUND_PASSES = 3;

type ProfileBody = z.infer<typeof SupporterProfileBody>;
type Away = z.infer<typeof AwayBody>;

/** One-to-one peer mentoring: supporter profiles, requests and offers, mentorships, handovers, boundaries, supervisor access. */
export class MentoringService {
  /** The ranking cache (another helper's engine): the database stays the authority for capacity. */
  readonly index = new SupporterIndex();
  private unsubscribe: (() => void) | null = null;
  private reloadQueue: Promise<void> = Promise.resolve();
  /** When (by the clock) the whole index was last read from the database. */
  private lastFullReload = -Infinity;

  constructor(private readonly deps: MentoringDeps) {}

  // ── the supporter index ───────────────────────────────────────────────────────

  /** Loads every supporter into the index and keeps it in step with the other instances. */
  async start(): Promise<void> {
    await this.reloadSupporters(null);
    this.unsubscribe = this.deps.bus.subscribe((event) => void this.onBusEvent(event));
  }

  private async onBusEvent(event: BusEvent): Promise<void> {
    try {
      if (event.type === SUPPORTER_CHANGED) await this.reloadSupporters((event.data as { userIds: string[] }).userIds);
      else if (event.type === 'account.roles_changed') await this.reloadSupporters([(event.data as { userId: string }).userId]);
      // A certificate issued, expired or revoked: the supporter enters or leaves matching.
      else if (event.type === CERTIFICATE_ISSUED || event.type === CERTIFICATE_LAPSED) {
        const { userId, kind } = event.data as CertificateIssuedEvent | CertificateLapsedEvent;
        if (kind === 'peer_supporter') await this.reloadSupporters([userId]);
      }
    } catch (err) {
      this.deps.log?.warn({ err: (err as Error).message }, 'mentoring: could not reload a supporter into the index');
    }
  }

  /**
   * Reads supporters (all when ids is null) and their load from the database into the index.
   * Reloads run one after another: two interleaved reloads could otherwise apply an older read
   * last (e.g. a bus event read before a profile was saved) and drop a supporter from matching.
   */
  reloadSupporters(ids: readonly string[] | null): Promise<void> {
    const next = this.reloadQueue.then(() => this.loadIntoIndex(ids));
    this.reloadQueue = next.catch(() => undefined);
    return next;
  }

  private async loadIntoIndex(ids: readonly string[] | null): Promise<void> {
    const db = this.deps.db;
    if (ids === null) this.lastFullReload = this.deps.clock.now().getTime();
    // Only supporters with a valid certificate are offered anyone.
    const certified = await this.deps.certificates.certifiedAmong(db, 'peer_supporter', ids, this.deps.clock.now());
    const profiles = (await repo.supporterProfiles(db, ids)).filter((p) => certified.has(p.user_id));
    const found = new Set(profiles.map((p) => p.user_id));
    const counts = await repo.activeCounts(db, ids);
    const recent = await repo.recentAssignments(db, daysBefore(this.deps.clock.now(), 7), ids);
    for (const p of profiles) {
      try {
        this.index.upsert(toCandidate(p, counts.get(p.user_id) ?? 0, recent.get(p.user_id)));
      } catch (err) {
        // A zone this runtime does not know: leave the supporter out rather than fail everyone.
        this.index.remove(p.user_id);
        this.deps.log?.warn({ err: (err as Error).message }, 'mentoring: supporter left out of matching');
      }
    }
    // Those no longer offered (the role or certificate gone, the profile deleted) leave the index;
    // on a full reload, whoever is in it but was not found.
    for (const id of ids ?? this.index.userIds()) if (!found.has(id)) this.index.remove(id);
  }

  /**
   * Of the supporters the index ranked (or the one asked for by name), those who can take someone
   * now, read in the transaction: the index is a cache that can be behind the database (a change
   * on another instance whose bus event this one missed, a certificate that expired before the
   * training sweep noticed). Those it had wrong go in `touched`: reloaded after the commit here,
   * and on the other instances.
   */
  private async ableNow(tx: Tx, ids: readonly string[], touched: Set<string>): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const certified = await this.deps.certificates.certifiedAmong(tx.trx, 'peer_supporter', ids, tx.now);
    const profiles = new Map((await repo.supporterProfiles(tx.trx, ids)).map((p) => [p.user_id, p]));
    const counts = await repo.activeCounts(tx.trx, ids);
    const able = new Set<string>();
    for (const id of ids) {
      const p = profiles.get(id);
      const fresh = p && certified.has(id) ? { accepting: p.accepting === 1, awayUntil: p.away_until, capacity: p.capacity, activeMentees: counts.get(id) ?? 0 } : null;
      if (fresh && canTakeMore(fresh, tx.now)) able.add(id);
      const cached = this.index.get(id);
      const same =
        fresh && cached && cached.accepting === fresh.accepting && cached.awayUntil === fresh.awayUntil && cached.capacity === fresh.capacity && cached.activeMentees === fresh.activeMentees;
      if (!same && (fresh || cached)) touched.add(id);
    }
    return able;
  }

  /** 403 `certificate_required` unless the supporter's peer supporter certificate is valid now. */
  private requireCertified(tx: Tx, userId: string): Promise<void> {
    return this.deps.certificates.requireCertificate(tx.trx, userId, 'peer_supporter', tx.now);
  }

  private async certified(tx: Tx, userId: string): Promise<boolean> {
    return (await this.deps.certificates.certifiedAmong(tx.trx, 'peer_supporter', [userId], tx.now)).has(userId);
  }

  /** Runs a unit of work, then reloads the supporters it touched here at once (others hear it on the bus). */
  private async run<T>(work: (tx: Tx, touched: Set<string>) => Promise<T>): Promise<T> {
    const touched = new Set<string>();
    const result = await this.deps.uow.run(async (tx) => {
      const out = await work(tx, touched);
      if (touched.size) await tx.emitInternal(SUPPORTER_CHANGED, { userIds: [...touched] });
      return out;
    });
    if (touched.size) await this.reloadSupporters([...touched]);
    return result;
  }

  // ── screening and sealing ─────────────────────────────────────────────────────

  private screen(tx: Tx, actor: Actor, objectType: string, objectId: string, text: string, surface: ScreenRequest['surface']): Promise<ScreenResult> {
    return this.deps.screener.screenAndRecord(tx, { userId: actor.userId, objectType, objectId, text, surface, region: actor.region });
  }

  private seal(text: string, associated: string): string {
    return this.deps.keyring.field.encrypt(text, associated);
  }

  private open(sealed: string, associated: string): string {
    return this.deps.keyring.field.decrypt(sealed, associated);
  }

  // ── supporter profile ────────────────────────────────────────────────────────

  async getOwnProfile(actor: Actor) {
    if (!mentoringPolicy.can(actor, 'supporter_profile.manage')) throw forbidden('Only peer supporters have a supporter profile.');
    const row = await repo.findProfile(this.deps.db, actor.userId);
    if (!row) return null;
    return presentOwnProfile(row, await repo.activeCountOf(this.deps.db, actor.userId), this.deps.clock.now());
  }

  async saveProfile(actor: Actor, body: ProfileBody) {
    if (!mentoringPolicy.can(actor, 'supporter_profile.manage')) throw forbidden('Only peer supporters have a supporter profile.');
    return this.run(async (tx, touched) => {
      // Saving stays open (hours, intro); becoming available to new people needs the certificate.
      if (body.accepting) await this.requireCertified(tx, actor.userId);
      const existing = await repo.findProfile(tx.trx, actor.userId);
      const iso = tx.now.toISOString();
      const notices: { field: 'intro' | 'autoReply' | 'awayMessage' | 'canHelpWith' | 'cannotHelpWith'; notice: SafetyNotice }[] = [];
      const texts = await this.screenProfileTexts(tx, actor, existing, { intro: body.intro ?? null, autoReply: body.autoReply ?? null }, notices);
      await this.screenHelpTexts(tx, actor, existing, body, notices);
      const row: SupporterProfilesTable = {
        user_id: actor.userId,
        experience_tags: JSON.stringify([...new Set(body.experienceTags)]),
        languages: JSON.stringify([...new Set(body.languages)]),
        time_zone: body.timeZone,
        availability: JSON.stringify(body.availability),
        capacity: body.capacity,
        can_help_with: body.canHelpWith ?? null,
        cannot_help_with: body.cannotHelpWith ?? null,
        intro: texts.intro,
        intro_state: texts.introState,
        gender: body.gender ?? null,
        away_until: existing?.away_until ?? null,
        away_message: existing?.away_message ?? null,
        away_message_state: existing?.away_message_state ?? 'visible',
        auto_reply: texts.autoReply,
        auto_reply_state: texts.autoReplyState,
        accepting: body.accepting ? 1 : 0,
        created_at: existing?.created_at ?? iso,
        updated_at: iso,
      };
      if (body.away !== undefined) Object.assign(row, await this.awayColumns(tx, actor, existing, body.away, notices));
      if (existing) await repo.updateProfile(tx.trx, actor.userId, row);
      else await repo.insertProfile(tx.trx, row);
      await this.afterProfileChange(tx, actor.userId, existing, row);
      touched.add(actor.userId);
      const saved = (await repo.findProfile(tx.trx, actor.userId))!;
      return { profile: presentOwnProfile(saved, await repo.activeCountOf(tx.trx, actor.userId), tx.now), notices };
    });
  }

  async setAway(actor: Actor, away: Away | null) {
    if (!mentoringPolicy.can(actor, 'supporter_profile.manage')) throw forbidden('Only peer supporters have a supporter profile.');
    return this.run(async (tx, touched) => {
      const existing = await repo.findProfile(tx.trx, actor.userId);
      if (!existing) throw conflict('Set up your supporter profile first.');
      // Coming back from away makes an accepting supporter available again.
      if (!away && existing.accepting === 1) await this.requireCertified(tx, actor.userId);
      const notices: { field: 'intro' | 'autoReply' | 'awayMessage' | 'canHelpWith' | 'cannotHelpWith'; notice: SafetyNotice }[] = [];
      const patch = { ...(await this.awayColumns(tx, actor, existing, away, notices)), updated_at: tx.now.toISOString() };
      await repo.updateProfile(tx.trx, actor.userId, patch);
      await this.afterProfileChange(tx, actor.userId, existing, { ...existing, ...patch });
      touched.add(actor.userId);
      const saved = (await repo.findProfile(tx.trx, actor.userId))!;
      return { profile: presentOwnProfile(saved, await repo.activeCountOf(tx.trx, actor.userId), tx.now), notices };
    });
  }

  /** Screens intro and auto-reply when they changed; held text waits for review, unseen by members. */
  private async screenProfileTexts(
    tx: Tx,
    actor: Actor,
    existing: ProfileRow | undefined,
    next: { intro: string | null; autoReply: string | null },
    notices: { field: 'intro' | 'autoReply' | 'awayMessage' | 'canHelpWith' | 'cannotHelpWith'; notice: SafetyNotice }[],
  ) {
    let introState = existing?.intro_state ?? 'visible';
    if (next.intro !== (existing?.intro ?? null)) {
      introState = 'visible';
      if (next.intro) {
        const r = await this.screen(tx, actor, SCREENED.intro, actor.userId, next.intro, 'bio');
        if (r.heldId) introState = 'pending';
        notices.push({ field: 'intro', notice: r.notice });
      }
    }
    let autoReplyState = existing?.auto_reply_state ?? 'visible';
    if (next.autoReply !== (existing?.auto_reply ?? null)) {
      autoReplyState = 'visible';
      if (next.autoReply) {
        const r = await this.screen(tx, actor, SCREENED.autoReply, actor.userId, next.autoReply, 'message');
        if (r.heldId) autoReplyState = 'pending';
        notices.push({ field: 'autoReply', notice: r.notice });
      }
    }
    return { intro: next.intro, introState, autoReply: next.autoReply, autoReplyState } as const;
  }

  /**
   * What a supporter can and cannot help with is screened like every text. These columns have no
   * state to wait in a review queue, so words the screen would hold (method details, harassment) are
   * refused with 422 naming the field, as the groups module refuses held names and notes.
   */
  private async screenHelpTexts(tx: Tx, actor: Actor, existing: ProfileRow | undefined, body: ProfileBody, notices: { field: 'intro' | 'autoReply' | 'awayMessage' | 'canHelpWith' | 'cannotHelpWith'; notice: SafetyNotice }[]) {
    const fields = [
      { field: 'canHelpWith', label: 'What you can help with', next: body.canHelpWith ?? null, before: existing?.can_help_with ?? null },
      { field: 'cannotHelpWith', label: 'What you cannot help with', next: body.cannotHelpWith ?? null, before: existing?.cannot_help_with ?? null },
    ] as const;
    for (const f of fields) {
      if (!f.next || f.next === f.before) continue;
      const r = await this.screen(tx, actor, SCREENED[f.field], actor.userId, f.next, 'bio');
      if (r.notice.held) {
        throw new HttpError(422, 'held_by_safety', `"${f.label}" cannot be saved as written: please take out details of methods or harm and any words aimed at a person. If you are struggling, the crisis lines are there for you.`, {
          field: f.field,
          safety: r.notice,
        });
      }
      notices.push({ field: f.field, notice: r.notice });
    }
  }

  private async awayColumns(tx: Tx, actor: Actor, existing: ProfileRow | undefined, away: Away | null, notices: { field: 'intro' | 'autoReply' | 'awayMessage' | 'canHelpWith' | 'cannotHelpWith'; notice: SafetyNotice }[]) {
    if (!away) return { away_until: null, away_message: null, away_message_state: 'visible' as const };
    const until = new Date(away.until);
    if (until.getTime() <= tx.now.getTime()) {
      throw badRequest('The return date must be in the future.', { fields: [{ path: 'away.until', message: 'must be in the future' }] });
    }
    if (until.getTime() > tx.now.getTime() + MENTORING_LIMITS.awayMaxDays * DAY_MS) {
      throw badRequest(`Away mode lasts at most ${MENTORING_LIMITS.awayMaxDays} days.`, { fields: [{ path: 'away.until', message: `must be within ${MENTORING_LIMITS.awayMaxDays} days` }] });
    }
    const message = away.message ?? null;
    let state: 'visible' | 'pending' = message === existing?.away_message ? (existing?.away_message_state ?? 'visible') : 'visible';
    if (message && message !== existing?.away_message) {
      const r = await this.screen(tx, actor, SCREENED.awayMessage, actor.userId, message, 'message');
      if (r.heldId) state = 'pending';
      notices.push({ field: 'awayMessage', notice: r.notice });
    }
    return { away_until: until.toISOString(), away_message: message, away_message_state: state };
  }

  /**
   * A supporter who goes away or stops accepting lets go of the offers in front of them, so no
   * member waits on someone absent; their mentees hear when they will be back.
   */
  private async afterProfileChange(tx: Tx, supporterId: string, before: ProfileRow | undefined, after: Omit<SupporterProfilesTable, 'user_id'> & { user_id: string }) {
    const awayNow = !!after.away_until && new Date(after.away_until).getTime() > tx.now.getTime();
    if (awayNow || after.accepting === 0) await this.releaseOffersOf(tx, supporterId);
    // Room that grew (a new profile, saved open, back from away, more places): waiting requests
    // reach them at once. A save that changes nothing about room (a bio, fewer places) scans nothing.
    else if (!before || before.accepting === 0 || (!!before.away_until && new Date(before.away_until).getTime() > tx.now.getTime()) || after.capacity > before.capacity) {
      await tx.emitInternal(SUPPORTER_FREED, { userIds: [supporterId] });
    }
    const changedForMentees =
      !before ||
      before.away_until !== after.away_until ||
      before.away_message !== after.away_message ||
      before.availability !== after.availability ||
      before.time_zone !== after.time_zone ||
      before.intro !== after.intro;
    if (changedForMentees) {
      for (const m of await repo.activeMentorshipsOfSupporter(tx.trx, supporterId)) {
        await tx.emit('mentoring.supporter_updated', { supporterId }, [`mentorship:${m.id}`, ...(m.member_id ? [`user:${m.member_id}`] : [])]);
      }
    }
  }

  /** Withdraws a supporter's pending offers and lets the affected requests widen at the next sweep. */
  private async releaseOffersOf(tx: Tx, supporterId: string, memberId?: string): Promise<void> {
    const requestIds = await repo.withdrawOffersOfSupporter(tx.trx, supporterId, tx.now.toISOString(), memberId);
    for (const requestId of requestIds) {
      await tx.emit('mentoring.offer_withdrawn', { requestId }, [`user:${supporterId}`]);
      await this.widenSoon(tx, requestId);
    }
  }

  /** When nobody has a request in front of them any more, it widens at the next sweep instead of waiting out the round. */
  private async widenSoon(tx: Tx, requestId: string): Promise<void> {
    const request = await repo.findRequest(tx.trx, requestId);
    if (!request || request.status !== 'waiting') return;
    const counts = await this.offerCounts(tx.trx, requestId);
    if (counts.pending === 0) {
      await repo.updateRequest(tx.trx, requestId, { next_widen_at: tx.now.toISOString(), updated_at: tx.now.toISOString() }, { status: 'waiting' });
    }
    await this.emitRequestUpdated(tx, requestId);
  }

  /** Supporters a person may see: their past supporters (members), colleagues (supporters), everyone (supervisors). */
  async listSupporters(actor: Actor) {
    const db = this.deps.db;
    const ids = isSupporter(actor) || isSupervisor(actor) ? null : await repo.pastSupporterIdsOf(db, actor.userId);
    const rows = (await repo.supporterProfiles(db, ids)).filter((r) => r.user_id !== actor.userId);
    const counts = await repo.activeCounts(db, rows.map((r) => r.user_id));
    const now = this.deps.clock.now();
    return rows.slice(0, 500).map((r) => presentSupporter(r, counts.get(r.user_id) ?? 0, now));
  }

  async getSupporter(actor: Actor, supporterId: string) {
    const db = this.deps.db;
    const everMatched = await repo.everMatched(db, actor.userId, supporterId);
    if (!mentoringPolicy.can(actor, 'supporter.view', { everMatched, self: supporterId === actor.userId })) {
      throw notFound('That supporter was not found.');
    }
    const [row] = await repo.supporterProfiles(db, [supporterId]);
    if (!row) throw notFound('That supporter was not found.');
    return presentSupporter(row, await repo.activeCountOf(db, supporterId), this.deps.clock.now());
  }

  // ── asking for support ────────────────────────────────────────────────────────

  /**
   * One open request per member. A member who is already in a mentorship may still ask (e.g. for
   * a second supporter with other experience): their current supporters are left out of it.
   */
  /**
   * A retry with the same `clientId` answers with the first request (ADR 042): screened, offered
   * to supporters and announced once.
   */
  async createRequest(actor: Actor, input: z.infer<typeof NewRequestBody>): Promise<Created<{ request: SupportRequestView; notice: SafetyNotice }>> {
    if (!mentoringPolicy.can(actor, 'request.create')) throw forbidden();
    const { clientId, ...body } = input;
    const touched = new Set<string>();
    let written: Created<{ request: SupportRequestView; notice: SafetyNotice }>;
    try {
      written = await this.deps.creates.run(
        actor.userId,
        clientId,
        { kind: 'mentoring.request', target: actor.userId, body },
        async (tx) => {
          touched.clear();
          const out = await this.insertRequest(tx, actor, body, touched);
          if (touched.size) await tx.emitInternal(SUPPORTER_CHANGED, { userIds: [...touched] });
          return out;
        },
        (out) => out.request.id,
        async (id) => {
          const row = await repo.findRequest(this.deps.db, id);
          if (!row || row.member_id !== actor.userId) return undefined;
          const topic = this.open(row.topic_enc, aad.topic(row.id));
          return { request: await this.requestView(this.deps.db, id), notice: await this.deps.screener.noticeAgain({ text: topic, surface: 'support_request', region: actor.region }, row.topic_held === 1) };
        },
      );
    } catch (err) {
      // Two tabs posting at once with different keys (or none): the partial unique index lets one
      // through. (Two with the same key whose first did not commit are the key's own 503, which
      // `creates.run` raises only for the key's own violation: it stays a 503, to be retried.)
      if (isUniqueViolationOf(err, 'support_requests_one_waiting_idx', 'support_requests.member_id')) throw alreadyWaiting();
      throw err;
    }
    if (!written.replayed && touched.size) await this.reloadSupporters([...touched]);
    return written;
  }

  private async insertRequest(tx: Tx, actor: Actor, body: Omit<z.infer<typeof NewRequestBody>, 'clientId'>, touched: Set<string>): Promise<{ request: SupportRequestView; notice: SafetyNotice }> {
    if (await repo.findWaitingRequestOf(tx.trx, actor.userId)) throw alreadyWaiting();
    const preferred = body.preferredSupporterId ?? null;
    if (preferred) await this.checkPreferred(tx, actor, preferred);
    const id = newId(tx.now.getTime());
    const result = await this.screen(tx, actor, SCREENED.topic, id, body.topic, 'support_request');
    const me = await repo.findUser(tx.trx, actor.userId);
    const prefs: StoredPreferences = { ...body.preferences, memberTimeZone: me?.time_zone ?? null, excludeSupporterIds: [] };
    const row: RequestRow = {
      id,
      member_id: actor.userId,
      topic_enc: this.seal(body.topic, aad.topic(id)),
      topic_held: result.heldId ? 1 : 0,
      preferences: JSON.stringify(prefs),
      preferred_supporter_id: preferred,
      status: 'waiting',
      round: 0,
      next_widen_at: null,
      exhausted: 0,
      screening_level: result.screening.level,
      safety_notice: result.screening.level >= 2 ? JSON.stringify(result.notice) : null,
      mentorship_id: null,
      created_at: tx.now.toISOString(),
      updated_at: tx.now.toISOString(),
    };
    await repo.insertRequest(tx.trx, row);
    await this.offerNextRound(tx, row, touched);
    return { request: await this.requestView(tx.trx, id), notice: result.notice };
  }

  /** Continuity: only a supporter the member had before, who still supports, and with no block between them. */
  private async checkPreferred(tx: Tx, actor: Actor, supporterId: string): Promise<void> {
    const cannot = () => conflict('You cannot ask for this supporter by name. You can still ask for support without choosing someone.');
    if (!(await repo.everMatched(tx.trx, actor.userId, supporterId))) {
      throw badRequest('You can ask by name only for a supporter you have talked with before.', { fields: [{ path: 'preferredSupporterId', message: 'must be a supporter you had before' }] });
    }
    if (await repo.isBlockedEitherWay(tx.trx, actor.userId, supporterId)) throw cannot();
    if (!(await repo.hasRole(tx.trx, supporterId, 'peer_supporter')) || !(await repo.findProfile(tx.trx, supporterId)) || !(await this.certified(tx, supporterId))) throw cannot();
    if ((await repo.activeSupporterIdsOfMember(tx.trx, actor.userId)).includes(supporterId)) {
      throw conflict('You are already talking with this supporter.');
    }
  }

  /**
   * Offers the request to the next supporters: round 1 to the requested supporter alone when they
   * can take it (continuity), else the top 3; each later round to the next 5 nobody has asked.
   * The round number guards against two instances widening the same request at once. Returns whom
   * this call offered it to (none when another widened it first).
   */
  private async offerNextRound(tx: Tx, request: RequestRow, touched: Set<string>): Promise<string[]> {
    const prefs = parseJson<StoredPreferences>(request.preferences);
    const memberId = request.member_id;
    const exclude = await this.exclusionsOf(tx, request);
    const round = request.round + 1;
    let chosen: string[] = [];
    const preferred = request.preferred_supporter_id;
    // The one asked for by name, when the database says they can take someone now.
    if (request.round === 0 && preferred && !exclude.has(preferred) && (await this.ableNow(tx, [preferred], touched)).has(preferred)) chosen = [preferred];
    if (chosen.length === 0) {
      const n = round === 1 ? MENTORING_LIMITS.firstRoundSize : MENTORING_LIMITS.laterRoundSize;
      const match = matchRequestOf(prefs, new Set(exclude));
      // The best n the database confirms, in rank order: those it does not (the index was behind)
      // are replaced by the next in rank, asking for twice as many as needed, a few passes at most.
      for (let pass = 0; pass < ROUND_PASSES && chosen.length < n; pass++) {
        const want = 2 * (n - chosen.length);
        const ranked = this.index.top(match, want, tx.now).map((r) => r.userId);
        const able = await this.ableNow(tx, ranked, touched);
        for (const id of ranked) {
          match.exclude.add(id);
          if (able.has(id) && chosen.length < n) chosen.push(id);
        }
        if (ranked.length < want) break;
      }
    }
    const iso = tx.now.toISOString();
    const nextWiden = new Date(tx.now.getTime() + this.deps.config.mentoringOfferMinutes * 60_000).toISOString();
    const patch = chosen.length
      ? { round, next_widen_at: nextWiden, exhausted: 0, updated_at: iso }
      : // Nobody left to ask: stay open, look again each round for someone who has become free.
        { next_widen_at: nextWiden, exhausted: 1, updated_at: iso };
    if (!(await repo.updateRequest(tx.trx, request.id, patch, { status: 'waiting', round: request.round }))) return [];
    if (chosen.length) {
      await repo.insertOffers(
        tx.trx,
        chosen.map((supporterId) => ({ request_id: request.id, supporter_id: supporterId, round, offered_at: iso, response: 'pending' as const, responded_at: null })),
      );
      const topic = this.open(request.topic_enc, aad.topic(request.id));
      const member = await repo.findUser(tx.trx, memberId);
      for (const supporterId of chosen) {
        const offer = presentOffer(
          {
            request_id: request.id,
            offer_round: round,
            offered_at: iso,
            topic_held: request.topic_held,
            preferences: request.preferences,
            preferred_supporter_id: preferred,
            screening_level: request.screening_level,
            next_widen_at: nextWiden,
            exhausted: 0,
            member_id: memberId,
            member_handle: member?.handle ?? '',
            member_pronouns: member?.pronouns ?? null,
          },
          topic,
          this.index.get(supporterId),
          supporterId,
        );
        await tx.emit('mentoring.offer_received', { offer }, [`user:${supporterId}`]);
      }
    }
    await this.emitRequestUpdated(tx, request.id);
    return chosen;
  }

  /** Who a request is never offered to: the member, everyone asked before (except offers withdrawn when they went away), blocks either way, current supporters, and a switch's previous one. */
  private async exclusionsOf(tx: Tx, request: RequestRow): Promise<Set<string>> {
    const prefs = parseJson<StoredPreferences>(request.preferences);
    const memberId = request.member_id;
    const offered = (await repo.offersOfRequest(tx.trx, request.id)).filter((o) => o.response !== 'withdrawn').map((o) => o.supporter_id);
    return new Set<string>([
      memberId,
      ...offered,
      ...(await repo.blockedEitherWay(tx.trx, memberId)),
      ...(await repo.activeSupporterIdsOfMember(tx.trx, memberId)),
      ...prefs.excludeSupporterIds,
    ]);
  }

  /**
   * Supporters who may have room now (SUPPORTER_FREED, a certificate issued, the role granted):
   * waiting requests nobody has in front of them get their next round at once, oldest first, when
   * one of these supporters passes every hard filter for it (the index's, on a small index of just
   * them, read in this transaction). Each is offered at most as many requests as they have free
   * places, counting the offers already in front of them; the round itself is `offerNextRound`
   * (ranking, fairness, the database's check, the round guard against a sweep at the same time).
   * The supporters' profile rows are locked first (PostgreSQL; SQLite has one writer), in id order,
   * as accepting an offer locks them: two consumers for the same supporter at once (two freed
   * events, two instances) count free places one after the other, never from the same stale count.
   */
  private async offerWaitingTo(tx: Tx, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const id of [...new Set(ids)].sort()) await repo.lockProfile(tx.trx, this.deps.dialect, id);
    const touched = new Set<string>();
    const certified = await this.deps.certificates.certifiedAmong(tx.trx, 'peer_supporter', ids, tx.now);
    const profiles = (await repo.supporterProfiles(tx.trx, ids)).filter((p) => certified.has(p.user_id));
    const counts = await repo.activeCounts(tx.trx, ids);
    const recent = await repo.recentAssignments(tx.trx, daysBefore(tx.now, 7), ids);
    const freed = new SupporterIndex();
    const places = new Map<string, number>();
    for (const p of profiles) {
      const c = toCandidate(p, counts.get(p.user_id) ?? 0, recent.get(p.user_id));
      if (!canTakeMore(c, tx.now)) continue;
      const free = c.capacity - c.activeMentees - (await repo.pendingOfferCount(tx.trx, c.userId));
      if (free <= 0) continue;
      try {
        freed.upsert(c);
        // The round ranks on this instance's index, which may not have heard of the change yet.
        const cached = this.index.get(c.userId);
        if (!cached || cached.accepting !== c.accepting || cached.awayUntil !== c.awayUntil || cached.capacity !== c.capacity || cached.activeMentees !== c.activeMentees) {
          this.index.upsert(c);
          touched.add(c.userId);
        }
      } catch {
        continue; // a zone this runtime does not know: left out of matching, as loadIntoIndex does
      }
      places.set(c.userId, free);
    }
    let candidates = 0;
    let read = 0;
    let after: { created_at: string; id: string } | undefined;
    scan: while (places.size > 0 && candidates < FREED_REQUESTS_SCAN && read < FREED_ROWS_SCAN) {
      const page = await repo.waitingWithoutLiveOffer(tx.trx, FREED_PAGE, after);
      read += page.length;
      for (const due of page) {
        after = due;
        if (places.size === 0 || candidates >= FREED_REQUESTS_SCAN) break scan;
        if (await this.offerFreedOne(tx, due, freed, places, touched)) candidates++;
      }
      if (page.length < FREED_PAGE) break;
    }
    if (touched.size) {
      await tx.emitInternal(SUPPORTER_CHANGED, { userIds: [...touched] });
      tx.afterCommit(() => void this.reloadSupporters([...touched]).catch(() => undefined));
    }
  }

  /** One waiting request for `offerWaitingTo`: false when no freed supporter fits its preferences (not counted as looked at). */
  private async offerFreedOne(
    tx: Tx,
    due: { id: string; round: number; member_id: string; preferences: string },
    freed: SupporterIndex,
    places: Map<string, number>,
    touched: Set<string>,
  ): Promise<boolean> {
    const prefs = parseJson<StoredPreferences>(due.preferences);
    // Preferences first (in memory), then who the request never goes to (read from the database).
    if (freed.top(matchRequestOf(prefs, new Set([due.member_id])), 1, tx.now).length === 0) return false;
    const request = await repo.findRequest(tx.trx, due.id);
    if (!request || request.status !== 'waiting' || request.round !== due.round) return true;
    if (freed.top(matchRequestOf(prefs, await this.exclusionsOf(tx, request)), 1, tx.now).length === 0) return true;
    // A place counts as used only when this round (this transaction's own update) offered it.
    for (const id of await this.offerNextRound(tx, request, touched)) {
      const free = places.get(id);
      if (free === undefined) continue;
      if (free > 1) places.set(id, free - 1);
      else {
        places.delete(id);
        freed.remove(id);
      }
    }
    return true;
  }

  private async offerCounts(db: Executor, requestId: string): Promise<OfferCounts> {
    const offers = await repo.offersOfRequest(db, requestId);
    return {
      offered: offers.length,
      declined: offers.filter((o) => o.response === 'declined').length,
      pending: offers.filter((o) => o.response === 'pending').length,
    };
  }

  private async requestView(db: Executor, requestId: string): Promise<SupportRequestView> {
    const row = (await repo.findRequest(db, requestId))!;
    return presentRequest(row, this.open(row.topic_enc, aad.topic(row.id)), await this.offerCounts(db, requestId));
  }

  private async emitRequestUpdated(tx: Tx, requestId: string): Promise<void> {
    const request = await this.requestView(tx.trx, requestId);
    const row = (await repo.findRequest(tx.trx, requestId))!;
    await tx.emit('mentoring.request_updated', { request }, [`user:${row.member_id}`]);
  }

  /** The member's request: open, or closed in the last day (so they see it was matched or closed). */
  async currentRequest(actor: Actor): Promise<SupportRequestView | null> {
    const db = this.deps.db;
    const row = await repo.latestRequestOf(db, actor.userId);
    if (!row || row.status === 'cancelled') return null;
    if (row.status !== 'waiting' && new Date(row.updated_at).getTime() < this.deps.clock.now().getTime() - DAY_MS) return null;
    return this.requestView(db, row.id);
  }

  /** Whether the member's latest request for support is still waiting for a supporter. */
  async requestWaiting(actor: Actor): Promise<boolean> {
    return (await repo.latestRequestOf(this.deps.db, actor.userId))?.status === 'waiting';
  }

  async cancelRequest(actor: Actor, requestId: string): Promise<SupportRequestView> {
    return this.run(async (tx) => {
      const row = await repo.findRequest(tx.trx, requestId);
      if (!row || row.member_id !== actor.userId) throw notFound('That request was not found.');
      if (!(await repo.updateRequest(tx.trx, requestId, { status: 'cancelled', next_widen_at: null, updated_at: tx.now.toISOString() }, { status: 'waiting' }))) {
        throw conflict(row.status === 'matched' ? 'A supporter has already accepted this request: you can end the mentorship instead.' : 'This request is no longer open.');
      }
      for (const supporterId of await repo.withdrawOffersOfRequest(tx.trx, requestId, tx.now.toISOString())) {
        await tx.emit('mentoring.offer_withdrawn', { requestId }, [`user:${supporterId}`]);
      }
      await this.emitRequestUpdated(tx, requestId);
      return this.requestView(tx.trx, requestId);
    });
  }

  /**
   * Widens requests whose round is over and closes those nobody took in time. Runs on a timer;
   * tests call it after moving the clock. Returns how many requests it widened.
   */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    if (now.getTime() - this.lastFullReload >= INDEX_RELOAD_MS) {
      // A failed reload (the database briefly away) must not skip the expiries and widenings below;
      // the offers' transaction checks the supporters anyway, and the next full reload is due in INDEX_RELOAD_MS.
      try {
        await this.reloadSupporters(null);
      } catch (err) {
        this.deps.log?.warn({ err: err instanceof Error ? err.name : 'Unknown' }, 'mentoring: full reload of the supporter index failed; sweeping on');
      }
    }
    for (const stale of await repo.staleRequests(this.deps.db, daysBefore(now, MENTORING_LIMITS.requestMaxAgeDays), 100)) {
      await this.run(async (tx) => {
        if (!(await repo.updateRequest(tx.trx, stale.id, { status: 'expired', next_widen_at: null, updated_at: tx.now.toISOString() }, { status: 'waiting' }))) return;
        for (const supporterId of await repo.withdrawOffersOfRequest(tx.trx, stale.id, tx.now.toISOString())) {
          await tx.emit('mentoring.offer_withdrawn', { requestId: stale.id }, [`user:${supporterId}`]);
        }
        await this.emitRequestUpdated(tx, stale.id);
      });
    }
    let widened = 0;
    for (const due of await repo.dueRequests(this.deps.db, now.toISOString(), 100)) {
      await this.run(async (tx, touched) => {
        const row = await repo.findRequest(tx.trx, due.id);
        if (!row || row.status !== 'waiting' || row.round !== due.round || !row.next_widen_at || row.next_widen_at > tx.now.toISOString()) return;
        await this.offerNextRound(tx, row, touched);
        widened += 1;
      });
    }
    return widened;
  }

  /** Stops following the other instances (the bus subscription made by `start`). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  // ── offers ──────────────────────────────────────────────────────────────────

  /** How many requests wait for this supporter's answer (the count of `listOffers`, without opening any topic). */
  async pendingOfferCount(actor: Actor): Promise<number> {
    if (!mentoringPolicy.can(actor, 'offer.respond')) throw forbidden('Only peer supporters receive requests.');
    return repo.pendingOfferCount(this.deps.db, actor.userId);
  }

  async listOffers(actor: Actor): Promise<OfferView[]> {
    if (!mentoringPolicy.can(actor, 'offer.respond')) throw forbidden('Only peer supporters receive requests.');
    const rows = await repo.pendingOffersFor(this.deps.db, actor.userId);
    const me = this.index.get(actor.userId);
    return rows.map((o) => presentOffer(o, o.topic_held ? '' : this.open(o.topic_enc, aad.topic(o.request_id)), me, actor.userId));
  }

  /**
   * The first supporter to accept gets the request, and never beyond their capacity: the
   * supporter's row is locked (PostgreSQL) and the request moves from waiting only once.
   */
  async acceptOffer(actor: Actor, requestId: string): Promise<MentorshipView> {
    if (!mentoringPolicy.can(actor, 'offer.respond')) throw forbidden('Only peer supporters accept requests.');
    const mentorshipId = await this.run(async (tx, touched) => {
      await this.requireCertified(tx, actor.userId);
      const profile = await repo.lockProfile(tx.trx, this.deps.dialect, actor.userId);
      if (!profile) throw conflict('Set up your supporter profile before accepting requests.');
      const request = await repo.findRequest(tx.trx, requestId);
      const offer = request ? await repo.findOffer(tx.trx, requestId, actor.userId) : undefined;
      if (!request || !offer) throw notFound('That request was not offered to you.');
      if (request.status === 'matched') throw alreadyAccepted();
      if (request.status !== 'waiting') throw conflict('This request is no longer open: the member cancelled it or it closed.');
      if (offer.response === 'declined') throw conflict('You declined this request earlier.');
      if (offer.response !== 'pending') throw conflict('This request is no longer offered to you.');
      if (await repo.isBlockedEitherWay(tx.trx, actor.userId, request.member_id)) throw conflict('This request is no longer offered to you.');
      const active = await repo.activeCountOf(tx.trx, actor.userId);
      if (active >= profile.capacity) throw atCapacity(profile.capacity);
      const id = newId(tx.now.getTime());
      const iso = tx.now.toISOString();
      if (!(await repo.updateRequest(tx.trx, requestId, { status: 'matched', mentorship_id: id, next_widen_at: null, updated_at: iso }, { status: 'waiting' }))) {
        throw alreadyAccepted();
      }
      await repo.insertMentorship(tx.trx, { id, member_id: request.member_id, supporter_id: actor.userId, request_id: requestId, status: 'active', started_at: iso, ended_at: null, ended_by: null, end_reason: null, created_at: iso });
      await repo.respondToOffer(tx.trx, requestId, actor.userId, 'accepted', iso);
      for (const other of await repo.withdrawOffersOfRequest(tx.trx, requestId, iso)) {
        await tx.emit('mentoring.offer_withdrawn', { requestId }, [`user:${other}`]);
      }
      await this.emitRequestUpdated(tx, requestId);
      await tx.emit('mentoring.mentorship_started', { mentorshipId: id }, [`user:${request.member_id}`, `user:${actor.userId}`]);
      touched.add(actor.userId);
      return id;
    });
    return this.getMentorship(actor, mentorshipId);
  }

  async declineOffer(actor: Actor, requestId: string): Promise<void> {
    if (!mentoringPolicy.can(actor, 'offer.respond')) throw forbidden('Only peer supporters respond to requests.');
    await this.run(async (tx) => {
      const offer = await repo.findOffer(tx.trx, requestId, actor.userId);
      if (!offer) throw notFound('That request was not offered to you.');
      if (!(await repo.respondToOffer(tx.trx, requestId, actor.userId, 'declined', tx.now.toISOString()))) {
        throw conflict('This request is no longer waiting for your answer.');
      }
      await this.widenSoon(tx, requestId);
    });
  }

  // ── mentorships ─────────────────────────────────────────────────────────────

  private roleIn(actor: Actor, m: MentorshipRow): 'member' | 'supporter' | null {
    if (m.member_id === actor.userId) return 'member';
    if (m.supporter_id === actor.userId) return 'supporter';
    return null;
  }

  /**
   * The current grants this supervisor may use on a mentorship: an escalation opens it to every
   * supervisor (the safety path: whoever is on duty must be able to act); the member's consent opens
   * it to the supporter's assigned supervisor only.
   */
  private async usableGrants(db: Executor, actor: Actor, m: MentorshipRow, nowIso: string): Promise<GrantRow[]> {
    if (!isSupervisor(actor)) return [];
    const grants = await repo.activeGrants(db, m.id, nowIso);
    if (!grants.some((g) => g.kind === 'consent')) return grants;
    return grantsUsableBy(actor, grants, m.supporter_id ? await this.deps.supervisors.supervisorOf(db, m.supporter_id) : null);
  }

  private async buildViews(db: Executor, viewer: Actor, rows: MentorshipRow[], roleOf: (m: MentorshipRow) => MentorshipView['role']): Promise<MentorshipView[]> {
    if (rows.length === 0) return [];
    const now = this.deps.clock.now();
    const supporterIds = [...new Set(rows.flatMap((m) => (m.supporter_id ? [m.supporter_id] : [])))];
    const profiles = new Map((await repo.profilesByIds(db, supporterIds)).map((p) => [p.user_id, p]));
    const counts = await repo.activeCounts(db, supporterIds);
    const handovers = await repo.latestHandoversOf(db, rows.map((m) => m.id));
    const personIds = new Set<string>();
    for (const m of rows) if (m.member_id) personIds.add(m.member_id);
    for (const h of handovers) for (const id of [h.from_supporter_id, h.to_supporter_id]) if (id) personIds.add(id);
    const people = new Map<string, PersonRefLike>((await repo.usersByIds(db, [...personIds])).map((u) => [u.id, u]));
    const feedback = await repo.feedbackGivenFor(db, rows.map((m) => m.id));
    const grants = await repo.grantsOf(db, rows.map((m) => m.id));
    const latestHandover = new Map<string, HandoverRow>();
    for (const h of handovers) latestHandover.set(h.mentorship_id, h);
    return rows.map((m) => {
      const role = roleOf(m);
      const profile = m.supporter_id ? profiles.get(m.supporter_id) : undefined;
      const h = latestHandover.get(m.id);
      const grantViews: GrantView[] = grants
        .filter((g) => g.mentorship_id === m.id)
        .map((g) => presentGrant(g, now, this.grantNoteFor(g, viewer, role)));
      return presentMentorship(m, viewer.userId, role, {
        supporter: profile ? presentSupporter(profile, counts.get(profile.user_id) ?? 0, now) : null,
        member: m.member_id ? (people.get(m.member_id) ?? null) : null,
        feedbackGiven: feedback.has(m.id),
        grants: grantViews,
        handover: h ? presentHandover(h, people, this.open(h.note_enc, aad.handoverNote(h.id))) : null,
      });
    });
  }

  private grantNoteFor(g: GrantRow, viewer: Actor, role: MentorshipView['role']): string | null {
    if (!g.note_enc) return null;
    if (role === 'supervisor' || (role === 'supporter' && g.granted_by === viewer.userId)) return this.open(g.note_enc, aad.grantNote(g.id));
    return null;
  }

  async listMentorships(actor: Actor): Promise<MentorshipView[]> {
    const rows = await repo.mentorshipsOf(this.deps.db, actor.userId);
    return this.buildViews(this.deps.db, actor, rows, (m) => this.roleIn(actor, m)!);
  }

  /**
   * One mentorship: for its participants, or for a supervisor while a grant is current (that
   * opening is written to both participants' audit logs). Anyone else: not found.
   */
  async getMentorship(actor: Actor, mentorshipId: string): Promise<MentorshipView> {
    const db = this.deps.db;
    const m = await repo.findMentorship(db, mentorshipId);
    if (!m) throw notFound('That mentorship was not found.');
    const role = this.roleIn(actor, m);
    if (role) return (await this.buildViews(db, actor, [m], () => role))[0]!;
    if (!isSupervisor(actor)) throw notFound('That mentorship was not found.');
    return this.deps.uow.run(async (tx) => {
      await this.recordSupervisorOpening(tx, actor, mentorshipId);
      return (await this.buildViews(tx.trx, actor, [m], () => 'supervisor'))[0]!;
    });
  }

  private participantMentorship(tx: Tx, actor: Actor, mentorshipId: string): Promise<MentorshipRow> {
    return this.takingPart(tx.trx, actor, mentorshipId);
  }

  /** The mentorship, for its two people only: anyone else gets 404, as every route of it answers. */
  private async takingPart(db: Executor, actor: Actor, mentorshipId: string): Promise<MentorshipRow> {
    const m = await repo.findMentorship(db, mentorshipId);
    if (!m || !this.roleIn(actor, m)) throw notFound('That mentorship was not found.');
    return m;
  }

  private async endInTx(tx: Tx, m: MentorshipRow, endedBy: string | null, reason: NonNullable<MentorshipRow['end_reason']>, touched: Set<string>, supporterStays = true): Promise<boolean> {
    const iso = tx.now.toISOString();
    if (!(await repo.endMentorship(tx.trx, m.id, { ended_at: iso, ended_by: endedBy, end_reason: reason }))) return false;
    for (const h of await repo.cancelOpenHandoversOf(tx.trx, m.id, iso)) {
      await this.emitHandover(tx, h.id);
    }
    const rooms = [`mentorship:${m.id}`, ...[m.member_id, m.supporter_id].flatMap((id) => (id ? [`user:${id}`] : []))];
    await tx.emit('mentoring.mentorship_ended', { mentorshipId: m.id, endedAt: iso }, rooms);
    if (m.supporter_id) {
      touched.add(m.supporter_id);
      // A place is free: a request waiting with nobody to ask may be offered to them at once (not
      // when the supporter is the one being erased).
      if (supporterStays) await tx.emitInternal(SUPPORTER_FREED, { userIds: [m.supporter_id] });
    }
    return true;
  }

  /** Either side ends it, with an optional kind closing message (screened, encrypted, a `closing` message). */
  async endMentorship(
    actor: Actor,
    mentorshipId: string,
    closingMessage: string | null,
  ): Promise<{ mentorship: MentorshipView; notice: SafetyNotice | null; closingHeld: 'contact_details' | 'safety' | null }> {
    const closing = await this.run(async (tx, touched) => {
      const m = await this.participantMentorship(tx, actor, mentorshipId);
      if (!mentoringPolicy.can(actor, 'mentorship.end', { mentorship: mentorshipOf(m) })) throw conflict('This mentorship has already ended.');
      const reason = m.member_id === actor.userId ? 'member_ended' : 'supporter_ended';
      if (!(await this.endInTx(tx, m, actor.userId, reason, touched))) throw conflict('This mentorship has already ended.');
      if (!closingMessage) return null;
      return this.writeClosingMessage(tx, actor, m, closingMessage);
    });
    return { mentorship: await this.getMentorship(actor, mentorshipId), notice: closing?.notice ?? null, closingHeld: closing?.held ?? null };
  }

  /**
   * A goodbye is the last chance to move off the platform: like every message it is screened, and
   * held (for the sender's eyes and the supervisors' queue) when it shares contact details.
   */
  private async writeClosingMessage(tx: Tx, actor: Actor, m: MentorshipRow, text: string) {
    const id = newId(tx.now.getTime());
    const r = await this.screen(tx, actor, SCREENED.message, id, text, 'message');
    const handles = (await repo.usersByIds(tx.trx, [m.member_id, m.supporter_id].filter((x): x is string => !!x))).map((u) => u.handle);
    const contacts = findContactDetails(text, { allowedHandles: handles });
    const held = r.heldId ? ('safety' as const) : contacts.length > 0 ? ('contact_details' as const) : null;
    await repo.insertMessage(tx.trx, {
      id,
      mentorship_id: m.id,
      sender_id: actor.userId,
      kind: 'closing',
      body_enc: this.seal(text, aad.message(m.id)),
      state: held ? 'held' : 'visible',
      hold_reason: held,
      screening_level: r.screening.level,
      created_at: tx.now.toISOString(),
      delivered_at: null,
      read_at: null,
      screening_id: r.screeningId,
      alert_id: r.alertId,
    });
    if (held === 'contact_details') await this.deps.screener.holdForReview(tx, { userId: actor.userId, objectType: SCREENED.message, objectId: id, reason: 'contact_details' });
    if (r.alertId && m.member_id === actor.userId) {
      await this.grantEscalationAccess(tx, m.id, r.alertId, 'A message in this conversation suggested the member might be at risk, so a supervisor may read it to help.');
    }
    return { notice: r.notice, held };
  }

  /**
   * The member asks for someone else without explaining: the mentorship ends (the supporter reads
   * only that the member ended it) and a new request with the same words and preferences starts,
   * never offered to that supporter.
   */
  async switchSupporter(actor: Actor, mentorshipId: string): Promise<{ mentorship: MentorshipView; request: SupportRequestView }> {
    const requestId = await this.run(async (tx, touched) => {
      const m = await this.participantMentorship(tx, actor, mentorshipId);
      if (!mentoringPolicy.can(actor, 'mentorship.switch', { mentorship: mentorshipOf(m) })) {
        throw m.member_id === actor.userId ? conflict('This mentorship has already ended.') : forbidden('Only the member can ask for a different supporter.');
      }
      if (await repo.findWaitingRequestOf(tx.trx, actor.userId)) throw alreadyWaiting();
      const original = m.request_id ? await repo.findRequest(tx.trx, m.request_id) : undefined;
      if (!original) throw conflict('We could not find your original request: please ask for support again.');
      if (!(await this.endInTx(tx, m, actor.userId, 'switched', touched))) throw conflict('This mentorship has already ended.');
      const prefs = parseJson<StoredPreferences>(original.preferences);
      const id = newId(tx.now.getTime());
      const topic = this.open(original.topic_enc, aad.topic(original.id));
      const row: RequestRow = {
        ...original,
        id,
        topic_enc: this.seal(topic, aad.topic(id)),
        preferences: JSON.stringify({ ...prefs, excludeSupporterIds: [...new Set([...prefs.excludeSupporterIds, ...(m.supporter_id ? [m.supporter_id] : [])])] }),
        preferred_supporter_id: null,
        status: 'waiting',
        round: 0,
        next_widen_at: null,
        exhausted: 0,
        mentorship_id: null,
        created_at: tx.now.toISOString(),
        updated_at: tx.now.toISOString(),
      };
      await repo.insertRequest(tx.trx, row);
      await this.offerNextRound(tx, row, touched);
      return id;
    });
    return { mentorship: await this.getMentorship(actor, mentorshipId), request: await this.requestView(this.deps.db, requestId) };
  }

  // ── handovers ───────────────────────────────────────────────────────────────

  private async handoverView(db: Executor, h: HandoverRow) {
    const people = new Map<string, PersonRefLike>((await repo.usersByIds(db, [h.from_supporter_id, h.to_supporter_id].filter((x): x is string => !!x))).map((u) => [u.id, u]));
    return presentHandover(h, people, this.open(h.note_enc, aad.handoverNote(h.id)));
  }

  private async emitHandover(tx: Tx, handoverId: string): Promise<void> {
    const h = (await repo.findHandover(tx.trx, handoverId))!;
    const m = await repo.findMentorship(tx.trx, h.mentorship_id);
    const rooms = [h.from_supporter_id, h.to_supporter_id, m?.member_id ?? null].flatMap((id) => (id ? [`user:${id}`] : []));
    await tx.emit('mentoring.handover_updated', { handoverId, mentorshipId: h.mentorship_id, status: h.status }, [...new Set(rooms)]);
  }

  /**
   * The supporter proposes a colleague; nothing changes for the member until they consent. A retry
   * with the same `clientId` answers with the first handover (ADR 042): screened and announced once.
   */
  async proposeHandover(actor: Actor, mentorshipId: string, input: z.infer<typeof HandoverBody>): Promise<Created<{ handover: ReturnType<typeof presentHandover>; notice: SafetyNotice }>> {
    const { clientId, ...body } = input;
    try {
      return await this.deps.creates.run(
        actor.userId,
        clientId,
        { kind: 'mentoring.handover', target: mentorshipId, body },
        (tx) => this.insertHandover(tx, actor, mentorshipId, body),
        (written) => written.handover.id,
        async (id) => {
          const h = await repo.findHandover(this.deps.db, id);
          if (!h || h.from_supporter_id !== actor.userId || h.mentorship_id !== mentorshipId) return undefined;
          // Only to whom still takes part in the mentorship, as its own route answers (404 otherwise).
          await this.takingPart(this.deps.db, actor, mentorshipId);
          // Held as the stored note is now (a supervisor may have released it since).
          return { handover: await this.handoverView(this.deps.db, h), notice: await this.deps.screener.noticeAgain({ text: body.note, surface: 'other', region: actor.region }, h.note_held === 1) };
        },
      );
    } catch (err) {
      // Proposals racing past the check in `insertHandover` (two tabs, another key): the partial
      // unique index of migration 0041 lets one through, the others are told what the sequential
      // case says. (The key's own violation never comes here: `creates.run` answers it.) Only that
      // index: any other unique violation is not "under way" and is not answered as if it were.
      if (isUniqueViolationOf(err, 'handovers_one_open_idx', 'handovers.mentorship_id')) throw handoverUnderWay();
      throw err;
    }
  }

  private async insertHandover(tx: Tx, actor: Actor, mentorshipId: string, body: Omit<z.infer<typeof HandoverBody>, 'clientId'>) {
    {
      const m = await this.participantMentorship(tx, actor, mentorshipId);
      if (!mentoringPolicy.can(actor, 'handover.propose', { mentorship: mentorshipOf(m) })) {
        throw m.status === 'ended' ? conflict('This mentorship has already ended.') : forbidden('Only the supporter can propose a handover.');
      }
      const to = body.toSupporterId;
      if (to === actor.userId || to === m.member_id) throw badRequest('Choose another peer supporter.', { fields: [{ path: 'toSupporterId', message: 'must be another peer supporter' }] });
      if (!(await repo.hasRole(tx.trx, to, 'peer_supporter')) || !(await repo.findProfile(tx.trx, to))) {
        throw badRequest('That person is not a peer supporter with a supporter profile.', { fields: [{ path: 'toSupporterId', message: 'must be a peer supporter' }] });
      }
      if (!(await this.certified(tx, to))) throw conflict('That supporter cannot take on new people right now. Please choose someone else.');
      if (m.member_id && (await repo.isBlockedEitherWay(tx.trx, m.member_id, to))) throw conflict('That supporter cannot take over this mentorship. Please choose someone else.');
      if (await repo.openHandoverOf(tx.trx, mentorshipId)) throw handoverUnderWay();
      const id = newId(tx.now.getTime());
      const r = await this.screen(tx, actor, SCREENED.handoverNote, id, body.note, 'other');
      const iso = tx.now.toISOString();
      await repo.insertHandover(tx.trx, {
        id,
        mentorship_id: mentorshipId,
        from_supporter_id: actor.userId,
        to_supporter_id: to,
        note_enc: this.seal(body.note, aad.handoverNote(id)),
        note_held: r.heldId ? 1 : 0,
        status: 'proposed',
        created_at: iso,
        updated_at: iso,
      });
      await this.emitHandover(tx, id);
      return { handover: await this.handoverView(tx.trx, (await repo.findHandover(tx.trx, id))!), notice: r.notice };
    }
  }

  private async handoverFor(tx: Tx, handoverId: string) {
    const h = await repo.findHandover(tx.trx, handoverId);
    const m = h ? await repo.findMentorship(tx.trx, h.mentorship_id) : undefined;
    if (!h || !m) throw notFound('That handover was not found.');
    const involved = [h.from_supporter_id, h.to_supporter_id, m.member_id];
    return { h, m, involved, obj: { handover: { fromSupporterId: h.from_supporter_id, toSupporterId: h.to_supporter_id, memberId: m.member_id, status: h.status } } };
  }

  /** The proposed supporter takes it on, if they have room (checked again when the member consents). */
  async acceptHandover(actor: Actor, handoverId: string) {
    return this.run(async (tx) => {
      const { h, involved, obj } = await this.handoverFor(tx, handoverId);
      if (!involved.includes(actor.userId)) throw notFound('That handover was not found.');
      if (!mentoringPolicy.can(actor, 'handover.accept', obj)) throw conflict('This handover is not waiting for your answer.');
      await this.requireCertified(tx, actor.userId);
      const profile = await repo.lockProfile(tx.trx, this.deps.dialect, actor.userId);
      if (!profile) throw conflict('Set up your supporter profile before taking on a mentorship.');
      if ((await repo.activeCountOf(tx.trx, actor.userId)) >= profile.capacity) throw atCapacity(profile.capacity);
      if (!(await repo.updateHandover(tx.trx, h.id, { status: 'accepted_by_supporter', updated_at: tx.now.toISOString() }, ['proposed']))) {
        throw conflict('This handover is not waiting for your answer.');
      }
      await this.emitHandover(tx, h.id);
      return this.handoverView(tx.trx, (await repo.findHandover(tx.trx, h.id))!);
    });
  }

  async declineHandover(actor: Actor, handoverId: string) {
    return this.run(async (tx) => {
      const { h, involved, obj } = await this.handoverFor(tx, handoverId);
      if (!involved.includes(actor.userId)) throw notFound('That handover was not found.');
      if (!mentoringPolicy.can(actor, 'handover.accept', obj)) throw conflict('This handover is not waiting for your answer.');
      if (!(await repo.updateHandover(tx.trx, h.id, { status: 'declined', updated_at: tx.now.toISOString() }, ['proposed']))) throw conflict('This handover is not waiting for your answer.');
      await this.emitHandover(tx, h.id);
      return this.handoverView(tx.trx, (await repo.findHandover(tx.trx, h.id))!);
    });
  }

  async cancelHandover(actor: Actor, handoverId: string) {
    return this.run(async (tx) => {
      const { h, involved, obj } = await this.handoverFor(tx, handoverId);
      if (!involved.includes(actor.userId)) throw notFound('That handover was not found.');
      if (!mentoringPolicy.can(actor, 'handover.cancel', obj)) throw conflict('Only the supporter who proposed an open handover can cancel it.');
      if (!(await repo.updateHandover(tx.trx, h.id, { status: 'cancelled', updated_at: tx.now.toISOString() }, ['proposed', 'accepted_by_supporter']))) throw conflict('This handover is no longer open.');
      await this.emitHandover(tx, h.id);
      return this.handoverView(tx.trx, (await repo.findHandover(tx.trx, h.id))!);
    });
  }

  /**
   * The member decides. Yes: the new mentorship starts and the old one ends (handed over) in one
   * transaction, with the new supporter's capacity checked under lock. No: the handover is declined.
   *
   * Locks go mentorship → supporter profile → handover, the order of ending a mentorship (its row,
   * then `cancelOpenHandoversOf`): a consent that took its handover's row first and then the
   * mentorship's deadlocked on PostgreSQL with an end, a switch or another consent of the same
   * mentorship, and one of them got a 500. The mentorship is decided from its locked row.
   */
  async consentHandover(actor: Actor, handoverId: string, consent: boolean) {
    return this.run(async (tx, touched) => {
      const found = await this.handoverFor(tx, handoverId);
      const locked = await repo.lockMentorship(tx.trx, this.deps.dialect, found.m.id);
      if (!locked) throw notFound('That handover was not found.');
      const { h, involved, obj } = found;
      const m = locked;
      if (!involved.includes(actor.userId)) throw notFound('That handover was not found.');
      if (!mentoringPolicy.can(actor, 'handover.consent', obj)) {
        throw m.member_id === actor.userId ? conflict('This handover is not waiting for your answer.') : forbidden('Only the member can agree to a handover.');
      }
      const iso = tx.now.toISOString();
      if (!consent) {
        if (!(await repo.updateHandover(tx.trx, h.id, { status: 'declined', updated_at: iso }, ['accepted_by_supporter']))) throw conflict('This handover is not waiting for your answer.');
        await this.emitHandover(tx, h.id);
        return { handover: await this.handoverView(tx.trx, (await repo.findHandover(tx.trx, h.id))!), newMentorshipId: null };
      }
      const to = h.to_supporter_id;
      if (!to || m.status !== 'active' || !m.member_id) throw conflict('This handover can no longer go ahead.');
      const profile = await repo.lockProfile(tx.trx, this.deps.dialect, to);
      if (!profile || !(await repo.hasRole(tx.trx, to, 'peer_supporter')) || !(await this.certified(tx, to))) throw conflict('That supporter can no longer take over. Your current mentorship continues.');
      if ((await repo.activeCountOf(tx.trx, to)) >= profile.capacity) throw conflict('That supporter no longer has room for another mentee. Your current mentorship continues.');
      if (await repo.isBlockedEitherWay(tx.trx, m.member_id, to)) throw conflict('That supporter can no longer take over. Your current mentorship continues.');
      if (!(await repo.updateHandover(tx.trx, h.id, { status: 'consented', updated_at: iso }, ['accepted_by_supporter']))) throw conflict('This handover is not waiting for your answer.');
      if (!(await this.endInTx(tx, m, h.from_supporter_id, 'handed_over', touched))) throw conflict('This mentorship has already ended.');
      const id = newId(tx.now.getTime());
      await repo.insertMentorship(tx.trx, { id, member_id: m.member_id, supporter_id: to, request_id: m.request_id, status: 'active', started_at: iso, ended_at: null, ended_by: null, end_reason: null, created_at: iso });
      await tx.emit('mentoring.mentorship_started', { mentorshipId: id }, [`user:${m.member_id}`, `user:${to}`]);
      await this.emitHandover(tx, h.id);
      touched.add(to);
      return { handover: await this.handoverView(tx.trx, (await repo.findHandover(tx.trx, h.id))!), newMentorshipId: id };
    });
  }

  async listHandovers(actor: Actor) {
    const rows = await repo.handoversInvolving(this.deps.db, actor.userId);
    const ids = [...new Set(rows.flatMap((h) => [h.from_supporter_id, h.to_supporter_id]).filter((x): x is string => !!x))];
    const people = new Map<string, PersonRefLike>((await repo.usersByIds(this.deps.db, ids)).map((u) => [u.id, u]));
    return rows.map((h) => presentHandover(h, people, this.open(h.note_enc, aad.handoverNote(h.id))));
  }

  // ── feedback ────────────────────────────────────────────────────────────────

  /** Once, after the end, by the member: private to supervisors. */
  async giveFeedback(actor: Actor, mentorshipId: string, body: z.infer<typeof FeedbackBody>): Promise<SafetyNotice | null> {
    return this.run(async (tx) => {
      const m = await this.participantMentorship(tx, actor, mentorshipId);
      if (m.member_id !== actor.userId) throw forbidden('Only the member leaves feedback on a mentorship.');
      if (!mentoringPolicy.can(actor, 'feedback.give', { mentorship: mentorshipOf(m) })) throw conflict('You can leave feedback once the mentorship has ended.');
      if ((await repo.feedbackGivenFor(tx.trx, [m.id])).size > 0) throw conflict('You have already left feedback for this mentorship.');
      let notice: SafetyNotice | null = null;
      if (body.note) notice = (await this.screen(tx, actor, SCREENED.feedbackNote, m.id, body.note, 'other')).notice;
      const ok = await repo.insertFeedback(tx.trx, {
        mentorship_id: m.id,
        rating: body.rating,
        note_enc: body.note ? this.seal(body.note, aad.feedback(m.id)) : null,
        created_at: tx.now.toISOString(),
      });
      if (!ok) throw conflict('You have already left feedback for this mentorship.');
      return notice;
    });
  }

  /**
   * Feedback about a supporter, for their assigned supervisor. The reading is in the supporter's
   * audit log.
   */
  async feedbackAbout(actor: Actor, supporterId: string) {
    if (!mentoringPolicy.can(actor, 'feedback.read')) throw forbidden('Only supervisors read mentoring feedback.');
    return this.deps.uow.run(async (tx) => {
      const supporter = await repo.findUser(tx.trx, supporterId);
      if (!supporter) throw notFound('That supporter was not found.');
      if ((await this.deps.supervisors.supervisorOf(tx.trx, supporterId)) !== actor.userId) throw forbidden('Only the supporter’s own supervisor reads the feedback about them.');
      const rows = await repo.feedbackAbout(tx.trx, supporterId);
      await recordAccess(
        tx.trx,
        {
          subjectUserId: supporterId,
          actorId: actor.userId,
          actorRole: 'supervisor',
          action: 'mentoring.feedback_read',
          objectType: 'supporter_feedback',
          objectId: supporterId,
          reason: 'A supervisor read the private feedback members left about your mentoring, to support you in your role.',
        },
        tx.now,
      );
      const feedback = rows.map((r) => ({ mentorshipId: r.mentorship_id, rating: r.rating, note: r.note_enc ? this.open(r.note_enc, aad.feedback(r.mentorship_id)) : null, createdAt: r.created_at }));
      const average = feedback.length ? Math.round((feedback.reduce((s, f) => s + f.rating, 0) / feedback.length) * 100) / 100 : null;
      return { supporter: { id: supporter.id, handle: supporter.handle }, averageRating: average, count: feedback.length, feedback };
    });
  }

  // ── blocks and reports ──────────────────────────────────────────────────────

  /**
   * Either side can block the other: an active mentorship between them ends (blocked), offers
   * between them are withdrawn, and neither is ever matched with the other again.
   */
  async block(actor: Actor, userId: string): Promise<void> {
    if (userId === actor.userId) throw badRequest('You cannot block yourself.', { fields: [{ path: 'userId', message: 'must be someone else' }] });
    await this.run(async (tx, touched) => {
      if (!(await repo.findUser(tx.trx, userId))) throw notFound('That person was not found.');
      await repo.insertBlock(tx.trx, actor.userId, userId, tx.now.toISOString());
      for (const m of await repo.activeBetween(tx.trx, actor.userId, userId)) await this.endInTx(tx, m, actor.userId, 'blocked', touched);
      await this.releaseOffersOf(tx, userId, actor.userId);
      await this.releaseOffersOf(tx, actor.userId, userId);
    });
  }

  async unblock(actor: Actor, userId: string): Promise<void> {
    await this.run(async (tx) => {
      if (!(await repo.deleteBlock(tx.trx, actor.userId, userId))) throw notFound('You have not blocked this person.');
    });
  }

  async listBlocks(actor: Actor) {
    return (await repo.blocksBy(this.deps.db, actor.userId)).map((b) => ({ userId: b.blocked_id, handle: b.handle, createdAt: b.created_at }));
  }

  /** A retry with the same `clientId` answers with the first report (ADR 042). */
  async report(actor: Actor, mentorshipId: string, input: z.infer<typeof MentoringReportBody>): Promise<Created<{ id: string; notice: SafetyNotice | null }>> {
    const { clientId, ...body } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'mentoring.report', target: mentorshipId, body },
      (tx) => this.insertReport(tx, actor, mentorshipId, body),
      (written) => written.id,
      async (id) => {
        if ((await repo.findReport(this.deps.db, id))?.reporter_id !== actor.userId) return undefined;
        // The report keeps no state of its own: whether its note is still held is the hold's.
        const notice = body.note ? await this.deps.screener.noticeAgain({ text: body.note, surface: 'other', region: actor.region }, await this.deps.screener.heldNow(SCREENED.reportNote, id)) : null;
        return { id, notice };
      },
    );
  }

  private async insertReport(tx: Tx, actor: Actor, mentorshipId: string, body: Omit<z.infer<typeof MentoringReportBody>, 'clientId'>): Promise<{ id: string; notice: SafetyNotice | null }> {
    {
      const m = await this.participantMentorship(tx, actor, mentorshipId);
      if (body.messageId && !(await repo.messageInMentorship(tx.trx, body.messageId, m.id))) {
        throw badRequest('That message is not in this conversation.', { fields: [{ path: 'messageId', message: 'is not in this conversation' }] });
      }
      const id = newId(tx.now.getTime());
      let notice: SafetyNotice | null = null;
      if (body.note) notice = (await this.screen(tx, actor, SCREENED.reportNote, id, body.note, 'other')).notice;
      await repo.insertReport(tx.trx, {
        id,
        mentorship_id: m.id,
        reporter_id: actor.userId,
        reported_id: m.member_id === actor.userId ? m.supporter_id : m.member_id,
        reason: body.reason,
        note_enc: body.note ? this.seal(body.note, aad.reportNote(id)) : null,
        message_id: body.messageId ?? null,
        status: 'open',
        resolved_by: null,
        resolved_at: null,
        created_at: tx.now.toISOString(),
      });
      return { id, notice };
    }
  }

  /** Reports for supervisors; each listed report is a privileged read in the reported person's audit log. */
  async listReports(actor: Actor, status: 'open' | 'resolved', limit: number) {
    if (!mentoringPolicy.can(actor, 'reports.work')) throw forbidden('Only supervisors review mentoring reports.');
    return this.deps.uow.run(async (tx) => {
      const rows = await repo.listReports(tx.trx, status, limit);
      for (const r of rows) {
        if (!r.reported_id) continue;
        await recordAccess(
          tx.trx,
          {
            subjectUserId: r.reported_id,
            actorId: actor.userId,
            actorRole: 'supervisor',
            action: 'mentoring.report_reviewed',
            objectType: 'mentoring_report',
            objectId: r.id,
            reason: 'A supervisor reviewed a report made in one of your mentoring conversations.',
          },
          tx.now,
        );
      }
      return rows.map((r) => ({
        id: r.id,
        mentorshipId: r.mentorship_id,
        reporter: r.reporter_id ? { id: r.reporter_id, handle: r.reporter_handle ?? '' } : null,
        reported: r.reported_id ? { id: r.reported_id, handle: r.reported_handle ?? '' } : null,
        reason: r.reason as z.infer<typeof MentoringReportBody>['reason'],
        note: r.note_enc ? this.open(r.note_enc, aad.reportNote(r.id)) : null,
        messageId: r.message_id,
        status: r.status,
        createdAt: r.created_at,
      }));
    });
  }

  async resolveReport(actor: Actor, reportId: string): Promise<void> {
    if (!mentoringPolicy.can(actor, 'reports.work')) throw forbidden('Only supervisors review mentoring reports.');
    await this.deps.uow.run(async (tx) => {
      if (!(await repo.resolveReport(tx.trx, reportId, actor.userId, tx.now.toISOString()))) throw notFound('No open report with that id.');
    });
  }

  // ── supervisor access ───────────────────────────────────────────────────────

  private async emitAccessChanged(tx: Tx, m: MentorshipRow): Promise<void> {
    const rooms = [`mentorship:${m.id}`, ...[m.member_id, m.supporter_id].flatMap((id) => (id ? [`user:${id}`] : []))];
    await tx.emit('mentoring.supervisor_access_changed', { mentorshipId: m.id }, rooms);
  }

  /** The member lets a supervisor read the conversation for some days, or takes that back. */
  async setSupervisorConsent(actor: Actor, mentorshipId: string, grant: boolean, days: number | undefined): Promise<MentorshipView> {
    await this.run(async (tx) => {
      const m = await this.participantMentorship(tx, actor, mentorshipId);
      if (!mentoringPolicy.can(actor, 'supervisor.consent', { mentorship: mentorshipOf(m) })) throw forbidden('Only the member can let a supervisor read this conversation.');
      await repo.revokeConsent(tx.trx, m.id, tx.now.toISOString());
      if (grant) {
        const d = days ?? MENTORING_LIMITS.consentDaysDefault;
        await repo.insertGrant(tx.trx, {
          id: newId(tx.now.getTime()),
          mentorship_id: m.id,
          kind: 'consent',
          granted_by: actor.userId,
          reason: `You let your supporter’s supervisor read this conversation for ${d} day${d === 1 ? '' : 's'}.`,
          alert_id: null,
          note_enc: null,
          message_id: null,
          expires_at: new Date(tx.now.getTime() + d * DAY_MS).toISOString(),
          revoked_at: null,
          created_at: tx.now.toISOString(),
        });
      }
      await this.emitAccessChanged(tx, m);
    });
    return this.getMentorship(actor, mentorshipId);
  }

  /**
   * The supporter's "bring in my supervisor": an escalation grant, and a call to the supervisors on
   * duty. A retry with the same `clientId` answers with the first escalation (ADR 042): one grant,
   * one alert, one call.
   */
  async escalate(actor: Actor, mentorshipId: string, input: z.infer<typeof EscalateBody>): Promise<Created<{ mentorship: MentorshipView; notice: SafetyNotice }>> {
    const { clientId, ...body } = input;
    const written = await this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'mentoring.escalation', target: mentorshipId, body },
      (tx) => this.insertEscalation(tx, actor, mentorshipId, body),
      (out) => out.grantId,
      async (id) => {
        const g = await repo.findGrant(this.deps.db, id);
        if (!g || g.granted_by !== actor.userId || g.mentorship_id !== mentorshipId) return undefined;
        await this.takingPart(this.deps.db, actor, mentorshipId);
        // The grant keeps no state of its note: whether it is still held is the hold's.
        return { grantId: id, notice: await this.deps.screener.noticeAgain({ text: body.note, surface: 'other', region: actor.region }, await this.deps.screener.heldNow(SCREENED.escalationNote, id)) };
      },
    );
    return { replayed: written.replayed, result: { mentorship: await this.getMentorship(actor, mentorshipId), notice: written.result.notice } };
  }

  private async insertEscalation(tx: Tx, actor: Actor, mentorshipId: string, body: Omit<z.infer<typeof EscalateBody>, 'clientId'>): Promise<{ grantId: string; notice: SafetyNotice }> {
    {
      const m = await this.participantMentorship(tx, actor, mentorshipId);
      if (!mentoringPolicy.can(actor, 'supervisor.escalate', { mentorship: mentorshipOf(m) })) throw forbidden('Only the supporter can bring in their supervisor.');
      if (body.messageId && !(await repo.messageInMentorship(tx.trx, body.messageId, m.id))) {
        throw badRequest('That message is not in this conversation.', { fields: [{ path: 'messageId', message: 'is not in this conversation' }] });
      }
      const id = newId(tx.now.getTime());
      const r = await this.screen(tx, actor, SCREENED.escalationNote, id, body.note, 'other');
      // The ask itself is an alert in the supervisors' queue (time limit, escalation), whatever the note says.
      const alertId = r.alertId ?? (m.member_id ? await this.deps.screener.raiseReferral(tx, { userId: m.member_id, objectType: 'mentorship', objectId: m.id }) : null);
      await repo.insertGrant(tx.trx, {
        id,
        mentorship_id: m.id,
        kind: 'escalation',
        granted_by: actor.userId,
        reason: 'Your supporter asked a supervisor to help them support you, so a supervisor may read this conversation.',
        alert_id: alertId,
        note_enc: this.seal(body.note, aad.grantNote(id)),
        message_id: body.messageId ?? null,
        expires_at: new Date(tx.now.getTime() + MENTORING_LIMITS.escalationDays * DAY_MS).toISOString(),
        revoked_at: null,
        created_at: tx.now.toISOString(),
      });
      await tx.emit('mentoring.supervisor_requested', { mentorshipId: m.id, grantId: id, alertId }, ['safety:duty', 'safety:all']);
      await this.emitAccessChanged(tx, m);
      return { grantId: id, notice: r.notice };
    }
  }

  /**
   * For the conversation module: a message that screened ≥ 3 opens the conversation to
   * supervisors (alongside the safety alert), inside the transaction that stored the message.
   */
  async grantEscalationAccess(tx: Tx, mentorshipId: string, alertId: string | null, reason: string): Promise<string> {
    const m = await repo.findMentorship(tx.trx, mentorshipId);
    if (!m) throw notFound('That mentorship was not found.');
    const id = newId(tx.now.getTime());
    await repo.insertGrant(tx.trx, {
      id,
      mentorship_id: mentorshipId,
      kind: 'escalation',
      granted_by: null,
      reason,
      alert_id: alertId,
      note_enc: null,
      message_id: null,
      expires_at: new Date(tx.now.getTime() + MENTORING_LIMITS.escalationDays * DAY_MS).toISOString(),
      revoked_at: null,
      created_at: tx.now.toISOString(),
    });
    await this.emitAccessChanged(tx, m);
    return id;
  }

  /**
   * For the conversation module: who this actor is to the conversation. 'participant' for the
   * two people in it; 'supervisor' for a supervisor while a consent or escalation grant is
   * current; otherwise null (refuse).
   */
  async mayReadConversation(actor: Actor, mentorshipId: string, db: Executor = this.deps.db): Promise<'participant' | 'supervisor' | null> {
    const m = await repo.findMentorship(db, mentorshipId);
    if (!m) return null;
    if (this.roleIn(actor, m)) return 'participant';
    const activeGrant = (await this.usableGrants(db, actor, m, this.deps.clock.now().toISOString())).length > 0;
    return mentoringPolicy.can(actor, 'conversation.read', { mentorship: mentorshipOf(m), activeGrant }) ? 'supervisor' : null;
  }

  /**
   * Writes a supervisor's opening of a conversation into both participants' audit logs ("who saw
   * my data"), in the transaction of the read. Throws 403 without a current grant.
   */
  async recordSupervisorOpening(tx: Tx, actor: Actor, mentorshipId: string): Promise<GrantRow> {
    const m = await repo.findMentorship(tx.trx, mentorshipId);
    if (!m) throw notFound('That mentorship was not found.');
    const grants = await this.usableGrants(tx.trx, actor, m, tx.now.toISOString());
    const grant = grants.find((g) => g.kind === 'escalation') ?? grants[0];
    if (!grant) throw forbidden('A supervisor can open a mentoring conversation only with the member’s consent (given to the supporter’s own supervisor) or after an escalation.');
    const why =
      grant.kind === 'consent'
        ? 'The supporter’s supervisor opened your mentoring conversation because the member gave consent.'
        : grant.granted_by
          ? 'A supervisor opened your mentoring conversation because the supporter asked them for help.'
          : 'A supervisor opened your mentoring conversation because a message suggested someone might be at risk.';
    for (const subject of [m.member_id, m.supporter_id]) {
      if (!subject) continue;
      await recordAccess(
        tx.trx,
        { subjectUserId: subject, actorId: actor.userId, actorRole: 'supervisor', action: 'mentoring.conversation_opened', objectType: 'mentorship', objectId: m.id, reason: why },
        tx.now,
      );
    }
    return grant;
  }

  /**
   * mayReadConversation (no audit entry) for many sockets at once (the periodic recheck): the
   * mentorships, the current grants of those a supervisor asks about, and the supervisors of
   * their supporters where a grant is a consent: three statements at most.
   */
  async mayStayInMentorshipRooms(asked: readonly RoomAsk[]): Promise<boolean[]> {
    const db = this.deps.db;
    const mentorships = new Map((await repo.mentorshipsByIds(db, [...new Set(asked.map((a) => a.id))])).map((m) => [m.id, m]));
    const supervising = asked.filter(({ actor, id }) => isSupervisor(actor) && mentorships.has(id) && !this.roleIn(actor, mentorships.get(id)!));
    const grants = new Map<string, GrantRow[]>();
    for (const g of await repo.activeGrantsOf(db, [...new Set(supervising.map((a) => a.id))], this.deps.clock.now().toISOString())) grants.set(g.mentorship_id, [...(grants.get(g.mentorship_id) ?? []), g]);
    const consentSupporters = [...grants].flatMap(([id, gs]) => (gs.some((g) => g.kind === 'consent') && mentorships.get(id)!.supporter_id ? [mentorships.get(id)!.supporter_id!] : []));
    const assigned = await this.deps.supervisors.supervisorsOf(db, [...new Set(consentSupporters)]);
    return asked.map(({ actor, id }) => {
      const m = mentorships.get(id);
      if (!m) return false;
      if (this.roleIn(actor, m)) return true;
      const usable = isSupervisor(actor) ? grantsUsableBy(actor, grants.get(id) ?? [], m.supporter_id ? (assigned.get(m.supporter_id) ?? null) : null) : [];
      return mentoringPolicy.can(actor, 'conversation.read', { mentorship: mentorshipOf(m), activeGrant: usable.length > 0 });
    });
  }

  /** Realtime room `mentorship:<id>`: the two participants, or a supervisor with a current grant (audited). */
  async mayJoinMentorshipRoom(actor: Actor, mentorshipId: string): Promise<boolean> {
    const who = await this.mayReadConversation(actor, mentorshipId);
    if (who === 'supervisor') await this.deps.uow.run((tx) => this.recordSupervisorOpening(tx, actor, mentorshipId));
    return who !== null;
  }

  /**
   * Conversations a supervisor may open now (an escalation, or consent when they supervise the
   * supporter), newest grant first, the newest 500: filtered in the one statement that reads them
   * (`conversationsOpenTo`, the same rule as `grantsUsableBy`). Read a page of everyone's grants and
   * filtered after, a supervisor's own were hidden behind 500 newer ones of others; paged, it read
   * every grant in force and asked for each supporter's supervisor one by one.
   */
  async accessibleConversations(actor: Actor) {
    if (!isSupervisor(actor)) throw forbidden('Only supervisors open mentoring conversations.');
    const now = this.deps.clock.now();
    const usable = await repo.conversationsOpenTo(this.deps.db, actor.userId, now.toISOString());
    return usable.map((g) => ({
      mentorshipId: g.mentorship_id,
      member: g.member_id ? { id: g.member_id, handle: g.member_handle ?? '' } : null,
      supporter: g.supporter_id ? { id: g.supporter_id, handle: g.supporter_handle ?? '' } : null,
      grant: presentGrant(g, now, g.note_enc ? this.open(g.note_enc, aad.grantNote(g.id)) : null),
    }));
  }

  // ── held text (the supervisors' review queue decides) ───────────────────────────

  heldHandlers(): HeldContentHandler[] {
    // Each with the surface its own write screens it on (ADR 055): a reviewer's edit is screened the same way.
    const profileText = (objectType: string, text: 'intro' | 'auto_reply' | 'away_message', surface: 'bio' | 'message'): HeldContentHandler => {
      const state = `${text}_state` as 'intro_state' | 'auto_reply_state' | 'away_message_state';
      return {
        objectType,
        surface,
        preview: async (tx, userId) => {
          const p = await repo.findProfile(tx.trx, userId);
          return p?.[text] ? { text: p[text]!, anonymous: false } : null;
        },
        release: (tx, userId) => repo.updateProfile(tx.trx, userId, { [state]: 'visible' }),
        remove: (tx, userId) => repo.updateProfile(tx.trx, userId, { [text]: null, [state]: 'visible' }),
        replaceText: (tx, userId, t) => repo.updateProfile(tx.trx, userId, { [text]: t, [state]: 'visible' }),
      };
    };
    return [
      profileText(SCREENED.intro, 'intro', 'bio'),
      profileText(SCREENED.autoReply, 'auto_reply', 'message'),
      profileText(SCREENED.awayMessage, 'away_message', 'message'),
      {
        objectType: SCREENED.topic,
        surface: 'support_request',
        preview: async (tx, id) => {
          const r = await repo.findRequest(tx.trx, id);
          return r ? { text: this.open(r.topic_enc, aad.topic(id)), anonymous: false } : null;
        },
        release: (tx, id) => repo.updateRequest(tx.trx, id, { topic_held: 0 }).then(() => undefined),
        remove: async (tx, id) => {
          // The request goes on, but its words are not shown to supporters.
          await repo.updateRequest(tx.trx, id, { topic_enc: this.seal('(removed by a supervisor)', aad.topic(id)), topic_held: 0 });
        },
        replaceText: (tx, id, t) => repo.updateRequest(tx.trx, id, { topic_enc: this.seal(t, aad.topic(id)), topic_held: 0 }).then(() => undefined),
      },
      {
        objectType: SCREENED.handoverNote,
        surface: 'other',
        preview: async (tx, id) => {
          const h = await repo.findHandover(tx.trx, id);
          return h ? { text: this.open(h.note_enc, aad.handoverNote(id)), anonymous: false } : null;
        },
        release: (tx, id) => repo.updateHandover(tx.trx, id, { note_held: 0 }, [...HANDOVER_ANY]).then(() => undefined),
        remove: (tx, id) => repo.updateHandover(tx.trx, id, { note_enc: this.seal('', aad.handoverNote(id)), note_held: 0 }, [...HANDOVER_ANY]).then(() => undefined),
        replaceText: (tx, id, t) => repo.updateHandover(tx.trx, id, { note_enc: this.seal(t, aad.handoverNote(id)), note_held: 0 }, [...HANDOVER_ANY]).then(() => undefined),
      },
      // Notes only supervisors read anyway: releasing changes nothing; removing drops the words.
      supervisorOnlyNote(SCREENED.feedbackNote, {
        read: async (tx, id) => (await repo.feedbackNote(tx.trx, id)) ?? null,
        open: (sealed, id) => this.open(sealed, aad.feedback(id)),
        write: (tx, id, t) => repo.setFeedbackNote(tx.trx, id, t === null ? null : this.seal(t, aad.feedback(id))),
      }),
      supervisorOnlyNote(SCREENED.reportNote, {
        read: async (tx, id) => (await repo.reportNote(tx.trx, id)) ?? null,
        open: (sealed, id) => this.open(sealed, aad.reportNote(id)),
        write: (tx, id, t) => repo.setReportNote(tx.trx, id, t === null ? null : this.seal(t, aad.reportNote(id))),
      }),
      supervisorOnlyNote(SCREENED.escalationNote, {
        read: async (tx, id) => (await repo.grantNote(tx.trx, id)) ?? null,
        open: (sealed, id) => this.open(sealed, aad.grantNote(id)),
        write: (tx, id, t) => repo.setGrantNote(tx.trx, id, t === null ? null : this.seal(t, aad.grantNote(id))),
      }),
    ];
  }

  // ── events from other modules ───────────────────────────────────────────────

  consumers(): OutboxConsumer[] {
    return [
      {
        name: 'mentoring.offer_to_freed_supporters',
        types: [SUPPORTER_FREED, CERTIFICATE_ISSUED, 'account.roles_changed'],
        // Someone who may take a new person now: waiting requests nobody has in front of them are offered at once.
        handle: async (event, tx) => {
          if (event.type === SUPPORTER_FREED) await this.offerWaitingTo(tx, (event.data as { userIds: string[] }).userIds);
          else if (event.type === CERTIFICATE_ISSUED) {
            const { userId, kind } = event.data as CertificateIssuedEvent;
            if (kind === 'peer_supporter') await this.offerWaitingTo(tx, [userId]);
          } else {
            const { userId, roles } = event.data as { userId: string; roles: string[] };
            if (roles.includes('peer_supporter')) await this.offerWaitingTo(tx, [userId]);
          }
        },
      },
      {
        name: 'mentoring.role_removed',
        types: ['account.roles_changed'],
        // Someone who is no longer a peer supporter lets go of the offers in front of them.
        handle: async (event, tx) => {
          const { userId, roles } = event.data as { userId: string; roles: string[] };
          if (!roles.includes('peer_supporter')) await this.releaseOffersOf(tx, userId);
        },
      },
      {
        name: 'mentoring.certificate_lapsed',
        types: [CERTIFICATE_LAPSED],
        // An expired or withdrawn certificate: no new mentees (not accepting, offers let go); the
        // mentorships under way continue. Every instance reloads the index when the event is published.
        handle: async (event, tx) => {
          const { userId, kind } = event.data as CertificateLapsedEvent;
          if (kind !== 'peer_supporter') return;
          const profile = await repo.findProfile(tx.trx, userId);
          if (profile?.accepting) await repo.updateProfile(tx.trx, userId, { accepting: 0, updated_at: tx.now.toISOString() });
          await this.releaseOffersOf(tx, userId);
        },
      },
    ];
  }

  // ── privacy ───────────────────────────────────────────────────────────────

  contributor(): PersonalDataContributor {
    return {
      name: 'mentoring',
      export: async (tx, userId) => {
        const profile = await repo.findProfile(tx.trx, userId);
        const requests = await repo.requestsOf(tx.trx, userId);
        const mentorships = await repo.everyMentorshipOf(tx.trx, userId);
        const messages = await repo.messagesSentBy(tx.trx, userId);
        const feedback = await repo.feedbackGivenBy(tx.trx, userId);
        const reports = await repo.reportsBy(tx.trx, userId);
        return {
          supporterProfile: profile ? presentOwnProfile(profile, 0, tx.now) : null,
          requests: requests.map((r) => ({
            id: r.id,
            topic: this.open(r.topic_enc, aad.topic(r.id)),
            preferences: parseJson<StoredPreferences>(r.preferences),
            status: r.status,
            createdAt: r.created_at,
          })),
          mentorships: mentorships.map((m) => ({
            id: m.id,
            role: m.member_id === userId ? 'member' : 'supporter',
            status: m.status,
            startedAt: m.started_at,
            endedAt: m.ended_at,
            endReason: m.end_reason,
          })),
          messagesSent: messages.map((msg) => ({
            mentorshipId: msg.mentorship_id,
            kind: msg.kind,
            state: msg.state,
            body: this.open(msg.body_enc, aad.message(msg.mentorship_id)),
            at: msg.created_at,
          })),
          feedbackGiven: feedback.map((f) => ({ mentorshipId: f.mentorship_id, rating: f.rating, note: f.note_enc ? this.open(f.note_enc, aad.feedback(f.mentorship_id)) : null, at: f.created_at })),
          blocks: (await repo.blocksBy(tx.trx, userId)).map((b) => ({ handle: b.handle, at: b.created_at })),
          reportsMade: reports.map((r) => ({ mentorshipId: r.mentorship_id, reason: r.reason, note: r.note_enc ? this.open(r.note_enc, aad.reportNote(r.id)) : null, status: r.status, at: r.created_at })),
        };
      },
      erase: async (tx, userId) => {
        const touched = new Set<string>();
        // Mentorships (id order), then the profile, before any handover: see `lockForErasure`.
        await repo.lockForErasure(tx.trx, this.deps.dialect, userId);
        for (const m of await repo.activeMentorshipsOf(tx.trx, userId)) {
          await this.endInTx(tx, m, null, m.member_id === userId ? 'member_ended' : 'supporter_ended', touched, m.supporter_id !== userId);
        }
        for (const requestId of await repo.withdrawOffersOfSupporter(tx.trx, userId, tx.now.toISOString())) await this.widenSoon(tx, requestId);
        for (const r of await repo.requestsOf(tx.trx, userId)) {
          for (const s of await repo.withdrawOffersOfRequest(tx.trx, r.id, tx.now.toISOString())) await tx.emit('mentoring.offer_withdrawn', { requestId: r.id }, [`user:${s}`]);
        }
        await repo.eraseUser(tx.trx, userId);
        touched.add(userId);
        await tx.emitInternal(SUPPORTER_CHANGED, { userIds: [...touched] });
      },
      // A message of theirs that arrived while the erasure ran: 409, not left behind anonymous (ADR 061).
      erased: (tx, userId) => nothingWrittenMeanwhile(tx, userId, [['mentorship_messages', 'sender_id']]),
    };
  }
}

const HANDOVER_ANY = ['proposed', 'accepted_by_supporter', 'consented', 'declined', 'cancelled'] as const;

function supervisorOnlyNote(
  objectType: string,
  io: { read(tx: Tx, id: string): Promise<string | null>; open(sealed: string, id: string): string; write(tx: Tx, id: string, text: string | null): Promise<void> },
): HeldContentHandler {
  return {
    objectType,
    surface: 'other',
    preview: async (tx, id) => {
      const sealed = await io.read(tx, id);
      return sealed ? { text: io.open(sealed, id), anonymous: false } : null;
    },
    release: async () => undefined,
    remove: (tx, id) => io.write(tx, id, null),
    replaceText: (tx, id, t) => io.write(tx, id, t),
  };
}

function mentorshipOf(m: MentorshipRow) {
  return { memberId: m.member_id, supporterId: m.supporter_id, status: m.status };
}

/** The index's view of a request: its preferences and who it never goes to. */
function matchRequestOf(prefs: StoredPreferences, exclude: Set<string>) {
  return {
    experienceTags: prefs.experienceTags,
    languages: prefs.languages,
    supporterGender: prefs.supporterGender,
    memberTimeZone: prefs.memberTimeZone,
    wantTimeZoneOverlap: prefs.timeZoneOverlap,
    exclude,
  };
}

function toCandidate(p: ProfileRow, activeMentees: number, recent: { count: number; last: string } | undefined): SupporterCandidate {
  return {
    userId: p.user_id,
    experienceTags: parseJson<string[]>(p.experience_tags),
    languages: parseJson<string[]>(p.languages),
    gender: p.gender,
    timeZone: p.time_zone,
    availability: parseJson<{ day: number; start: string; end: string }[]>(p.availability),
    capacity: p.capacity,
    activeMentees,
    accepting: p.accepting === 1,
    awayUntil: p.away_until,
    recentAssignments: recent?.count ?? 0,
    lastAssignedAt: recent?.last ?? null,
  };
}

/** The same eligibility the ranking applies: accepting, not away, below capacity. */
function canTakeMore(c: Pick<SupporterCandidate, 'accepting' | 'awayUntil' | 'activeMentees' | 'capacity'>, now: Date): boolean {
  const away = c.awayUntil !== null && new Date(c.awayUntil).getTime() > now.getTime();
  return c.accepting && !away && c.activeMentees < c.capacity;
}

const alreadyWaiting = () => conflict('You already have a request waiting for a supporter. You can cancel it, or wait: we will tell you as soon as someone accepts.');
const handoverUnderWay = () => conflict('A handover for this mentorship is already under way.');
const alreadyAccepted = () => conflict('Someone else has already accepted this request.');
const atCapacity = (capacity: number) =>
  conflict(`You are at your capacity of ${capacity} mentee${capacity === 1 ? '' : 's'}. End or hand over a mentorship, or raise your capacity, before taking on another.`);

