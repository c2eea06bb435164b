import type { z } from 'zod';
import type { CheckinBody, CircleMessageBody } from '../../../contracts/circles.js';
import { CIRCLE_LIMITS } from '../../../contracts/circles.js';
import { hasRole, type Actor, type RoomAsk } from '../../platform/actor.js';
import { requireAccountHere } from '../../platform/account-gone.js';
import { recordAccess } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { randomToken, tokenDigest, type Keyring } from '../../platform/crypto.js';
import type { Db, Dialect, Executor } from '../../platform/db.js';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../../platform/errors.js';
import type { IdempotentCreates } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import type { Tx, UnitOfWork } from '../../platform/outbox.js';
import type { PersonalDataContributor } from '../../platform/privacy.js';
import { heldMessageHandler, recordHeldReview } from '../safety/held-message-handler.js';
import type { HeldContentHandler, SafetyService, TextScreener } from '../safety/safety.service.js';
import { circlesPolicy, type CircleAction } from './circles.policy.js';
import { presentCheckin, presentCircle, presentCircleMessage } from './circles.presenter.js';
import { circlesRepository as repo, type CheckinRow, type CircleMessageRow, type CircleRow } from './circles.repository.js';

export interface CirclesDeps {
  db: Db;
  dialect: Dialect;
  uow: UnitOfWork;
  clock: Clock;
  keyring: Keyring;
  screener: TextScreener & Pick<SafetyService, 'withdrawHeld'>;
  /** Messages and check-ins a retry must not store twice (ADR 042). */
  creates: IdempotentCreates;
}

/** Messages either side of a flagged one that its alert's supervisor sees, to understand it. */
const ESCALATION_CONTEXT = 3;

const NOT_FOUND = 'That circle was not found.';
/** What the author's access log says when the supervisors' review list showed their held circle words. */
const CIRCLE_HELD_REVIEW = {
  action: 'circles.held_content_reviewed',
  reason: 'The safety screen held something you wrote in a private circle, so the supervisors’ review list showed it to decide whether it can be shown.',
};

/**
 * Informal circles: private, up to 12 people, joined only by a single-use link. Everything said in
 * one is screened, sealed with the field key and shown to its members alone. Outsiders get 404 on
 * every route, whatever their role; the only way in is the audited escalation path for the
 * supervisor working a safety alert raised by something written here.
 */
export class CirclesService {
  constructor(private readonly deps: CirclesDeps) {}

  private seal(text: string, scope: string): string {
    return this.deps.keyring.field.encrypt(text, scope);
  }

  private open(sealed: string | null, scope: string): string | null {
    return sealed === null ? null : this.deps.keyring.field.decrypt(sealed, scope);
  }

  private nameOf(c: CircleRow): string {
    return this.open(c.name_enc, `circles:${c.id}`)!;
  }

  private openMessage(m: CircleMessageRow): string | null {
    return m.state === 'removed' ? null : this.open(m.body_enc, `circle_messages:${m.circle_id}`);
  }

  private openCheckin(c: CheckinRow): string | null {
    return c.note_state === 'removed' ? null : this.open(c.note_enc, `circle_checkins:${c.user_id}`);
  }

  /** The circle for its members; the same 404 for everyone else, so outsiders learn nothing. */
  private async memberOf(db: Executor, actor: Actor, circleId: string, action: CircleAction = 'circle.read', lock: false | 'update' | 'edit' | 'share' = false) {
    const circle =
      lock === 'update'
        ? await repo.lockCircle(db, this.deps.dialect, circleId)
        : lock === 'edit'
          ? await repo.lockCircleForEdit(db, this.deps.dialect, circleId)
          : lock === 'share'
            ? await repo.shareCircle(db, this.deps.dialect, circleId)
            : await repo.findCircle(db, circleId);
    const member = !!circle && (await repo.isMember(db, circle.id, actor.userId));
    if (!circle || !member) throw notFound(NOT_FOUND);
    const ctx = { member, owner: circle.owner_id === actor.userId };
    if (!circlesPolicy.can(actor, action, ctx)) throw forbidden('Only the person who made this circle can do that.');
    return circle;
  }

  async mayJoinCircleRoom(actor: Actor, circleId: string): Promise<boolean> {
    return circlesPolicy.can(actor, 'circle.read', { member: await repo.isMember(this.deps.db, circleId, actor.userId) });
  }

  /** mayJoinCircleRoom for many sockets at once (the periodic recheck): one statement. */
  async mayStayInCircleRooms(asked: readonly RoomAsk[]): Promise<boolean[]> {
    const rows = await repo.membershipsAmong(this.deps.db, [...new Set(asked.map((a) => a.id))], [...new Set(asked.map((a) => a.actor.userId))]);
    const members = new Set(rows.map((r) => `${r.circle_id} ${r.user_id}`));
    return asked.map(({ actor, id }) => circlesPolicy.can(actor, 'circle.read', { member: members.has(`${id} ${actor.userId}`) }));
  }

  private async view(db: Executor, circle: CircleRow, actor: Actor) {
    return presentCircle(circle, this.nameOf(circle), await repo.members(db, [circle.id]), actor.userId);
  }

  // ── circles ─────────────────────────────────────────────────────────────────
  async create(actor: Actor, name: string) {
    return this.deps.uow.run(async (tx) => {
      // Their account first (no circle to lock yet): an erasure under way waits for this circle and
      // then leaves it (or answers 409), or this waits for the erasure and answers 401.
      await requireAccountHere(tx.trx, this.deps.dialect, actor.userId);
      const id = newId(tx.now.getTime());
      await this.screen(tx, actor, 'circle_name', id, name, 'other');
      const iso = tx.now.toISOString();
      const row: CircleRow = { id, name_enc: this.seal(name, `circles:${id}`), owner_id: actor.userId, created_at: iso, updated_at: iso };
      await repo.insertCircle(tx.trx, row);
      await repo.insertMember(tx.trx, id, actor.userId, iso);
      return this.view(tx.trx, row, actor);
    });
  }

  async list(actor: Actor) {
    const db = this.deps.db;
    const circles = await repo.circlesOf(db, actor.userId);
    const members = await repo.members(db, circles.map((c) => c.id));
    return circles.map((c) => presentCircle(c, this.nameOf(c), members.filter((m) => m.circle_id === c.id), actor.userId));
  }

  async get(actor: Actor, circleId: string) {
    const circle = await this.memberOf(this.deps.db, actor, circleId);
    return this.view(this.deps.db, circle, actor);
  }

  async rename(actor: Actor, circleId: string, name: string) {
    return this.deps.uow.run(async (tx) => {
      // Locked before the checks: a rename behind a close, a leave or a removal reads what they left
      // (the circle gone, its owner changed), not the row as it was; writes into the circle go on.
      const circle = await this.memberOf(tx.trx, actor, circleId, 'circle.manage', 'edit');
      await this.screen(tx, actor, 'circle_name', circle.id, name, 'other');
      const patch = { name_enc: this.seal(name, `circles:${circle.id}`), updated_at: tx.now.toISOString() };
      await repo.updateCircle(tx.trx, circle.id, patch);
      await tx.emit('circle.changed', { circleId: circle.id }, [`circle:${circle.id}`]);
      // The row is ours until commit: it is the one read, with the patch.
      return this.view(tx.trx, { ...circle, ...patch }, actor);
    });
  }

  async close(actor: Actor, circleId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      // Locked: a message written meanwhile is either in before the close (its held words withdrawn
      // with the rest) or refused after it, never deleted with its item left waiting.
      const circle = await this.memberOf(tx.trx, actor, circleId, 'circle.manage', 'update');
      await this.deleteCircle(tx, circle.id);
      await tx.emit('circle.changed', { circleId: circle.id }, [`circle:${circle.id}`]);
    });
  }

  /**
   * The circle goes, and its messages with it (ON DELETE CASCADE): words of theirs still waiting in the
   * held queue leave it first as `withdrawn`, not as a decision (ADR 055, amendment), each message's
   * row locked before its item (ADR 052's order). The caller holds the circle's lock. Check-ins are
   * their author's and stay: only their shares into this circle go, so a held note still waits.
   */
  private async deleteCircle(tx: Tx, circleId: string): Promise<void> {
    const held = await repo.lockHeldMessagesIn(tx.trx, this.deps.dialect, circleId);
    await this.deps.screener.withdrawHeld(tx, 'circle_message', held);
    await repo.deleteCircle(tx.trx, circleId);
  }

  /** Leaving hands the circle to the longest-standing member; the last one out closes it. */
  async leave(actor: Actor, circleId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const circle = await this.memberOf(tx.trx, actor, circleId, 'circle.read', 'update');
      await this.departs(tx, circle, actor.userId);
    });
  }

  /** The caller holds the circle's lock: two last people leaving at once see each other gone, one closes it. */
  private async departs(tx: Tx, circle: CircleRow, userId: string): Promise<void> {
    await repo.removeMember(tx.trx, circle.id, userId);
    const rest = await repo.members(tx.trx, [circle.id]);
    if (!rest.length) await this.deleteCircle(tx, circle.id);
    else if (circle.owner_id === userId) await repo.updateCircle(tx.trx, circle.id, { owner_id: rest[0]!.user_id, updated_at: tx.now.toISOString() });
    await tx.emit('circle.changed', { circleId: circle.id }, [`circle:${circle.id}`]);
  }

  async removeMember(actor: Actor, circleId: string, userId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const circle = await this.memberOf(tx.trx, actor, circleId, 'circle.manage', 'update');
      if (userId === actor.userId) throw conflict('To leave your own circle, use leave.');
      if (!(await repo.isMember(tx.trx, circle.id, userId))) throw notFound('That person is not in this circle.');
      await this.departs(tx, circle, userId);
    });
  }

  // ── invitations ─────────────────────────────────────────────────────────────
  /** A single-use link; the token is shown once and only its digest is kept. */
  /**
   * A link for one person to join. With a `clientId` a retry answers with the same invitation and
   * link (ADR 042): its token is then the keyed digest of the writer, key and invitation, so the
   * retry can give it again although only the token's one-way digest is stored. The invitation's
   * id is in it so that the same key after its 24 h (free again for a new create) makes another
   * link, not the digest of the first one (unique: it would collide). Without a key it is random.
   */
  async invite(actor: Actor, circleId: string, input: { expiresInHours: number; clientId?: string | undefined }) {
    const { clientId, expiresInHours } = input;
    const tokenFor = (key: string, invitationId: string) => this.deps.keyring.digest(`circles.invitation-token\n${actor.userId}\n${key}\n${invitationId}`);
    // Links made before the id was in the token (2026-11-27): their retries, for their last day.
    const legacyTokenFor = (key: string) => this.deps.keyring.digest(`circles.invitation-token\n${actor.userId}\n${key}`);
    type Invitation = { row: { id: string; created_at: string; expires_at: string; revoked_at: string | null; used_at: string | null }; token: string };
    return this.deps.creates.run<Invitation>(
      actor.userId,
      clientId,
      { kind: 'circles.invitation', target: circleId, body: { expiresInHours } },
      async (tx) => {
        const circle = await this.memberOf(tx.trx, actor, circleId, 'circle.invite');
        if ((await repo.memberCount(tx.trx, circle.id)) >= CIRCLE_LIMITS.maxMembers) throw conflict(`This circle already has ${CIRCLE_LIMITS.maxMembers} people, its limit.`);
        const id = newId(tx.now.getTime());
        const token = clientId === undefined ? randomToken() : tokenFor(clientId, id);
        const row = {
          id,
          circle_id: circle.id,
          token_digest: tokenDigest(`circle:${token}`),
          created_by: actor.userId,
          created_at: tx.now.toISOString(),
          expires_at: new Date(tx.now.getTime() + expiresInHours * 3_600_000).toISOString(),
        };
        await repo.insertInvitation(tx.trx, row);
        return { row: { ...row, revoked_at: null, used_at: null }, token };
      },
      (written) => written.row.id,
      async (id) => {
        const row = (await repo.listInvitations(this.deps.db, circleId)).find((i) => i.id === id);
        if (!row) return undefined;
        const token = [tokenFor(clientId!, id), legacyTokenFor(clientId!)].find((t) => row.token_digest === tokenDigest(`circle:${t}`));
        return token === undefined ? undefined : { row, token };
      },
    );
  }

  async invitations(actor: Actor, circleId: string) {
    const circle = await this.memberOf(this.deps.db, actor, circleId, 'circle.invite');
    return repo.listInvitations(this.deps.db, circle.id);
  }

  async revokeInvitation(actor: Actor, circleId: string, invitationId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const circle = await this.memberOf(tx.trx, actor, circleId, 'circle.invite');
      if (!(await repo.revokeInvitation(tx.trx, circle.id, invitationId, tx.now.toISOString()))) throw notFound('That invitation was not found, or was already used or revoked.');
    });
  }

  /** Joins by link: each link lets one person in, once, before it expires, while there is room. */
  async accept(actor: Actor, token: string) {
    return this.deps.uow.run(async (tx) => {
      const invitation = await repo.findInvitationByDigest(tx.trx, tokenDigest(`circle:${token}`));
      if (!invitation) throw notFound('This invitation link is not valid. Ask for a new one.');
      const gone = (code: string, message: string) => new HttpError(410, code, message);
      if (invitation.revoked_at) throw gone('invitation_revoked', 'This invitation link was withdrawn. Ask for a new one.');
      if (invitation.used_at) throw gone('invitation_used', 'This invitation link has already been used: each link lets one person in. Ask for a new one.');
      if (invitation.expires_at <= tx.now.toISOString()) throw gone('invitation_expired', 'This invitation link has expired. Ask for a new one.');
      const circle = await repo.lockCircle(tx.trx, this.deps.dialect, invitation.circle_id);
      if (!circle) throw notFound('This invitation link is not valid. Ask for a new one.');
      await requireAccountHere(tx.trx, this.deps.dialect, actor.userId);
      if (await repo.isMember(tx.trx, circle.id, actor.userId)) throw conflict('You are already in this circle.');
      if ((await repo.memberCount(tx.trx, circle.id)) >= CIRCLE_LIMITS.maxMembers) throw conflict(`This circle already has ${CIRCLE_LIMITS.maxMembers} people, its limit.`);
      if (!(await repo.useInvitation(tx.trx, invitation.id, actor.userId, tx.now.toISOString()))) {
        throw gone('invitation_used', 'This invitation link has already been used: each link lets one person in. Ask for a new one.');
      }
      await repo.insertMember(tx.trx, circle.id, actor.userId, tx.now.toISOString());
      await tx.emit('circle.changed', { circleId: circle.id }, [`circle:${circle.id}`]);
      return this.view(tx.trx, circle, actor);
    });
  }

  // ── chat ────────────────────────────────────────────────────────────────────
  /** A message in a circle; a retry with its `clientId` stores nothing (ADR 042). */
  async postMessage(actor: Actor, circleId: string, input: z.infer<typeof CircleMessageBody>) {
    const { clientId, body } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'circle.message', target: circleId, body: { body } },
      (tx) => this.writeMessage(tx, actor, circleId, body),
      (written) => written.message.id,
      async (id) => {
        const m = await repo.findMessage(this.deps.db, id);
        if (!m || m.state === 'removed') return undefined;
        return { message: presentCircleMessage(m, body, actor.userId), safety: await this.deps.screener.noticeAgain({ text: body, surface: 'message', region: actor.region }, m.state === 'pending') };
      },
    );
  }

  private async writeMessage(tx: Tx, actor: Actor, circleId: string, body: string) {
    // The circle's row shared first (ADR 052's order: the circle, then the message and its held item):
    // a close waits for this write, or this write for the close and then answers 404, never a 500
    // from a message whose circle went meanwhile.
    const circle = await this.memberOf(tx.trx, actor, circleId, 'circle.write', 'share');
    const id = newId(tx.now.getTime());
    // Screened before it is stored: a level ≥ 3 raises an alert; held words wait, seen by their author only.
    const verdict = await this.deps.screener.screenAndRecord(tx, { userId: actor.userId, objectType: 'circle_message', objectId: id, text: body, surface: 'message', region: actor.region });
    const state = verdict.notice.held ? ('pending' as const) : ('visible' as const);
    await repo.insertMessage(tx.trx, { id, circle_id: circle.id, author_id: actor.userId, body_enc: this.seal(body, `circle_messages:${circle.id}`), state, created_at: tx.now.toISOString() });
    if (state === 'visible') await tx.emit('circle.message_created', { circleId: circle.id, messageId: id }, [`circle:${circle.id}`]);
    return { message: presentCircleMessage((await repo.findMessage(tx.trx, id))!, body, actor.userId), safety: verdict.notice };
  }

  async messages(actor: Actor, circleId: string, q: { cursor?: string | undefined; limit: number }) {
    const db = this.deps.db;
    const circle = await this.memberOf(db, actor, circleId);
    if (q.cursor !== undefined && !/^[0-9a-f-]{36}$/.test(q.cursor)) throw badRequest('query cursor: is not a cursor this server gave out', { fields: [{ path: 'query cursor', message: 'is not valid' }] });
    const rows = await repo.listMessages(db, circle.id, { beforeId: q.cursor ?? null, limit: q.limit, viewerId: actor.userId });
    return { messages: rows.map((m) => presentCircleMessage(m, this.openMessage(m), actor.userId)), nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
  }

  private async messageIn(db: Executor, circle: CircleRow, actor: Actor, messageId: string) {
    const m = await repo.findMessage(db, messageId);
    if (!m || m.circle_id !== circle.id || (m.state === 'pending' && m.author_id !== actor.userId)) throw notFound('That message was not found.');
    return m;
  }

  async message(actor: Actor, circleId: string, messageId: string) {
    const circle = await this.memberOf(this.deps.db, actor, circleId);
    const m = await this.messageIn(this.deps.db, circle, actor, messageId);
    return presentCircleMessage(m, this.openMessage(m), actor.userId);
  }

  async removeMessage(actor: Actor, circleId: string, messageId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const circle = await this.memberOf(tx.trx, actor, circleId);
      const m = await this.messageIn(tx.trx, circle, actor, messageId);
      if (!circlesPolicy.can(actor, 'message.remove', { member: true, author: m.author_id === actor.userId })) throw forbidden('Only its author can take a message back.');
      await repo.updateMessage(tx.trx, m.id, { state: 'removed', body_enc: this.seal('', `circle_messages:${circle.id}`) });
      await tx.emit('circle.message_updated', { circleId: circle.id, messageId: m.id }, [`circle:${circle.id}`]);
      // Held words taken back leave the review queue (the message's row first, written above, then the
      // item: ADR 052's order), not as a decision: nobody is told one (ADR 055, amendment).
      await this.deps.screener.withdrawHeld(tx, 'circle_message', m.id);
    });
  }

  // ── check-ins ───────────────────────────────────────────────────────────────
  /** A small check-in; it reaches a circle only when its author names that circle, one check-in at a time. */
  async checkIn(actor: Actor, input: z.infer<typeof CheckinBody>) {
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'circle.checkin', target: actor.userId, body: request },
      (tx) => this.writeCheckin(tx, actor, newId(tx.now.getTime()), request.mood, request.note ?? null, request.shareWith),
      (written) => written.checkin.id,
      async (id) => {
        const c = await repo.findCheckin(this.deps.db, id);
        if (!c || c.user_id !== actor.userId) return undefined;
        const shareWith = [...new Set(request.shareWith)];
        const safety = request.note ? await this.deps.screener.noticeAgain({ text: request.note, surface: 'checkin_note', region: actor.region }, c.note_state === 'pending') : null;
        return { checkin: presentCheckin(c, this.openCheckin(c), actor.userId, shareWith), safety };
      },
    );
  }

  /** Whether a check-in's note waits for a supervisor now (a shared recovery check-in has the same id). */
  async checkinNoteHeld(checkinId: string): Promise<boolean> {
    return (await repo.findCheckin(this.deps.db, checkinId))?.note_state === 'pending';
  }

  /**
   * A recovery check-in its author chose to share (same transaction as the recovery write). The
   * circle check-in takes the recovery check-in's id, so deleting that one deletes this one too;
   * its mood and note then go through exactly the path of a circle check-in (membership, screen
   * that may hold, seal, shares, `circle.checkin_shared`). Empty `circleIds` writes nothing.
   */
  async shareRecoveryCheckin(tx: Tx, actor: Actor, input: { checkinId: string; mood: number; note: string | null; circleIds: string[] }) {
    if (!input.circleIds.length) return null;
    return this.writeCheckin(tx, actor, input.checkinId, input.mood, input.note, input.circleIds);
  }

  /** The recovery check-in with this id was deleted by its author: it leaves every circle it was in. */
  async withdrawRecoveryCheckin(tx: Tx, userId: string, checkinId: string): Promise<void> {
    // The check-in's row before its held item's, as a decision on its note takes them (ADR 052's order).
    await repo.lockCheckin(tx.trx, this.deps.dialect, checkinId);
    const c = await repo.findCheckin(tx.trx, checkinId);
    if (!c || c.user_id !== userId) return;
    const shares = await repo.sharesOf(tx.trx, [c.id]);
    await repo.deleteCheckin(tx.trx, c.id);
    for (const s of shares) await tx.emit('circle.changed', { circleId: s.circle_id }, [`circle:${s.circle_id}`]);
    // A note held for review leaves the queue with it, not as a decision (ADR 055, amendment).
    await this.deps.screener.withdrawHeld(tx, 'circle_checkin', c.id);
  }

  private async writeCheckin(tx: Tx, actor: Actor, id: string, mood: number, note: string | null, circleIds: string[]) {
    const shareWith = [...new Set(circleIds)];
    // Each circle's row shared before the check-in and its held item (as writeMessage), in id order.
    for (const circleId of [...shareWith].sort()) await this.memberOf(tx.trx, actor, circleId, 'circle.write', 'share');
    // After the circles' locks, in the erasure's order: a check-in that waited for the writer's erasure answers 401,
    // not a foreign-key failure (500).
    await requireAccountHere(tx.trx, this.deps.dialect, actor.userId);
    let safety = null;
    let noteState: 'visible' | 'pending' = 'visible';
    if (note) {
      const verdict = await this.deps.screener.screenAndRecord(tx, { userId: actor.userId, objectType: 'circle_checkin', objectId: id, text: note, surface: 'checkin_note', region: actor.region });
      safety = verdict.notice;
      if (verdict.notice.held) noteState = 'pending';
    }
    const iso = tx.now.toISOString();
    await repo.insertCheckin(tx.trx, {
      id,
      user_id: actor.userId,
      mood,
      note_enc: note ? this.seal(note, `circle_checkins:${actor.userId}`) : null,
      note_state: noteState,
      created_at: iso,
    });
    for (const circleId of shareWith) {
      await repo.share(tx.trx, id, circleId, iso);
      await tx.emit('circle.checkin_shared', { circleId, checkinId: id }, [`circle:${circleId}`]);
    }
    const row = (await repo.findCheckin(tx.trx, id))!;
    return { checkin: presentCheckin(row, note, actor.userId, shareWith), safety };
  }

  async myCheckins(actor: Actor, q: { cursor?: string | undefined; limit: number }) {
    const db = this.deps.db;
    if (q.cursor !== undefined && !/^[0-9a-f-]{36}$/.test(q.cursor)) throw badRequest('query cursor: is not a cursor this server gave out', { fields: [{ path: 'query cursor', message: 'is not valid' }] });
    const rows = await repo.checkinsOf(db, actor.userId, { beforeId: q.cursor ?? null, limit: q.limit });
    const shares = await repo.sharesOf(db, rows.map((r) => r.id));
    return {
      checkins: rows.map((c) => presentCheckin(c, this.openCheckin(c), actor.userId, shares.filter((s) => s.checkin_id === c.id).map((s) => s.circle_id))),
      nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
    };
  }

  async circleCheckins(actor: Actor, circleId: string, q: { cursor?: string | undefined; limit: number }) {
    const db = this.deps.db;
    const circle = await this.memberOf(db, actor, circleId);
    if (q.cursor !== undefined && !/^[0-9a-f-]{36}$/.test(q.cursor)) throw badRequest('query cursor: is not a cursor this server gave out', { fields: [{ path: 'query cursor', message: 'is not valid' }] });
    const rows = await repo.checkinsIn(db, circle.id, { beforeId: q.cursor ?? null, limit: q.limit });
    const shares = await repo.sharesOf(db, rows.filter((r) => r.user_id === actor.userId).map((r) => r.id));
    return {
      checkins: rows.map((c) => presentCheckin(c, this.openCheckin(c), actor.userId, shares.filter((s) => s.checkin_id === c.id).map((s) => s.circle_id))),
      nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
    };
  }

  /** Its author takes a check-in back out of a circle. */
  async unshare(actor: Actor, circleId: string, checkinId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const circle = await this.memberOf(tx.trx, actor, circleId);
      const checkin = await repo.findCheckin(tx.trx, checkinId);
      if (!checkin || checkin.user_id !== actor.userId || !(await repo.unshare(tx.trx, checkin.id, circle.id))) throw notFound('That check-in is not shared in this circle.');
      await tx.emit('circle.changed', { circleId: circle.id }, [`circle:${circle.id}`]);
    });
  }

  // ── the escalation path ─────────────────────────────────────────────────────
  /**
   * For the supervisor working a safety alert raised by something written in a circle: that one
   * item and a few messages around it. Each person whose words are shown sees the read on "Who saw
   * my data". Nothing else of the circle (name, members, other messages) is revealed.
   */
  async escalationContext(actor: Actor, alertId: string) {
    return this.deps.uow.run(async (tx) => {
      const alert = await repo.alertWithObject(tx.trx, alertId);
      if (!alert || (alert.object_type !== 'circle_message' && alert.object_type !== 'circle_checkin')) throw notFound('No circle content belongs to that alert.');
      if (!hasRole(actor, 'supervisor', 'admin')) throw notFound('No circle content belongs to that alert.');
      if (!circlesPolicy.can(actor, 'escalation.read', { workingAlert: alert.acknowledged_by === actor.userId })) {
        throw conflict('Acknowledge the alert first: only the supervisor working it may read what raised it.');
      }
      const role = hasRole(actor, 'supervisor') ? 'supervisor' : 'admin';
      const audit = (subject: string | null, objectType: string, objectId: string, reason: string) =>
        subject ? recordAccess(tx.trx, { subjectUserId: subject, actorId: actor.userId, actorRole: role, action: 'circles.escalation_read', objectType, objectId, reason }, tx.now) : Promise.resolve();
      if (alert.object_type === 'circle_checkin') {
        const c = await repo.findCheckin(tx.trx, alert.object_id);
        if (!c) throw notFound('That check-in no longer exists.');
        await audit(c.user_id, 'circle_checkin', c.id, 'A supervisor read a check-in note of yours because it raised a safety alert, to check you are safe.');
        const shares = await repo.sharesOf(tx.trx, [c.id]);
        return {
          alertId: alert.id,
          circleId: shares[0]?.circle_id ?? '',
          objectType: 'circle_checkin' as const,
          flagged: { id: c.id, circleId: shares[0]?.circle_id ?? '', author: c.author_handle ? { id: c.user_id, handle: c.author_handle } : null, isMe: false, body: this.openCheckin(c), state: c.note_state, createdAt: c.created_at },
          context: [],
        };
      }
      const m = await repo.findMessage(tx.trx, alert.object_id);
      if (!m) throw notFound('That message no longer exists.');
      const around = await repo.around(tx.trx, m.circle_id, m.id, ESCALATION_CONTEXT);
      await audit(m.author_id, 'circle_message', m.id, 'A supervisor read a message you wrote in a private circle because it raised a safety alert, to check you are safe.');
      for (const subject of new Set(around.map((x) => x.author_id).filter((x): x is string => !!x && x !== m.author_id))) {
        await audit(subject, 'circle', m.circle_id, 'A supervisor read a few messages around one that raised a safety alert in a private circle you are in, to understand it.');
      }
      const show = (x: CircleMessageRow) => ({ ...presentCircleMessage(x, this.openMessage(x), actor.userId), body: this.openMessage(x) });
      return { alertId: alert.id, circleId: m.circle_id, objectType: 'circle_message' as const, flagged: show(m), context: around.map(show) };
    });
  }

  /** Held circle words reach the supervisors' review list: itself a safety escalation, and recorded as one. */
  heldContentHandlers(): HeldContentHandler[] {
    const reviewed = (tx: Tx, subject: string | null, objectType: string, objectId: string) => recordHeldReview(tx, subject, { ...CIRCLE_HELD_REVIEW, objectType, objectId });
    return [
      heldMessageHandler<CircleMessageRow>({
        objectType: 'circle_message',
        surface: 'message',
        find: (tx, id) => repo.findMessage(tx.trx, id),
        lock: (tx, id) => repo.lockMessage(tx.trx, this.deps.dialect, id),
        update: (tx, id, patch) => repo.updateMessage(tx.trx, id, patch),
        open: (m) => this.openMessage(m),
        seal: (m, text) => this.seal(text, `circle_messages:${m.circle_id}`),
        audit: CIRCLE_HELD_REVIEW,
        announce: (tx, m, as) => tx.emit(as === 'created' ? 'circle.message_created' : 'circle.message_updated', { circleId: m.circle_id, messageId: m.id }, [`circle:${m.circle_id}`]),
        replacedHeldIsNew: false,
      }),
      {
        objectType: 'circle_checkin',
        surface: 'checkin_note',
        // The check-in's row before the item's, as its deletion takes them (PostgreSQL).
        lock: (tx, id) => repo.lockCheckin(tx.trx, this.deps.dialect, id),
        preview: async (tx, id) => {
          const c = await repo.findCheckin(tx.trx, id);
          if (!c) return null;
          await reviewed(tx, c.user_id, 'circle_checkin', c.id);
          return { text: this.openCheckin(c) ?? '', anonymous: false };
        },
        release: async (tx, id) => {
          await repo.updateCheckin(tx.trx, id, { note_state: 'visible' });
        },
        remove: async (tx, id) => {
          const c = await repo.findCheckin(tx.trx, id);
          if (!c) return;
          await repo.updateCheckin(tx.trx, id, { note_state: 'removed', note_enc: null });
        },
        replaceText: async (tx, id, text) => {
          const c = await repo.findCheckin(tx.trx, id);
          if (!c) return;
          await repo.updateCheckin(tx.trx, id, { note_state: 'visible', note_enc: this.seal(text, `circle_checkins:${c.user_id}`) });
        },
      },
    ];
  }

  private async screen(tx: Tx, actor: Actor, objectType: string, objectId: string, text: string, surface: 'other'): Promise<void> {
    const verdict = await this.deps.screener.screenAndRecord(tx, { userId: actor.userId, objectType, objectId, text, surface, region: actor.region });
    if (verdict.notice.held) {
      throw new HttpError(422, 'held_by_safety', 'This name cannot be saved as written: please leave out details of methods or harm.', { safety: verdict.notice });
    }
  }

  // ── personal data ───────────────────────────────────────────────────────────
  contributor(): PersonalDataContributor {
    return {
      name: 'circles',
      export: async (tx, userId) => {
        const db = tx.trx;
        const circles = await repo.circlesOf(db, userId);
        const checkins = await repo.allCheckinsOf(db, userId);
        const shares = await repo.sharesOf(db, checkins.map((c) => c.id));
        return {
          circles: circles.map((c) => ({ id: c.id, name: this.nameOf(c), owner: c.owner_id === userId, createdAt: c.created_at })),
          messages: (await repo.messagesBy(db, userId)).map((m) => ({ id: m.id, circleId: m.circle_id, body: m.state === 'removed' ? null : this.open(m.body_enc, `circle_messages:${m.circle_id}`), at: m.created_at })),
          checkins: checkins.map((c) => ({
            id: c.id,
            mood: c.mood,
            note: c.note_state === 'removed' ? null : this.open(c.note_enc, `circle_checkins:${userId}`),
            sharedWith: shares.filter((s) => s.checkin_id === c.id).map((s) => s.circle_id),
            at: c.created_at,
          })),
        };
      },
      erase: async (tx, userId) => {
        // Every circle this writes in, locked in id order before any of its rows (ADR 052's order: the
        // circle first), each as its other writers take it: one they are in `for update`, as a leave
        // does, for they leave it as a leave would (`departs`: it passes to the longest-standing other
        // member, the last one out closes it); one holding only their words or shared check-ins
        // `for key share`, as a write into it does. Their memberships deleted without the lock raced a
        // leave, a close or a join (the last two leaving at once left an empty circle owned by nobody there).
        const touched = (await repo.circlesErasureTouches(tx.trx, userId)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const leaving: CircleRow[] = [];
        for (const { id, member } of touched) {
          const circle = member ? await repo.lockCircle(tx.trx, this.deps.dialect, id) : await repo.shareCircle(tx.trx, this.deps.dialect, id);
          if (circle && member) leaving.push(circle);
        }
        for (const circle of leaving) await this.departs(tx, circle, userId);
        await repo.eraseUser(tx.trx, userId);
      },
      // The circles above were read before they were locked: one joined or made meanwhile (another
      // device of theirs), or passed to them by its owner's leave, was neither locked nor left, and the
      // account's delete would cascade through it (an empty circle; their circle's name kept, owned by
      // nobody). Their row is now locked, so such writes have committed and no more can start: if any
      // circle still names them the whole erasure is undone, to be asked again. Not locked and left here:
      // a write holding that circle would wait for their row, and this for the circle (a deadlock).
      erased: async (tx, userId) => {
        if ((await repo.circlesErasureTouches(tx.trx, userId)).length) {
          throw conflict('Your circles changed while your account was being deleted (one was joined or made from another device). Nothing was deleted: please try again.');
        }
      },
    };
  }
}
