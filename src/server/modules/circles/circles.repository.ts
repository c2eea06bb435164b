import { sql, type Selectable } from 'kysely';
import { forKeyShareOnPostgres, forNoKeyUpdateOnPostgres, forUpdateOnPostgres, type Dialect, type Executor } from '../../platform/db.js';
import type { CircleCheckinsTable, CircleMessagesTable, CirclesTable } from '../../platform/schema.js';

export type CircleRow = Selectable<CirclesTable>;
export type CircleMessageRow = Selectable<CircleMessagesTable> & { author_handle: string | null };
export type CheckinRow = Selectable<CircleCheckinsTable> & { author_handle: string | null };

/** Kysely only: circles, members, invitations, check-ins and shares, messages. */
function messageById(db: Executor, id: string) {
  return db
    .selectFrom('circle_messages')
    .leftJoin('users', 'users.id', 'circle_messages.author_id')
    .selectAll('circle_messages')
    .select('users.handle as author_handle')
    .where('circle_messages.id', '=', id);
}

export const circlesRepository = {
  async insertCircle(db: Executor, row: CircleRow) {
    await db.insertInto('circles').values(row).execute();
  },
  findCircle(db: Executor, id: string) {
    return db.selectFrom('circles').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Reads the circle and, on PostgreSQL, locks its row until the transaction ends (joins queue here). */
  lockCircle(db: Executor, dialect: Dialect, id: string) {
    return forUpdateOnPostgres(db.selectFrom('circles').selectAll().where('id', '=', id), dialect).executeTakeFirst();
  },
  /**
   * Reads the circle and, on PostgreSQL, holds its row `for no key update` until the transaction
   * ends, as a rename's UPDATE of its name would: a rename waits for a close, a leave or a removal
   * (`lockCircle`) and reads what they left, while writes into the circle (`shareCircle`) and it do
   * not wait for each other.
   */
  lockCircleForEdit(db: Executor, dialect: Dialect, id: string) {
    return forNoKeyUpdateOnPostgres(db.selectFrom('circles').selectAll().where('id', '=', id), dialect).executeTakeFirst();
  },
  /**
   * Reads the circle and, on PostgreSQL, holds its row `for key share` until the transaction ends:
   * writes into the circle (messages, shared check-ins) do not wait for each other nor for a rename
   * (they rest on the circle being there, not on its name), and a close (`lockCircle`, then the
   * delete) waits for them or they for it, then read it gone (ADR 052's order: circle first).
   */
  shareCircle(db: Executor, dialect: Dialect, id: string) {
    return forKeyShareOnPostgres(db.selectFrom('circles').selectAll().where('id', '=', id), dialect).executeTakeFirst();
  },
  async updateCircle(db: Executor, id: string, patch: Partial<Omit<CircleRow, 'id'>>) {
    await db.updateTable('circles').set(patch).where('id', '=', id).execute();
  },
  async deleteCircle(db: Executor, id: string) {
    await db.deleteFrom('circles').where('id', '=', id).execute();
  },
  circlesOf(db: Executor, userId: string) {
    return db
      .selectFrom('circles')
      .innerJoin('circle_members', 'circle_members.circle_id', 'circles.id')
      .selectAll('circles')
      .where('circle_members.user_id', '=', userId)
      .orderBy('circles.id')
      .execute();
  },
  members(db: Executor, circleIds: string[]) {
    if (!circleIds.length) return Promise.resolve([]);
    return db
      .selectFrom('circle_members')
      .innerJoin('users', 'users.id', 'circle_members.user_id')
      .select(['circle_members.circle_id', 'circle_members.user_id', 'circle_members.joined_at', 'users.handle'])
      .where('circle_members.circle_id', 'in', circleIds)
      .orderBy('circle_members.joined_at')
      .orderBy('users.handle')
      .execute();
  },
  async isMember(db: Executor, circleId: string, userId: string): Promise<boolean> {
    return !!(await db.selectFrom('circle_members').select('user_id').where('circle_id', '=', circleId).where('user_id', '=', userId).executeTakeFirst());
  },
  /** Of these circles and people, the memberships there are (one statement; the caller pairs them). */
  membershipsAmong(db: Executor, circleIds: readonly string[], userIds: readonly string[]) {
    if (circleIds.length === 0 || userIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('circle_members').select(['circle_id', 'user_id']).where('circle_id', 'in', [...circleIds]).where('user_id', 'in', [...userIds]).execute();
  },
  async memberCount(db: Executor, circleId: string): Promise<number> {
    const row = await db.selectFrom('circle_members').select(sql<number>`count(*)`.as('n')).where('circle_id', '=', circleId).executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async insertMember(db: Executor, circleId: string, userId: string, at: string) {
    await db.insertInto('circle_members').values({ circle_id: circleId, user_id: userId, joined_at: at }).execute();
  },
  async removeMember(db: Executor, circleId: string, userId: string): Promise<boolean> {
    const res = await db.deleteFrom('circle_members').where('circle_id', '=', circleId).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },

  // ── invitations ─────────────────────────────────────────────────────────────
  async insertInvitation(db: Executor, row: { id: string; circle_id: string; token_digest: string; created_by: string; created_at: string; expires_at: string }) {
    await db.insertInto('circle_invitations').values({ ...row, revoked_at: null, used_at: null, used_by: null }).execute();
  },
  findInvitationByDigest(db: Executor, digest: string) {
    return db.selectFrom('circle_invitations').selectAll().where('token_digest', '=', digest).executeTakeFirst();
  },
  listInvitations(db: Executor, circleId: string) {
    return db.selectFrom('circle_invitations').selectAll().where('circle_id', '=', circleId).orderBy('id', 'desc').limit(100).execute();
  },
  async revokeInvitation(db: Executor, circleId: string, id: string, at: string): Promise<boolean> {
    const res = await db
      .updateTable('circle_invitations')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('circle_id', '=', circleId)
      .where('revoked_at', 'is', null)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },
  /** Spends a link: true only for the one caller that found it unused and unrevoked. */
  async useInvitation(db: Executor, id: string, userId: string, at: string): Promise<boolean> {
    const res = await db
      .updateTable('circle_invitations')
      .set({ used_at: at, used_by: userId })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  // ── messages ────────────────────────────────────────────────────────────────
  async insertMessage(db: Executor, row: Selectable<CircleMessagesTable>) {
    await db.insertInto('circle_messages').values(row).execute();
  },
  findMessage(db: Executor, id: string): Promise<CircleMessageRow | undefined> {
    return messageById(db, id).executeTakeFirst();
  },
  /** Reads the message and, on PostgreSQL, locks its row until the transaction ends (a review decision decides from it). */
  lockMessage(db: Executor, dialect: Dialect, id: string): Promise<CircleMessageRow | undefined> {
    return forUpdateOnPostgres(messageById(db, id), dialect, 'circle_messages').executeTakeFirst();
  },
  listMessages(db: Executor, circleId: string, o: { beforeId: string | null; limit: number; viewerId: string }): Promise<CircleMessageRow[]> {
    let q = db
      .selectFrom('circle_messages')
      .leftJoin('users', 'users.id', 'circle_messages.author_id')
      .selectAll('circle_messages')
      .select('users.handle as author_handle')
      .where('circle_messages.circle_id', '=', circleId)
      .where((eb) => eb.or([eb('circle_messages.state', '!=', 'pending'), eb('circle_messages.author_id', '=', o.viewerId)]))
      .orderBy('circle_messages.id', 'desc')
      .limit(o.limit);
    if (o.beforeId) q = q.where('circle_messages.id', '<', o.beforeId);
    return q.execute();
  },
  /** A few messages either side of one (escalation context), oldest first. */
  async around(db: Executor, circleId: string, id: string, n: number): Promise<CircleMessageRow[]> {
    const base = () =>
      db
        .selectFrom('circle_messages')
        .leftJoin('users', 'users.id', 'circle_messages.author_id')
        .selectAll('circle_messages')
        .select('users.handle as author_handle')
        .where('circle_messages.circle_id', '=', circleId)
        .where('circle_messages.state', '!=', 'removed');
    const [before, after] = await Promise.all([
      base().where('circle_messages.id', '<', id).orderBy('circle_messages.id', 'desc').limit(n).execute(),
      base().where('circle_messages.id', '>', id).orderBy('circle_messages.id').limit(n).execute(),
    ]);
    return [...before.reverse(), ...after];
  },
  /**
   * The circle's messages whose words wait in the held queue (a read-only look at the safety module's
   * table), their rows locked on PostgreSQL: a closing circle withdraws their items, the message before
   * the item as a decision takes them (ADR 052, amendment).
   */
  async lockHeldMessagesIn(db: Executor, dialect: Dialect, circleId: string): Promise<string[]> {
    const q = db
      .selectFrom('circle_messages')
      .select('id')
      .where('circle_id', '=', circleId)
      .where('id', 'in', (eb) => eb.selectFrom('held_content').select('object_id').where('object_type', '=', 'circle_message').where('status', '=', 'pending'));
    const rows = await forUpdateOnPostgres(q, dialect).execute();
    return rows.map((r) => r.id);
  },
  async updateMessage(db: Executor, id: string, patch: Partial<Omit<Selectable<CircleMessagesTable>, 'id'>>) {
    await db.updateTable('circle_messages').set(patch).where('id', '=', id).execute();
  },

  // ── check-ins ───────────────────────────────────────────────────────────────
  async insertCheckin(db: Executor, row: Selectable<CircleCheckinsTable>) {
    await db.insertInto('circle_checkins').values(row).execute();
  },
  findCheckin(db: Executor, id: string): Promise<CheckinRow | undefined> {
    return db
      .selectFrom('circle_checkins')
      .leftJoin('users', 'users.id', 'circle_checkins.user_id')
      .selectAll('circle_checkins')
      .select('users.handle as author_handle')
      .where('circle_checkins.id', '=', id)
      .executeTakeFirst();
  },
  /** Locks a check-in's row on PostgreSQL (a decision on its held note, then its item; a delete takes it first too). */
  async lockCheckin(db: Executor, dialect: Dialect, id: string): Promise<void> {
    await forUpdateOnPostgres(db.selectFrom('circle_checkins').select('id').where('id', '=', id), dialect).executeTakeFirst();
  },
  async updateCheckin(db: Executor, id: string, patch: Partial<Omit<Selectable<CircleCheckinsTable>, 'id'>>) {
    await db.updateTable('circle_checkins').set(patch).where('id', '=', id).execute();
  },
  /** Its shares go with it (ON DELETE CASCADE). */
  async deleteCheckin(db: Executor, id: string) {
    await db.deleteFrom('circle_checkins').where('id', '=', id).execute();
  },
  async share(db: Executor, checkinId: string, circleId: string, at: string) {
    await db
      .insertInto('circle_checkin_shares')
      .values({ checkin_id: checkinId, circle_id: circleId, shared_at: at })
      .onConflict((oc) => oc.columns(['checkin_id', 'circle_id']).doNothing())
      .execute();
  },
  async unshare(db: Executor, checkinId: string, circleId: string): Promise<boolean> {
    const res = await db.deleteFrom('circle_checkin_shares').where('checkin_id', '=', checkinId).where('circle_id', '=', circleId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  sharesOf(db: Executor, checkinIds: string[]) {
    if (!checkinIds.length) return Promise.resolve([]);
    return db.selectFrom('circle_checkin_shares').select(['checkin_id', 'circle_id']).where('checkin_id', 'in', checkinIds).execute();
  },
  /** Check-ins shared into a circle by people still in it, newest first. */
  checkinsIn(db: Executor, circleId: string, o: { beforeId: string | null; limit: number }): Promise<CheckinRow[]> {
    let q = db
      .selectFrom('circle_checkin_shares')
      .innerJoin('circle_checkins', 'circle_checkins.id', 'circle_checkin_shares.checkin_id')
      .innerJoin('circle_members', (j) => j.onRef('circle_members.circle_id', '=', 'circle_checkin_shares.circle_id').onRef('circle_members.user_id', '=', 'circle_checkins.user_id'))
      .leftJoin('users', 'users.id', 'circle_checkins.user_id')
      .selectAll('circle_checkins')
      .select('users.handle as author_handle')
      .where('circle_checkin_shares.circle_id', '=', circleId)
      .orderBy('circle_checkins.id', 'desc')
      .limit(o.limit);
    if (o.beforeId) q = q.where('circle_checkins.id', '<', o.beforeId);
    return q.execute();
  },
  checkinsOf(db: Executor, userId: string, o: { beforeId: string | null; limit: number }): Promise<CheckinRow[]> {
    let q = db
      .selectFrom('circle_checkins')
      .leftJoin('users', 'users.id', 'circle_checkins.user_id')
      .selectAll('circle_checkins')
      .select('users.handle as author_handle')
      .where('circle_checkins.user_id', '=', userId)
      .orderBy('circle_checkins.id', 'desc')
      .limit(o.limit);
    if (o.beforeId) q = q.where('circle_checkins.id', '<', o.beforeId);
    return q.execute();
  },

  // ── escalation ──────────────────────────────────────────────────────────────
  /** The alert and what raised it (read-only look at the safety module's tables). */
  alertWithObject(db: Executor, alertId: string) {
    return db
      .selectFrom('safety_alerts')
      .innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id')
      .select(['safety_alerts.id', 'safety_alerts.status', 'safety_alerts.acknowledged_by', 'safety_alerts.user_id', 'screenings.object_type', 'screenings.object_id'])
      .where('safety_alerts.id', '=', alertId)
      .executeTakeFirst();
  },

  // ── personal data ───────────────────────────────────────────────────────────
  messagesBy(db: Executor, userId: string) {
    return db.selectFrom('circle_messages').selectAll().where('author_id', '=', userId).orderBy('id').execute();
  },
  allCheckinsOf(db: Executor, userId: string) {
    return db.selectFrom('circle_checkins').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  },
  /**
   * The circles an erasure writes in, each once: those the person is in or made (`member`: they leave
   * them), and those holding only their messages or shared check-ins. Unordered: the caller locks them
   * in id order, as a check-in shared into several locks them (no deadlock between the two).
   */
  async circlesErasureTouches(db: Executor, userId: string): Promise<{ id: string; member: boolean }[]> {
    const rows = await db
      .selectFrom('circle_members')
      .select(['circle_id as id', sql<number>`1`.as('member')])
      .where('user_id', '=', userId)
      .union(db.selectFrom('circles').select(['id', sql<number>`1`.as('member')]).where('owner_id', '=', userId))
      .union(db.selectFrom('circle_messages').select(['circle_id as id', sql<number>`0`.as('member')]).where('author_id', '=', userId))
      .union(
        db
          .selectFrom('circle_checkin_shares')
          .innerJoin('circle_checkins', 'circle_checkins.id', 'circle_checkin_shares.checkin_id')
          .select(['circle_checkin_shares.circle_id as id', sql<number>`0`.as('member')])
          .where('circle_checkins.user_id', '=', userId),
      )
      .execute();
    const byId = new Map<string, boolean>();
    for (const r of rows) byId.set(r.id, byId.get(r.id) === true || Number(r.member) === 1);
    return [...byId].map(([id, member]) => ({ id, member }));
  },
  async eraseUser(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('circle_messages').where('author_id', '=', userId).execute();
    await db.deleteFrom('circle_checkins').where('user_id', '=', userId).execute();
    await db.deleteFrom('circle_members').where('user_id', '=', userId).execute();
    await db.updateTable('circle_invitations').set({ created_by: null }).where('created_by', '=', userId).execute();
    await db.updateTable('circle_invitations').set({ used_by: null }).where('used_by', '=', userId).execute();
  },
};
