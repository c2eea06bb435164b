import { responseFor, screen, type ResponseOptions } from '../../../safety/index.js';
import type { RiskLevel, Screening, ScreenOptions, ScreenReason } from '../../../safety/types.js';
import type { EventType } from '../../../contracts/events.js';
import type { z } from 'zod';
import type { AlertNoteBody, AlertSource as AlertSourceView, HeldStatus, SafetyNotice, StillFlagged } from '../../../contracts/safety.js';
import { presentCrisisLine } from './safety.presenter.js';
import type { Actor, RoomAsk } from '../../platform/actor.js';
import { hasRole } from '../../platform/actor.js';
import { recordAccess } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Keyring } from '../../platform/crypto.js';
import type { Db, Dialect, Executor } from '../../platform/db.js';
import type { HeldReason, ScreeningsTable } from '../../platform/schema.js';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../../platform/errors.js';
import type { Created, IdempotentCreates } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import { notesOfFailedUnit, type OutboxConsumer, type Tx, type UnitOfWork } from '../../platform/outbox.js';
import type { PersonalDataContributor } from '../../platform/privacy.js';
import { safetyPolicy } from './safety.policy.js';
import { ESCALATION_BATCH, safetyRepository as repo } from './safety.repository.js';

/** Rooms for alerts: supervisors on duty first; everyone responsible once an alert is overdue. */
export const ROOM_ON_DUTY = 'safety:duty';
export const ROOM_ALL_RESPONDERS = 'safety:all';
/** A supervisor went off duty (so off `safety:duty`). Internal: never reaches a browser. */
export const DUTY_ENDED = 'safety.duty_ended';

/**
 * The events that tell supervisors about a person who may be in crisis: an alert raised, an alert
 * escalated, and an alert's state changing under them. The outbox never sets one of these aside
 * after repeated consumer failures: it keeps retrying (at least every minute) and says so in the
 * log and on /metrics (ADR 024). A missed crisis is the worst failure this product can have.
 */
export const CRISIS_EVENT_TYPES: readonly string[] = ['safety.alert_raised', 'safety.alert_escalated', 'safety.alert_updated'] satisfies EventType[];
/**
 * Events the outbox never sets aside, however often a consumer fails (ADR 024, 033): the crisis
 * events, and the decision on a held text, which its author waits for (they are told the outcome of
 * what they wrote, often at a hard moment). Only the crisis ones are counted and logged as crisis.
 */
export const KEPT_EVENT_TYPES: readonly string[] = [...CRISIS_EVENT_TYPES, 'safety.held_content_decided' satisfies EventType];

export interface ScreenRequest {
  userId: string | null;
  /** What the text belongs to, e.g. "profile_bio", "post", "message", and its id. */
  objectType: string;
  objectId: string;
  text: string;
  surface: NonNullable<ScreenOptions['surface']>;
  region: string | null;
  /**
   * 'writer_only': text nobody but its writer ever reads (journal, safety plan, private check-in):
   * holding it would only show it to reviewers, so nothing is held. 'supervisors': text inside a
   * supervision relationship (a supporter and their supervisor: requests, check-in notes, notes,
   * coaching): one side is always the supervisor, who is the reviewer of held content anyway, so
   * nothing is held (alerts and the writer's crisis response still apply). Default 'others'.
   */
  audience?: 'others' | 'writer_only' | 'supervisors';
  /** false: screen and answer the writer, but raise no alert (a safety plan names crises by design). */
  alerts?: boolean;
  /**
   * Whose words a hold waits on, when not the writer's: a moderator's edit of a post is held as its
   * author's (the author hears the decision, and the author's older item is the one superseded).
   */
  heldFor?: string | null;
}

type ScreenSurface = NonNullable<ScreenOptions['surface']>;

/** Staff text about someone else, for `screenStaffText` (ADR 064). */
export interface StaffText {
  /** The writer: the screening is theirs. */
  userId: string;
  objectType: string;
  objectId: string;
  text: string;
  region: string | null;
  /** The body's field the words came from, named in a refusal (`note`, `reason`, `name`…). */
  field: string;
  /** How the refusal's message names the field ("The note", "The space's name"). */
  label: string;
  /** Whether the writer gets the crisis response when the words read as their own crisis. */
  notice: boolean;
}

/** What a reviewer's edit from the held queue is applied with: who wrote the words, and the screen's verdict on them (ADR 055). */
export interface ReviewerEdit {
  reviewerId: string;
  screening: Screening;
}

export interface ScreenResult {
  screening: Screening;
  screeningId: string;
  alertId: string | null;
  heldId: string | null;
  notice: SafetyNotice;
}

/** What every write path of user text calls, inside its own transaction, before storing the text. */
export interface TextScreener {
  screenAndRecord(tx: Tx, request: ScreenRequest): Promise<ScreenResult>;
  /**
   * A retry answered with what was stored (ADR 042): the first answer's notice, nothing recorded;
   * `held` is whether the stored object is held now (a supervisor may have released it since).
   */
  noticeAgain(request: Pick<ScreenRequest, 'text' | 'surface' | 'region' | 'audience'>, held: boolean, options?: ResponseOptions): Promise<SafetyNotice>;
  /** Staff text about someone else (ADR 064): screened and recorded, held words refused (422), no alert. */
  screenStaffText(tx: Tx, request: StaffText): Promise<SafetyNotice | null>;
}

/**
 * Applies a supervisor's decision on held text to the object that holds it. Each module that
 * stores user text registers one for its object types.
 */
export interface HeldContentHandler {
  objectType: string;
  /**
   * The held words for the reviewer, and whether the author posted anonymously (then the review
   * list does not name them: anonymity yields only to an alert or an audited reveal). `reviewer`
   * is who is looking, for handlers whose content is private (they audit the reading).
   */
  preview(tx: Tx, objectId: string, reviewer: Actor): Promise<{ text: string; anonymous: boolean; title?: string } | null>;
  release(tx: Tx, objectId: string): Promise<void>;
  remove(tx: Tx, objectId: string): Promise<void>;
  /**
   * The reviewer's words in place of the held ones. `title`: a new title, for objects that have one
   * (an opening post); a handler without `acceptsTitle` is never given one (`decideHeld` refuses it).
   * `by`: who wrote them and the screen's verdict on them (already recorded; a handler keeps what its
   * own writes keep of a verdict, e.g. a post's warnings, and its edit history).
   */
  replaceText(tx: Tx, objectId: string, text: string, title: string | undefined, by: ReviewerEdit): Promise<void>;
  /**
   * The words a reviewer's edit is screened as, when more than the edited text (an opening post: its
   * title, the new one or its thread's, with the body, as every other edit of it), read under the
   * object's lock; `title` is the title screened with it (its spans are reported apart), else null.
   * Without it the edited text alone is screened, on `surface`.
   */
  screenedAs?(tx: Tx, objectId: string, text: string, title?: string): Promise<{ text: string; title: string | null; surface: ScreenSurface }>;
  /** Where this object's words are written, for the screen (as its own write path screens them); default 'other'. */
  surface?: ScreenSurface;
  /**
   * Why this object takes no new words now, read under its lock (`lock` ran first): its author deleted
   * it or took it back, the queue or a moderator removed it, it is gone. Null when it takes them. A
   * reviewer's edit of such an object is refused (409) before it is screened: nothing is decided, stored
   * or audited, as `replaceText` would write nothing (a decision never undoes a removal, ADR 052).
   * Without it the object always takes words.
   */
  refusesWords?(tx: Tx, objectId: string): Promise<string | null>;
  /** Whether this object has a title the reviewer's edit may replace (an opening post), read under its lock. */
  acceptsTitle?(tx: Tx, objectId: string): Promise<boolean>;
  /**
   * Locks the object's row (PostgreSQL) before its held item is decided, for objects whose writes
   * also hold text (a post, a group's or a circle's message): locks go object → held_content
   * everywhere (an edit locks the object, then its screen supersedes held items), or the two deadlock.
   */
  lock?(tx: Tx, objectId: string): Promise<void>;
}

/**
 * Where an alert's words live, for the supervisor who opens the alert: each module whose text others
 * may read registers one for its object types. `words` reads them under the existing rules of that
 * place (a 1:1 message only under the member's consent or an escalation: `private`); the alert's
 * opening is audited for the member by `openAlert` (with whether the words were shown).
 * `link`: the place, for `linkFor` to check after the read (it may read outside the transaction).
 */
export interface AlertWordsSource {
  objectType: string;
  words(tx: Tx, objectId: string, reader: Actor): Promise<{ state: 'shown'; text: string; title: string | null; link: string | null; anonymous?: boolean } | { state: 'gone' | 'private' }>;
  /** Whether `reader` may open `link` (read outside the alert's transaction); default yes. */
  mayOpen?(reader: Actor, objectId: string, link: string): Promise<boolean>;
}

/** Object types whose words nobody but their writer reads (`audience: 'writer_only'`): an alert never shows them. */
export const WRITER_ONLY_OBJECT_TYPES: readonly string[] = ['journal_entry', 'safety_plan', 'mood_checkin', 'recovery_goal', 'recovery_goal_step'];

export interface SafetyDeps {
  db: Db;
  dialect: Dialect;
  uow: UnitOfWork;
  clock: Clock;
  keyring: Keyring;
  config: Config;
  creates: IdempotentCreates;
}

/**
 * The object type of a screening (and its alert) for words that were never stored: a write refused
 * because something it named was deleted meanwhile (ADR 061, amendment 2026-11-28).
 */
export const UNSAVED_OBJECT_TYPE = 'unsaved_write';

/**
 * What the screen said of words whose write then failed, kept on the failed unit of work
 * (`Tx.noteIfFails`): the verdict (codes and spans, never the words), the person the route named, the
 * writer's region and whether the route raises alerts (ADR 061, amendment 2026-11-28).
 */
export interface ScreenedWords {
  kind: typeof SCREENED_NOTE;
  screening: Screening;
  userId: string | null;
  region: string | null;
  alerts: boolean;
  /** The unit's `Tx.retryKey` (the write had a clientId), or null. */
  retryKey: string | null;
}
const SCREENED_NOTE = 'safety.screened';

/** The screenings of the unit of work `err` failed, oldest first (none when it screened nothing). */
export function screenedInFailedUnit(err: unknown): ScreenedWords[] {
  return notesOfFailedUnit(err).filter((n): n is ScreenedWords => (n as { kind?: unknown } | null)?.kind === SCREENED_NOTE);
}

/**
 * How long an `unsaved_write` alert answers for the same verdict refused again from the same person
 * (ADR 061, amendment "a retry alerts once"): pressing Post again after the 409, or after refreshing,
 * raises no second alert while the first is unresolved and younger than this. Later, or once a
 * supervisor resolved it, the same words refused again raise a new one.
 */
export const UNSAVED_RETRY_WINDOW_MINUTES = 60;

/**
 * The `object_id` of an `unsaved_write` screening of a write sent with a clientId starts with this,
 * then its `Tx.retryKey` (a keyed digest of writer and clientId, never the words): the retry with the
 * same clientId finds that screening's alert exactly. Without a clientId the object id is a new id.
 */
const RETRY_KEY_PREFIX = 'retry:';

/**
 * A verdict's columns in `screenings` (codes, levels and spans, never the words). Equal for the same
 * words on the same surface under the same screen version: a retry's refused words are known by
 * these, so no digest of the words is kept.
 */
function verdictColumns(screening: Screening): Pick<ScreeningsTable, 'level' | 'categories' | 'reasons' | 'method_detail' | 'subject' | 'version'> {
  return {
    level: screening.level,
    categories: JSON.stringify(screening.categories),
    reasons: JSON.stringify(screening.reasons.map((r) => ({ code: r.code, level: r.level, span: r.span }))),
    method_detail: screening.methodDetail ? 1 : 0,
    subject: screening.subject,
    version: screening.version,
  };
}

/** Alerts about someone else's risk reach supervisors only when that person may be in danger now. */
const MIN_ALERT_LEVEL_SELF: RiskLevel = 3;
const MIN_ALERT_LEVEL_OTHER: RiskLevel = 4;
/** A supporter's call for help is treated as a level 3 alert: a supervisor within its time limit. */
const REFERRAL_LEVEL: RiskLevel = 3;
/** Objects whose held items one `withdrawHeld` statement takes (a closed circle can have many). */
const WITHDRAW_CHUNK = 500;

/**
 * The safety module: records every screening, turns verdicts into alerts with time limits,
 * holds method details and harassment for review, and answers with crisis resources.
 */
export class SafetyService implements TextScreener {
  private readonly heldHandlers = new Map<string, HeldContentHandler>();
  private readonly alertSources = new Map<string, AlertWordsSource>();

  constructor(private readonly deps: SafetyDeps) {}

  registerHeldContentHandler(handler: HeldContentHandler): void {
    this.heldHandlers.set(handler.objectType, handler);
  }

  registerAlertSource(source: AlertWordsSource): void {
    this.alertSources.set(source.objectType, source);
  }

  /** Minutes a supervisor has to acknowledge an alert of this level. */
  timeLimitMinutes(level: RiskLevel): number {
    const m = this.deps.config.alertMinutes;
    return level >= 5 ? m[5] : level === 4 ? m[4] : m[3];
  }

  async screenAndRecord(tx: Tx, request: ScreenRequest): Promise<ScreenResult> {
    const screening = screen(request.text, { surface: request.surface });
    const iso = tx.now.toISOString();
    // Should the write fail after this (a foreign key refusing its row: ADR 061), the error handler
    // answers from this verdict, with this route's own settings; never the words themselves.
    tx.noteIfFails({ kind: SCREENED_NOTE, screening, userId: request.userId, region: request.region, alerts: request.alerts !== false, retryKey: tx.retryKey ?? null } satisfies ScreenedWords);
    const screeningId = await this.recordScreening(tx, request, screening);

    const alertLevel = screening.subject === 'other' ? MIN_ALERT_LEVEL_OTHER : MIN_ALERT_LEVEL_SELF;
    const alertId =
      request.alerts !== false && screening.level >= alertLevel
        ? ((await this.alertOfRefusedWords(tx, request.userId, screening, screeningId)) ?? (await this.raiseAlert(tx, request.userId, screeningId, screening.level, screening.categories)))
        : null;

    // The library decides what must be held from others (method details, imminent risk, harassment).
    const plan = responseFor(screening);
    let heldId: string | null = null;
    if (plan.holdForReview && (request.audience ?? 'others') === 'others') {
      heldId = newId(tx.now.getTime());
      await repo.insertHeld(tx.trx, {
        id: heldId,
        user_id: request.heldFor !== undefined ? request.heldFor : request.userId,
        object_type: request.objectType,
        object_id: request.objectId,
        reason: heldReasonOf(screening),
        created_at: iso,
      });
      await this.heldQueueChanged(tx, heldId, request.objectType, 'pending');
    }
    const notice = await this.noticeOf(tx.trx, screening.level, plan, heldId !== null, request.region);
    return { screening, screeningId, alertId, heldId, notice };
  }

  /** A screening's row: codes and spans only, the words themselves stay with the object, encrypted where private. */
  private async recordScreening(tx: Tx, about: { userId: string | null; objectType: string; objectId: string }, screening: Screening): Promise<string> {
    const screeningId = newId(tx.now.getTime());
    await repo.insertScreening(tx.trx, {
      id: screeningId,
      user_id: about.userId,
      object_type: about.objectType,
      object_id: about.objectId,
      ...verdictColumns(screening),
      created_at: tx.now.toISOString(),
    });
    return screeningId;
  }

  /**
   * Tells every supervisor and admin with the board open (`safety:all`, the room all of them may join)
   * that the review queue changed, in the transaction that changed it: they read the queue again.
   */
  private async heldQueueChanged(tx: Tx, heldId: string, objectType: string, status: HeldStatus): Promise<void> {
    await tx.emit('safety.held_queue_changed', { heldId, objectType, status }, [ROOM_ALL_RESPONDERS]);
  }

  /**
   * The notice a write's first answer carried, for a retry answered with what it stored (ADR 042):
   * the same text screened again by the pure library; nothing recorded, no alert, nothing held.
   * Whether it is held is the stored object's state, not the words': a supervisor may have released
   * (or removed) it since the first answer.
   */
  async noticeAgain(request: Pick<ScreenRequest, 'text' | 'surface' | 'region' | 'audience'>, held: boolean, options?: ResponseOptions): Promise<SafetyNotice> {
    const screening = screen(request.text, { surface: request.surface });
    const plan = responseFor(screening, options);
    return this.noticeOf(this.deps.db, screening.level, plan, held, request.region);
  }

  /**
   * The answer to a signed-in person's write a foreign key refused (ADR 061, amendment 2026-11-28),
   * from what the screen said of its words before the write failed (`screenedInFailedUnit`): the
   * route's own screening(s), its surface, the person it names and whether it raises alerts. Nothing
   * was stored, and the screening and alert rolled back with the write. A write that screened nothing
   * (a route that screens no words) gets no notice and no alert.
   * `writerGone`: the writer's account was erased meanwhile: the crisis lines when the words called
   * for them, no supporter promised, no alert (nobody to reach). Otherwise (something else the write
   * named was deleted meanwhile): when a verdict called for an alert by its route's own rule (same
   * thresholds, never on a route with `alerts: false`), one is raised in a unit of work of its own,
   * through the outbox like every alert: a screening of the person the route named with the object
   * type `UNSAVED_OBJECT_TYPE` (an id of its own; a screening never holds words) and the alert on it.
   * Nothing is held. The notice is the most severe verdict's, and promises a supporter only when one
   * can come: the check-in of level 3 only if its alert was raised. `alertFailed`: the alert could not
   * be written (the caller logs its kind); the notice then promises no check-in.
   */
  async answerRefusedWrite(screened: readonly ScreenedWords[], writerGone: boolean): Promise<{ notice: SafetyNotice | null; alertIds: string[]; alertFailed?: unknown }> {
    if (screened.length === 0) return { notice: null, alertIds: [] };
    const worst = screened.reduce((a, b) => (b.screening.level > a.screening.level ? b : a));
    if (writerGone) return { notice: await this.noticeOf(this.deps.db, worst.screening.level, responseFor(worst.screening, { supportHere: false }), false, worst.region), alertIds: [] };
    const alertIds: string[] = [];
    let alertFailed: unknown;
    let alertMissing = false;
    for (const s of screened) {
      const alertLevel = s.screening.subject === 'other' ? MIN_ALERT_LEVEL_OTHER : MIN_ALERT_LEVEL_SELF;
      if (!s.alerts || s.screening.level < alertLevel) continue;
      try {
        alertIds.push(
          await this.deps.uow.run(async (tx) => {
            // The same words refused again (the person pressed Post again): the alert they raised stands.
            const raised = await this.unsavedAlertOf(tx, s.userId, s.screening, s.retryKey);
            if (raised) return raised.id;
            const objectId = s.retryKey === null ? newId(tx.now.getTime()) : RETRY_KEY_PREFIX + s.retryKey;
            const screeningId = await this.recordScreening(tx, { userId: s.userId, objectType: UNSAVED_OBJECT_TYPE, objectId }, s.screening);
            return this.raiseAlert(tx, s.userId, screeningId, s.screening.level, s.screening.categories);
          }),
        );
      } catch (err) {
        alertFailed ??= err;
        if (s === worst) alertMissing = true;
      }
    }
    const plan = responseFor(worst.screening, { supportHere: !alertMissing });
    return { notice: await this.noticeOf(this.deps.db, worst.screening.level, plan, false, worst.region), alertIds, ...(alertFailed !== undefined ? { alertFailed } : {}) };
  }

  /**
   * Staff text about someone else (ADR 064): a moderator's note, a suspension or reveal reason, an
   * admin's name or description of a space, program or organisation, a group's texts, a facilitator's
   * meeting note. Screened before it is stored and the screening recorded as the writer's (codes and
   * spans, never the words), like every text. Refused (422 `held_by_safety`, naming the field and the
   * passages to take out, `flagged`) only for what safe messaging and shielding forbid in words shown
   * to others: method detail and harassment. Never for the level alone: a reason "the post says they
   * plan to end their life tonight" (level 5, about someone else) is the very reason to reveal an
   * at-risk author, and a note describing a member at imminent risk must be writable. No alert and
   * nothing held: the text is about a member (or a topic), so an alert would name the wrong person.
   * `notice: true`: the writer gets the crisis response (in the answer, or with the 422 as `safety`)
   * only when the words read as their own crisis (`readsAsWritersOwnCrisis`), promising no supporter
   * (none is alerted); `false` for names and descriptions ("Suicide loss support" reads as self at
   * level 3 and is a topic, not a crisis). Not noted on the unit of work: a write that fails after
   * this answers no notice (ADR 061's notice would ignore the subject).
   */
  async screenStaffText(tx: Tx, request: StaffText): Promise<SafetyNotice | null> {
    const screening = screen(request.text, { surface: 'other' });
    const plan = responseFor(screening, { supportHere: false });
    const notice = request.notice && readsAsWritersOwnCrisis(screening, request.text) ? await this.noticeOf(tx.trx, screening.level, plan, false, request.region) : null;
    const harassment = screening.categories.includes('harassment');
    if (screening.methodDetail || harassment) {
      const reason = screening.methodDetail ? 'method_detail' : 'harassment';
      const flagged = flaggedPassages(screening, request.text, null, request.text).map((f) => ({ ...f, field: request.field }));
      const words = flagged.map((f) => `“${f.words}”`).join(', ');
      const guidance = screening.methodDetail
        ? 'Describe it without naming the method, the substance or the dose.'
        : 'Leave out words aimed at a person, even quoted: name what was wrong without repeating it (for example, “told another member to harm themselves”).';
      throw new HttpError(
        422,
        'held_by_safety',
        `${request.label} cannot be saved as written: it is shown to others, and the safety check would hold it (${reason.replaceAll('_', ' ')})${words ? `: take out ${words}` : ''}. ${guidance}`,
        { field: request.field, reason, flagged, ...(notice ? { safety: notice } : {}) },
      );
    }
    await this.recordScreening(tx, request, screening);
    return notice;
  }

  /**
   * The open alert that a refused write of the same verdict (the same words, surface and screen
   * version) raised for `userId`, within `UNSAVED_RETRY_WINDOW_MINUTES` (ADR 061, amendment "a retry
   * alerts once"), if any. With a `retryKey` (the write has a clientId) only the refused write with the
   * same clientId matches; without one, only refused writes that had none. Acknowledged alerts never
   * match: later words would land on an alert a supervisor has already acted on.
   */
  private async unsavedAlertOf(tx: Tx, userId: string | null, screening: Screening, retryKey: string | null) {
    if (userId === null) return undefined;
    const since = new Date(tx.now.getTime() - UNSAVED_RETRY_WINDOW_MINUTES * 60_000).toISOString();
    const objectId = retryKey === null ? { notLike: `${RETRY_KEY_PREFIX}%` } : { is: RETRY_KEY_PREFIX + retryKey };
    return repo.openAlertOnVerdict(tx.trx, userId, UNSAVED_OBJECT_TYPE, verdictColumns(screening), since, objectId);
  }

  /**
   * A write's words that call for an alert, which a refused write of them already raised
   * (`unsavedAlertOf`: the person sent them again after the 409, and this time they were stored): that
   * alert, still open, now names this screening, so supervisors see where the words are, and no second
   * alert is raised for one crisis. Its time limit and escalation stay; open boards are told to read it
   * again. Moved only while still open and still on the refused write's screening (compare-and-set): a
   * write that lost that race, or found none, gets null and raises the alert itself.
   */
  private async alertOfRefusedWords(tx: Tx, userId: string | null, screening: Screening, screeningId: string): Promise<string | null> {
    const raised = await this.unsavedAlertOf(tx, userId, screening, tx.retryKey ?? null);
    if (!raised) return null;
    const moved = await repo.moveOpenAlert(tx.trx, raised.id, raised.screening_id, screeningId);
    if (!moved) return null;
    await tx.emit('safety.alert_updated', { alertId: raised.id, status: moved.status, escalated: moved.escalated === 1 }, [ROOM_ON_DUTY, ROOM_ALL_RESPONDERS]);
    return raised.id;
  }

  /**
   * Whether an object's text is held now, for a retry's notice (ADR 042) when the object keeps no
   * state of its own and its hold lives only here (a report's note, say).
   */
  async heldNow(objectType: string, objectId: string): Promise<boolean> {
    return repo.hasPendingHold(this.deps.db, objectType, objectId);
  }

  private async noticeOf(db: Executor, level: RiskLevel, plan: ReturnType<typeof responseFor>, held: boolean, region: string | null): Promise<SafetyNotice> {
    return {
      level,
      showCrisisResponse: plan.showCrisisResponse,
      headline: plan.headline,
      firstStep: plan.firstStep,
      helperGuidance: plan.helperGuidance ?? null,
      held,
      heldReason: held ? (plan.reasonForHold ?? null) : null,
      region,
      resources: plan.showCrisisResponse ? await this.resourcesFor(db, region) : [],
    };
  }

  /**
   * A person asks for a supervisor's help with someone they support ("bring in my supervisor").
   * It becomes an alert like one the screen raises — same queue, time limit and escalation —
   * recorded as a screening with the reason `peer_referral`, so nothing is lost between the ask
   * and a supervisor picking it up. No words are stored here; the caller keeps its own note.
   */
  async raiseReferral(tx: Tx, referral: { userId: string; objectType: string; objectId: string }): Promise<string> {
    const screeningId = newId(tx.now.getTime());
    await repo.insertScreening(tx.trx, {
      id: screeningId,
      user_id: referral.userId,
      object_type: referral.objectType,
      object_id: referral.objectId,
      level: REFERRAL_LEVEL,
      categories: JSON.stringify(['peer_referral']),
      reasons: JSON.stringify([{ code: 'peer_referral', level: REFERRAL_LEVEL, span: null }]),
      method_detail: 0,
      subject: 'self',
      version: 'referral',
      created_at: tx.now.toISOString(),
    });
    return this.raiseAlert(tx, referral.userId, screeningId, REFERRAL_LEVEL, ['peer_referral']);
  }

  private async raiseAlert(tx: Tx, userId: string | null, screeningId: string, level: RiskLevel, categories: string[]): Promise<string> {
    const alertId = newId(tx.now.getTime());
    const dueAt = new Date(tx.now.getTime() + this.timeLimitMinutes(level) * 60_000).toISOString();
    // With nobody on duty, waiting for the timer would waste the time limit: go wide at once.
    const escalated = (await repo.onDutyCount(tx.trx)) === 0;
    await repo.insertAlert(tx.trx, {
      id: alertId,
      user_id: userId,
      screening_id: screeningId,
      level,
      status: 'open',
      escalated: escalated ? 1 : 0,
      due_at: dueAt,
      acknowledged_by: null,
      acknowledged_at: null,
      resolved_by: null,
      resolved_at: null,
      outcome: null,
      created_at: tx.now.toISOString(),
    });
    await tx.emit(
      'safety.alert_raised',
      { alertId, level, categories, dueAt, escalated },
      escalated ? [ROOM_ON_DUTY, ROOM_ALL_RESPONDERS] : [ROOM_ON_DUTY],
    );
    return alertId;
  }

  private async resourcesFor(db: Executor, region: string | null) {
    const rows = await repo.crisisLines(db, region ? [region, 'INTL'] : ['INTL']);
    // The person's own region first (emergency number leads), the international directory last.
    return [...rows.filter((r) => r.region !== 'INTL'), ...rows.filter((r) => r.region === 'INTL')].map(presentCrisisLine);
  }

  /** Crisis lines for a region (emergency number first), plus the international directory. */
  async crisisResources(region: string | null | undefined) {
    const wanted = region && region !== 'INTL' ? region : null;
    const rows = await repo.crisisLines(this.deps.db, wanted ? [wanted, 'INTL'] : ['INTL']);
    const regions = (await repo.crisisRegions(this.deps.db)).filter((r) => r !== 'INTL');
    return {
      region: wanted,
      lines: rows.filter((r) => r.region === wanted),
      directory: rows.filter((r) => r.region === 'INTL'),
      regions,
      notice:
        'Kindred is peer support, not an emergency service. If you are in danger now, call your local emergency number.',
    };
  }

  /**
   * Realtime rooms that carry alerts: `safety:all` (escalations) for supervisors and admins;
   * `safety:duty` (every new alert) for supervisors who are on duty now.
   */
  async mayJoinRoom(actor: Actor, room: string): Promise<boolean> {
    if (!safetyPolicy.can(actor, 'alerts.work')) return false;
    if (room === 'all') return true;
    if (room === 'duty') return repo.isOnDuty(this.deps.db, actor.userId);
    return false;
  }

  /** mayJoinRoom for many sockets at once (the periodic recheck): one statement for who of them is on duty. */
  async mayStayInRooms(asked: readonly RoomAsk[]): Promise<boolean[]> {
    const workers = asked.filter(({ actor }) => safetyPolicy.can(actor, 'alerts.work'));
    const onDuty = await repo.onDutyAmong(this.deps.db, [...new Set(workers.filter(({ id }) => id === 'duty').map(({ actor }) => actor.userId))]);
    return asked.map(({ actor, id }) => safetyPolicy.can(actor, 'alerts.work') && (id === 'all' || (id === 'duty' && onDuty.has(actor.userId))));
  }

  // ── the supervisors' queue ──────────────────────────────────────────────────
  async setDuty(actor: Actor, onDuty: boolean): Promise<void> {
    if (!safetyPolicy.can(actor, 'alerts.work')) throw forbidden('Only supervisors take safety duty.');
    await this.deps.uow.run(async (tx) => {
      await repo.setDuty(tx.trx, actor.userId, onDuty, tx.now.toISOString());
      // Off duty: their sockets leave `safety:duty` (every new alert), on every instance (app.ts).
      if (!onDuty) await tx.emitInternal(DUTY_ENDED, { userId: actor.userId });
    });
  }

  async isOnDuty(actor: Actor): Promise<boolean> {
    return repo.isOnDuty(this.deps.db, actor.userId);
  }

  async listAlerts(actor: Actor, status: 'open' | 'resolved', limit: number) {
    if (!safetyPolicy.can(actor, 'alerts.work')) throw forbidden('Only supervisors and admins see safety alerts.');
    return repo.listAlerts(this.deps.db, { status, limit });
  }

  /** What waits for the people who work alerts and held content: counts and the oldest's time only, nobody's words or name. */
  async waitingWork(actor: Actor) {
    if (!safetyPolicy.can(actor, 'alerts.work')) throw forbidden('Only supervisors and admins see safety alerts.');
    const [alerts, held] = await Promise.all([repo.unresolvedAlertCount(this.deps.db), repo.pendingHeldCount(this.deps.db)]);
    return { alerts, held };
  }

  /**
   * Opens one alert with who raised it and the words that raised it (`AlertDetailView.source`): a
   * privileged read, so the member sees it in their audit log, saying whether the words were shown.
   */
  async openAlert(actor: Actor, alertId: string) {
    if (!safetyPolicy.can(actor, 'alerts.work')) throw forbidden('Only supervisors and admins see safety alerts.');
    const opened = await this.deps.uow.run(async (tx) => {
      const alert = await repo.findAlert(tx.trx, alertId);
      if (!alert) throw notFound('That alert was not found.');
      const source = await this.alertWords(tx, actor, alert);
      if (alert.user_id) {
        await recordAccess(
          tx.trx,
          {
            subjectUserId: alert.user_id,
            actorId: actor.userId,
            actorRole: hasRole(actor, 'supervisor') ? 'supervisor' : 'admin',
            action: 'safety.alert_opened',
            objectType: alert.object_type,
            objectId: alert.object_id,
            // Said as it happened: an admin (who works alerts too) opens it without the words.
            reason: hasRole(actor, 'supervisor')
              ? `A supervisor was alerted because something you wrote suggested you might be at risk (level ${alert.level}), and opened the alert to check on you` +
                (source.state === 'shown' ? ', reading the words that raised it.' : '.')
              : `Supervisors were alerted because something you wrote suggested you might be at risk (level ${alert.level}), and an administrator opened the alert, without the words that raised it.`,
          },
          tx.now,
        );
      }
      const notes = await repo.listNotes(tx.trx, alertId);
      return {
        alert,
        source,
        notes: notes.map((n) => ({
          id: n.id,
          authorHandle: n.author_handle,
          createdAt: n.created_at,
          body: this.deps.keyring.field.decrypt(n.body_enc, `safety_alert_notes:${alertId}`),
        })),
      };
    });
    // The link only when this supervisor may open the place (checked outside the transaction: on
    // SQLite a read outside it would wait for it).
    const { source } = opened;
    const from = this.alertSources.get(opened.alert.object_type);
    // The alert is opened and audited by now: a failing check costs the link, not the answer.
    if (source.link && from?.mayOpen && !(await from.mayOpen(actor, opened.alert.object_id, source.link).catch(() => false))) source.link = null;
    return opened;
  }

  /** The words an alert was raised on, read for `reader` under their place's own rules, with the flagged passages. */
  private async alertWords(tx: Tx, reader: Actor, alert: { object_type: string; object_id: string; reasons: string }): Promise<AlertSourceView> {
    const none = (state: AlertSourceView['state']): AlertSourceView => ({ state, text: null, title: null, flagged: [], link: null, anonymous: false });
    // The words are for the supervisors who check on the member; an admin works the queue without them.
    if (!hasRole(reader, 'supervisor')) return none('unavailable');
    const codes = (JSON.parse(alert.reasons) as { code: string }[]).map((r) => r.code);
    if (alert.object_type === UNSAVED_OBJECT_TYPE || codes.every((c) => c === 'peer_referral')) return none('not_kept');
    if (WRITER_ONLY_OBJECT_TYPES.includes(alert.object_type)) return none('private');
    const from = this.alertSources.get(alert.object_type);
    if (!from) return none('unavailable');
    const read = await from.words(tx, alert.object_id, reader);
    if (read.state !== 'shown') return none(read.state);
    // The passages the screen flags in the words as they are now (an edit since may have moved them).
    const spans = (text: string, field: 'title' | 'text') =>
      screen(text, { surface: 'other' }).reasons.filter((r) => r.level >= 1).map((r) => ({ field, start: r.span[0], end: r.span[1] }));
    return {
      state: 'shown',
      text: read.text,
      title: read.title,
      flagged: [...(read.title ? spans(read.title, 'title') : []), ...spans(read.text, 'text')],
      link: read.link,
      anonymous: read.anonymous === true,
    };
  }

  async acknowledge(actor: Actor, alertId: string): Promise<void> {
    if (!safetyPolicy.can(actor, 'alerts.work')) throw forbidden('Only supervisors and admins handle safety alerts.');
    await this.deps.uow.run(async (tx) => {
      const alert = await repo.findAlert(tx.trx, alertId);
      if (!alert) throw notFound('That alert was not found.');
      const ok = await repo.updateAlert(
        tx.trx,
        alertId,
        { status: 'acknowledged', acknowledged_by: actor.userId, acknowledged_at: tx.now.toISOString() },
        ['open'],
      );
      if (!ok) throw conflict('Someone has already acknowledged this alert.');
      await tx.emit('safety.alert_updated', { alertId, status: 'acknowledged', escalated: alert.escalated === 1 }, [ROOM_ON_DUTY, ROOM_ALL_RESPONDERS]);
    });
  }

  /** A retry with the same `clientId` stores the note once (ADR 042). */
  async addNote(actor: Actor, alertId: string, input: z.infer<typeof AlertNoteBody>): Promise<Created<string>> {
    if (!safetyPolicy.can(actor, 'alerts.work')) throw forbidden('Only supervisors and admins handle safety alerts.');
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'safety.alert_note', target: alertId, body: request },
      async (tx) => {
        if (!(await repo.findAlert(tx.trx, alertId))) throw notFound('That alert was not found.');
        return this.insertNote(tx, actor, alertId, request.body);
      },
      (id) => id,
      async (id) => ((await repo.findNote(this.deps.db, id)) ? id : undefined),
    );
  }

  /** Notes about a person's crisis are sealed with the field key, bound to their alert. */
  private async insertNote(tx: Tx, actor: Actor, alertId: string, body: string): Promise<string> {
    const id = newId(tx.now.getTime());
    await repo.insertNote(tx.trx, {
      id,
      alert_id: alertId,
      author_id: actor.userId,
      body_enc: this.deps.keyring.field.encrypt(body, `safety_alert_notes:${alertId}`),
      created_at: tx.now.toISOString(),
    });
    return id;
  }

  async resolve(actor: Actor, alertId: string, outcome: string, note?: string): Promise<void> {
    if (!safetyPolicy.can(actor, 'alerts.work')) throw forbidden('Only supervisors and admins handle safety alerts.');
    await this.deps.uow.run(async (tx) => {
      const alert = await repo.findAlert(tx.trx, alertId);
      if (!alert) throw notFound('That alert was not found.');
      if (note) await this.insertNote(tx, actor, alertId, note);
      const ok = await repo.updateAlert(
        tx.trx,
        alertId,
        {
          status: 'resolved',
          resolved_by: actor.userId,
          resolved_at: tx.now.toISOString(),
          outcome,
          // Resolving implies it was seen.
          acknowledged_by: alert.acknowledged_by ?? actor.userId,
          acknowledged_at: alert.acknowledged_at ?? tx.now.toISOString(),
        },
        ['open', 'acknowledged'],
      );
      if (!ok) throw conflict('This alert is already resolved.');
      await tx.emit('safety.alert_updated', { alertId, status: 'resolved', escalated: alert.escalated === 1 }, [ROOM_ON_DUTY, ROOM_ALL_RESPONDERS]);
    });
  }

  /**
   * Escalates every alert not acknowledged within its time limit to all supervisors and admins,
   * and says so in the member's audit log. Runs on a timer; tests call it after moving the clock.
   * Every one, however many: the overdue alerts are read in batches of `ESCALATION_BATCH` until a
   * batch comes back short (a flood is not left for later runs, issue #3). Each escalation is its own
   * transaction, claimed by a conditional update (several instances may sweep at once: one escalates
   * and audits it); one that fails does not stop the others, and the sweep then throws its error so
   * it is logged, and the next run tries it again (it is still unescalated).
   */
  async sweep(): Promise<number> {
    const nowIso = this.deps.clock.now().toISOString();
    let escalated = 0;
    let failure: unknown = null;
    let after: { due_at: string; id: string } | null = null;
    for (;;) {
      const overdue = await repo.overdueUnacknowledged(this.deps.db, nowIso, after);
      for (const alert of overdue) {
        try {
          if (await this.escalate(alert)) escalated += 1;
        } catch (err) {
          failure ??= err;
        }
      }
      if (overdue.length < ESCALATION_BATCH) break;
      after = overdue[overdue.length - 1]!;
    }
    if (failure !== null) throw failure;
    return escalated;
  }

  /** One overdue alert to everyone responsible, audited for its member: false when another sweep had it. */
  private async escalate(alert: { id: string; user_id: string | null; level: number; due_at: string }): Promise<boolean> {
    return this.deps.uow.run(async (tx) => {
      if (!(await repo.claimEscalation(tx.trx, alert.id))) return false;
      if (alert.user_id) {
        await recordAccess(
          tx.trx,
          {
            subjectUserId: alert.user_id,
            actorId: null,
            actorRole: 'system',
            action: 'safety.alert_escalated',
            objectType: 'safety_alert',
            objectId: alert.id,
            reason: 'A safety alert about you was not picked up in time, so it was passed to every supervisor and the admin.',
          },
          tx.now,
        );
      }
      await tx.emit('safety.alert_escalated', { alertId: alert.id, level: alert.level, dueAt: alert.due_at }, [ROOM_ON_DUTY, ROOM_ALL_RESPONDERS]);
      return true;
    });
  }

  // ── held content (safe messaging) ───────────────────────────────────────────
  /**
   * Puts text a module held for its own reason (e.g. contact details in a 1:1 message) in the
   * supervisors' review queue, in the caller's transaction. The module's handler decides it.
   */
  async holdForReview(tx: Tx, item: { userId: string | null; objectType: string; objectId: string; reason: HeldReason }): Promise<string> {
    const id = newId(tx.now.getTime());
    await repo.insertHeld(tx.trx, { id, user_id: item.userId, object_type: item.objectType, object_id: item.objectId, reason: item.reason, created_at: tx.now.toISOString() });
    await this.heldQueueChanged(tx, id, item.objectType, 'pending');
    return id;
  }

  /**
   * New words of an object that the screen passed, written in the caller's transaction under the
   * object's lock: the items still waiting for its older, held words are `superseded` (ADR 052,
   * amendment "words the screen passes end the hold"). A decision on one then meets a conflict, as one
   * on an item a newer hold replaced: deciding it would apply to words the object no longer has (a
   * release published the newer words unread, an edit wrote the supervisor's over the author's).
   * Nothing is announced: a newer hold supersedes silently too, and the queue lists pending items only.
   * `decidedBy`: a moderator whose words these are is recorded as the items' decider (`decided_by`,
   * `decided_at`), so the audit trail shows a person decided them; an author's own words decide nothing.
   * Whether any was waiting.
   */
  async supersedeHeld(tx: Tx, objectType: string, objectId: string, decidedBy: string | null = null): Promise<boolean> {
    const decided = decidedBy ? { by: decidedBy, at: tx.now.toISOString() } : undefined;
    const superseded = await repo.supersedeHeld(tx.trx, objectType, objectId, decided);
    for (const item of superseded) await this.heldQueueChanged(tx, item.id, objectType, 'superseded');
    return superseded.length > 0;
  }

  /**
   * The object of held words is gone before anyone decided: its writer deleted it or took it back, or a
   * moderator removed it (`removedBy`). Called in the delete's transaction, after the object's row is
   * locked (or written): its items still waiting leave the queue as `withdrawn` (`decided_at` now,
   * `decided_by` null for the writer, else the remover) and open lists hear it (`held_queue_changed`).
   * Not a decision: the author is told nothing (`held_content_decided` is a supervisor's outcome for
   * words they wait on; they withdrew these themselves), and an alert the same words raised stays open:
   * the person may still be at risk. A later decision on the item is a conflict (`decideHeld`).
   * Several objects of one type at once (a closed circle's messages): one event per item all the same.
   * Whether any was waiting.
   */
  async withdrawHeld(tx: Tx, objectType: string, objectId: string | readonly string[], removedBy: string | null = null): Promise<boolean> {
    const ids = typeof objectId === 'string' ? [objectId] : objectId;
    let any = false;
    // Bounded statements: a bind list far below either database's parameter limit.
    for (let i = 0; i < ids.length; i += WITHDRAW_CHUNK) {
      const withdrawn = await repo.withdrawHeld(tx.trx, objectType, ids.slice(i, i + WITHDRAW_CHUNK), removedBy, tx.now.toISOString());
      for (const item of withdrawn) await this.heldQueueChanged(tx, item.id, objectType, 'withdrawn');
      any ||= withdrawn.length > 0;
    }
    return any;
  }

  async listHeld(actor: Actor, limit: number) {
    if (!safetyPolicy.can(actor, 'held.review')) throw forbidden('Only supervisors and admins review held content.');
    return this.deps.uow.run(async (tx) => {
      const rows = await repo.listHeld(tx.trx, limit);
      const items = [];
      for (const row of rows) {
        const preview = (await this.heldHandlers.get(row.object_type)?.preview(tx, row.object_id, actor)) ?? null;
        items.push({ ...row, text: preview?.text ?? null, title: preview?.title ?? null, author_handle: preview?.anonymous ? null : row.author_handle, anonymous: preview?.anonymous ?? false });
      }
      return items;
    });
  }

  async decideHeld(actor: Actor, heldId: string, decision: { action: 'release' | 'remove' } | { action: 'edit'; text: string; title?: string | undefined; publishAnyway?: boolean | undefined }): Promise<void> {
    if (!safetyPolicy.can(actor, 'held.review')) throw forbidden('Only supervisors and admins review held content.');
    await this.deps.uow.run(async (tx) => {
      const held = await repo.findHeld(tx.trx, heldId);
      if (!held) throw notFound('That held item was not found.');
      const handler = this.heldHandlers.get(held.object_type);
      if (!handler) throw conflict(`Held ${held.object_type} cannot be decided here.`);
      const status = decision.action === 'release' ? 'released' : decision.action === 'remove' ? 'removed' : 'edited';
      // The object's lock before the item's (ADR 052, amendment); the item is updated only if it is
      // still pending, so a newer hold or another decision committed meanwhile is a conflict.
      await handler.lock?.(tx, held.object_id);
      // A title only for what has one (an opening post): refused before anything is decided.
      if (decision.action === 'edit' && decision.title !== undefined && !(await handler.acceptsTitle?.(tx, held.object_id))) {
        throw badRequest('title: only an opening post has a title', { fields: [{ path: 'title', message: 'only an opening post has a title' }] });
      }
      if (!(await repo.decideHeld(tx.trx, heldId, status, actor.userId, tx.now.toISOString()))) {
        // Read again: a newer hold may have replaced it since it was read above, or its object gone.
        const now = await repo.findHeld(tx.trx, heldId);
        if (now?.status === 'withdrawn') {
          throw conflict(
            now.decided_by === null
              ? 'The writer deleted it (or took it back) before anyone decided: these words will never be shown, and the item has left the list. There is nothing to decide.'
              : 'It was removed by a moderator or supervisor before anyone decided: these words will never be shown, and the item has left the list. There is nothing to decide.',
          );
        }
        if (now?.status === 'superseded') {
          if (!(await repo.hasPendingHold(tx.trx, held.object_type, held.object_id))) {
            throw conflict('Newer words have replaced these since, and the safety screen passed them: there is nothing left to decide on this item.');
          }
          throw conflict('Newer words have replaced these since, and those are waiting for review: decide on the newer item in the list instead.');
        }
        throw conflict('Someone has already decided on this item.');
      }
      if (decision.action === 'edit') {
        // Words for an object that no longer takes them would be screened, stored and audited as
        // published while nothing is written: refused, the item left pending for a release or removal.
        // (A delete now withdraws the item, so this is met by items the old code left pending.)
        const gone = await handler.refusesWords?.(tx, held.object_id);
        if (gone) throw conflict(`${gone} There is nothing to edit: release or remove the item to take it off the list.`);
        const screening = await this.screenReviewerEdit(tx, actor, held, handler, decision);
        await handler.replaceText(tx, held.object_id, decision.text, decision.title, { reviewerId: actor.userId, screening });
      } else if (decision.action === 'release') await handler.release(tx, held.object_id);
      else await handler.remove(tx, held.object_id);
      if (held.user_id) {
        await tx.emit(
          'safety.held_content_decided',
          { heldId, objectType: held.object_type, objectId: held.object_id, status },
          [`user:${held.user_id}`],
        );
      }
      await this.heldQueueChanged(tx, heldId, held.object_type, status);
    });
  }

  /**
   * A reviewer's edit is text a person submits: screened before it is stored, as every other write
   * (ADR 055). Words the screen would still hold are refused (422, naming each passage to take out) unless
   * the reviewer asked to publish them anyway, which the audit log records with their id. The screening is
   * recorded as the author's (the words are shown as theirs and speak for them) and raises no alert: the
   * author's own words raised one already, and the reviewer is not the person at risk.
   */
  private async screenReviewerEdit(
    tx: Tx,
    actor: Actor,
    held: { user_id: string | null; object_type: string; object_id: string },
    handler: HeldContentHandler,
    decision: { text: string; title?: string | undefined; publishAnyway?: boolean | undefined },
  ): Promise<Screening> {
    const as = (await handler.screenedAs?.(tx, held.object_id, decision.text, decision.title)) ?? { text: decision.text, title: null, surface: handler.surface ?? 'other' };
    const screening = screen(as.text, { surface: as.surface });
    const stillHeld = responseFor(screening).holdForReview;
    if (stillHeld && decision.publishAnyway !== true) {
      const reason = heldReasonOf(screening);
      const flagged = flaggedPassages(screening, as.text, as.title, decision.text);
      const where = flagged.map((f) => `“${f.words}” (${f.field})`).join(', ');
      throw new HttpError(
        422,
        'still_held',
        `The edited words would still be held for review (${reason.replaceAll('_', ' ')})${where ? `: take out ${where}` : ''}, or send publishAnyway: true to publish them as they are.`,
        { reason, flagged },
      );
    }
    await this.recordScreening(tx, { userId: held.user_id, objectType: held.object_type, objectId: held.object_id }, screening);
    if (stillHeld) {
      // Whose log: the author's (they see a reviewer chose to show words of theirs the screen flags); an
      // item with no person left (its author erased) has none, so the reviewer's own. Worded for the
      // reader of that log, naming the reviewer's role as recorded.
      const role = hasRole(actor, 'supervisor') ? 'supervisor' : 'admin';
      const why = heldReasonOf(screening).replaceAll('_', ' ');
      await recordAccess(
        tx.trx,
        {
          subjectUserId: held.user_id ?? actor.userId,
          actorId: actor.userId,
          actorRole: role,
          action: 'safety.held_published_anyway',
          objectType: held.object_type,
          objectId: held.object_id,
          reason: held.user_id
            ? `${role === 'supervisor' ? 'A supervisor' : 'An admin'} edited words of yours held for review and published the edit, although the safety check still flagged it (${why}).`
            : `You edited words held for review, whose author no longer has an account here, and published the edit, although the safety check still flagged it (${why}).`,
        },
        tx.now,
      );
    }
    return screening;
  }

  consumers(): OutboxConsumer[] {
    return [];
  }

  contributor(): PersonalDataContributor {
    return {
      name: 'safety',
      export: async (tx, userId) => ({
        screenings: (await repo.screeningsOf(tx.trx, userId)).map((s) => ({
          objectType: s.object_type,
          level: s.level,
          categories: JSON.parse(s.categories) as string[],
          methodDetail: s.method_detail === 1,
          subject: s.subject,
          at: s.created_at,
        })),
        alertsAboutMe: await repo.alertsAbout(tx.trx, userId),
        heldForReview: await repo.heldOf(tx.trx, userId),
      }),
      // The person's waiting items leave the queue with them: open lists hear it (as `removed`: gone,
      // nothing left to decide), in the erasure's transaction, ids only.
      erase: async (tx, userId) => {
        const waiting = await repo.pendingHeldOf(tx.trx, userId);
        await repo.eraseUser(tx.trx, userId);
        for (const item of waiting) await this.heldQueueChanged(tx, item.id, item.object_type, 'removed');
      },
    };
  }
}


/** Why the screen holds these words (the queue's reason). */
/** A first-person word (I, I'm, me, my, myself, mine…), whatever its case ("i want to die"). */
const FIRST_PERSON = /(^|[^\p{L}\p{N}'’])(i|i'm|i’m|im|i've|i’ve|i'd|i’d|i'll|i’ll|me|my|myself|mine)(?![\p{L}\p{N}])/iu;
/** Where the clause a passage is in starts: after the last sentence or clause break before it. */
const CLAUSE_BREAK = /[.!?;:\n]/;

/**
 * Whether staff text about someone else reads as its writer's own crisis (ADR 064), for their crisis
 * response: the screen's `subject` is `self` by default (a topic like "Self-harm recovery", a moderator's
 * "use the self-harm content warning"), so a level of 2–3 alone is no evidence. It counts when a
 * first-person word is inside a passage of level ≥ 2 or in its clause right before it ("honestly I
 * can't do this anymore, I want to die"), or, without one, at level 5 ("going to end it all tonight"),
 * or at level 4 without method detail. A method quoted without a first-person word ("Hidden: the reply
 * gives a lethal dose.") is a moderator describing a post, refused for the method, with no notice.
 */
export function readsAsWritersOwnCrisis(screening: Screening, text: string): boolean {
  if (screening.subject !== 'self' || screening.level < 2) return false;
  const firstPerson = screening.reasons.some((r) => {
    if (r.level < 2 || r.context?.includes('other')) return false;
    let from = r.span[0];
    while (from > 0 && !CLAUSE_BREAK.test(text[from - 1]!)) from--;
    return FIRST_PERSON.test(text.slice(from, r.span[1]));
  });
  if (firstPerson) return true;
  return screening.level >= 5 || (screening.level === 4 && !screening.methodDetail);
}

function heldReasonOf(screening: Screening): 'method_detail' | 'harassment' | 'imminent_risk' {
  return screening.methodDetail ? 'method_detail' : screening.categories.includes('harassment') ? 'harassment' : 'imminent_risk';
}

/**
 * The passages that make the screen hold `text` (method or act signals at level ≥ 4 for method detail
 * or imminent risk, harassment's signals for harassment), each placed in the field it is in: `text`
 * is `title` (when not null) with `body` after it (`screenedAs`), so a span before the body is the title's.
 */
export function flaggedPassages(screening: Screening, text: string, title: string | null, body: string): StillFlagged[] {
  const harassment = screening.categories.includes('harassment');
  const high = screening.methodDetail || screening.level >= 5;
  const holding = (r: ScreenReason) => (high && r.level >= 4) || (harassment && r.category === 'harassment');
  const reasons = screening.reasons.some(holding) ? screening.reasons.filter(holding) : screening.reasons.filter((r) => r.level >= 1);
  const bodyAt = text.length - body.length;
  return reasons.map((r) => {
    const [start, end] = r.span;
    if (title !== null && start < bodyAt) {
      // A span that starts in the blank line between title and body (only there when it runs into the
      // body) belongs to the body; one inside the title is cut at its end.
      if (start < title.length) {
        const e = Math.min(end, title.length);
        return { field: 'title' as const, words: title.slice(start, e), start, end: e, code: r.code, level: r.level };
      }
    }
    const s = Math.max(0, start - bodyAt);
    const e = Math.max(s, end - bodyAt);
    return { field: 'text' as const, words: body.slice(s, e), start: s, end: e, code: r.code, level: r.level };
  });
}
