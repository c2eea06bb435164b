import { sql } from 'kysely';
import type { Role } from '../../../contracts/accounts.js';
import { everyColumn, precompiled, precompiledTogether, type Dialect, type Executor } from '../../platform/db.js';
import type { UsersTable } from '../../platform/schema.js';

export type UserRow = UsersTable;

/** A user row's columns, named: never `*` in a prepared statement (ADR 028, second amendment). */
const USER_COLUMNS = everyColumn<UsersTable>()([
  'id',
  'handle',
  'handle_key',
  'password_hash',
  'email_enc',
  'pronouns',
  'region',
  'time_zone',
  'languages',
  'experience_tags',
  'experience_note',
  'bio',
  'bio_state',
  'message_policy',
  'age_confirmed_at',
  'password_changed_at',
  'created_at',
  'updated_at',
]);
// Read on every profile page (and by most account actions), built and compiled once (ADR 020).
const userQuery = (db: Executor, id: string) => db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id);
const rolesQuery = (db: Executor, userId: string) => db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role');
const userById = precompiled(userQuery);
const rolesOfUser = precompiled(rolesQuery);
// A profile: the account and its roles in one round trip on PostgreSQL (ADR 028).
const userWithRoles = precompiledTogether((db, id: string) => [userQuery(db, id), rolesQuery(db, id)] as const);
/** What a public profile shows of an account: on SQLite a row's cost grows with the columns read (ADR 030). */
export type PublicUserRow = Pick<UserRow, 'id' | 'handle' | 'pronouns' | 'experience_tags' | 'bio' | 'bio_state'>;
/**
 * The profile's columns and its roles in one statement (`string_agg` with an ordered argument:
 * SQLite ≥ 3.44 and PostgreSQL alike). Measured on SQLite: the roles as a statement of their own
 * cost more than the account row (≈ 13 against 7 µs), inside it next to nothing (ADR 030).
 */
const publicUserWithRoles = precompiled((db, id: string) =>
  db
    .selectFrom('users')
    .select(['id', 'handle', 'pronouns', 'experience_tags', 'bio', 'bio_state'])
    .select(sql<string | null>`(select string_agg("user_roles"."role", ',' order by "user_roles"."role") from "user_roles" where "user_roles"."user_id" = "users"."id")`.as('roles'))
    .where('id', '=', id),
);
const liveSessionWithRoles = precompiled((db, sessionId: string, nowIso: string) =>
  db
    .selectFrom('sessions')
    .select('sessions.id')
    .select(sql<string | null>`(select string_agg("user_roles"."role", ',' order by "user_roles"."role") from "user_roles" where "user_roles"."user_id" = "sessions"."user_id")`.as('roles'))
    // By its id, or by the id it had before its last rotation while that one is still honoured (as `findSessionByPreviousToken`).
    .where((eb) => eb.or([eb('sessions.id', '=', sessionId), eb.and([eb('sessions.previous_id', '=', sessionId), eb('sessions.previous_valid_until', '>', nowIso)])]))
    .where('sessions.expires_at', '>', nowIso),
);

/** Kysely only: accounts, roles, sessions, sign-in throttling. Every function takes its executor. */
export const accountsRepository = {
  async countUsers(db: Executor): Promise<number> {
    const row = await db.selectFrom('users').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async lockUsersForFirstSignUp(db: Executor, dialect: 'sqlite' | 'postgres'): Promise<void> {
    // SQLite transactions are already serialised; PostgreSQL needs a lock so two first sign-ups
    // cannot both become the admin.
    if (dialect === 'postgres') await sql`lock table users in share row exclusive mode`.execute(db);
  },

  async findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
    return (await userById(db, id))[0];
  },

  /** The account and its roles (none when there is no such account). */
  async findUserWithRoles(db: Executor, id: string): Promise<{ user: UserRow | undefined; roles: Role[] }> {
    const [users, roles] = await userWithRoles(db, id);
    return { user: users[0], roles: roles.map((r) => r.role as Role) };
  },

  /** What a public profile shows of the account, and its roles (none when there is no such account). */
  async findPublicUserWithRoles(db: Executor, id: string): Promise<{ user: PublicUserRow | undefined; roles: Role[] }> {
    const row = (await publicUserWithRoles(db, id))[0];
    if (!row) return { user: undefined, roles: [] };
    const { roles, ...user } = row;
    return { user, roles: roles ? (roles.split(',') as Role[]) : [] };
  },

  findUserByHandleKey(db: Executor, handleKey: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('handle_key', '=', handleKey).executeTakeFirst();
  },

  async insertUser(db: Executor, row: UserRow): Promise<void> {
    await db.insertInto('users').values(row).execute();
  },

  async updateUser(db: Executor, id: string, patch: Partial<UserRow>): Promise<void> {
    await db.updateTable('users').set(patch).where('id', '=', id).execute();
  },

  /**
   * PostgreSQL: the erasure's lock of the person's row, as the delete would take it, taken before the
   * contributors' last look (`erased`): a write naming them by a foreign key begun before has
   * committed, and one begun after waits for the erasure (then finds the row gone).
   */
  async lockUserForErasure(db: Executor, dialect: 'sqlite' | 'postgres', id: string): Promise<void> {
    if (dialect === 'postgres') await db.selectFrom('users').select('id').where('id', '=', id).forUpdate().execute();
  },

  async deleteUser(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('users').where('id', '=', id).execute();
  },

  async rolesOf(db: Executor, userId: string): Promise<Role[]> {
    const rows = await rolesOfUser(db, userId);
    return rows.map((r) => r.role as Role);
  },

  async rolesOfMany(db: Executor, userIds: string[]): Promise<Map<string, Role[]>> {
    const out = new Map<string, Role[]>();
    if (userIds.length === 0) return out;
    const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', userIds).execute();
    for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.role as Role]);
    return out;
  },

  async setRoles(db: Executor, userId: string, roles: Role[], grantedBy: string | null, at: string): Promise<void> {
    await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
    if (roles.length === 0) return;
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role, granted_by: grantedBy, granted_at: at })))
      .execute();
  },

  async countAdmins(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('user_roles')
      .select(sql<number>`count(*)`.as('n'))
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async listUsers(db: Executor, opts: { after?: string | undefined; limit: number; handlePrefix?: string | undefined }) {
    let q = db.selectFrom('users').select(['id', 'handle', 'created_at']).orderBy('id').limit(opts.limit);
    if (opts.after) q = q.where('id', '>', opts.after);
    // Handles may contain "_", a LIKE wildcard: escape it (and "%", "!") rather than drop it, so "willow_f" finds "willow_fern".
    if (opts.handlePrefix) q = q.where(sql<boolean>`handle_key like ${`${opts.handlePrefix.toLowerCase().replace(/[%_!]/g, '!$&')}%`} escape '!'`);
    return q.execute();
  },

  /** Users holding any of the roles (e.g. supervisors to alert). */
  async userIdsWithRoles(db: Executor, roles: Role[]): Promise<string[]> {
    const rows = await db.selectFrom('user_roles').select('user_id').distinct().where('role', 'in', roles).execute();
    return rows.map((r) => r.user_id);
  },

  // ── sessions ────────────────────────────────────────────────────────────────
  async insertSession(
    db: Executor,
    row: { id: string; user_id: string; device_label: string; created_at: string; last_seen_at: string; expires_at: string },
  ): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  },

  findLiveSession(db: Executor, digest: string, nowIso: string) {
    return liveSessions(db, nowIso).where('sessions.id', '=', digest).executeTakeFirst();
  },

  /**
   * The live session with this id, or whose id before its last rotation this was (within the
   * grace, as HTTP honours the old token): its current id and its person's current roles, in one
   * statement (one round trip on PostgreSQL, as `publicUserWithRoles`); null when there is none.
   */
  async liveSessionRoles(db: Executor, sessionId: string, nowIso: string): Promise<{ sessionId: string; roles: Role[] } | null> {
    const row = (await liveSessionWithRoles(db, sessionId, nowIso))[0];
    if (!row) return null;
    return { sessionId: row.id, roles: row.roles ? (row.roles.split(',') as Role[]) : [] };
  },

  /**
   * For each of these session ids that is live (found by its id, or by the id it had before its
   * last rotation, grace or not: the holder already proved it, see the gateway's recheck), the
   * session's current id, person and that person's roles, keyed by the id asked for; an id absent
   * from the answer ended. One statement whatever the number of ids (the gateway sends at most
   * 1,000 at a time): they are bound once, as one parameter (an array on PostgreSQL, a JSON array
   * on SQLite, whose limit on parameters 10,000 ids would pass), and looked for in both columns.
   */
  async liveSessionsRoles(db: Executor, dialect: Dialect, sessionIds: string[], nowIso: string): Promise<Map<string, { sessionId: string; userId: string; roles: Role[] }>> {
    const out = new Map<string, { sessionId: string; userId: string; roles: Role[] }>();
    if (sessionIds.length === 0) return out;
    const asked = dialect === 'postgres' ? sql`select unnest(${sessionIds}::text[]) as id` : sql`select value as id from json_each(${JSON.stringify(sessionIds)})`;
    const { rows } = await sql<{ asked: string; id: string; user_id: string; roles: string | null }>`
      with asked as (${asked})
      select asked.id as asked, sessions.id, sessions.user_id,
        (select string_agg(user_roles.role, ',' order by user_roles.role) from user_roles where user_roles.user_id = sessions.user_id) as roles
      from asked join sessions on sessions.id = asked.id or sessions.previous_id = asked.id
      where sessions.expires_at > ${nowIso}`.execute(db);
    for (const row of rows) {
      // A socket still under the previous id (its rotation not heard here) finds the session by it;
      // a session found by the id itself wins over one that had it before.
      if (out.has(row.asked) && row.id !== row.asked) continue;
      out.set(row.asked, { sessionId: row.id, userId: row.user_id, roles: row.roles ? (row.roles.split(',') as Role[]) : [] });
    }
    return out;
  },

  /** The live session whose token before its last rotation had this digest, within the grace. */
  findSessionByPreviousToken(db: Executor, digest: string, nowIso: string) {
    return liveSessions(db, nowIso).where('sessions.previous_id', '=', digest).where('sessions.previous_valid_until', '>', nowIso).executeTakeFirst();
  },

  /**
   * Gives a session due for rotation its new token digest, keeping the old one for the grace.
   * False when another request rotated it first (the UPDATE is the arbiter, on every instance).
   */
  async rotateSession(db: Executor, fromDigest: string, toDigest: string, nowIso: string, graceUntilIso: string): Promise<boolean> {
    const res = await db
      .updateTable('sessions')
      .set({ id: toDigest, previous_id: fromDigest, previous_valid_until: graceUntilIso, rotate_due: 0, last_seen_at: nowIso })
      .where('id', '=', fromDigest)
      .where('rotate_due', '=', 1)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  /** Marks the user's sessions (or one of them) for a new token at their next request. */
  async markSessionsForRotation(db: Executor, userId: string, sessionId?: string): Promise<void> {
    let q = db.updateTable('sessions').set({ rotate_due: 1 }).where('user_id', '=', userId);
    if (sessionId) q = q.where('id', '=', sessionId);
    await q.execute();
  },

  async touchSession(db: Executor, digest: string, nowIso: string, expiresIso: string): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: nowIso, expires_at: expiresIso }).where('id', '=', digest).execute();
  },

  listSessions(db: Executor, userId: string, nowIso: string) {
    return db
      .selectFrom('sessions')
      .select(['id', 'device_label', 'created_at', 'last_seen_at'])
      .where('user_id', '=', userId)
      .where('expires_at', '>', nowIso)
      .orderBy('last_seen_at', 'desc')
      .execute();
  },

  /** Deletes one of the user's sessions; returns false when it is not theirs or does not exist. */
  async deleteSession(db: Executor, userId: string, sessionId: string): Promise<boolean> {
    const res = await db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },

  async deleteOtherSessions(db: Executor, userId: string, keepSessionId: string | null): Promise<string[]> {
    let q = db.selectFrom('sessions').select('id').where('user_id', '=', userId);
    if (keepSessionId) q = q.where('id', '!=', keepSessionId);
    const ids = (await q.execute()).map((r) => r.id);
    if (ids.length) await db.deleteFrom('sessions').where('id', 'in', ids).execute();
    return ids;
  },

  async deleteExpiredSessions(db: Executor, nowIso: string): Promise<void> {
    await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
  },

  // ── sign-in throttling ──────────────────────────────────────────────────────
  findThrottle(db: Executor, key: string) {
    return db.selectFrom('auth_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  },

  async saveThrottle(db: Executor, row: { key: string; failures: number; window_started_at: string; locked_until: string | null }) {
    await db
      .insertInto('auth_throttle')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ failures: row.failures, window_started_at: row.window_started_at, locked_until: row.locked_until }),
      )
      .execute();
  },

  async clearThrottle(db: Executor, key: string): Promise<void> {
    await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
  },

  // ── audit ("Who saw my data") ───────────────────────────────────────────────
  listAuditFor(db: Executor, subjectUserId: string, opts: { before?: string | undefined; limit: number }) {
    let q = db
      .selectFrom('audit_log')
      .leftJoin('users as actor', 'actor.id', 'audit_log.actor_id')
      .select([
        'audit_log.id',
        'audit_log.created_at',
        'audit_log.actor_role',
        'audit_log.action',
        'audit_log.object_type',
        'audit_log.reason',
        'actor.handle as actor_handle',
      ])
      .where('audit_log.subject_user_id', '=', subjectUserId)
      .orderBy('audit_log.id', 'desc')
      .limit(opts.limit);
    if (opts.before) q = q.where('audit_log.id', '<', opts.before);
    return q.execute();
  },
};

/** Live sessions with the fields a request's actor is made of. */
function liveSessions(db: Executor, nowIso: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.last_seen_at', 'sessions.expires_at', 'sessions.rotate_due', 'users.id as user_id', 'users.handle', 'users.region'])
    .where('sessions.expires_at', '>', nowIso);
}
