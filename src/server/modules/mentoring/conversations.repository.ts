import { sql, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../platform/db.js';
import type { Database, MentorshipMessagesTable } from '../../platform/schema.js';

export type MessageRow = Selectable<MentorshipMessagesTable>;

export interface ConversationRow {
  id: string;
  member_id: string | null;
  supporter_id: string | null;
  status: 'active' | 'ended';
  ended_at: string | null;
  /** The participants' handles, read with the row: every message is written by one of the two. */
  member_handle: string | null;
  supporter_handle: string | null;
}

export interface ScreeningRow {
  id: string;
  level: number;
  categories: string;
  subject: string;
}

/**
 * What a participant may see: everything but the other side's messages held (or then removed)
 * for contact details — those never reach the other side, not even as a placeholder, unless they
 * also screened ≥ `shownHeldLevel` (the service's rule: the supporter must know, without the words).
 */
function visibleTo<O>(q: SelectQueryBuilder<Database, 'mentorship_messages', O>, viewerId: string | null, shownHeldLevel: number): SelectQueryBuilder<Database, 'mentorship_messages', O> {
  if (viewerId === null) return q; // a supervisor admitted by a grant reviews everything
  return q.where((eb) =>
    eb.or([
      eb('mentorship_messages.hold_reason', 'is', null),
      eb('mentorship_messages.hold_reason', '<>', 'contact_details'),
      eb('mentorship_messages.state', '=', 'visible'),
      eb('mentorship_messages.sender_id', '=', viewerId),
      eb('mentorship_messages.screening_level', '>=', shownHeldLevel),
    ]),
  );
}

/** Kysely only: the private conversation's messages, receipts, counts and the supporter's boundaries. */
export const conversationsRepository = {
  findConversation(db: Executor, id: string): Promise<ConversationRow | undefined> {
    return db
      .selectFrom('mentorships')
      .leftJoin('users as member', 'member.id', 'mentorships.member_id')
      .leftJoin('users as supporter', 'supporter.id', 'mentorships.supporter_id')
      .select(['mentorships.id', 'mentorships.member_id', 'mentorships.supporter_id', 'mentorships.status', 'mentorships.ended_at', 'member.handle as member_handle', 'supporter.handle as supporter_handle'])
      .where('mentorships.id', '=', id)
      .executeTakeFirst();
  },

  findMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
    return db.selectFrom('mentorship_messages').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByClientId(db: Executor, mentorshipId: string, clientId: string): Promise<MessageRow | undefined> {
    return db.selectFrom('mentorship_messages').selectAll().where('mentorship_id', '=', mentorshipId).where('client_id', '=', clientId).executeTakeFirst();
  },

  async insertMessage(db: Executor, row: MessageRow): Promise<void> {
    await db.insertInto('mentorship_messages').values(row).execute();
  },

  async updateMessage(db: Executor, id: string, patch: Partial<MessageRow>): Promise<void> {
    await db.updateTable('mentorship_messages').set(patch).where('id', '=', id).execute();
  },

  /** Newest first, strictly before `before` (the keyset: ids are UUIDv7, so time-ordered and unique). */
  page(db: Executor, mentorshipId: string, o: { before: string | null; limit: number; viewerId: string | null; shownHeldLevel: number }): Promise<MessageRow[]> {
    let q = db.selectFrom('mentorship_messages').selectAll().where('mentorship_id', '=', mentorshipId);
    if (o.before) q = q.where('id', '<', o.before);
    q = visibleTo(q, o.viewerId, o.shownHeldLevel);
    return q.orderBy('id', 'desc').limit(o.limit).execute();
  },

  async screenings(db: Executor, ids: string[]): Promise<Map<string, ScreeningRow>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('screenings').select(['id', 'level', 'categories', 'subject']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r]));
  },

  /**
   * Stamps the other side's visible messages up to `upTo` as delivered (and read, for `read`).
   * Returns how many changed. Messages without a sender (system, erased) carry no receipts.
   */
  async markReceipts(db: Executor, o: { mentorshipId: string; viewerId: string; upTo: string; at: string; read: boolean }): Promise<number> {
    const base = db
      .updateTable('mentorship_messages')
      .where('mentorship_id', '=', o.mentorshipId)
      .where('id', '<=', o.upTo)
      .where('sender_id', 'is not', null)
      .where('sender_id', '<>', o.viewerId)
      .where('state', '=', 'visible');
    const res = o.read
      ? await base.set({ read_at: o.at, delivered_at: sql<string>`coalesce(delivered_at, ${o.at})` }).where('read_at', 'is', null).executeTakeFirst()
      : await base.set({ delivered_at: o.at }).where('delivered_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows);
  },

  /** The newest of the viewer's own messages the other side has received / read. */
  async receiptsOfMine(db: Executor, mentorshipId: string, viewerId: string): Promise<{ deliveredUpTo: string | null; readUpTo: string | null }> {
    const mine = db.selectFrom('mentorship_messages').select('id').where('mentorship_id', '=', mentorshipId).where('sender_id', '=', viewerId).orderBy('id', 'desc').limit(1);
    const [delivered, read] = await Promise.all([mine.where('delivered_at', 'is not', null).executeTakeFirst(), mine.where('read_at', 'is not', null).executeTakeFirst()]);
    return { deliveredUpTo: delivered?.id ?? null, readUpTo: read?.id ?? null };
  },

  /** Unread messages from the other side, per conversation. */
  async unreadCounts(db: Executor, mentorshipIds: string[], viewerId: string): Promise<Map<string, number>> {
    if (mentorshipIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('mentorship_messages')
      .select(['mentorship_id', sql<number>`count(*)`.as('n')])
      .where('mentorship_id', 'in', mentorshipIds)
      .where('sender_id', 'is not', null)
      .where('sender_id', '<>', viewerId)
      .where('state', '=', 'visible')
      .where('read_at', 'is', null)
      .groupBy('mentorship_id')
      .execute();
    return new Map(rows.map((r) => [r.mentorship_id, Number(r.n)]));
  },

  /** The viewer's mentorships (either side), newest first. */
  conversationsOf(db: Executor, userId: string) {
    return db
      .selectFrom('mentorships')
      .select(['id', 'member_id', 'supporter_id', 'status', 'ended_at'])
      .where((eb) => eb.or([eb('member_id', '=', userId), eb('supporter_id', '=', userId)]))
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
  },

  /** Time of the newest message the viewer may see, per conversation. */
  async lastMessageAt(db: Executor, mentorshipIds: string[], viewerId: string, shownHeldLevel: number): Promise<Map<string, string>> {
    if (mentorshipIds.length === 0) return new Map();
    let q = db.selectFrom('mentorship_messages').select(['mentorship_id', sql<string>`max(created_at)`.as('at')]).where('mentorship_id', 'in', mentorshipIds);
    q = visibleTo(q, viewerId, shownHeldLevel);
    const rows = await q.groupBy('mentorship_id').execute();
    return new Map(rows.map((r) => [r.mentorship_id, r.at]));
  },

  lastAutoReplyAt(db: Executor, mentorshipId: string): Promise<{ created_at: string } | undefined> {
    return db
      .selectFrom('mentorship_messages')
      .select('created_at')
      .where('mentorship_id', '=', mentorshipId)
      .where('kind', '=', 'auto_reply')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  supporterBoundaries(db: Executor, supporterId: string) {
    return db
      .selectFrom('supporter_profiles')
      .select(['user_id', 'time_zone', 'availability', 'capacity', 'away_until', 'away_message', 'away_message_state', 'auto_reply', 'auto_reply_state'])
      .where('user_id', '=', supporterId)
      .executeTakeFirst();
  },

  async activeMentees(db: Executor, supporterId: string): Promise<number> {
    const row = await db
      .selectFrom('mentorships')
      .select(sql<number>`count(*)`.as('n'))
      .where('supporter_id', '=', supporterId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** When the person's own messages (text) were written since `since` (ISO). */
  async sentSince(db: Executor, senderId: string, since: string): Promise<string[]> {
    const rows = await db
      .selectFrom('mentorship_messages')
      .select('created_at')
      .where('sender_id', '=', senderId)
      .where('created_at', '>=', since)
      .where('kind', '=', 'text')
      .execute();
    return rows.map((r) => r.created_at);
  },

  /** Numbers from the crisis directory: they may always be shared. */
  async crisisNumbers(db: Executor): Promise<string[]> {
    const rows = await db.selectFrom('crisis_lines').select(['phone', 'sms']).execute();
    return rows.flatMap((r) => [r.phone, r.sms]).filter((x): x is string => !!x);
  },

  /** Whether this reviewer already has an audit line for reading this message (one per day is enough). */
  async auditedSince(db: Executor, o: { subjectUserId: string; actorId: string; action: string; objectId: string; since: string }): Promise<boolean> {
    const row = await db
      .selectFrom('audit_log')
      .select('id')
      .where('subject_user_id', '=', o.subjectUserId)
      .where('actor_id', '=', o.actorId)
      .where('action', '=', o.action)
      .where('object_id', '=', o.objectId)
      .where('created_at', '>=', o.since)
      .limit(1)
      .executeTakeFirst();
    return !!row;
  },
};
