import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp, useTestApp } from '../../../../test/app.js';
import { TestClient } from '../../../../test/client.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import type { ExecutedQuery } from '../../platform/db.js';
import { SESSION_COOKIE } from '../../platform/session-cookie.js';
import { SESSION_ROTATION_GRACE_MS } from './accounts.service.js';

/** The session token a response sets, if it sets one. */
const setToken = (res: LightMyRequestResponse) => (res.cookies as { name: string; value: string }[]).find((c) => c.name === SESSION_COOKIE && c.value)?.value;

describe.each(testDatabases)('session rotation and signing out on $name', (database) => {
  const t = useTestApp(database);
  let ipCounter = 0;
  const device = () => new TestClient(t.app, `10.80.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`);
  /** Someone who is not signed in, presenting a given session token. */
  const withToken = (token: string) => device().request('GET', '/api/me', undefined, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
  const signInOn = async (client: TestClient, user: BuiltUser) => {
    const res = await client.post('/api/auth/sign-in', { handle: user.handle, password: user.password });
    expect(res.statusCode).toBe(200);
    return res;
  };
  const sessionRows = (userId: string) => t.app.kindred.database.db.selectFrom('sessions').select(['id', 'rotate_due']).where('user_id', '=', userId).execute();

  describe('at sign-in', () => {
    it('issues a new token and ends the session this browser had, for the same account or another', async () => {
      const a = await buildUser(t.app);
      const b = await buildUser(t.app);
      const before = a.client.sessionToken()!;
      await signInOn(a.client, a);
      expect(a.client.sessionToken()).not.toBe(before);
      expect((await withToken(before)).statusCode).toBe(401);
      expect(await sessionRows(a.id)).toHaveLength(1);

      // Switching accounts in the same browser: a's session there ends, b's starts.
      const asA = a.client.sessionToken()!;
      await signInOn(a.client, b);
      expect((await a.client.get('/api/me')).json().id).toBe(b.id);
      expect((await withToken(asA)).statusCode).toBe(401);
      expect(await sessionRows(a.id)).toHaveLength(0);
      expect((await b.client.get('/api/me')).statusCode).toBe(200);
    });

    it('never adopts a token the browser brought along', async () => {
      const u = await buildUser(t.app);
      const c = device();
      const planted = 'a-token-someone-else-chose-for-this-browser-0123456789';
      const csrf = await c.csrfToken();
      const headers = { cookie: `${c.cookieHeader}; ${SESSION_COOKIE}=${planted}`, 'x-csrf-token': csrf };
      const res = await c.request('POST', '/api/auth/sign-in', { handle: u.handle, password: u.password }, { headers });
      expect(res.statusCode).toBe(200);
      expect(setToken(res)).toBeTruthy();
      expect(setToken(res)).not.toBe(planted);
      expect((await withToken(planted)).statusCode).toBe(401);
    });
  });

  describe('at a privilege change', () => {
    it('gives every session of the person a new token at its next request; the old token works for the grace only', async () => {
      const admin = await ensureAdmin(t.app);
      const member = await buildUser(t.app);
      const phone = device();
      await signInOn(phone, member);
      const [laptopToken, phoneToken] = [member.client.sessionToken()!, phone.sessionToken()!];

      expect((await admin.client.put(`/api/admin/users/${member.id}/roles`, { roles: ['peer_supporter'] })).statusCode).toBe(200);
      expect((await sessionRows(member.id)).map((s) => s.rotate_due)).toEqual([1, 1]);

      // A tab's requests sent together with the old cookie: all answered, one carries the new token.
      const burst = await Promise.all([member.client.get('/api/me'), member.client.get('/api/me/sessions'), member.client.get('/api/notifications')]);
      expect(burst.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      expect(burst.map(setToken).filter(Boolean)).toHaveLength(1);
      const laptopNew = member.client.sessionToken()!;
      expect(laptopNew).not.toBe(laptopToken);
      expect((await member.client.get('/api/me')).json().roles).toEqual(['member', 'peer_supporter']);
      // Rotated once, not at every request.
      expect(setToken(await member.client.get('/api/me'))).toBeUndefined();

      const phoneRes = await phone.get('/api/me');
      expect(phoneRes.statusCode).toBe(200);
      expect(setToken(phoneRes)).toBeTruthy();
      expect(phone.sessionToken()).not.toBe(phoneToken);

      // Still two sessions (the same two, with new tokens), the old tokens within the grace resolve to them.
      const sessions = (await member.client.get('/api/me/sessions')).json().sessions as { id: string; current: boolean }[];
      expect(sessions).toHaveLength(2);
      const current = sessions.find((s) => s.current)!.id;
      expect((await t.app.kindred.accounts.resolveSession(laptopToken))?.sessionId).toBe(current);
      expect((await withToken(laptopToken)).statusCode).toBe(200);

      t.clock.advance(SESSION_ROTATION_GRACE_MS + 1000);
      expect((await withToken(laptopToken)).statusCode).toBe(401);
      expect((await withToken(phoneToken)).statusCode).toBe(401);
      expect((await member.client.get('/api/me')).statusCode).toBe(200);
      expect((await phone.get('/api/me')).statusCode).toBe(200);
    });

    it('rotates on a lost role too, and not when the roles stay the same', async () => {
      const admin = await ensureAdmin(t.app);
      const supporter = await buildUser(t.app, { roles: ['peer_supporter'] });
      expect((await admin.client.put(`/api/admin/users/${supporter.id}/roles`, { roles: ['peer_supporter'] })).statusCode).toBe(200);
      expect(setToken(await supporter.client.get('/api/me'))).toBeUndefined();
      expect((await admin.client.put(`/api/admin/users/${supporter.id}/roles`, { roles: [] })).statusCode).toBe(200);
      // The lost role is gone at once, with or without the new token.
      const res = await supporter.client.get('/api/me');
      expect(res.json().roles).toEqual(['member']);
      expect(setToken(res)).toBeTruthy();
    });

    it("the admin's own session is rotated when they change their own roles", async () => {
      const admin = await ensureAdmin(t.app);
      const before = admin.client.sessionToken()!;
      const roles = (await admin.client.get('/api/me')).json().roles as string[];
      const changed = roles.includes('supervisor') ? roles.filter((r) => r !== 'supervisor') : [...roles, 'supervisor'];
      expect((await admin.client.put(`/api/admin/users/${admin.id}/roles`, { roles: changed.filter((r) => r !== 'member') })).statusCode).toBe(200);
      expect(setToken(await admin.client.get('/api/me'))).toBeTruthy();
      expect(admin.client.sessionToken()).not.toBe(before);
      t.clock.advance(SESSION_ROTATION_GRACE_MS + 1000);
      expect((await withToken(before)).statusCode).toBe(401);
      expect((await admin.client.get('/api/admin/users')).statusCode).toBe(200);
    });
  });

  it('a password change ends every other session and gives this one a new token', async () => {
    const u = await buildUser(t.app);
    const laptop = device();
    await signInOn(laptop, u);
    const before = u.client.sessionToken()!;
    expect((await u.client.post('/api/me/password', { currentPassword: u.password, newPassword: 'a brand new passphrase' })).statusCode).toBe(200);
    expect((await laptop.get('/api/me')).statusCode).toBe(401);
    expect(setToken(await u.client.get('/api/me'))).toBeTruthy();
    expect(u.client.sessionToken()).not.toBe(before);
    t.clock.advance(SESSION_ROTATION_GRACE_MS + 1000);
    expect((await withToken(before)).statusCode).toBe(401);
    expect((await u.client.get('/api/me')).statusCode).toBe(200);
  });

  it('signing out everywhere else ends every other session at once, live sockets included, also after a rotation', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const admin = await ensureAdmin(t.app);
    const u = await buildUser(t.app);
    const phone = device();
    const tablet = device();
    await signInOn(phone, u);
    await signInOn(tablet, u);
    expect((await admin.client.put(`/api/admin/users/${u.id}/roles`, { roles: ['facilitator'] })).statusCode).toBe(200);

    // The handshake cannot take a new cookie, so it does not rotate; the phone's next request does,
    // and the socket follows its session to the new id.
    const socket = await TestSocket.open(t.app, phone);
    const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)));
    expect(setToken(await phone.get('/api/me'))).toBeTruthy();
    await t.app.kindred.dispatcher.idle();

    const res = await u.client.post('/api/me/sessions/revoke-others');
    expect(res.statusCode).toBe(200);
    expect(res.json().revoked).toBe(2);
    await t.app.kindred.dispatcher.idle();
    expect(await closed).toBe(4401);
    expect((await phone.get('/api/me')).statusCode).toBe(401);
    expect((await tablet.get('/api/me')).statusCode).toBe(401);
    expect((await u.client.get('/api/me')).statusCode).toBe(200);

    // And signing out here ends the last one.
    expect((await u.client.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await u.client.get('/api/me')).statusCode).toBe(401);
    expect(await sessionRows(u.id)).toHaveLength(0);
  });
});

/** A session's expiry slides at most once a minute; between slides the cache answers (ADR 015, ADR 026). */
describe.each(testDatabases)('session sliding expiry on $name', (database) => {
  const sessionStatements = (queries: ExecutedQuery[]) => queries.filter((q) => /"sessions"/.test(q.sql));

  it('a request a minute after the last writes the new expiry; the next one is answered from the cache', async () => {
    const queries: ExecutedQuery[] = [];
    const { app, clock, close } = await buildTestApp(database, { onQuery: (q) => queries.push(q) });
    try {
      const member = await buildUser(app);
      // Signing in again in the same browser ends the session it had: one session row.
      const browser = member.client;
      expect((await browser.post('/api/auth/sign-in', { handle: member.handle, password: member.password })).statusCode).toBe(200);
      const signedIn = await app.kindred.database.db.selectFrom('sessions').select(['id', 'last_seen_at', 'expires_at']).where('user_id', '=', member.id).execute();
      expect(signedIn).toHaveLength(1);
      // The sign-in's SESSIONS_CHANGED event, delivered here too, forgets the person's entries
      // (and keeps a read that began before it from storing what it read): let it arrive first.
      await app.kindred.dispatcher.idle();

      clock.advance(61_000);
      const slidAt = clock.now();
      let before = queries.length;
      const first = await browser.get('/api/me');
      expect(first.statusCode).toBe(200);
      expect(first.json().id).toBe(member.id);
      expect(sessionStatements(queries.slice(before)).some((q) => /^update "sessions" set "last_seen_at"/.test(q.sql))).toBe(true);
      const slid = await app.kindred.database.db.selectFrom('sessions').select(['id', 'last_seen_at', 'expires_at']).where('user_id', '=', member.id).executeTakeFirstOrThrow();
      expect(slid.id).toBe(signedIn[0]!.id);
      expect(slid.last_seen_at).toBe(slidAt.toISOString());
      expect(slid.expires_at).toBe(new Date(slidAt.getTime() + 30 * 86_400_000).toISOString());
      expect(slid.expires_at > signedIn[0]!.expires_at).toBe(true);

      // The request pipeline's synchronous path takes it (the expiry slid just now).
      expect(app.kindred.accounts.cachedRequestSession(browser.sessionToken()!)?.actor.userId).toBe(member.id);
      before = queries.length;
      const second = await browser.get('/api/me');
      expect(second.statusCode).toBe(200);
      expect(second.json().id).toBe(member.id);
      expect(sessionStatements(queries.slice(before)).map((q) => q.sql)).toEqual([]);
    } finally {
      await close();
    }
  });
});
