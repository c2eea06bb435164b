import { describe, expect, it } from 'vitest';
import { TestClient } from '../../../../test/client.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin } from '../../../../test/factories.js';
import { buildTwoInstances } from '../../../../test/two-instances.js';
import type { KindredApp } from '../../app.js';
import { SESSIONS_CHANGED } from './session-cache.js';

const redisUrl = process.env.TEST_REDIS_URL;

/** Resolves when `app`'s bus has delivered the next SESSIONS_CHANGED event for this person (its cache heard it first). */
function sessionsChangedArrives(app: KindredApp, userId: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = app.kindred.bus.subscribe((event) => {
      if (event.type === SESSIONS_CHANGED && (event.data as { userId: string }).userId === userId) {
        stop();
        resolve();
      }
    });
  });
}

/**
 * Both instances cache resolved sessions (ADR 015). A revocation or a role change made through
 * instance A applies to A's next request at once and to B's as soon as the bus delivers the
 * change, without waiting for the cache's TTL. Needs a real Redis (TEST_REDIS_URL); skipped without.
 */
describe.skipIf(!redisUrl).each(testDatabases)('cached sessions across two instances over Redis on $name', (database) => {
  it('a revoked session and changed roles apply on the next request on both instances', async () => {
    const { a, b, close } = await buildTwoInstances(database, redisUrl!, 'sessions');
    try {
      const admin = await ensureAdmin(a.app);
      const member = await buildUser(a.app);
      const phone = new TestClient(a.app, '10.77.0.2');
      expect((await phone.post('/api/auth/sign-in', { handle: member.handle, password: member.password })).statusCode).toBe(200);
      const phoneCookie = phone.cookieHeader;
      const getOn = (app: KindredApp, url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

      // Both instances have resolved (and cached) the phone's session.
      expect((await getOn(a.app, '/api/me', phoneCookie)).statusCode).toBe(200);
      expect((await getOn(b.app, '/api/me', phoneCookie)).statusCode).toBe(200);
      expect((await getOn(b.app, '/api/moderation/queue', phoneCookie)).statusCode).toBe(403);
      expect(b.app.kindred.accounts.sessions.size).toBeGreaterThan(0);

      // A supervisor now: B's cached roles go with the change.
      let arrived = sessionsChangedArrives(b.app, member.id);
      expect((await admin.client.put(`/api/admin/users/${member.id}/roles`, { roles: ['supervisor'] })).statusCode).toBe(200);
      await a.app.kindred.dispatcher.idle();
      await arrived;
      const asSupervisor = await getOn(b.app, '/api/moderation/queue', phoneCookie);
      expect(asSupervisor.statusCode).toBe(200);
      // The role change rotated the session: the phone's browser takes the new cookie.
      const rotated = (asSupervisor.cookies as { name: string; value: string }[]).find((c) => c.name === 'kindred_session')!.value;
      const phoneCookieNow = `kindred_session=${encodeURIComponent(rotated)}`;
      expect((await getOn(b.app, '/api/moderation/queue', phoneCookieNow)).statusCode).toBe(200);
      expect((await getOn(a.app, '/api/moderation/queue', phoneCookieNow)).statusCode).toBe(200);

      // From the laptop, on A: "sign out my phone".
      const sessions = (await member.client.get('/api/me/sessions')).json().sessions as { id: string; current: boolean }[];
      const phoneSession = sessions.find((s) => !s.current)!;
      arrived = sessionsChangedArrives(b.app, member.id);
      expect((await member.client.delete(`/api/me/sessions/${phoneSession.id}`)).statusCode).toBe(200);
      // A forgot it at commit: no waiting for anything.
      expect((await getOn(a.app, '/api/me', phoneCookieNow)).statusCode).toBe(401);
      await a.app.kindred.dispatcher.idle();
      await arrived;
      expect((await getOn(b.app, '/api/me', phoneCookieNow)).statusCode).toBe(401);
      expect((await getOn(b.app, '/api/moderation/queue', phoneCookieNow)).statusCode).toBe(401);
      // The laptop's own session goes on working on both.
      expect((await getOn(b.app, '/api/me', member.client.cookieHeader)).statusCode).toBe(200);
    } finally {
      await close();
    }
  });
});
