import type { z } from 'zod';
import type {
  ChangePasswordBody,
  EraseBody,
  ProfileUpdateBody,
  Role,
  SafetyNotice,
  SignInBody,
  SignUpBody,
} from '../../../contracts/accounts.js';
import type { Actor } from '../../platform/actor.js';
import { recordAccess } from '../../platform/audit.js';
import type { Bus } from '../../platform/bus.js';
import type { Clock } from '../../platform/clock.js';
import { randomToken, tokenDigest, type Keyring } from '../../platform/crypto.js';
import { everyColumn, isUniqueViolationOf, type Db, type Dialect } from '../../platform/db.js';
import { badRequest, conflict, forbidden, notFound, tooManyRequests, unauthorized } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { eraseFromOutbox, type Tx, type UnitOfWork } from '../../platform/outbox.js';
import type { PrivacyRegistry } from '../../platform/privacy.js';
import { CRISIS_EVENT_TYPES, type AlertWordsSource, type HeldContentHandler, type TextScreener } from '../safety/safety.service.js';
import { accountsPolicy } from './accounts.policy.js';
import { accountsRepository as repo, type PublicUserRow, type UserRow } from './accounts.repository.js';
import type { PasswordHasher } from './passwords.js';
import { writePublicProfile } from './accounts.presenter.js';
import { PROFILE_CHANGED, ProfileCache, type KeptProfile } from './profile-cache.js';
import { actorOf, SESSIONS_CHANGED, SessionCache, type SessionSnapshot } from './session-cache.js';

/**
 * The columns of an account that its public profile shows (presentPublicProfile): a change to any of
 * them is a PROFILE_CHANGED. Every column of PublicUserRow but the id (which never changes): a type
 * error names one added there and missing here.
 */
const PUBLIC_PROFILE_FIELDS = everyColumn<Omit<PublicUserRow, 'id'>>()(['handle', 'pronouns', 'experience_tags', 'bio', 'bio_state']);

const SESSION_DAYS = 30;
const SESSION_TOUCH_MS = 60_000;
/**
 * After a rotation the old token still works this long: requests a tab had already sent with the
 * old cookie (or sends before the new one lands) must not sign the person out.
 */
export const SESSION_ROTATION_GRACE_MS = 60_000;

/** Sign-in throttling: per handle it protects one account, per IP it slows a sweep across many. */
export const THROTTLE = {
  windowMinutes: 15,
  handleMaxFailures: 5,
  ipMaxFailures: 30,
  lockMinutes: 15,
} as const;

export interface AccountsDeps {
  db: Db;
  dialect: Dialect;
  uow: UnitOfWork;
  clock: Clock;
  keyring: Keyring;
  hasher: PasswordHasher;
  privacy: PrivacyRegistry;
  screener: TextScreener;
}

export interface SessionGrant {
  user: UserRow;
  roles: Role[];
  token: string;
  sessionId: string;
}

export interface ResolvedSession {
  actor: Actor;
  /** Set when this request rotated the session: the new token, for the cookie of this response. */
  newToken?: string;
}

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
const addMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

/** Use cases of accounts: sign-up/in/out, sessions, profile, roles, export and erasure. */
export class AccountsService {
  /** Resolved sessions for a few seconds; see SessionCache and ADR 015. */
  readonly sessions = new SessionCache();

  /** Public profiles as their response bytes for a few seconds; see ProfileCache and ADR 053. */
  readonly profiles = new ProfileCache();

  constructor(private readonly deps: AccountsDeps) {}

  /**
   * Every instance forgets a person's cached sessions when any instance changes them (sign-out,
   * revocation, roles, password, region, erasure). Returns the unsubscribe function.
   */
  followSessionChanges(bus: Bus): () => void {
    this.deps.uow.skipOwnEvents((type) => type === SESSIONS_CHANGED);
    return bus.subscribe((event) => {
      // This instance's own commit forgot them already, and its hooks have run (`sessionsChanged`, the only writer of the event): ADR 062.
      if (event.type !== SESSIONS_CHANGED || this.deps.uow.commitHooksRan(event)) return;
      const userId = (event.data as { userId?: unknown } | null)?.userId;
      if (typeof userId === 'string') this.sessions.forgetUser(userId);
    });
  }

  /** Every instance forgets a person's kept public profile when any instance changes what it shows. Returns the unsubscribe function. */
  followProfileChanges(bus: Bus): () => void {
    this.deps.uow.skipOwnEvents((type) => type === PROFILE_CHANGED);
    return bus.subscribe((event) => {
      // This instance's own commit forgot it already, and its hooks have run (`profileChanged`, the only writer of the event): ADR 062.
      if (event.type !== PROFILE_CHANGED || this.deps.uow.commitHooksRan(event)) return;
      const userId = (event.data as { userId?: unknown } | null)?.userId;
      if (typeof userId === 'string') this.profiles.forget(userId);
    });
  }

  /**
   * In every transaction that changes what the person's public profile shows (pronouns, tags, the
   * bio or its held state, roles, the account itself): this instance forgets it at commit, the
   * others when the event arrives (ADR 053).
   */
  private async profileChanged(tx: Tx, userId: string): Promise<void> {
    tx.afterCommit(() => this.profiles.forget(userId));
    await tx.emitInternal(PROFILE_CHANGED, { userId });
  }

  /** In the transaction that changes them: this instance forgets at commit, the others when the event arrives. */
  private async sessionsChanged(tx: Tx, userId: string): Promise<void> {
    tx.afterCommit(() => this.sessions.forgetUser(userId));
    await tx.emitInternal(SESSIONS_CHANGED, { userId });
  }

  private get field() {
    return this.deps.keyring.field;
  }

  decryptEmail(user: UserRow): string | null {
    return user.email_enc ? this.field.decrypt(user.email_enc, `users.email:${user.id}`) : null;
  }

  /** `replacing`: the session this browser had, if any; it ends as the new one starts. */
  async signUp(input: z.infer<typeof SignUpBody>, device: string, replacing: Actor | null = null): Promise<SessionGrant> {
    const passwordHash = await this.deps.hasher.hash(input.password);
    const handleKey = input.handle.toLowerCase();
    try {
      return await this.deps.uow.run(async (tx) => {
        const { trx, now } = tx;
        let firstAccount = (await repo.countUsers(trx)) === 0;
        if (firstAccount) {
          await repo.lockUsersForFirstSignUp(trx, this.deps.dialect);
          firstAccount = (await repo.countUsers(trx)) === 0;
        }
        if (await repo.findUserByHandleKey(trx, handleKey)) throw handleTaken();
        const id = newId(now.getTime());
        const iso = now.toISOString();
        const user: UserRow = {
          id,
          handle: input.handle,
          handle_key: handleKey,
          password_hash: passwordHash,
          email_enc: input.email ? this.field.encrypt(input.email, `users.email:${id}`) : null,
          pronouns: null,
          region: input.region ?? null,
          time_zone: input.timeZone ?? null,
          languages: '[]',
          experience_tags: '[]',
          experience_note: null,
          bio: null,
          bio_state: 'visible',
          message_policy: 'supporters',
          age_confirmed_at: iso,
          password_changed_at: iso,
          created_at: iso,
          updated_at: iso,
        };
        await repo.insertUser(trx, user);
        // The first account on a fresh install runs it.
        const roles: Role[] = firstAccount ? ['admin', 'member'] : ['member'];
        await repo.setRoles(trx, id, roles, null, iso);
        if (replacing) await this.endSession(tx, replacing);
        const { token, sessionId } = await this.createSession(tx, id, device);
        await tx.emitInternal('account.created', { userId: id });
        return { user, roles, token, sessionId };
      });
    } catch (err) {
      if (isUniqueViolationOf(err, 'users_handle_key_key', 'users.handle_key')) throw handleTaken();
      throw err;
    }
  }

  /**
   * Always a new session with a new token; a session this browser already had (`replacing`, any
   * account) ends in the same transaction, so no token from before the sign-in stays in use.
   */
  async signIn(input: z.infer<typeof SignInBody>, ip: string, device: string, replacing: Actor | null = null): Promise<SessionGrant> {
    const handleKey = input.handle.trim().toLowerCase();
    const keys = [`handle:${handleKey}`, `ip:${ip}`];
    await this.assertNotLocked(keys);
    const user = await repo.findUserByHandleKey(this.deps.db, handleKey);
    const ok = user ? await this.deps.hasher.verify(user.password_hash, input.password) : (await this.deps.hasher.burn(input.password), false);
    if (!user || !ok) {
      await this.recordFailure(handleKey, ip);
      throw unauthorized('That handle and password do not match. Check both and try again.');
    }
    return this.deps.uow.run(async (tx) => {
      await repo.clearThrottle(tx.trx, `handle:${handleKey}`);
      const roles = await repo.rolesOf(tx.trx, user.id);
      if (replacing) await this.endSession(tx, replacing);
      const { token, sessionId } = await this.createSession(tx, user.id, device);
      return { user, roles, token, sessionId };
    });
  }

  private async assertNotLocked(keys: string[]): Promise<void> {
    const now = this.deps.clock.now();
    for (const key of keys) {
      const row = await repo.findThrottle(this.deps.db, key);
      if (row?.locked_until && new Date(row.locked_until) > now) {
        const seconds = (new Date(row.locked_until).getTime() - now.getTime()) / 1000;
        throw tooManyRequests(
          `Too many sign-in attempts. For your safety, signing in is paused for about ${Math.ceil(seconds / 60)} minutes.`,
          seconds,
        );
      }
    }
  }

  private async recordFailure(handleKey: string, ip: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.uow.run(async ({ trx }) => {
      for (const [key, max] of [
        [`handle:${handleKey}`, THROTTLE.handleMaxFailures],
        [`ip:${ip}`, THROTTLE.ipMaxFailures],
      ] as const) {
        const row = await repo.findThrottle(trx, key);
        const windowOpen = row && addMinutes(new Date(row.window_started_at), THROTTLE.windowMinutes) > now;
        const failures = windowOpen ? row.failures + 1 : 1;
        await repo.saveThrottle(trx, {
          key,
          failures,
          window_started_at: windowOpen ? row.window_started_at : now.toISOString(),
          locked_until: failures >= max ? addMinutes(now, THROTTLE.lockMinutes).toISOString() : null,
        });
      }
    });
  }

  private async createSession(tx: Tx, userId: string, device: string): Promise<{ token: string; sessionId: string }> {
    const token = randomToken();
    const sessionId = tokenDigest(token);
    const iso = tx.now.toISOString();
    await repo.insertSession(tx.trx, {
      id: sessionId,
      user_id: userId,
      device_label: device,
      created_at: iso,
      last_seen_at: iso,
      expires_at: addDays(tx.now, SESSION_DAYS).toISOString(),
    });
    return { token, sessionId };
  }

  /** Resolves a session cookie to an actor (never rotates: for sockets, tests and tools). */
  async resolveSession(token: string): Promise<Actor | null> {
    return (await this.resolveRequestSession(token, { mayRotate: false }))?.actor ?? null;
  }

  /**
   * Resolves a request's session cookie; slides the expiry at most once a minute. A session due for
   * rotation (after a role or password change) gets a new token here when `mayRotate` (the response
   * can carry the new cookie): the old token keeps working for SESSION_ROTATION_GRACE_MS, then
   * never again. The session and its roles come from a short-lived cache that every change to
   * them empties (here at commit, on other instances over the bus: ADR 015), so a change applies
   * at the next request either way.
   */
  /**
   * `resolveRequestSession` without a Promise, for a session in the cache that needs no write (its
   * expiry slid less than a minute ago): the request pipeline's path for a member reading page
   * after page (ADR 026). `undefined` when the database must be asked (`resolveRequestSession`).
   */
  cachedRequestSession(token: string): ResolvedSession | null | undefined {
    if (!token || token.length > 100) return null;
    const nowMs = this.deps.clock.now().getTime();
    const cached = this.sessions.entryForToken(token, nowMs);
    if (!cached || nowMs - cached.lastSeenMs > SESSION_TOUCH_MS) return undefined;
    // The entry's own actor, built when it was stored (ADR 030): no parsing or allocation per request.
    return cached.request;
  }

  /**
   * `fresh`: read from the database, never the cache (a WebSocket handshake: the socket lives on
   * after this one check, and another instance's cache may not have heard of a revocation yet).
   */
  async resolveRequestSession(token: string, opts: { mayRotate: boolean; fresh?: boolean }): Promise<ResolvedSession | null> {
    if (!token || token.length > 100) return null;
    const now = this.deps.clock.now();
    const nowMs = now.getTime();
    const digest = tokenDigest(token);
    const cached = opts.fresh ? null : this.sessions.get(digest, nowMs);
    const snapshot: (SessionSnapshot & { newToken?: string }) | null = cached ?? (await this.readSession(digest, now, opts));
    if (!snapshot) return null;
    if (nowMs - Date.parse(snapshot.lastSeenAt) > SESSION_TOUCH_MS) {
      const nowIso = now.toISOString();
      const expiresIso = addDays(now, SESSION_DAYS).toISOString();
      await repo.touchSession(this.deps.db, snapshot.sessionId, nowIso, expiresIso);
      this.sessions.touched(digest, nowIso, expiresIso);
    }
    const actor = actorOf(snapshot);
    return snapshot.newToken ? { actor, newToken: snapshot.newToken } : { actor };
  }

  /**
   * The session's current id (another after a rotation, within its grace) and its person's
   * current roles, from the database; null when the session ended (revoked, expired, the account
   * erased). For a live socket (realtime gateway).
   */
  liveSessionRoles(sessionId: string): Promise<{ sessionId: string; roles: Role[] } | null> {
    return repo.liveSessionRoles(this.deps.db, sessionId, this.deps.clock.now().toISOString());
  }

  /**
   * `liveSessionRoles` for many sessions in one read (the gateway's periodic recheck of its open
   * sockets): keyed by the id asked for; an id missing from the answer ended.
   */
  liveSessionsRoles(sessionIds: string[]): Promise<Map<string, { sessionId: string; userId: string; roles: Role[] }>> {
    return repo.liveSessionsRoles(this.deps.db, this.deps.dialect, sessionIds, this.deps.clock.now().toISOString());
  }

  /** The session from the database (rotating it when due and allowed), kept in the cache when it is plain. */
  private async readSession(digest: string, now: Date, opts: { mayRotate: boolean }): Promise<(SessionSnapshot & { newToken?: string }) | null> {
    const nowIso = now.toISOString();
    const mark = this.sessions.mark();
    let row = await repo.findLiveSession(this.deps.db, digest, nowIso);
    // Only a session found by its current token, not due for rotation, is cached: the others are
    // short-lived states (a grace period, a rotation under way) read afresh every time.
    const cacheable = !!row && !row.rotate_due;
    let newToken: string | undefined;
    if (row?.rotate_due && opts.mayRotate) {
      const rotated = await this.rotateSession(digest, row.user_id);
      if (rotated) {
        newToken = rotated.token;
        row = { ...row, session_id: rotated.sessionId, last_seen_at: nowIso };
      } else {
        // Another request rotated it first: this token is now the previous one.
        row = undefined;
      }
    }
    row ??= await repo.findSessionByPreviousToken(this.deps.db, digest, nowIso);
    if (!row) return null;
    const roles = await repo.rolesOf(this.deps.db, row.user_id);
    const snapshot: SessionSnapshot = {
      sessionId: row.session_id,
      userId: row.user_id,
      handle: row.handle,
      region: row.region,
      roles,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
    };
    if (cacheable) this.sessions.put(digest, snapshot, now.getTime(), mark);
    return newToken ? { ...snapshot, newToken } : snapshot;
  }

  /** New token for a session due for rotation; null when another request did it first. */
  private async rotateSession(digest: string, userId: string): Promise<{ token: string; sessionId: string } | null> {
    const token = randomToken();
    const sessionId = tokenDigest(token);
    return this.deps.uow.run(async (tx) => {
      const graceUntil = new Date(tx.now.getTime() + SESSION_ROTATION_GRACE_MS).toISOString();
      if (!(await repo.rotateSession(tx.trx, digest, sessionId, tx.now.toISOString(), graceUntil))) return null;
      // Live sockets of this session follow it to its new id (realtime gateway).
      await tx.emitInternal('session.rotated', { from: digest, to: sessionId });
      await this.sessionsChanged(tx, userId);
      return { token, sessionId };
    });
  }

  async signOut(actor: Actor): Promise<void> {
    await this.deps.uow.run((tx) => this.endSession(tx, actor));
  }

  private async endSession(tx: Tx, actor: Actor): Promise<void> {
    await repo.deleteSession(tx.trx, actor.userId, actor.sessionId);
    await tx.emit('session.revoked', { sessionId: actor.sessionId }, [`user:${actor.userId}`]);
    await this.sessionsChanged(tx, actor.userId);
  }

  listSessions(actor: Actor) {
    return repo.listSessions(this.deps.db, actor.userId, this.deps.clock.now().toISOString());
  }

  async revokeSession(actor: Actor, sessionId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      // Only the owner's own sessions match: someone else's id is simply not found.
      if (!(await repo.deleteSession(tx.trx, actor.userId, sessionId))) throw notFound('That session was not found. It may have ended already.');
      await tx.emit('session.revoked', { sessionId }, [`user:${actor.userId}`]);
      await this.sessionsChanged(tx, actor.userId);
    });
  }

  /** Signs out every other device. */
  async revokeOtherSessions(actor: Actor): Promise<number> {
    return this.deps.uow.run(async (tx) => {
      const ids = await repo.deleteOtherSessions(tx.trx, actor.userId, actor.sessionId);
      for (const sessionId of ids) await tx.emit('session.revoked', { sessionId }, [`user:${actor.userId}`]);
      await this.sessionsChanged(tx, actor.userId);
      return ids.length;
    });
  }

  async changePassword(actor: Actor, input: z.infer<typeof ChangePasswordBody>): Promise<void> {
    const user = await this.requireUser(actor.userId);
    if (!(await this.deps.hasher.verify(user.password_hash, input.currentPassword))) {
      throw badRequest('Your current password is not right.', { fields: [{ path: 'currentPassword', message: 'is not right' }] });
    }
    const hashed = await this.deps.hasher.hash(input.newPassword);
    await this.deps.uow.run(async (tx) => {
      await repo.updateUser(tx.trx, actor.userId, {
        password_hash: hashed,
        password_changed_at: tx.now.toISOString(),
        updated_at: tx.now.toISOString(),
      });
      // A changed password ends every other session: the usual reason to change it is worry.
      const ids = await repo.deleteOtherSessions(tx.trx, actor.userId, actor.sessionId);
      for (const sessionId of ids) await tx.emit('session.revoked', { sessionId }, [`user:${actor.userId}`]);
      // And this one gets a new token at its next request.
      await repo.markSessionsForRotation(tx.trx, actor.userId, actor.sessionId);
      await this.sessionsChanged(tx, actor.userId);
    });
  }

  async requireUser(id: string): Promise<UserRow> {
    const user = await repo.findUserById(this.deps.db, id);
    if (!user) throw notFound('That account was not found.');
    return user;
  }

  /** An account with its roles, read together (ADR 028). */
  private async requireUserWithRoles(id: string): Promise<{ user: UserRow; roles: Role[] }> {
    const { user, roles } = await repo.findUserWithRoles(this.deps.db, id);
    if (!user) throw notFound('That account was not found.');
    return { user, roles };
  }

  /** The roles the database holds for this person now (the live gateway asks after a change). */
  currentRoles(userId: string): Promise<Role[]> {
    return repo.rolesOf(this.deps.db, userId);
  }

  async me(actor: Actor): Promise<{ user: UserRow; roles: Role[] }> {
    return this.requireUserWithRoles(actor.userId);
  }

  /**
   * The public profile, the same for every signed-in reader: from this instance's kept bytes while
   * they hold (ADR 053), else read, written and kept.
   */
  async profileOf(viewer: Actor, userId: string): Promise<KeptProfile> {
    void viewer;
    const nowMs = this.deps.clock.now().getTime();
    const kept = this.profiles.get(userId, nowMs);
    if (kept) return kept;
    const mark = this.profiles.mark();
    const { user, roles } = await repo.findPublicUserWithRoles(this.deps.db, userId);
    if (!user) throw notFound('That account was not found.');
    return this.profiles.put(userId, writePublicProfile(user, roles), nowMs, mark);
  }

  async updateProfile(
    actor: Actor,
    input: z.infer<typeof ProfileUpdateBody>,
  ): Promise<{ user: UserRow; roles: Role[]; safety: SafetyNotice | null }> {
    return this.deps.uow.run(async (tx) => {
      const user = await repo.findUserById(tx.trx, actor.userId);
      if (!user) throw notFound('That account was not found.');
      const patch: Partial<UserRow> = { updated_at: tx.now.toISOString() };
      if (input.pronouns !== undefined) patch.pronouns = input.pronouns || null;
      if (input.region !== undefined) patch.region = input.region;
      if (input.timeZone !== undefined) patch.time_zone = input.timeZone;
      if (input.languages !== undefined) patch.languages = JSON.stringify([...new Set(input.languages)]);
      if (input.experienceTags !== undefined) patch.experience_tags = JSON.stringify([...new Set(input.experienceTags)]);
      if (input.experienceNote !== undefined) patch.experience_note = input.experienceNote || null;
      if (input.messagePolicy !== undefined) patch.message_policy = input.messagePolicy;
      if (input.email !== undefined) patch.email_enc = input.email ? this.field.encrypt(input.email, `users.email:${user.id}`) : null;
      let safety: SafetyNotice | null = null;
      if (input.bio !== undefined) {
        const bio = input.bio || null;
        if (bio) {
          // The bio is public text: screened before it is stored, like every other text.
          const verdict = await this.deps.screener.screenAndRecord(tx, {
            userId: user.id,
            objectType: 'profile_bio',
            objectId: user.id,
            text: bio,
            surface: 'bio',
            region: patch.region ?? user.region,
          });
          safety = verdict.notice;
          patch.bio = bio;
          // Held text stays with its author (marked pending) until a supervisor decides.
          patch.bio_state = verdict.notice.held ? 'pending' : 'visible';
        } else {
          patch.bio = null;
          patch.bio_state = 'visible';
        }
      }
      await repo.updateUser(tx.trx, user.id, patch);
      if (PUBLIC_PROFILE_FIELDS.some((field) => field in patch)) await this.profileChanged(tx, user.id);
      // The region is part of the actor (crisis resources follow it).
      if (patch.region !== undefined && patch.region !== user.region) await this.sessionsChanged(tx, user.id);
      const updated = { ...user, ...patch };
      return { user: updated, roles: await repo.rolesOf(tx.trx, user.id), safety };
    });
  }

  async listUsers(actor: Actor, opts: { after?: string | undefined; limit: number; handlePrefix?: string | undefined }) {
    if (!accountsPolicy.can(actor, 'users.list')) throw forbidden('Only an admin can list accounts.');
    const rows = await repo.listUsers(this.deps.db, opts);
    const roles = await repo.rolesOfMany(this.deps.db, rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, roles: roles.get(r.id) ?? [] }));
  }

  async setRoles(actor: Actor, userId: string, requested: Role[]): Promise<Role[]> {
    if (!accountsPolicy.can(actor, 'roles.grant')) throw forbidden('Only an admin can change roles.');
    const roles = [...new Set<Role>(['member', ...requested])].sort();
    return this.deps.uow.run(async (tx) => {
      const target = await repo.findUserById(tx.trx, userId);
      if (!target) throw notFound('That account was not found.');
      const before = await repo.rolesOf(tx.trx, userId);
      if (before.includes('admin') && !roles.includes('admin') && (await repo.countAdmins(tx.trx)) <= 1) {
        throw conflict('This is the last admin account. Make someone else an admin first.');
      }
      await this.applyRoles(tx, userId, before, roles, actor.userId);
      await this.auditRoleChange(tx, userId, before, roles, { actorId: actor.userId, actorRole: 'admin' });
      return roles;
    });
  }

  /**
   * Adds one role in the caller's transaction (a supervisor's sign-off, an admin's record of prior
   * training): audited like any role change. No change when it is held already.
   */
  async grantRole(tx: Tx, userId: string, role: Role, by: { actorId: string; actorRole: string; reason?: string }): Promise<Role[]> {
    const before = await repo.rolesOf(tx.trx, userId);
    if (before.includes(role)) return before;
    const roles = [...new Set<Role>(['member', ...before, role])].sort();
    await this.applyRoles(tx, userId, before, roles, by.actorId);
    await this.auditRoleChange(tx, userId, before, roles, by);
    return roles;
  }

  /** The change in the person's "Who saw my data", in words they can read. */
  private auditRoleChange(tx: Tx, userId: string, before: Role[], roles: Role[], by: { actorId: string; actorRole: string; reason?: string }): Promise<void> {
    return recordAccess(
      tx.trx,
      {
        subjectUserId: userId,
        actorId: by.actorId,
        actorRole: by.actorRole,
        action: 'account.roles_changed',
        objectType: 'account',
        objectId: userId,
        reason: by.reason ?? `Roles changed from ${before.join(', ') || 'none'} to ${roles.join(', ')}.`,
      },
      tx.now,
    );
  }

  /**
   * The one way roles change (an admin here; later a certification): stores them, and when they
   * differ marks every session of the person for a new token at its next request, so a token that
   * existed under the old privileges does not carry the new ones for longer than the grace.
   */
  async applyRoles(tx: Tx, userId: string, before: Role[], roles: Role[], grantedBy: string | null): Promise<void> {
    await repo.setRoles(tx.trx, userId, roles, grantedBy, tx.now.toISOString());
    if ([...before].sort().join() === [...roles].sort().join()) return;
    await repo.markSessionsForRotation(tx.trx, userId);
    await tx.emit('account.roles_changed', { userId, roles }, [`user:${userId}`]);
    await this.sessionsChanged(tx, userId);
    await this.profileChanged(tx, userId);
  }

  listAudit(actor: Actor, opts: { before?: string | undefined; limit: number }) {
    return repo.listAuditFor(this.deps.db, actor.userId, opts);
  }

  /** Everything Kindred holds about the actor, from every module, as one JSON document. */
  async exportData(actor: Actor): Promise<Record<string, unknown>> {
    // Everything the person wrote, however much: the long statement timeout (ADR 041).
    return this.deps.uow.runLong(async (tx) => {
      const out: Record<string, unknown> = {
        format: 'kindred-export/1',
        exportedAt: tx.now.toISOString(),
      };
      for (const c of this.deps.privacy.all()) out[c.name] = await c.export(tx, actor.userId);
      return out;
    });
  }

  /** Deletes the account: personal data and private content go; public posts by the member's choice. */
  async erase(actor: Actor, input: z.infer<typeof EraseBody>): Promise<void> {
    const user = await this.requireUser(actor.userId);
    if (!(await this.deps.hasher.verify(user.password_hash, input.password))) {
      throw badRequest('Your password is not right.', { fields: [{ path: 'password', message: 'is not right' }] });
    }
    // Everything the person wrote, however much: the long statement timeout (ADR 041).
    await this.deps.uow.runLong(async (tx) => {
      const roles = await repo.rolesOf(tx.trx, user.id);
      if (roles.includes('admin') && (await repo.countAdmins(tx.trx)) <= 1 && (await repo.countUsers(tx.trx)) > 1) {
        throw conflict('You are the only admin. Make someone else an admin before deleting your account.');
      }
      const contributors = [...this.deps.privacy.all()].reverse();
      const words = { ids: [] as string[], titles: [] as string[] };
      for (const c of contributors) {
        const keys = await c.outboxKeys?.(tx, user.id, input.publicPosts);
        words.ids.push(...(keys?.ids ?? []));
        words.titles.push(...(keys?.titles ?? []));
      }
      for (const c of contributors) await c.erase(tx, user.id, input.publicPosts);
      // Their row locked as the delete below takes it, only now: taken first it deadlocked with every
      // writer that locks its own row (a circle, a post) before a foreign key naming them checks this
      // one. Then each module's last look that nothing it read above grew meanwhile (or a 409).
      await repo.lockUserForErasure(tx.trx, this.deps.dialect, user.id);
      for (const c of contributors) await c.erased?.(tx, user.id);
      // Events not yet delivered (or not yet published) that name them or carry their words (ADR 035).
      await eraseFromOutbox(tx.trx, { userId: user.id, handle: user.handle, ...words, spare: CRISIS_EVENT_TYPES });
      await repo.clearThrottle(tx.trx, `handle:${user.handle_key}`);
      // Its live sockets close too, on every instance (the rows would go with the account anyway).
      const ids = await repo.deleteOtherSessions(tx.trx, user.id, null);
      for (const sessionId of ids) await tx.emit('session.revoked', { sessionId }, [`user:${user.id}`]);
      await repo.deleteUser(tx.trx, user.id);
      await this.sessionsChanged(tx, user.id);
      await this.profileChanged(tx, user.id);
    });
  }

  /** A supervisor's decision on a held bio, stored; the public profile shows it from the next read on. */
  private async updateBio(tx: Tx, userId: string, patch: Pick<Partial<UserRow>, 'bio' | 'bio_state'>): Promise<void> {
    await repo.updateUser(tx.trx, userId, patch);
    await this.profileChanged(tx, userId);
  }

  /** A profile bio's words (as they are now) for the supervisor who opens an alert raised on it; gone once emptied. */
  bioAlertSource(): AlertWordsSource {
    return {
      objectType: 'profile_bio',
      words: async (tx, userId) => {
        const user = await repo.findUserById(tx.trx, userId);
        return user?.bio ? { state: 'shown', text: user.bio, title: null, link: null } : { state: 'gone' };
      },
    };
  }

  /** How a supervisor's decision on a held profile bio is applied. */
  bioHeldHandler(): HeldContentHandler {
    return {
      objectType: 'profile_bio',
      surface: 'bio',
      preview: async (tx, userId) => {
        const user = await repo.findUserById(tx.trx, userId);
        return user?.bio ? { text: user.bio, anonymous: false } : null;
      },
      release: (tx, userId) => this.updateBio(tx, userId, { bio_state: 'visible' }),
      remove: (tx, userId) => this.updateBio(tx, userId, { bio: null, bio_state: 'visible' }),
      replaceText: (tx, userId, text) => this.updateBio(tx, userId, { bio: text, bio_state: 'visible' }),
    };
  }

  /** The account's own part of the export and erasure. */
  contributor() {
    return {
      name: 'account',
      export: async (tx: Tx, userId: string) => {
        const user = await repo.findUserById(tx.trx, userId);
        if (!user) return null;
        const sessions = await repo.listSessions(tx.trx, userId, tx.now.toISOString());
        const audit = await repo.listAuditFor(tx.trx, userId, { limit: 100_000 });
        return {
          profile: {
            id: user.id,
            handle: user.handle,
            email: this.decryptEmail(user),
            pronouns: user.pronouns,
            region: user.region,
            timeZone: user.time_zone,
            languages: JSON.parse(user.languages) as string[],
            experienceTags: JSON.parse(user.experience_tags) as string[],
            experienceNote: user.experience_note,
            bio: user.bio,
            messagePolicy: user.message_policy,
            ageConfirmedAt: user.age_confirmed_at,
            createdAt: user.created_at,
            updatedAt: user.updated_at,
          },
          roles: await repo.rolesOf(tx.trx, userId),
          sessions: sessions.map((s) => ({ deviceLabel: s.device_label, createdAt: s.created_at, lastSeenAt: s.last_seen_at })),
          whoSawMyData: audit.map((a) => ({
            at: a.created_at,
            actorHandle: a.actor_handle,
            actorRole: a.actor_role,
            action: a.action,
            objectType: a.object_type,
            reason: a.reason,
          })),
        };
      },
      // Sessions, roles and audit rows go with the user row (ON DELETE CASCADE).
      erase: async () => undefined,
    };
  }
}

function handleTaken() {
  return conflict('That handle is taken. Try another one.', { fields: [{ path: 'handle', message: 'is taken' }] });
}
