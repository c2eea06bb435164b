import { forUpdateOnPostgres, type Dialect, type Executor } from '../../platform/db.js';
import type {
  HandoversTable,
  MentorshipMessagesTable,
  MentorshipsTable,
  MentoringReportsTable,
  OfferResponse,
  SupervisorAccessGrantsTable,
  SupportRequestOffersTable,
  SupportRequestsTable,
  SupporterProfilesTable,
} from '../../platform/schema.js';

export type ProfileRow = SupporterProfilesTable & { handle: string; pronouns: string | null };
export type RequestRow = SupportRequestsTable;
export type MentorshipRow = MentorshipsTable;
export type HandoverRow = HandoversTable;
export type GrantRow = SupervisorAccessGrantsTable;

const profileColumns = [
  'supporter_profiles.user_id',
  'supporter_profiles.experience_tags',
  'supporter_profiles.languages',
  'supporter_profiles.time_zone',
  'supporter_profiles.availability',
  'supporter_profiles.capacity',
  'supporter_profiles.can_help_with',
  'supporter_profiles.cannot_help_with',
  'supporter_profiles.intro',
  'supporter_profiles.intro_state',
  'supporter_profiles.gender',
  'supporter_profiles.away_until',
  'supporter_profiles.away_message',
  'supporter_profiles.away_message_state',
  'supporter_profiles.auto_reply',
  'supporter_profiles.auto_reply_state',
  'supporter_profiles.accepting',
  'supporter_profiles.created_at',
  'supporter_profiles.updated_at',
  'users.handle',
  'users.pronouns',
] as const;

/** Kysely only: supporter profiles, requests, offers, mentorships, handovers, feedback, blocks, reports, grants. */
export const mentoringRepository = {
  // ── people ──────────────────────────────────────────────────────────────────
  findUser(db: Executor, id: string) {
    return db.selectFrom('users').select(['id', 'handle', 'pronouns', 'time_zone', 'region']).where('id', '=', id).executeTakeFirst();
  },

  usersByIds(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('users').select(['id', 'handle', 'pronouns']).where('id', 'in', [...ids]).execute();
  },

  async hasRole(db: Executor, userId: string, role: string): Promise<boolean> {
    const row = await db.selectFrom('user_roles').select('user_id').where('user_id', '=', userId).where('role', '=', role).executeTakeFirst();
    return !!row;
  },

  // ── supporter profiles ────────────────────────────────────────────────────────
  findProfile(db: Executor, userId: string): Promise<ProfileRow | undefined> {
    return db
      .selectFrom('supporter_profiles')
      .innerJoin('users', 'users.id', 'supporter_profiles.user_id')
      .select(profileColumns)
      .where('supporter_profiles.user_id', '=', userId)
      .executeTakeFirst();
  },

  profilesByIds(db: Executor, ids: readonly string[]): Promise<ProfileRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('supporter_profiles')
      .innerJoin('users', 'users.id', 'supporter_profiles.user_id')
      .select(profileColumns)
      .where('supporter_profiles.user_id', 'in', [...ids])
      .execute();
  },

  /** Profiles of people who hold the peer supporter role now (the rest are not offered anything). */
  supporterProfiles(db: Executor, ids: readonly string[] | null): Promise<ProfileRow[]> {
    let q = db
      .selectFrom('supporter_profiles')
      .innerJoin('users', 'users.id', 'supporter_profiles.user_id')
      .innerJoin('user_roles', (j) => j.onRef('user_roles.user_id', '=', 'supporter_profiles.user_id').on('user_roles.role', '=', 'peer_supporter'))
      .select(profileColumns);
    if (ids) {
      if (ids.length === 0) return Promise.resolve([]);
      q = q.where('supporter_profiles.user_id', 'in', [...ids]);
    }
    return q.orderBy('supporter_profiles.user_id').execute();
  },

  async insertProfile(db: Executor, row: SupporterProfilesTable): Promise<void> {
    await db.insertInto('supporter_profiles').values(row).execute();
  },

  async updateProfile(db: Executor, userId: string, patch: Partial<SupporterProfilesTable>): Promise<void> {
    await db.updateTable('supporter_profiles').set(patch).where('user_id', '=', userId).execute();
  },

  /**
   * Serializes everything that changes one supporter's load: on PostgreSQL a row lock held to the
   * end of the transaction; SQLite runs one write transaction at a time on its one connection.
   */
  async lockProfile(db: Executor, dialect: Dialect, userId: string): Promise<{ capacity: number } | undefined> {
    return forUpdateOnPostgres(db.selectFrom('supporter_profiles').select(['capacity']).where('user_id', '=', userId), dialect).executeTakeFirst();
  },

  async deleteProfile(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('supporter_profiles').where('user_id', '=', userId).execute();
  },

  /** Active mentees per supporter (all supporters when ids is null). */
  async activeCounts(db: Executor, ids: readonly string[] | null): Promise<Map<string, number>> {
    let q = db
      .selectFrom('mentorships')
      .select(['supporter_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('status', '=', 'active')
      .where('supporter_id', 'is not', null)
      .groupBy('supporter_id');
    if (ids) {
      if (ids.length === 0) return new Map();
      q = q.where('supporter_id', 'in', [...ids]);
    }
    const rows = await q.execute();
    return new Map(rows.map((r) => [r.supporter_id!, Number(r.n)]));
  },

  /** Mentorships started since a time, and the latest start, per supporter (fairness). */
  async recentAssignments(db: Executor, sinceIso: string, ids: readonly string[] | null): Promise<Map<string, { count: number; last: string }>> {
    let q = db
      .selectFrom('mentorships')
      .select(['supporter_id', (eb) => eb.fn.countAll<string | number>().as('n'), (eb) => eb.fn.max('started_at').as('last')])
      .where('started_at', '>=', sinceIso)
      .where('supporter_id', 'is not', null)
      .groupBy('supporter_id');
    if (ids) {
      if (ids.length === 0) return new Map();
      q = q.where('supporter_id', 'in', [...ids]);
    }
    const rows = await q.execute();
    return new Map(rows.map((r) => [r.supporter_id!, { count: Number(r.n), last: String(r.last) }]));
  },

  async lastAssignedAt(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('mentorships')
      .select(['supporter_id', (eb) => eb.fn.max('started_at').as('last')])
      .where('supporter_id', 'in', [...ids])
      .groupBy('supporter_id')
      .execute();
    return new Map(rows.map((r) => [r.supporter_id!, String(r.last)]));
  },

  async activeCountOf(db: Executor, supporterId: string): Promise<number> {
    const row = await db
      .selectFrom('mentorships')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('supporter_id', '=', supporterId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  // ── requests and offers ───────────────────────────────────────────────────────
  async insertRequest(db: Executor, row: SupportRequestsTable): Promise<void> {
    await db.insertInto('support_requests').values(row).execute();
  },

  findRequest(db: Executor, id: string) {
    return db.selectFrom('support_requests').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findWaitingRequestOf(db: Executor, memberId: string) {
    return db.selectFrom('support_requests').selectAll().where('member_id', '=', memberId).where('status', '=', 'waiting').executeTakeFirst();
  },

  latestRequestOf(db: Executor, memberId: string) {
    return db.selectFrom('support_requests').selectAll().where('member_id', '=', memberId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  },

  /** Updates a request only while it is in an expected state (guards races between instances). */
  async updateRequest(db: Executor, id: string, patch: Partial<SupportRequestsTable>, guard: { status?: SupportRequestsTable['status']; round?: number } = {}): Promise<boolean> {
    let q = db.updateTable('support_requests').set(patch).where('id', '=', id);
    if (guard.status) q = q.where('status', '=', guard.status);
    if (guard.round !== undefined) q = q.where('round', '=', guard.round);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  dueRequests(db: Executor, nowIso: string, limit: number) {
    return db
      .selectFrom('support_requests')
      .select(['id', 'round'])
      .where('status', '=', 'waiting')
      .where('next_widen_at', '<=', nowIso)
      .orderBy('next_widen_at')
      .limit(limit)
      .execute();
  },

  /** Waiting requests nobody has in front of them (no pending offer: exhausted, or every offer answered), oldest first, after `after` (a page's last row). */
  waitingWithoutLiveOffer(db: Executor, limit: number, after?: { created_at: string; id: string }) {
    return db
      .selectFrom('support_requests')
      .select(['id', 'round', 'member_id', 'preferences', 'created_at'])
      .where('status', '=', 'waiting')
      .$if(!!after, (q) => q.where((eb) => eb.or([eb('created_at', '>', after!.created_at), eb.and([eb('created_at', '=', after!.created_at), eb('id', '>', after!.id)])])))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('support_request_offers')
              .select('support_request_offers.request_id')
              .whereRef('support_request_offers.request_id', '=', 'support_requests.id')
              .where('support_request_offers.response', '=', 'pending'),
          ),
        ),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  staleRequests(db: Executor, createdBeforeIso: string, limit: number) {
    return db
      .selectFrom('support_requests')
      .select(['id'])
      .where('status', '=', 'waiting')
      .where('created_at', '<', createdBeforeIso)
      .limit(limit)
      .execute();
  },

  async insertOffers(db: Executor, rows: SupportRequestOffersTable[]): Promise<void> {
    if (rows.length === 0) return;
    // An offer withdrawn earlier (the supporter went away) may be made again.
    await db
      .insertInto('support_request_offers')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['request_id', 'supporter_id']).doUpdateSet((eb) => ({
          round: eb.ref('excluded.round'),
          offered_at: eb.ref('excluded.offered_at'),
          response: eb.ref('excluded.response'),
          responded_at: null,
        })),
      )
      .execute();
  },

  offersOfRequest(db: Executor, requestId: string) {
    return db.selectFrom('support_request_offers').selectAll().where('request_id', '=', requestId).execute();
  },

  findOffer(db: Executor, requestId: string, supporterId: string) {
    return db.selectFrom('support_request_offers').selectAll().where('request_id', '=', requestId).where('supporter_id', '=', supporterId).executeTakeFirst();
  },

  async respondToOffer(db: Executor, requestId: string, supporterId: string, response: OfferResponse, atIso: string): Promise<boolean> {
    const res = await db
      .updateTable('support_request_offers')
      .set({ response, responded_at: atIso })
      .where('request_id', '=', requestId)
      .where('supporter_id', '=', supporterId)
      .where('response', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  /** Withdraws the request's pending offers; returns who had them. */
  async withdrawOffersOfRequest(db: Executor, requestId: string, atIso: string): Promise<string[]> {
    const rows = await db.selectFrom('support_request_offers').select('supporter_id').where('request_id', '=', requestId).where('response', '=', 'pending').execute();
    if (rows.length === 0) return [];
    await db
      .updateTable('support_request_offers')
      .set({ response: 'withdrawn', responded_at: atIso })
      .where('request_id', '=', requestId)
      .where('response', '=', 'pending')
      .execute();
    return rows.map((r) => r.supporter_id);
  },

  /** Withdraws a supporter's pending offers (away, paused, role removed); returns the requests. */
  async withdrawOffersOfSupporter(db: Executor, supporterId: string, atIso: string, memberId?: string): Promise<string[]> {
    let sel = db
      .selectFrom('support_request_offers')
      .innerJoin('support_requests', 'support_requests.id', 'support_request_offers.request_id')
      .select('support_request_offers.request_id')
      .where('support_request_offers.supporter_id', '=', supporterId)
      .where('support_request_offers.response', '=', 'pending');
    if (memberId) sel = sel.where('support_requests.member_id', '=', memberId);
    const ids = (await sel.execute()).map((r) => r.request_id);
    if (ids.length === 0) return [];
    await db
      .updateTable('support_request_offers')
      .set({ response: 'withdrawn', responded_at: atIso })
      .where('supporter_id', '=', supporterId)
      .where('request_id', 'in', ids)
      .where('response', '=', 'pending')
      .execute();
    return ids;
  },

  /** How many requests offered to this supporter still wait for their answer (as `pendingOffersFor` lists them). */
  async pendingOfferCount(db: Executor, supporterId: string): Promise<number> {
    const r = await db
      .selectFrom('support_request_offers')
      .innerJoin('support_requests', 'support_requests.id', 'support_request_offers.request_id')
      .innerJoin('users', 'users.id', 'support_requests.member_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('support_request_offers.supporter_id', '=', supporterId)
      .where('support_request_offers.response', '=', 'pending')
      .where('support_requests.status', '=', 'waiting')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** The supporter's open offers, with the request and the member's handle. */
  pendingOffersFor(db: Executor, supporterId: string) {
    return db
      .selectFrom('support_request_offers')
      .innerJoin('support_requests', 'support_requests.id', 'support_request_offers.request_id')
      .innerJoin('users', 'users.id', 'support_requests.member_id')
      .select([
        'support_request_offers.request_id',
        'support_request_offers.round as offer_round',
        'support_request_offers.offered_at',
        'support_requests.topic_enc',
        'support_requests.topic_held',
        'support_requests.preferences',
        'support_requests.preferred_supporter_id',
        'support_requests.screening_level',
        'support_requests.next_widen_at',
        'support_requests.exhausted',
        'support_requests.member_id',
        'users.handle as member_handle',
        'users.pronouns as member_pronouns',
      ])
      .where('support_request_offers.supporter_id', '=', supporterId)
      .where('support_request_offers.response', '=', 'pending')
      .where('support_requests.status', '=', 'waiting')
      .orderBy('support_request_offers.offered_at')
      .execute();
  },

  // ── mentorships ─────────────────────────────────────────────────────────────
  async insertMentorship(db: Executor, row: MentorshipsTable): Promise<void> {
    await db.insertInto('mentorships').values(row).execute();
  },

  findMentorship(db: Executor, id: string) {
    return db.selectFrom('mentorships').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /**
   * The mentorship, its row locked to the end of the transaction on PostgreSQL (SQLite runs one write
   * transaction at a time). Taken before any of its handovers' rows, as ending it does.
   */
  lockMentorship(db: Executor, dialect: Dialect, id: string) {
    return forUpdateOnPostgres(db.selectFrom('mentorships').selectAll().where('id', '=', id), dialect).executeTakeFirst();
  },

  mentorshipsByIds(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('mentorships').selectAll().where('id', 'in', [...ids]).execute();
  },

  /** The list page's mentorships of the person (active first, newest first), capped: not for an export or an erasure. */
  mentorshipsOf(db: Executor, userId: string) {
    return db
      .selectFrom('mentorships')
      .selectAll()
      .where((eb) => eb.or([eb('member_id', '=', userId), eb('supporter_id', '=', userId)]))
      .orderBy('status')
      .orderBy('started_at', 'desc')
      .limit(200)
      .execute();
  },

  /** Every mentorship of the person, as member or supporter, uncapped, oldest first: what their export lists. */
  everyMentorshipOf(db: Executor, userId: string) {
    return db
      .selectFrom('mentorships')
      .selectAll()
      .where((eb) => eb.or([eb('member_id', '=', userId), eb('supporter_id', '=', userId)]))
      .orderBy('started_at')
      .orderBy('id')
      .execute();
  },

  /**
   * Every active mentorship of the person, as member or supporter, uncapped: what an erasure ends.
   * (`mentorshipsOf` is a page, capped: an erasure reading it would leave the rest active.)
   */
  activeMentorshipsOf(db: Executor, userId: string) {
    return db
      .selectFrom('mentorships')
      .selectAll()
      .where((eb) => eb.or([eb('member_id', '=', userId), eb('supporter_id', '=', userId)]))
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
  },

  activeMentorshipsOfSupporter(db: Executor, supporterId: string) {
    return db.selectFrom('mentorships').select(['id', 'member_id']).where('supporter_id', '=', supporterId).where('status', '=', 'active').execute();
  },

  activeBetween(db: Executor, a: string, b: string) {
    return db
      .selectFrom('mentorships')
      .selectAll()
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb.and([eb('member_id', '=', a), eb('supporter_id', '=', b)]), eb.and([eb('member_id', '=', b), eb('supporter_id', '=', a)])]))
      .execute();
  },

  async activeSupporterIdsOfMember(db: Executor, memberId: string): Promise<string[]> {
    const rows = await db.selectFrom('mentorships').select('supporter_id').where('member_id', '=', memberId).where('status', '=', 'active').execute();
    return rows.flatMap((r) => (r.supporter_id ? [r.supporter_id] : []));
  },

  async everMatched(db: Executor, memberId: string, supporterId: string): Promise<boolean> {
    const row = await db.selectFrom('mentorships').select('id').where('member_id', '=', memberId).where('supporter_id', '=', supporterId).limit(1).executeTakeFirst();
    return !!row;
  },

  async pastSupporterIdsOf(db: Executor, memberId: string): Promise<string[]> {
    const rows = await db.selectFrom('mentorships').select('supporter_id').distinct().where('member_id', '=', memberId).execute();
    return rows.flatMap((r) => (r.supporter_id ? [r.supporter_id] : []));
  },

  /** Ends an active mentorship; false when it had already ended. */
  async endMentorship(db: Executor, id: string, patch: Pick<MentorshipsTable, 'ended_at' | 'ended_by' | 'end_reason'>): Promise<boolean> {
    const res = await db.updateTable('mentorships').set({ ...patch, status: 'ended' }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  async insertMessage(db: Executor, row: MentorshipMessagesTable): Promise<void> {
    await db.insertInto('mentorship_messages').values(row).execute();
  },

  async messageInMentorship(db: Executor, messageId: string, mentorshipId: string): Promise<boolean> {
    const row = await db.selectFrom('mentorship_messages').select('id').where('id', '=', messageId).where('mentorship_id', '=', mentorshipId).executeTakeFirst();
    return !!row;
  },

  async updateMessage(db: Executor, id: string, patch: Partial<MentorshipMessagesTable>): Promise<void> {
    await db.updateTable('mentorship_messages').set(patch).where('id', '=', id).execute();
  },

  findMessage(db: Executor, id: string) {
    return db.selectFrom('mentorship_messages').selectAll().where('id', '=', id).executeTakeFirst();
  },

  messagesSentBy(db: Executor, userId: string) {
    return db.selectFrom('mentorship_messages').select(['id', 'mentorship_id', 'kind', 'body_enc', 'state', 'created_at']).where('sender_id', '=', userId).orderBy('id').execute();
  },

  // ── handovers ───────────────────────────────────────────────────────────────
  async insertHandover(db: Executor, row: HandoversTable): Promise<void> {
    await db.insertInto('handovers').values(row).execute();
  },

  findHandover(db: Executor, id: string) {
    return db.selectFrom('handovers').selectAll().where('id', '=', id).executeTakeFirst();
  },

  openHandoverOf(db: Executor, mentorshipId: string) {
    return db
      .selectFrom('handovers')
      .selectAll()
      .where('mentorship_id', '=', mentorshipId)
      .where('status', 'in', ['proposed', 'accepted_by_supporter'])
      .executeTakeFirst();
  },

  latestHandoversOf(db: Executor, mentorshipIds: readonly string[]) {
    if (mentorshipIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('handovers').selectAll().where('mentorship_id', 'in', [...mentorshipIds]).orderBy('created_at').orderBy('id').execute();
  },

  /** Handovers that involve the user: proposed to them, by them, or about their mentorship. */
  handoversInvolving(db: Executor, userId: string) {
    return db
      .selectFrom('handovers')
      .innerJoin('mentorships', 'mentorships.id', 'handovers.mentorship_id')
      .selectAll('handovers')
      .select('mentorships.member_id')
      .where((eb) =>
        eb.or([eb('handovers.from_supporter_id', '=', userId), eb('handovers.to_supporter_id', '=', userId), eb('mentorships.member_id', '=', userId)]),
      )
      .orderBy('handovers.created_at', 'desc')
      .limit(100)
      .execute();
  },

  async updateHandover(db: Executor, id: string, patch: Partial<HandoversTable>, fromStatuses: HandoversTable['status'][]): Promise<boolean> {
    const res = await db.updateTable('handovers').set(patch).where('id', '=', id).where('status', 'in', fromStatuses).executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  async cancelOpenHandoversOf(db: Executor, mentorshipId: string, atIso: string): Promise<{ id: string }[]> {
    const rows = await db.selectFrom('handovers').select('id').where('mentorship_id', '=', mentorshipId).where('status', 'in', ['proposed', 'accepted_by_supporter']).execute();
    if (rows.length) {
      await db
        .updateTable('handovers')
        .set({ status: 'cancelled', updated_at: atIso })
        .where('mentorship_id', '=', mentorshipId)
        .where('status', 'in', ['proposed', 'accepted_by_supporter'])
        .execute();
    }
    return rows;
  },

  // ── feedback ────────────────────────────────────────────────────────────────
  async insertFeedback(db: Executor, row: { mentorship_id: string; rating: number; note_enc: string | null; created_at: string }): Promise<boolean> {
    const res = await db.insertInto('mentorship_feedback').values(row).onConflict((oc) => oc.column('mentorship_id').doNothing()).executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  async feedbackGivenFor(db: Executor, mentorshipIds: readonly string[]): Promise<Set<string>> {
    if (mentorshipIds.length === 0) return new Set();
    const rows = await db.selectFrom('mentorship_feedback').select('mentorship_id').where('mentorship_id', 'in', [...mentorshipIds]).execute();
    return new Set(rows.map((r) => r.mentorship_id));
  },

  feedbackAbout(db: Executor, supporterId: string) {
    return db
      .selectFrom('mentorship_feedback')
      .innerJoin('mentorships', 'mentorships.id', 'mentorship_feedback.mentorship_id')
      .select(['mentorship_feedback.mentorship_id', 'mentorship_feedback.rating', 'mentorship_feedback.note_enc', 'mentorship_feedback.created_at'])
      .where('mentorships.supporter_id', '=', supporterId)
      .orderBy('mentorship_feedback.created_at', 'desc')
      .limit(500)
      .execute();
  },

  feedbackGivenBy(db: Executor, memberId: string) {
    return db
      .selectFrom('mentorship_feedback')
      .innerJoin('mentorships', 'mentorships.id', 'mentorship_feedback.mentorship_id')
      .select(['mentorship_feedback.mentorship_id', 'mentorship_feedback.rating', 'mentorship_feedback.note_enc', 'mentorship_feedback.created_at'])
      .where('mentorships.member_id', '=', memberId)
      .execute();
  },

  // ── blocks ──────────────────────────────────────────────────────────────────
  async insertBlock(db: Executor, blockerId: string, blockedId: string, atIso: string): Promise<void> {
    await db
      .insertInto('mentoring_blocks')
      .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: atIso })
      .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
      .execute();
  },

  async deleteBlock(db: Executor, blockerId: string, blockedId: string): Promise<boolean> {
    const res = await db.deleteFrom('mentoring_blocks').where('blocker_id', '=', blockerId).where('blocked_id', '=', blockedId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },

  blocksBy(db: Executor, blockerId: string) {
    return db
      .selectFrom('mentoring_blocks')
      .innerJoin('users', 'users.id', 'mentoring_blocks.blocked_id')
      .select(['mentoring_blocks.blocked_id', 'users.handle', 'mentoring_blocks.created_at'])
      .where('mentoring_blocks.blocker_id', '=', blockerId)
      .orderBy('mentoring_blocks.created_at', 'desc')
      .execute();
  },

  /** Everyone the user blocked or was blocked by: never matched either way. */
  async blockedEitherWay(db: Executor, userId: string): Promise<Set<string>> {
    const rows = await db
      .selectFrom('mentoring_blocks')
      .select(['blocker_id', 'blocked_id'])
      .where((eb) => eb.or([eb('blocker_id', '=', userId), eb('blocked_id', '=', userId)]))
      .execute();
    return new Set(rows.map((r) => (r.blocker_id === userId ? r.blocked_id : r.blocker_id)));
  },

  async isBlockedEitherWay(db: Executor, a: string, b: string): Promise<boolean> {
    const row = await db
      .selectFrom('mentoring_blocks')
      .select('blocker_id')
      .where((eb) => eb.or([eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]), eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)])]))
      .executeTakeFirst();
    return !!row;
  },

  // ── reports ─────────────────────────────────────────────────────────────────
  findReport(db: Executor, id: string) {
    return db.selectFrom('mentoring_reports').select(['id', 'reporter_id']).where('id', '=', id).executeTakeFirst();
  },
  async insertReport(db: Executor, row: MentoringReportsTable): Promise<void> {
    await db.insertInto('mentoring_reports').values(row).execute();
  },

  listReports(db: Executor, status: 'open' | 'resolved', limit: number) {
    return db
      .selectFrom('mentoring_reports')
      .leftJoin('users as reporter', 'reporter.id', 'mentoring_reports.reporter_id')
      .leftJoin('users as reported', 'reported.id', 'mentoring_reports.reported_id')
      .selectAll('mentoring_reports')
      .select(['reporter.handle as reporter_handle', 'reported.handle as reported_handle'])
      .where('mentoring_reports.status', '=', status)
      .orderBy('mentoring_reports.id', status === 'open' ? 'asc' : 'desc')
      .limit(limit)
      .execute();
  },

  async resolveReport(db: Executor, id: string, by: string, atIso: string): Promise<boolean> {
    const res = await db.updateTable('mentoring_reports').set({ status: 'resolved', resolved_by: by, resolved_at: atIso }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  reportsBy(db: Executor, reporterId: string) {
    return db.selectFrom('mentoring_reports').select(['id', 'mentorship_id', 'reason', 'note_enc', 'status', 'created_at']).where('reporter_id', '=', reporterId).execute();
  },

  // ── supervisor access grants ──────────────────────────────────────────────────
  async insertGrant(db: Executor, row: SupervisorAccessGrantsTable): Promise<void> {
    await db.insertInto('supervisor_access_grants').values(row).execute();
  },

  findGrant(db: Executor, id: string) {
    return db.selectFrom('supervisor_access_grants').selectAll().where('id', '=', id).executeTakeFirst();
  },

  grantsOf(db: Executor, mentorshipIds: readonly string[]) {
    if (mentorshipIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('supervisor_access_grants').selectAll().where('mentorship_id', 'in', [...mentorshipIds]).orderBy('created_at').orderBy('id').execute();
  },

  activeGrants(db: Executor, mentorshipId: string, nowIso: string) {
    return db
      .selectFrom('supervisor_access_grants')
      .selectAll()
      .where('mentorship_id', '=', mentorshipId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .orderBy('created_at', 'desc')
      .execute();
  },

  /** activeGrants for many mentorships in one statement. */
  activeGrantsOf(db: Executor, mentorshipIds: readonly string[], nowIso: string) {
    if (mentorshipIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('supervisor_access_grants')
      .selectAll()
      .where('mentorship_id', 'in', [...mentorshipIds])
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .orderBy('created_at', 'desc')
      .execute();
  },

  async revokeConsent(db: Executor, mentorshipId: string, nowIso: string): Promise<number> {
    const res = await db
      .updateTable('supervisor_access_grants')
      .set({ revoked_at: nowIso })
      .where('mentorship_id', '=', mentorshipId)
      .where('kind', '=', 'consent')
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', nowIso)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  },

  /**
   * The conversations a supervisor may open now, newest grant first (then id), `CONVERSATIONS_LISTED`
   * at most, in one statement: every grant in force that is not a consent (an escalation is for any
   * supervisor), and consent grants whose supporter's current supervisor is this one (the supervision
   * module's `supervisor_assignments`, read here as `supervisorOf` reads it: a supporter has one row at
   * most, so the join adds none; a mentorship without a supporter matches none). Rule of record:
   * `grantsUsableBy`.
   */
  conversationsOpenTo(db: Executor, supervisorId: string, nowIso: string) {
    return db
      .selectFrom('supervisor_access_grants')
      .innerJoin('mentorships', 'mentorships.id', 'supervisor_access_grants.mentorship_id')
      .leftJoin('users as member', 'member.id', 'mentorships.member_id')
      .leftJoin('users as supporter', 'supporter.id', 'mentorships.supporter_id')
      .leftJoin('supervisor_assignments', 'supervisor_assignments.supporter_id', 'mentorships.supporter_id')
      .selectAll('supervisor_access_grants')
      .select(['mentorships.member_id', 'mentorships.supporter_id', 'member.handle as member_handle', 'supporter.handle as supporter_handle'])
      .where('supervisor_access_grants.revoked_at', 'is', null)
      .where('supervisor_access_grants.expires_at', '>', nowIso)
      .where((eb) => eb.or([eb('supervisor_access_grants.kind', '!=', 'consent'), eb('supervisor_assignments.supervisor_id', '=', supervisorId)]))
      .orderBy('supervisor_access_grants.created_at', 'desc')
      .orderBy('supervisor_access_grants.id', 'desc')
      .limit(CONVERSATIONS_LISTED)
      .execute();
  },

  // ── notes the review queue may edit ───────────────────────────────────────────
  async feedbackNote(db: Executor, mentorshipId: string): Promise<string | null | undefined> {
    return (await db.selectFrom('mentorship_feedback').select('note_enc').where('mentorship_id', '=', mentorshipId).executeTakeFirst())?.note_enc;
  },
  async setFeedbackNote(db: Executor, mentorshipId: string, sealed: string | null): Promise<void> {
    await db.updateTable('mentorship_feedback').set({ note_enc: sealed }).where('mentorship_id', '=', mentorshipId).execute();
  },
  async reportNote(db: Executor, id: string): Promise<string | null | undefined> {
    return (await db.selectFrom('mentoring_reports').select('note_enc').where('id', '=', id).executeTakeFirst())?.note_enc;
  },
  async setReportNote(db: Executor, id: string, sealed: string | null): Promise<void> {
    await db.updateTable('mentoring_reports').set({ note_enc: sealed }).where('id', '=', id).execute();
  },
  async grantNote(db: Executor, id: string): Promise<string | null | undefined> {
    return (await db.selectFrom('supervisor_access_grants').select('note_enc').where('id', '=', id).executeTakeFirst())?.note_enc;
  },
  async setGrantNote(db: Executor, id: string, sealed: string | null): Promise<void> {
    await db.updateTable('supervisor_access_grants').set({ note_enc: sealed }).where('id', '=', id).execute();
  },

  // ── erasure ─────────────────────────────────────────────────────────────────
  requestsOf(db: Executor, memberId: string) {
    return db.selectFrom('support_requests').selectAll().where('member_id', '=', memberId).orderBy('created_at').execute();
  },

  /**
   * PostgreSQL: locks, in id order, every mentorship an erasure writes (the person's, as member,
   * supporter or who ended it, and those of handovers naming them), then their supporter profile:
   * the order of ending a mentorship and of consenting to a handover (mentorship → supporter profile
   * → handover). Call before any handover or mentorship row is written. An erasure that wrote the
   * handovers first and deleted the profile last deadlocked with a consent handing the mentorship
   * over to the person (500). SQLite runs one write transaction at a time: nothing to lock.
   * The ids as a union, each part read from its column's index (an OR with the handovers' subquery
   * walked every mentorship).
   */
  async lockForErasure(db: Executor, dialect: Dialect, userId: string): Promise<void> {
    if (dialect !== 'postgres') return;
    await db
      .selectFrom('mentorships')
      .select('id')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('mentorships')
          .select('id')
          .where('member_id', '=', userId)
          .union(eb.selectFrom('mentorships').select('id').where('supporter_id', '=', userId))
          .union(eb.selectFrom('mentorships').select('id').where('ended_by', '=', userId))
          .union(eb.selectFrom('handovers').select('mentorship_id as id').where('from_supporter_id', '=', userId))
          .union(eb.selectFrom('handovers').select('mentorship_id as id').where('to_supporter_id', '=', userId)),
      )
      .orderBy('id')
      .forUpdate()
      .execute();
    await mentoringRepository.lockProfile(db, dialect, userId);
  },

  async eraseUser(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('mentorship_messages').where('sender_id', '=', userId).execute();
    await db
      .deleteFrom('mentorship_feedback')
      .where('mentorship_id', 'in', (eb) => eb.selectFrom('mentorships').select('id').where('member_id', '=', userId))
      .execute();
    await db.updateTable('mentorships').set({ request_id: null }).where('request_id', 'in', (eb) => eb.selectFrom('support_requests').select('id').where('member_id', '=', userId)).execute();
    await db.deleteFrom('support_request_offers').where('supporter_id', '=', userId).execute();
    await db.deleteFrom('support_requests').where('member_id', '=', userId).execute();
    await db.updateTable('support_requests').set({ preferred_supporter_id: null }).where('preferred_supporter_id', '=', userId).execute();
    await db.deleteFrom('mentoring_blocks').where((eb) => eb.or([eb('blocker_id', '=', userId), eb('blocked_id', '=', userId)])).execute();
    await db.deleteFrom('supervisor_access_grants').where('granted_by', '=', userId).execute();
    await db.deleteFrom('mentoring_reports').where('reporter_id', '=', userId).execute();
    await db.updateTable('mentoring_reports').set({ reported_id: null }).where('reported_id', '=', userId).execute();
    await db.updateTable('mentoring_reports').set({ resolved_by: null }).where('resolved_by', '=', userId).execute();
    await db.updateTable('handovers').set({ from_supporter_id: null }).where('from_supporter_id', '=', userId).execute();
    await db.updateTable('handovers').set({ to_supporter_id: null }).where('to_supporter_id', '=', userId).execute();
    await db.updateTable('mentorships').set({ ended_by: null }).where('ended_by', '=', userId).execute();
    await db.updateTable('mentorships').set({ member_id: null }).where('member_id', '=', userId).execute();
    await db.updateTable('mentorships').set({ supporter_id: null }).where('supporter_id', '=', userId).execute();
    await db.deleteFrom('supporter_profiles').where('user_id', '=', userId).execute();
  },
};

/** How many conversations a supervisor's list shows at most (the newest grants): `conversationsOpenTo`. */
export const CONVERSATIONS_LISTED = 500;

/** Portable "now minus days" for SQL-free callers. */
export const daysBefore = (at: Date, days: number) => new Date(at.getTime() - days * 86_400_000).toISOString();
