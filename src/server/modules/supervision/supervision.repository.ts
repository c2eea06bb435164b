import type { Selectable } from 'kysely';
import { precompiledPerShape, type Executor } from '../../platform/db.js';
import type {
  CoachingNotesTable,
  EmpathyRatingsTable,
  SupervisionMessagesTable,
  SupervisionNotesTable,
  SupervisionRequestsTable,
  SupervisorAssignmentsTable,
  WellbeingCheckinsTable,
} from '../../platform/schema.js';

export type AssignmentRow = Selectable<SupervisorAssignmentsTable>;
export type CheckinRow = Selectable<WellbeingCheckinsTable>;
export type NoteRow = Selectable<SupervisionNotesTable>;
export type RequestRow = Selectable<SupervisionRequestsTable>;
export type MessageRow = Selectable<SupervisionMessagesTable>;
export type CoachingRow = Selectable<CoachingNotesTable>;
export type RatingRow = Selectable<EmpathyRatingsTable>;

/** The roles that make someone a supporter who needs a supervisor. */
export const SUPPORTER_ROLES = ['peer_supporter', 'facilitator'] as const;

/** See `supportersRepliesToRate`: compiled once per batch size (ADR 031). */
const supportersReplies = precompiledPerShape(32, (db, [ids]) =>
  db
    .selectFrom('posts')
    .select(['posts.id', 'posts.thread_id', 'posts.author_id', 'posts.body_text', 'posts.created_at'])
    .where('posts.id', 'in', ids as string[])
    .where('posts.is_opening', '<>', 1)
    .where('posts.anonymous', '<>', 1)
    .where('posts.state', '=', 'visible')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'posts.author_id')
          .where('user_roles.role', 'in', SUPPORTER_ROLES),
      ),
    ),
);
const byIds = <T>(ids: readonly string[], run: (ids: string[]) => Promise<T[]>): Promise<T[]> => (ids.length ? run([...ids]) : Promise.resolve([]));

/**
 * Kysely only. The supervision tables, plus read-only looks at what the dashboard and the quality
 * review summarise from other modules (mentorships, groups, alerts, reports, posts, messages):
 * counts, ids and sealed bodies the service opens; never a write outside supervision's tables.
 */
export const supervisionRepository = {
  // ── people and roles ────────────────────────────────────────────────────────
  findUser(db: Executor, id: string) {
    return db.selectFrom('users').select(['id', 'handle']).where('id', '=', id).executeTakeFirst();
  },
  usersByIds(db: Executor, ids: readonly string[]) {
    return byIds(ids, (list) => db.selectFrom('users').select(['id', 'handle']).where('id', 'in', list).execute());
  },
  async rolesOf(db: Executor, userIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await byIds(userIds, (list) => db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', list).orderBy('role').execute());
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.role]);
    return out;
  },
  /** Everyone holding one of the roles, with their roles. */
  usersWithRoles(db: Executor, roles: readonly string[]) {
    return db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select(['users.id', 'users.handle', 'user_roles.role'])
      .where('user_roles.role', 'in', [...roles])
      .orderBy('users.handle')
      .execute();
  },

  // ── assignments ─────────────────────────────────────────────────────────────
  async supervisorOf(db: Executor, supporterId: string): Promise<string | null> {
    const row = await db.selectFrom('supervisor_assignments').select('supervisor_id').where('supporter_id', '=', supporterId).executeTakeFirst();
    return row?.supervisor_id ?? null;
  },
  /** The assigned supervisor of each of these supporters who has one (one statement). */
  async supervisorsOf(db: Executor, supporterIds: readonly string[]): Promise<Map<string, string>> {
    if (supporterIds.length === 0) return new Map();
    const rows = await db.selectFrom('supervisor_assignments').select(['supporter_id', 'supervisor_id']).where('supporter_id', 'in', [...supporterIds]).execute();
    return new Map(rows.map((r) => [r.supporter_id, r.supervisor_id]));
  },
  assignmentOf(db: Executor, supporterId: string) {
    return db.selectFrom('supervisor_assignments').selectAll().where('supporter_id', '=', supporterId).executeTakeFirst();
  },
  allAssignments(db: Executor) {
    return db.selectFrom('supervisor_assignments').selectAll().execute();
  },
  assignmentsOf(db: Executor, supervisorId: string) {
    return db
      .selectFrom('supervisor_assignments')
      .innerJoin('users', 'users.id', 'supervisor_assignments.supporter_id')
      .selectAll('supervisor_assignments')
      .select('users.handle')
      .where('supervisor_assignments.supervisor_id', '=', supervisorId)
      .orderBy('users.handle')
      .execute();
  },
  async putAssignment(db: Executor, row: AssignmentRow): Promise<void> {
    await db
      .insertInto('supervisor_assignments')
      .values(row)
      .onConflict((oc) => oc.column('supporter_id').doUpdateSet({ supervisor_id: row.supervisor_id, assigned_by: row.assigned_by, assigned_at: row.assigned_at, checkin_reminded_at: null }))
      .execute();
  },
  async deleteAssignment(db: Executor, supporterId: string): Promise<boolean> {
    const res = await db.deleteFrom('supervisor_assignments').where('supporter_id', '=', supporterId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  /** Claims this week's check-in reminder; only one instance's claim succeeds. */
  async claimCheckinReminder(db: Executor, supporterId: string, before: string | null, nowIso: string): Promise<boolean> {
    let q = db.updateTable('supervisor_assignments').set({ checkin_reminded_at: nowIso }).where('supporter_id', '=', supporterId);
    q = before === null ? q.where('checkin_reminded_at', 'is', null) : q.where('checkin_reminded_at', '=', before);
    return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
  },

  // ── wellbeing check-ins ─────────────────────────────────────────────────────
  async insertCheckin(db: Executor, row: CheckinRow): Promise<void> {
    await db.insertInto('wellbeing_checkins').values(row).execute();
  },
  findCheckin(db: Executor, id: string) {
    return db.selectFrom('wellbeing_checkins').selectAll().where('id', '=', id).executeTakeFirst();
  },
  checkinsOf(db: Executor, userId: string, limit: number) {
    return db.selectFrom('wellbeing_checkins').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  },
  /** Each supporter's latest check-in. */
  async latestCheckins(db: Executor, userIds: readonly string[]): Promise<Map<string, CheckinRow>> {
    const rows = await byIds(userIds, (list) =>
      db
        .selectFrom('wellbeing_checkins as c')
        .selectAll('c')
        .where('c.user_id', 'in', list)
        .where((eb) => eb('c.created_at', '=', eb.selectFrom('wellbeing_checkins as d').select((e) => e.fn.max('d.created_at').as('m')).whereRef('d.user_id', '=', 'c.user_id')))
        .execute(),
    );
    return new Map(rows.map((r) => [r.user_id, r]));
  },
  /** Low check-ins nobody has followed up yet. */
  lowOpenCheckins(db: Executor, userIds: readonly string[]) {
    return byIds(userIds, (list) =>
      db.selectFrom('wellbeing_checkins').selectAll().where('user_id', 'in', list).where('low', '=', 1).where('followed_up_at', 'is', null).orderBy('created_at').execute(),
    );
  },
  async markFollowedUp(db: Executor, id: string, by: string, at: string): Promise<boolean> {
    const res = await db.updateTable('wellbeing_checkins').set({ followed_up_at: at, followed_up_by: by }).where('id', '=', id).where('followed_up_at', 'is', null).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  // ── supervision notes ───────────────────────────────────────────────────────
  async insertNote(db: Executor, row: NoteRow): Promise<void> {
    await db.insertInto('supervision_notes').values(row).execute();
  },
  notesAbout(db: Executor, supporterId: string) {
    return db
      .selectFrom('supervision_notes')
      .leftJoin('users', 'users.id', 'supervision_notes.author_id')
      .selectAll('supervision_notes')
      .select('users.handle as author_handle')
      .where('supervision_notes.supporter_id', '=', supporterId)
      .orderBy('supervision_notes.id', 'desc')
      .execute();
  },
  findNote(db: Executor, id: string) {
    return db.selectFrom('supervision_notes').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async deleteNote(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('supervision_notes').where('id', '=', id).execute();
  },
  /** Dates only (the export says notes exist, never their words: docs/adr/010-supervision-notes.md). */
  noteDatesAbout(db: Executor, supporterId: string) {
    return db.selectFrom('supervision_notes').select('created_at').where('supporter_id', '=', supporterId).orderBy('created_at').execute();
  },

  // ── the request channel ─────────────────────────────────────────────────────
  async insertRequest(db: Executor, row: RequestRow): Promise<void> {
    await db.insertInto('supervision_requests').values(row).execute();
  },
  findRequest(db: Executor, id: string) {
    return db.selectFrom('supervision_requests').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Who each of these requests is for (one statement; requests not found are absent). */
  requestSupporters(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('supervision_requests').select(['id', 'supporter_id']).where('id', 'in', [...ids]).execute();
  },
  openRequestOf(db: Executor, supporterId: string) {
    return db.selectFrom('supervision_requests').selectAll().where('supporter_id', '=', supporterId).where('status', '=', 'open').executeTakeFirst();
  },
  /** A supporter's requests, or those of every supporter a supervisor supervises now; open first, then newest. */
  requestsWith(db: Executor, who: { supporterId: string } | { supervisedBy: string }, limit: number) {
    let q = db.selectFrom('supervision_requests').selectAll();
    q =
      'supporterId' in who
        ? q.where('supporter_id', '=', who.supporterId)
        : q.where('supporter_id', 'in', db.selectFrom('supervisor_assignments').select('supporter_id').where('supervisor_id', '=', who.supervisedBy));
    return q.orderBy('status', 'desc').orderBy('updated_at', 'desc').limit(limit).execute();
  },
  openRequestsOfSupporters(db: Executor, supporterIds: readonly string[]) {
    return byIds(supporterIds, (list) => db.selectFrom('supervision_requests').selectAll().where('supporter_id', 'in', list).where('status', '=', 'open').execute());
  },
  async updateRequest(db: Executor, id: string, patch: Partial<Omit<RequestRow, 'id' | 'supporter_id'>>): Promise<void> {
    await db.updateTable('supervision_requests').set(patch).where('id', '=', id).execute();
  },
  async insertMessage(db: Executor, row: MessageRow): Promise<void> {
    await db.insertInto('supervision_messages').values(row).execute();
  },
  messagesOf(db: Executor, requestIds: readonly string[]) {
    return byIds(requestIds, (list) => db.selectFrom('supervision_messages').selectAll().where('request_id', 'in', list).orderBy('id').execute());
  },
  findMessage(db: Executor, id: string) {
    return db.selectFrom('supervision_messages').selectAll().where('id', '=', id).executeTakeFirst();
  },
  messagesSentBy(db: Executor, senderId: string) {
    return db.selectFrom('supervision_messages').selectAll().where('sender_id', '=', senderId).orderBy('id').execute();
  },

  // ── coaching notes ──────────────────────────────────────────────────────────
  async insertCoaching(db: Executor, row: CoachingRow): Promise<void> {
    await db.insertInto('coaching_notes').values(row).execute();
  },
  coachingAbout(db: Executor, supporterId: string) {
    return db
      .selectFrom('coaching_notes')
      .leftJoin('users', 'users.id', 'coaching_notes.author_id')
      .selectAll('coaching_notes')
      .select('users.handle as author_handle')
      .where('coaching_notes.supporter_id', '=', supporterId)
      .orderBy('coaching_notes.id', 'desc')
      .execute();
  },
  /** One coaching note, as `coachingAbout` lists it (a retry's answer, ADR 042). */
  findCoaching(db: Executor, id: string) {
    return db
      .selectFrom('coaching_notes')
      .leftJoin('users', 'users.id', 'coaching_notes.author_id')
      .selectAll('coaching_notes')
      .select('users.handle as author_handle')
      .where('coaching_notes.id', '=', id)
      .executeTakeFirst();
  },

  // ── empathy ratings (numbers only) ──────────────────────────────────────────
  async insertRating(db: Executor, row: RatingRow): Promise<void> {
    await db.insertInto('empathy_ratings').values(row).onConflict((oc) => oc.columns(['source', 'source_id']).doNothing()).execute();
  },
  ratingsSince(db: Executor, userId: string, sinceIso: string) {
    return db.selectFrom('empathy_ratings').selectAll().where('user_id', '=', userId).where('written_at', '>=', sinceIso).orderBy('written_at').execute();
  },
  ratingsFor(db: Executor, source: 'post' | 'message', ids: readonly string[]) {
    return byIds(ids, (list) => db.selectFrom('empathy_ratings').selectAll().where('source', '=', source).where('source_id', 'in', list).execute());
  },
  ratingsOf(db: Executor, userId: string) {
    return db.selectFrom('empathy_ratings').selectAll().where('user_id', '=', userId).orderBy('written_at').execute();
  },

  // ── what the dashboard summarises (read-only, other modules' tables) ────────
  activeMentorshipsOf(db: Executor, supporterIds: readonly string[]) {
    return byIds(supporterIds, (list) =>
      db.selectFrom('mentorships').select(['id', 'supporter_id', 'member_id']).where('supporter_id', 'in', list).where('status', '=', 'active').execute(),
    );
  },
  facilitatedGroups(db: Executor, userIds: readonly string[]) {
    return byIds(userIds, (list) =>
      db
        .selectFrom('group_facilitators')
        .innerJoin('support_groups', 'support_groups.id', 'group_facilitators.group_id')
        .select(['group_facilitators.user_id', 'support_groups.id', 'support_groups.name'])
        .where('group_facilitators.user_id', 'in', list)
        .execute(),
    );
  },
  groupMembers(db: Executor, groupIds: readonly string[]) {
    return byIds(groupIds, (list) => db.selectFrom('group_members').select(['group_id', 'user_id']).where('group_id', 'in', list).execute());
  },
  /** Alerts nobody has resolved yet, about these people (summaries only: no words, no handles). */
  openAlertsAbout(db: Executor, userIds: readonly string[]) {
    return byIds(userIds, (list) =>
      db
        .selectFrom('safety_alerts')
        .select(['id', 'user_id', 'level', 'status', 'due_at', 'created_at'])
        .where('user_id', 'in', list)
        .where('status', '!=', 'resolved')
        .execute(),
    );
  },
  openMentoringReports(db: Executor, supporterIds: readonly string[]) {
    return byIds(supporterIds, (list) =>
      db
        .selectFrom('mentoring_reports')
        .innerJoin('mentorships', 'mentorships.id', 'mentoring_reports.mentorship_id')
        .select(['mentoring_reports.id', 'mentoring_reports.reason', 'mentoring_reports.reported_id', 'mentoring_reports.created_at', 'mentorships.supporter_id'])
        .where('mentorships.supporter_id', 'in', list)
        .where('mentoring_reports.status', '=', 'open')
        .execute(),
    );
  },
  openGroupReports(db: Executor, groupIds: readonly string[]) {
    return byIds(groupIds, (list) =>
      db.selectFrom('group_message_reports').select(['id', 'group_id', 'reason', 'created_at']).where('group_id', 'in', list).where('status', '=', 'open').execute(),
    );
  },
  async feedbackStats(db: Executor, supporterIds: readonly string[]): Promise<Map<string, { count: number; sum: number }>> {
    const rows = await byIds(supporterIds, (list) =>
      db
        .selectFrom('mentorship_feedback')
        .innerJoin('mentorships', 'mentorships.id', 'mentorship_feedback.mentorship_id')
        .select(['mentorships.supporter_id', 'mentorship_feedback.rating'])
        .where('mentorships.supporter_id', 'in', list)
        .execute(),
    );
    const out = new Map<string, { count: number; sum: number }>();
    for (const r of rows) {
      const s = out.get(r.supporter_id!) ?? { count: 0, sum: 0 };
      s.count += 1;
      s.sum += r.rating;
      out.set(r.supporter_id!, s);
    }
    return out;
  },
  /** The latest sign of activity: a session used, a 1:1 message or a community post written. */
  async lastActive(db: Executor, userIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const keep = (id: string | null, at: string | null | undefined) => {
      if (!id || !at) return;
      const prev = out.get(id);
      if (!prev || at > prev) out.set(id, at);
    };
    if (!userIds.length) return out;
    const list = [...userIds];
    const sessions = await db.selectFrom('sessions').select(['user_id', (eb) => eb.fn.max('last_seen_at').as('at')]).where('user_id', 'in', list).groupBy('user_id').execute();
    for (const r of sessions) keep(r.user_id, r.at as string | null);
    const messages = await db.selectFrom('mentorship_messages').select(['sender_id', (eb) => eb.fn.max('created_at').as('at')]).where('sender_id', 'in', list).groupBy('sender_id').execute();
    for (const r of messages) keep(r.sender_id, r.at as string | null);
    const posts = await db.selectFrom('posts').select(['author_id', (eb) => eb.fn.max('created_at').as('at')]).where('author_id', 'in', list).groupBy('author_id').execute();
    for (const r of posts) keep(r.author_id, r.at as string | null);
    return out;
  },

  // ── the quality review (read-only) ──────────────────────────────────────────
  /** A supporter's recent public community replies under their own name (anonymous ones stay anonymous). */
  recentRepliesBy(db: Executor, userId: string, limit: number) {
    return db
      .selectFrom('posts')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .select(['posts.id', 'posts.thread_id', 'posts.body_text', 'posts.created_at', 'threads.title as thread_title'])
      .where('posts.author_id', '=', userId)
      .where('posts.is_opening', '=', 0)
      .where('posts.anonymous', '=', 0)
      .where('posts.state', '=', 'visible')
      .orderBy('posts.id', 'desc')
      .limit(limit)
      .execute();
  },
  openingPosts(db: Executor, threadIds: readonly string[]) {
    return byIds(threadIds, (list) => db.selectFrom('posts').select(['thread_id', 'body_text', 'state']).where('thread_id', 'in', list).where('is_opening', '=', 1).execute());
  },
  /**
   * Of these posts, the replies a rating reads: visible, signed (not anonymous) replies whose author
   * holds a supporter's role. One read for a dispatch batch, where most replies are no supporter's.
   */
  async supportersRepliesToRate(db: Executor, postIds: readonly string[]) {
    const out: { id: string; thread_id: string; author_id: string; body_text: string; created_at: string }[] = [];
    for (let i = 0; i < postIds.length; i += 500) {
      for (const p of await supportersReplies(db, [postIds.slice(i, i + 500)])) if (p.author_id) out.push({ ...p, author_id: p.author_id });
    }
    return out;
  },
  /** The posts a rating reads, by id (`findPost` for many). */
  findPosts(db: Executor, postIds: readonly string[]) {
    return byIds(postIds, (list) => db.selectFrom('posts').select(['id', 'thread_id', 'author_id', 'anonymous', 'is_opening', 'state', 'body_text', 'created_at']).where('id', 'in', list).execute());
  },
  findPost(db: Executor, postId: string) {
    return db.selectFrom('posts').select(['id', 'thread_id', 'author_id', 'anonymous', 'is_opening', 'state', 'body_text', 'created_at']).where('id', '=', postId).executeTakeFirst();
  },
  postsByIds(db: Executor, ids: readonly string[]) {
    return byIds(ids, (list) => db.selectFrom('posts').select(['id', 'thread_id', 'author_id', 'anonymous', 'state', 'body_text']).where('id', 'in', list).execute());
  },
  /** Mentorships of this supporter whose member consents, now, to a supervisor reading them. */
  consentedMentorships(db: Executor, supporterId: string, nowIso: string) {
    return db
      .selectFrom('supervisor_access_grants')
      .innerJoin('mentorships', 'mentorships.id', 'supervisor_access_grants.mentorship_id')
      .select(['mentorships.id', 'mentorships.member_id'])
      .distinct()
      .where('mentorships.supporter_id', '=', supporterId)
      .where('supervisor_access_grants.kind', '=', 'consent')
      .where('supervisor_access_grants.revoked_at', 'is', null)
      .where('supervisor_access_grants.expires_at', '>', nowIso)
      .execute();
  },
  /** The supporter's own visible replies in these conversations, newest first. */
  supporterMessages(db: Executor, mentorshipIds: readonly string[], supporterId: string, limit: number) {
    return byIds(mentorshipIds, (list) =>
      db
        .selectFrom('mentorship_messages')
        .select(['id', 'mentorship_id', 'body_enc', 'created_at'])
        .where('mentorship_id', 'in', list)
        .where('sender_id', '=', supporterId)
        .where('kind', '=', 'text')
        .where('state', '=', 'visible')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
    );
  },
  /** The other side's last visible message before this one: what the reply answered. */
  previousMessageFrom(db: Executor, mentorshipId: string, senderId: string, beforeId: string) {
    return db
      .selectFrom('mentorship_messages')
      .select(['id', 'body_enc'])
      .where('mentorship_id', '=', mentorshipId)
      .where('sender_id', '=', senderId)
      .where('kind', '=', 'text')
      .where('state', '=', 'visible')
      .where('id', '<', beforeId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
  findMentorshipMessage(db: Executor, id: string) {
    return db
      .selectFrom('mentorship_messages')
      .innerJoin('mentorships', 'mentorships.id', 'mentorship_messages.mentorship_id')
      .select([
        'mentorship_messages.id',
        'mentorship_messages.mentorship_id',
        'mentorship_messages.sender_id',
        'mentorship_messages.kind',
        'mentorship_messages.state',
        'mentorship_messages.body_enc',
        'mentorship_messages.created_at',
        'mentorships.supporter_id',
        'mentorships.member_id',
      ])
      .where('mentorship_messages.id', '=', id)
      .executeTakeFirst();
  },
  mentorshipMessagesByIds(db: Executor, ids: readonly string[]) {
    return byIds(ids, (list) => db.selectFrom('mentorship_messages').select(['id', 'mentorship_id', 'sender_id', 'body_enc', 'state']).where('id', 'in', list).execute());
  },

  // ── erasure ─────────────────────────────────────────────────────────────────
  /**
   * The supporter's own supervision record goes (their check-ins, requests with every message in
   * them, notes and coaching about them, ratings); what they wrote as a supervisor stays with the
   * person it was about, the author's id set to null by the foreign keys.
   */
  async eraseUser(db: Executor, userId: string, nowIso: string): Promise<void> {
    await db.deleteFrom('supervision_requests').where('supporter_id', '=', userId).execute();
    await db.updateTable('supervision_requests').set({ status: 'closed', closed_at: nowIso, supervisor_id: null }).where('supervisor_id', '=', userId).where('status', '=', 'open').execute();
    await db.deleteFrom('wellbeing_checkins').where('user_id', '=', userId).execute();
    await db.deleteFrom('supervision_notes').where('supporter_id', '=', userId).execute();
    await db.deleteFrom('coaching_notes').where('supporter_id', '=', userId).execute();
    await db.deleteFrom('empathy_ratings').where('user_id', '=', userId).execute();
    await db.deleteFrom('supervisor_assignments').where((eb) => eb.or([eb('supporter_id', '=', userId), eb('supervisor_id', '=', userId)])).execute();
  },
};
