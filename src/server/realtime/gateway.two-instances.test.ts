import { describe, expect, it } from 'vitest';
import { TestClient } from '../../../test/client.js';
import { testDatabases } from '../../../test/databases.js';
import { buildUser, ensureAdmin } from '../../../test/factories.js';
import { TestSocket } from '../../../test/realtime.js';
import { buildTwoInstances } from '../../../test/two-instances.js';
import type { KindredApp } from '../app.js';
import { newId } from '../platform/ids.js';

const redisUrl = process.env.TEST_REDIS_URL;

const listen = (...apps: KindredApp[]) => Promise.all(apps.map((app) => app.listen({ port: 0, host: '127.0.0.1' })));

/** A user-room event published after the others: once `socket` has it, it has every event before it (one bus, in order). */
async function marker(app: KindredApp, socket: TestSocket, userId: string): Promise<void> {
  const id = newId();
  await app.kindred.bus.publish({ id, type: 'notification.created', occurredAt: new Date().toISOString(), rooms: [`user:${userId}`], data: {} });
  await socket.next((m) => m.type === 'event' && m.event.id === id);
}

/**
 * Sockets on two instances over Redis: a revocation or a role removal made through A reaches
 * the sockets open on B, and a socket opened on B right after it, before B's session cache heard
 * of it, is checked against the database. Needs a real Redis (TEST_REDIS_URL); skipped without.
 */
describe.skipIf(!redisUrl).each(testDatabases)('socket sessions across two instances over Redis on $name', (database) => {
  it('a session revoked on A closes its sockets on A and B; a supervisor role removed on A stops safety:all on B at once', async () => {
    const { a, b, close } = await buildTwoInstances(database, redisUrl!, 'socket-revoke');
    const sockets: TestSocket[] = [];
    try {
      await listen(a.app, b.app);
      const admin = await ensureAdmin(a.app);
      const member = await buildUser(a.app);
      const phone = new TestClient(a.app, '10.92.0.2');
      expect((await phone.post('/api/auth/sign-in', { handle: member.handle, password: member.password })).statusCode).toBe(200);
      const onA = await TestSocket.open(a.app, phone);
      const onB = await TestSocket.open(b.app, phone);
      sockets.push(onA, onB);
      await marker(a.app, onB, member.id);

      // From the laptop, on A: "sign out my phone".
      const phoneSession = (await a.app.kindred.accounts.resolveSession(phone.sessionToken()!))!.sessionId;
      expect((await member.client.delete(`/api/me/sessions/${phoneSession}`)).statusCode).toBe(200);
      await a.app.kindred.dispatcher.idle();
      expect(await onA.closed).toEqual({ code: 4401, reason: 'session ended' });
      expect(await onB.closed).toEqual({ code: 4401, reason: 'session ended' });

      // A supervisor following safety:all on B; an admin on A removes the role.
      const supervisor = await buildUser(a.app, { roles: ['supervisor'] });
      const watching = await TestSocket.open(b.app, supervisor.client);
      sockets.push(watching);
      expect(await watching.subscribe('safety:all')).toMatchObject({ type: 'subscribed' });
      expect((await admin.client.put(`/api/admin/users/${supervisor.id}/roles`, { roles: ['member'] })).statusCode).toBe(200);
      // Opened on B right after the answer, whatever B has heard by then.
      const opened = await TestSocket.open(b.app, supervisor.client);
      sockets.push(opened);
      expect(await opened.subscribe('safety:all')).toMatchObject({ type: 'denied', reason: 'not allowed' });
      await a.app.kindred.dispatcher.idle();
      await watching.next((m) => m.type === 'denied' && m.room === 'safety:all' && m.reason === 'no longer allowed');
      // An escalation published from A afterwards reaches neither.
      const alert = { id: newId(), type: 'safety.alert_escalated', occurredAt: new Date().toISOString(), rooms: ['safety:all'], data: {} };
      await a.app.kindred.bus.publish(alert);
      for (const socket of [watching, opened]) {
        await marker(a.app, socket, supervisor.id);
        expect(socket.messages.some((m) => m.type === 'event' && m.event.id === alert.id)).toBe(false);
      }
    } finally {
      for (const socket of sockets) socket.ws.terminate();
      await close();
    }
  });

  it('a socket opened on B before B heard of a change made on A is checked against the database', async () => {
    // A publishes nothing: B's session cache never hears of A's changes in this test.
    const { a, b, close } = await buildTwoInstances(database, redisUrl!, 'socket-revoke-unheard', { a: { dispatchEvents: false } });
    const sockets: TestSocket[] = [];
    try {
      await listen(a.app, b.app);
      const admin = await ensureAdmin(a.app);
      const member = await buildUser(a.app);
      const supervisor = await buildUser(a.app, { roles: ['supervisor'] });
      const phone = new TestClient(a.app, '10.92.0.3');
      expect((await phone.post('/api/auth/sign-in', { handle: member.handle, password: member.password })).statusCode).toBe(200);
      // B resolves (and caches) both sessions.
      const getOnB = (cookie: string) => b.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      expect((await getOnB(phone.cookieHeader)).statusCode).toBe(200);
      expect((await getOnB(supervisor.client.cookieHeader)).statusCode).toBe(200);

      const phoneSession = (await a.app.kindred.accounts.resolveSession(phone.sessionToken()!))!.sessionId;
      expect((await member.client.delete(`/api/me/sessions/${phoneSession}`)).statusCode).toBe(200);
      expect((await admin.client.put(`/api/admin/users/${supervisor.id}/roles`, { roles: ['member'] })).statusCode).toBe(200);
      // B's cache still holds both as they were: the window this test is about.
      expect(b.app.kindred.accounts.cachedRequestSession(phone.sessionToken()!)).toBeTruthy();
      expect(b.app.kindred.accounts.cachedRequestSession(supervisor.client.sessionToken()!)?.actor.roles).toContain('supervisor');

      const refused = await TestSocket.open(b.app, phone);
      sockets.push(refused);
      expect(await refused.closed).toEqual({ code: 4401, reason: 'sign in first' });
      const demoted = await TestSocket.open(b.app, supervisor.client);
      sockets.push(demoted);
      expect(await demoted.subscribe('safety:all')).toMatchObject({ type: 'denied' });
    } finally {
      for (const socket of sockets) socket.ws.terminate();
      await close();
    }
  });
});
