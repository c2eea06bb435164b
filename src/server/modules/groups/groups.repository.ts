import { sql, type Insertable, type Selectable } from 'kysely';
import { forUpdateOnPostgres, type Dialect, type Executor } from '../../platform/db.js';
import type {
  GroupGoalLogsTable,
  GroupGoalsTable,
  GroupMeetingsTable,
  GroupMessagesTable,
  ProgramsTable,
  StaffRole,
  SupportGroupsTable,
} from '../../platform/schema.js';

export type GroupRow = Selectable<SupportGroupsTable>;
export type ProgramRow = Selectable<ProgramsTable>;
export type MeetingRow = Selectable<GroupMeetingsTable>;
export type MessageRow = Selectable<GroupMessagesTable> & { author_handle: string | null };
export type GoalRow = Selectable<GroupGoalsTable>;

const CHUNK = 500;

/** Kysely only: organizations, programs, groups, agreements, meetings, chat, goals, feeds. */
function messageById(db: Executor, id: string) {
  return db
    .selectFrom('group_messages')
    .leftJoin('users', 'users.id', 'group_messages.author_id')
    .selectAll('group_messages')
    .select('users.handle as author_handle')
    .where('group_messages.id', '=', id);
}

export const groupsRepository = {
  // ── organizations and staff ─────────────────────────────────────────────────
  async insertOrganization(db: Executor, row: { id: string; name: string; description: string; created_at: string; updated_at: string }) {
    await db.insertInto('organizations').values(row).execute();
  },
  findOrganization(db: Executor, id: string) {
    return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async updateOrganization(db: Executor, id: string, patch: { name?: string; description?: string; updated_at: string }) {
    await db.updateTable('organizations').set(patch).where('id', '=', id).execute();
  },
  listOrganizations(db: Executor, ids: string[] | 'all') {
    let q = db.selectFrom('organizations').selectAll().orderBy('name').orderBy('id');
    if (ids !== 'all') {
      if (!ids.length) return Promise.resolve([]);
      q = q.where('id', 'in', ids);
    }
    return q.execute();
  },
  staffOf(db: Executor, organizationIds: string[]) {
    if (!organizationIds.length) return Promise.resolve([]);
    return db
      .selectFrom('organization_staff')
      .innerJoin('users', 'users.id', 'organization_staff.user_id')
      .select(['organization_staff.organization_id', 'organization_staff.user_id', 'organization_staff.role', 'users.handle'])
      .where('organization_staff.organization_id', 'in', organizationIds)
      .orderBy('users.handle')
      .execute();
  },
  async staffRolesOf(db: Executor, userId: string, organizationId: string | null): Promise<StaffRole[]> {
    if (!organizationId) return [];
    const rows = await db.selectFrom('organization_staff').select('role').where('user_id', '=', userId).where('organization_id', '=', organizationId).execute();
    return rows.map((r) => r.role);
  },
  async organizationsStaffedBy(db: Executor, userId: string): Promise<{ organization_id: string; role: StaffRole }[]> {
    return db.selectFrom('organization_staff').select(['organization_id', 'role']).where('user_id', '=', userId).execute();
  },
  async addStaff(db: Executor, row: { organization_id: string; user_id: string; role: StaffRole; granted_by: string; granted_at: string }) {
    await db
      .insertInto('organization_staff')
      .values(row)
      .onConflict((oc) => oc.columns(['organization_id', 'user_id', 'role']).doNothing())
      .execute();
  },
  async removeStaff(db: Executor, organizationId: string, userId: string, role: StaffRole): Promise<boolean> {
    const res = await db.deleteFrom('organization_staff').where('organization_id', '=', organizationId).where('user_id', '=', userId).where('role', '=', role).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  /** Supervisors on staff of an organization (for supervisor requests and reports). */
  async staffWithRole(db: Executor, organizationId: string | null, role: StaffRole): Promise<string[]> {
    if (!organizationId) return [];
    const rows = await db.selectFrom('organization_staff').select('user_id').where('organization_id', '=', organizationId).where('role', '=', role).execute();
    return rows.map((r) => r.user_id);
  },
  async usersWithGlobalRole(db: Executor, role: string): Promise<string[]> {
    const rows = await db.selectFrom('user_roles').select('user_id').where('role', '=', role).execute();
    return rows.map((r) => r.user_id);
  },
  findUser(db: Executor, id: string) {
    return db.selectFrom('users').select(['id', 'handle', 'region']).where('id', '=', id).executeTakeFirst();
  },
  async globalRolesOf(db: Executor, userId: string): Promise<string[]> {
    const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
    return rows.map((r) => r.role);
  },

  // ── programs ────────────────────────────────────────────────────────────────
  async insertProgram(db: Executor, row: Insertable<ProgramsTable>) {
    await db.insertInto('programs').values(row).execute();
  },
  findProgram(db: Executor, id: string) {
    return db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Every program of one organization, invitation-only ones included (for its staff and admins). */
  programsOfOrganization(db: Executor, organizationId: string) {
    return db.selectFrom('programs').selectAll().where('organization_id', '=', organizationId).orderBy('name').orderBy('id').execute();
  },
  findProgramByCodeDigest(db: Executor, digest: string) {
    return db.selectFrom('programs').selectAll().where('invitation_code_digest', '=', digest).executeTakeFirst();
  },
  async updateProgram(db: Executor, id: string, patch: Partial<Omit<ProgramRow, 'id'>>) {
    await db.updateTable('programs').set(patch).where('id', '=', id).execute();
  },
  listPrograms(db: Executor) {
    return db.selectFrom('programs').selectAll().orderBy('name').orderBy('id').execute();
  },
  async programIdsOf(db: Executor, userId: string): Promise<string[]> {
    const rows = await db.selectFrom('program_members').select('program_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.program_id);
  },
  async isProgramMember(db: Executor, programId: string, userId: string): Promise<boolean> {
    return !!(await db.selectFrom('program_members').select('user_id').where('program_id', '=', programId).where('user_id', '=', userId).executeTakeFirst());
  },
  async addProgramMember(db: Executor, programId: string, userId: string, at: string) {
    await db
      .insertInto('program_members')
      .values({ program_id: programId, user_id: userId, role: 'member', joined_at: at })
      .onConflict((oc) => oc.columns(['program_id', 'user_id']).doNothing())
      .execute();
  },
  async removeProgramMember(db: Executor, programId: string, userId: string) {
    await db.deleteFrom('program_members').where('program_id', '=', programId).where('user_id', '=', userId).execute();
  },
  spacesOfPrograms(db: Executor, programIds: string[]) {
    if (!programIds.length) return Promise.resolve([]);
    return db.selectFrom('spaces').select(['id', 'slug', 'name', 'program_id']).where('program_id', 'in', programIds).orderBy('sort_order').execute();
  },
  async insertJoinRequest(db: Executor, row: { id: string; program_id: string; user_id: string; note_enc: string | null; created_at: string }) {
    await db.insertInto('program_join_requests').values({ ...row, status: 'pending', decided_by: null, decided_at: null }).execute();
  },
  pendingRequestOf(db: Executor, programId: string, userId: string) {
    return db.selectFrom('program_join_requests').selectAll().where('program_id', '=', programId).where('user_id', '=', userId).where('status', '=', 'pending').executeTakeFirst();
  },
  async pendingProgramIdsOf(db: Executor, userId: string): Promise<string[]> {
    const rows = await db.selectFrom('program_join_requests').select('program_id').where('user_id', '=', userId).where('status', '=', 'pending').execute();
    return rows.map((r) => r.program_id);
  },
  findJoinRequest(db: Executor, id: string) {
    return db.selectFrom('program_join_requests').selectAll().where('id', '=', id).executeTakeFirst();
  },
  listJoinRequests(db: Executor, programId: string, status: 'pending' | 'approved' | 'declined') {
    return db
      .selectFrom('program_join_requests')
      .leftJoin('users', 'users.id', 'program_join_requests.user_id')
      .selectAll('program_join_requests')
      .select('users.handle')
      .where('program_id', '=', programId)
      .where('status', '=', status)
      .orderBy('program_join_requests.id')
      .limit(200)
      .execute();
  },
  async decideJoinRequest(db: Executor, id: string, status: 'approved' | 'declined', by: string, at: string): Promise<boolean> {
    const res = await db.updateTable('program_join_requests').set({ status, decided_by: by, decided_at: at }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  // ── groups ──────────────────────────────────────────────────────────────────
  async insertGroup(db: Executor, row: GroupRow) {
    await db.insertInto('support_groups').values(row).execute();
  },
  findGroup(db: Executor, id: string) {
    return db.selectFrom('support_groups').selectAll().where('id', '=', id).executeTakeFirst();
  },
  /** Reads the group and, on PostgreSQL, locks its row until the transaction ends (joins queue here). */
  lockGroup(db: Executor, dialect: Dialect, id: string) {
    return forUpdateOnPostgres(db.selectFrom('support_groups').selectAll().where('id', '=', id), dialect).executeTakeFirst();
  },
  async updateGroup(db: Executor, id: string, patch: Partial<Omit<GroupRow, 'id'>>) {
    await db.updateTable('support_groups').set(patch).where('id', '=', id).execute();
  },
  groupsOfPrograms(db: Executor, programIds: string[]) {
    if (!programIds.length) return Promise.resolve([]);
    return db.selectFrom('support_groups').selectAll().where('program_id', 'in', programIds).orderBy('name').orderBy('id').execute();
  },
  async groupIdsOf(db: Executor, userId: string): Promise<string[]> {
    const [m, f] = await Promise.all([
      db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute(),
      db.selectFrom('group_facilitators').select('group_id').where('user_id', '=', userId).execute(),
    ]);
    return [...new Set([...m, ...f].map((r) => r.group_id))];
  },
  facilitatorsOf(db: Executor, groupIds: string[]) {
    if (!groupIds.length) return Promise.resolve([]);
    return db
      .selectFrom('group_facilitators')
      .innerJoin('users', 'users.id', 'group_facilitators.user_id')
      .select(['group_facilitators.group_id', 'users.id', 'users.handle'])
      .where('group_facilitators.group_id', 'in', groupIds)
      .orderBy('users.handle')
      .execute();
  },
  async addFacilitator(db: Executor, groupId: string, userId: string, at: string) {
    await db
      .insertInto('group_facilitators')
      .values({ group_id: groupId, user_id: userId, added_at: at })
      .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing())
      .execute();
  },
  async removeFacilitator(db: Executor, groupId: string, userId: string): Promise<boolean> {
    const res = await db.deleteFrom('group_facilitators').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  /** The groups one person facilitates, with their program's organization (whose program leads look after them). */
  groupsFacilitatedBy(db: Executor, userId: string) {
    return db
      .selectFrom('group_facilitators')
      .innerJoin('support_groups', 'support_groups.id', 'group_facilitators.group_id')
      .innerJoin('programs', 'programs.id', 'support_groups.program_id')
      .select(['support_groups.id', 'support_groups.name', 'programs.organization_id'])
      .where('group_facilitators.user_id', '=', userId)
      .execute();
  },
  async isFacilitator(db: Executor, groupId: string, userId: string): Promise<boolean> {
    return !!(await db.selectFrom('group_facilitators').select('user_id').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst());
  },
  async memberCounts(db: Executor, groupIds: string[]): Promise<Map<string, number>> {
    if (!groupIds.length) return new Map();
    const rows = await db
      .selectFrom('group_members')
      .select(['group_id', sql<number>`count(*)`.as('n')])
      .where('group_id', 'in', groupIds)
      .groupBy('group_id')
      .execute();
    return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
  },
  findMembership(db: Executor, groupId: string, userId: string) {
    return db.selectFrom('group_members').selectAll().where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
  },
  membershipsOf(db: Executor, userId: string, groupIds: string[]) {
    if (!groupIds.length) return Promise.resolve([]);
    return db.selectFrom('group_members').selectAll().where('user_id', '=', userId).where('group_id', 'in', groupIds).execute();
  },
  members(db: Executor, groupId: string) {
    return db
      .selectFrom('group_members')
      .innerJoin('users', 'users.id', 'group_members.user_id')
      .select(['group_members.user_id', 'group_members.joined_at', 'group_members.muted_until', 'users.handle'])
      .where('group_members.group_id', '=', groupId)
      .orderBy('group_members.joined_at')
      .orderBy('users.handle')
      .execute();
  },
  async insertMember(db: Executor, groupId: string, userId: string, at: string) {
    await db.insertInto('group_members').values({ group_id: groupId, user_id: userId, joined_at: at, muted_until: null, muted_by: null }).execute();
  },
  async removeMember(db: Executor, groupId: string, userId: string): Promise<boolean> {
    const res = await db.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  async setMute(db: Executor, groupId: string, userId: string, until: string | null, by: string | null) {
    await db.updateTable('group_members').set({ muted_until: until, muted_by: by }).where('group_id', '=', groupId).where('user_id', '=', userId).execute();
  },
  async recordAcceptance(db: Executor, groupId: string, userId: string, version: number, at: string) {
    await db
      .insertInto('group_agreement_acceptances')
      .values({ group_id: groupId, user_id: userId, version, accepted_at: at })
      .onConflict((oc) => oc.columns(['group_id', 'user_id', 'version']).doNothing())
      .execute();
  },
  /** The latest version each of these people accepted in a group. */
  async acceptedVersions(db: Executor, groupId: string, userIds: string[]): Promise<Map<string, number>> {
    if (!userIds.length) return new Map();
    const rows = await db
      .selectFrom('group_agreement_acceptances')
      .select(['user_id', sql<number>`max(version)`.as('v')])
      .where('group_id', '=', groupId)
      .where('user_id', 'in', userIds)
      .groupBy('user_id')
      .execute();
    return new Map(rows.map((r) => [r.user_id, Number(r.v)]));
  },
  /**
   * What taking part needs, for these groups and people at once (the periodic recheck of group
   * rooms): each group's current agreement version, and the memberships, facilitators and latest
   * accepted versions among them. Four statements whatever the number; the caller pairs them.
   */
  async takingPartAmong(db: Executor, groupIds: readonly string[], userIds: readonly string[]) {
    if (groupIds.length === 0 || userIds.length === 0) return { versions: new Map<string, number>(), members: new Set<string>(), facilitators: new Set<string>(), accepted: new Map<string, number>() };
    const [groups, members, facilitators, accepted] = await Promise.all([
      db.selectFrom('support_groups').select(['id', 'agreement_version']).where('id', 'in', [...groupIds]).execute(),
      db.selectFrom('group_members').select(['group_id', 'user_id']).where('group_id', 'in', [...groupIds]).where('user_id', 'in', [...userIds]).execute(),
      db.selectFrom('group_facilitators').select(['group_id', 'user_id']).where('group_id', 'in', [...groupIds]).where('user_id', 'in', [...userIds]).execute(),
      db
        .selectFrom('group_agreement_acceptances')
        .select(['group_id', 'user_id', sql<number>`max(version)`.as('v')])
        .where('group_id', 'in', [...groupIds])
        .where('user_id', 'in', [...userIds])
        .groupBy(['group_id', 'user_id'])
        .execute(),
    ]);
    const pair = (r: { group_id: string; user_id: string }) => `${r.group_id} ${r.user_id}`;
    return {
      versions: new Map(groups.map((g) => [g.id, Number(g.agreement_version)])),
      members: new Set(members.map(pair)),
      facilitators: new Set(facilitators.map(pair)),
      accepted: new Map(accepted.map((r) => [pair(r), Number(r.v)])),
    };
  },
  /** The latest version one person accepted, per group. */
  async acceptedVersionsOf(db: Executor, userId: string, groupIds: string[]): Promise<Map<string, number>> {
    if (!groupIds.length) return new Map();
    const rows = await db
      .selectFrom('group_agreement_acceptances')
      .select(['group_id', sql<number>`max(version)`.as('v')])
      .where('user_id', '=', userId)
      .where('group_id', 'in', groupIds)
      .groupBy('group_id')
      .execute();
    return new Map(rows.map((r) => [r.group_id, Number(r.v)]));
  },

  // ── meetings ────────────────────────────────────────────────────────────────
  async insertMeeting(db: Executor, row: MeetingRow) {
    await db.insertInto('group_meetings').values(row).execute();
  },
  findMeeting(db: Executor, id: string) {
    return db.selectFrom('group_meetings').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async updateMeeting(db: Executor, id: string, patch: Partial<Omit<MeetingRow, 'id'>>) {
    await db.updateTable('group_meetings').set(patch).where('id', '=', id).execute();
  },
  async deleteMeeting(db: Executor, id: string) {
    await db.deleteFrom('group_meetings').where('id', '=', id).execute();
  },
  /** Series of these groups that may have an occurrence before `beforeIso` (cancelled ones left out). */
  meetingsOf(db: Executor, groupIds: string[], beforeIso: string) {
    if (!groupIds.length) return Promise.resolve([]);
    return db
      .selectFrom('group_meetings')
      .selectAll()
      .where('group_id', 'in', groupIds)
      .where('cancelled_at', 'is', null)
      .where('first_start_utc', '<', beforeIso)
      .orderBy('first_start_utc')
      .execute();
  },
  allLiveMeetings(db: Executor, beforeIso: string) {
    return db.selectFrom('group_meetings').selectAll().where('cancelled_at', 'is', null).where('first_start_utc', '<', beforeIso).execute();
  },
  async setRsvp(db: Executor, row: { meeting_id: string; occurrence: string; user_id: string; response: 'yes' | 'no' | 'maybe'; updated_at: string }) {
    await db
      .insertInto('meeting_rsvps')
      .values(row)
      .onConflict((oc) => oc.columns(['meeting_id', 'occurrence', 'user_id']).doUpdateSet({ response: row.response, updated_at: row.updated_at }))
      .execute();
  },
  rsvpsFor(db: Executor, meetingIds: string[]) {
    if (!meetingIds.length) return Promise.resolve([]);
    return db.selectFrom('meeting_rsvps').select(['meeting_id', 'occurrence', 'user_id', 'response']).where('meeting_id', 'in', meetingIds).execute();
  },
  async setAttendance(db: Executor, row: { meeting_id: string; occurrence: string; user_id: string; status: 'present' | 'absent' | 'excused'; recorded_by: string; recorded_at: string }) {
    await db
      .insertInto('meeting_attendance')
      .values(row)
      .onConflict((oc) => oc.columns(['meeting_id', 'occurrence', 'user_id']).doUpdateSet({ status: row.status, recorded_by: row.recorded_by, recorded_at: row.recorded_at }))
      .execute();
  },
  attendanceOf(db: Executor, meetingId: string, occurrence: string) {
    return db
      .selectFrom('meeting_attendance')
      .innerJoin('users', 'users.id', 'meeting_attendance.user_id')
      .select(['meeting_attendance.user_id', 'meeting_attendance.status', 'users.handle'])
      .where('meeting_id', '=', meetingId)
      .where('occurrence', '=', occurrence)
      .orderBy('users.handle')
      .execute();
  },
  attendanceOfGroup(db: Executor, groupId: string) {
    return db
      .selectFrom('meeting_attendance')
      .innerJoin('group_meetings', 'group_meetings.id', 'meeting_attendance.meeting_id')
      .select(['meeting_attendance.meeting_id', 'meeting_attendance.occurrence', 'meeting_attendance.user_id', 'meeting_attendance.status'])
      .where('group_meetings.group_id', '=', groupId)
      .execute();
  },
  async saveNote(db: Executor, row: { meeting_id: string; occurrence: string; author_id: string; body_enc: string; updated_at: string }) {
    await db
      .insertInto('meeting_notes')
      .values(row)
      .onConflict((oc) => oc.columns(['meeting_id', 'occurrence']).doUpdateSet({ author_id: row.author_id, body_enc: row.body_enc, updated_at: row.updated_at }))
      .execute();
  },
  findNote(db: Executor, meetingId: string, occurrence: string) {
    return db.selectFrom('meeting_notes').selectAll().where('meeting_id', '=', meetingId).where('occurrence', '=', occurrence).executeTakeFirst();
  },
  /** Claims one occurrence's reminder: true only for the first caller (several instances may sweep). */
  async claimReminder(db: Executor, meetingId: string, occurrence: string, at: string): Promise<boolean> {
    const res = await db
      .insertInto('meeting_reminders_sent')
      .values({ meeting_id: meetingId, occurrence, sent_at: at })
      .onConflict((oc) => oc.columns(['meeting_id', 'occurrence']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  // ── calendar feeds ──────────────────────────────────────────────────────────
  async insertFeed(db: Executor, row: { id: string; user_id: string; group_id: string | null; token_digest: string; created_at: string }) {
    await db.insertInto('calendar_feeds').values({ ...row, revoked_at: null }).execute();
  },
  async revokeFeeds(db: Executor, userId: string, groupId: string | null, at: string): Promise<number> {
    let q = db.updateTable('calendar_feeds').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    q = groupId ? q.where('group_id', '=', groupId) : q.where('group_id', 'is', null);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows);
  },
  findFeedByDigest(db: Executor, digest: string) {
    return db.selectFrom('calendar_feeds').selectAll().where('token_digest', '=', digest).where('revoked_at', 'is', null).executeTakeFirst();
  },
  feedsOf(db: Executor, userId: string) {
    return db.selectFrom('calendar_feeds').select(['id', 'group_id', 'created_at']).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  },

  // ── chat ────────────────────────────────────────────────────────────────────
  async insertMessage(db: Executor, row: Selectable<GroupMessagesTable>) {
    await db.insertInto('group_messages').values(row).execute();
  },
  findMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
    return messageById(db, id).executeTakeFirst();
  },
  /** Reads the message and, on PostgreSQL, locks its row until the transaction ends (a review decision decides from it). */
  lockMessage(db: Executor, dialect: Dialect, id: string): Promise<MessageRow | undefined> {
    return forUpdateOnPostgres(messageById(db, id), dialect, 'group_messages').executeTakeFirst();
  },
  /** Newest first, before the cursor id; pending messages only for their author. */
  listMessages(db: Executor, groupId: string, o: { beforeId: string | null; limit: number; viewerId: string }): Promise<MessageRow[]> {
    let q = db
      .selectFrom('group_messages')
      .leftJoin('users', 'users.id', 'group_messages.author_id')
      .selectAll('group_messages')
      .select('users.handle as author_handle')
      .where('group_messages.group_id', '=', groupId)
      .where((eb) => eb.or([eb('group_messages.state', '!=', 'pending'), eb('group_messages.author_id', '=', o.viewerId)]))
      .orderBy('group_messages.id', 'desc')
      .limit(o.limit);
    if (o.beforeId) q = q.where('group_messages.id', '<', o.beforeId);
    return q.execute();
  },
  pinnedMessages(db: Executor, groupId: string): Promise<MessageRow[]> {
    return db
      .selectFrom('group_messages')
      .leftJoin('users', 'users.id', 'group_messages.author_id')
      .selectAll('group_messages')
      .select('users.handle as author_handle')
      .where('group_messages.group_id', '=', groupId)
      .where('group_messages.pinned_at', 'is not', null)
      .where('group_messages.state', '=', 'visible')
      .orderBy('group_messages.pinned_at', 'desc')
      .limit(20)
      .execute();
  },
  async updateMessage(db: Executor, id: string, patch: Partial<Omit<Selectable<GroupMessagesTable>, 'id'>>) {
    await db.updateTable('group_messages').set(patch).where('id', '=', id).execute();
  },
  async insertReport(db: Executor, row: { id: string; message_id: string; group_id: string; reporter_id: string; reason: string; note_enc: string | null; created_at: string }) {
    await db.insertInto('group_message_reports').values({ ...row, status: 'open', resolved_by: null, resolved_at: null }).execute();
  },
  listReports(db: Executor, groupId: string, status: 'open' | 'resolved') {
    return db.selectFrom('group_message_reports').selectAll().where('group_id', '=', groupId).where('status', '=', status).orderBy('id').limit(200).execute();
  },
  async resolveReport(db: Executor, id: string, groupId: string, by: string, at: string): Promise<boolean> {
    const res = await db
      .updateTable('group_message_reports')
      .set({ status: 'resolved', resolved_by: by, resolved_at: at })
      .where('id', '=', id)
      .where('group_id', '=', groupId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },
  findReport(db: Executor, id: string) {
    return db.selectFrom('group_message_reports').select(['id', 'reporter_id']).where('id', '=', id).executeTakeFirst();
  },
  async hasOpenReport(db: Executor, messageId: string): Promise<boolean> {
    const row = await db.selectFrom('group_message_reports').select('id').where('message_id', '=', messageId).where('status', '=', 'open').limit(1).executeTakeFirst();
    return !!row;
  },
  async openReportCount(db: Executor, groupId: string): Promise<number> {
    const row = await db.selectFrom('group_message_reports').select(sql<number>`count(*)`.as('n')).where('group_id', '=', groupId).where('status', '=', 'open').executeTakeFirstOrThrow();
    return Number(row.n);
  },
  /** Open safety alerts raised by messages in this group's chat, per author. */
  openAlertsInGroup(db: Executor, groupId: string) {
    return db
      .selectFrom('safety_alerts')
      .innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id')
      .innerJoin('group_messages', 'group_messages.id', 'screenings.object_id')
      .select(['safety_alerts.id', 'safety_alerts.user_id', 'safety_alerts.level', 'safety_alerts.created_at'])
      .where('screenings.object_type', '=', 'group_message')
      .where('group_messages.group_id', '=', groupId)
      .where('safety_alerts.status', '!=', 'resolved')
      .orderBy('safety_alerts.id')
      .execute();
  },

  // ── goals ───────────────────────────────────────────────────────────────────
  async insertGoal(db: Executor, row: GoalRow) {
    await db.insertInto('group_goals').values(row).execute();
  },
  findGoal(db: Executor, id: string) {
    return db.selectFrom('group_goals').selectAll().where('id', '=', id).executeTakeFirst();
  },
  goalsOf(db: Executor, groupId: string) {
    return db.selectFrom('group_goals').selectAll().where('group_id', '=', groupId).orderBy('id', 'desc').limit(50).execute();
  },
  async deleteGoal(db: Executor, id: string) {
    await db.deleteFrom('group_goals').where('id', '=', id).execute();
  },
  async insertGoalLog(db: Executor, row: Selectable<GroupGoalLogsTable>) {
    await db.insertInto('group_goal_logs').values(row).execute();
  },
  findGoalLog(db: Executor, id: string) {
    return db.selectFrom('group_goal_logs').selectAll().where('id', '=', id).executeTakeFirst();
  },
  goalLogs(db: Executor, goalIds: string[]) {
    if (!goalIds.length) return Promise.resolve([]);
    return db
      .selectFrom('group_goal_logs')
      .innerJoin('users', 'users.id', 'group_goal_logs.user_id')
      .select(['group_goal_logs.goal_id', 'group_goal_logs.user_id', 'group_goal_logs.amount', 'group_goal_logs.visibility', 'users.handle'])
      .where('goal_id', 'in', goalIds)
      .execute();
  },

  // ── supervisor requests ─────────────────────────────────────────────────────
  async insertSupervisorRequest(db: Executor, row: { id: string; group_id: string; member_id: string; alert_id: string | null; requested_by: string; note_enc: string | null; created_at: string }) {
    await db.insertInto('group_supervisor_requests').values({ ...row, status: 'open', taken_by: null, taken_at: null }).execute();
  },
  supervisorRequests(db: Executor, o: { groupIds?: string[]; status: 'open' | 'taken' }) {
    let q = db
      .selectFrom('group_supervisor_requests')
      .innerJoin('support_groups', 'support_groups.id', 'group_supervisor_requests.group_id')
      .leftJoin('users as m', 'm.id', 'group_supervisor_requests.member_id')
      .leftJoin('users as r', 'r.id', 'group_supervisor_requests.requested_by')
      .selectAll('group_supervisor_requests')
      .select(['support_groups.name as group_name', 'support_groups.program_id', 'm.handle as member_handle', 'r.handle as requester_handle'])
      .where('group_supervisor_requests.status', '=', o.status)
      .orderBy('group_supervisor_requests.id')
      .limit(200);
    if (o.groupIds) {
      if (!o.groupIds.length) return Promise.resolve([]);
      q = q.where('group_supervisor_requests.group_id', 'in', o.groupIds);
    }
    return q.execute();
  },
  findSupervisorRequest(db: Executor, id: string) {
    return db.selectFrom('group_supervisor_requests').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async takeSupervisorRequest(db: Executor, id: string, by: string, at: string): Promise<boolean> {
    const res = await db.updateTable('group_supervisor_requests').set({ status: 'taken', taken_by: by, taken_at: at }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },
  async openSupervisorRequestMembers(db: Executor, groupId: string): Promise<Set<string>> {
    const rows = await db.selectFrom('group_supervisor_requests').select('member_id').where('group_id', '=', groupId).where('status', '=', 'open').execute();
    return new Set(rows.map((r) => r.member_id));
  },

  // ── personal data ───────────────────────────────────────────────────────────
  messagesBy(db: Executor, userId: string) {
    return db.selectFrom('group_messages').selectAll().where('author_id', '=', userId).orderBy('id').execute();
  },
  goalLogsBy(db: Executor, userId: string) {
    return db.selectFrom('group_goal_logs').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  },
  acceptancesOf(db: Executor, userId: string) {
    return db.selectFrom('group_agreement_acceptances').selectAll().where('user_id', '=', userId).execute();
  },
  rsvpsOf(db: Executor, userId: string) {
    return db.selectFrom('meeting_rsvps').selectAll().where('user_id', '=', userId).execute();
  },
  attendanceAbout(db: Executor, userId: string) {
    return db.selectFrom('meeting_attendance').select(['meeting_id', 'occurrence', 'status', 'recorded_at']).where('user_id', '=', userId).execute();
  },
  joinRequestsOf(db: Executor, userId: string) {
    return db.selectFrom('program_join_requests').selectAll().where('user_id', '=', userId).execute();
  },
  reportsBy(db: Executor, userId: string) {
    return db.selectFrom('group_message_reports').selectAll().where('reporter_id', '=', userId).execute();
  },
  memberships(db: Executor, userId: string) {
    return db.selectFrom('group_members').selectAll().where('user_id', '=', userId).execute();
  },
  async eraseUser(db: Executor, userId: string): Promise<void> {
    const mine = await db.selectFrom('group_messages').select('id').where('author_id', '=', userId).execute();
    for (let i = 0; i < mine.length; i += CHUNK) {
      await db.deleteFrom('group_messages').where('id', 'in', mine.slice(i, i + CHUNK).map((m) => m.id)).execute();
    }
    await db.deleteFrom('group_goal_logs').where('user_id', '=', userId).execute();
    await db.deleteFrom('group_message_reports').where('reporter_id', '=', userId).execute();
    await db.deleteFrom('group_agreement_acceptances').where('user_id', '=', userId).execute();
    await db.deleteFrom('meeting_rsvps').where('user_id', '=', userId).execute();
    await db.deleteFrom('meeting_attendance').where('user_id', '=', userId).execute();
    await db.deleteFrom('meeting_notes').where('author_id', '=', userId).execute();
    await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
    await db.deleteFrom('group_supervisor_requests').where('member_id', '=', userId).execute();
    await db.deleteFrom('group_members').where('user_id', '=', userId).execute();
    await db.deleteFrom('group_facilitators').where('user_id', '=', userId).execute();
    await db.deleteFrom('program_join_requests').where('user_id', '=', userId).execute();
    await db.deleteFrom('organization_staff').where('user_id', '=', userId).execute();
    await db.updateTable('group_supervisor_requests').set({ requested_by: null }).where('requested_by', '=', userId).execute();
    await db.updateTable('group_supervisor_requests').set({ taken_by: null }).where('taken_by', '=', userId).execute();
    await db.updateTable('group_messages').set({ pinned_by: null }).where('pinned_by', '=', userId).execute();
    await db.updateTable('group_members').set({ muted_by: null }).where('muted_by', '=', userId).execute();
    await db.updateTable('group_meetings').set({ created_by: null }).where('created_by', '=', userId).execute();
    await db.updateTable('group_goals').set({ created_by: null }).where('created_by', '=', userId).execute();
    await db.updateTable('support_groups').set({ created_by: null }).where('created_by', '=', userId).execute();
    await db.updateTable('meeting_attendance').set({ recorded_by: null }).where('recorded_by', '=', userId).execute();
    await db.updateTable('program_join_requests').set({ decided_by: null }).where('decided_by', '=', userId).execute();
    await db.updateTable('group_message_reports').set({ resolved_by: null }).where('resolved_by', '=', userId).execute();
    await db.updateTable('organization_staff').set({ granted_by: null }).where('granted_by', '=', userId).execute();
  },
};
