import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.js';
import { TestClient } from '../../../test/client.js';
import { testDatabases } from '../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../test/factories.js';
import { TestSocket } from '../../../test/realtime.js';
import type { AccountsService } from '../modules/accounts/accounts.service.js';
import { createBus, type Bus } from '../platform/bus.js';
import { newId } from '../platform/ids.js';

const redisUrl = process.env.TEST_REDIS_URL;

/**
 * A socket outlives the one session check of its handshake, so that check never trusts the
 * session cache (which another instance's revocation reaches only over the bus), and a change
 * that lands between the check and the socket joining its rooms still reaches it. Real app on a
 * real port, real WebSocket clients.
 */
describe.each(testDatabases)(`socket sessions on $name${redisUrl ? ' with a Redis bus' : ''}`, (database) => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let bus: Bus | undefined;
  let ip = 0;
  beforeAll(async () => {
    bus = redisUrl ? await createBus(redisUrl, `kindred:test:gateway-sessions:${newId()}`) : undefined;
    t = await buildTestApp(database, { ...(bus ? { bus } : {}) });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
    await bus?.close();
  });

  /** A second device of `user`, signed in through the real route. */
  const secondDevice = async (user: BuiltUser) => {
    const phone = new TestClient(t.app, `10.91.0.${++ip}`);
    expect((await phone.post('/api/auth/sign-in', { handle: user.handle, password: user.password })).statusCode).toBe(200);
    return phone;
  };
  const db = () => t.app.kindred.database.db;
  /**
   * Every change made so far has been heard here (each empties the session cache): the outbox is
   * drained, and a marker published after it came back over the bus (one connection, in order).
   */
  const settled = async () => {
    await t.app.kindred.dispatcher.idle();
    const id = newId();
    const back = new Promise<void>((resolve) => {
      const stop = t.app.kindred.bus.subscribe((e) => e.id === id && (stop(), resolve()));
    });
    await t.app.kindred.bus.publish({ id, type: 'test.marker', occurredAt: new Date().toISOString(), rooms: [], data: {} });
    await back;
  };
  /** A user-room event published after `socket`'s others: once it is here, they are too (one bus, in order). */
  const marker = async (socket: TestSocket, userId: string) => {
    const id = newId();
    await t.app.kindred.bus.publish({ id, type: 'notification.created', occurredAt: new Date().toISOString(), rooms: [`user:${userId}`], data: {} });
    await socket.next((m) => m.type === 'event' && m.event.id === id);
  };
  /**
   * Runs `between` once, right after the next socket handshake read its session and before the
   * socket joins its rooms: the moment a revocation committed elsewhere would be missed.
   */
  const onNextHandshake = (between: () => Promise<void>) => {
    const accounts = t.app.kindred.accounts;
    const resolve = accounts.resolveRequestSession.bind(accounts);
    accounts.resolveRequestSession = async (...args: Parameters<AccountsService['resolveRequestSession']>) => {
      const session = await resolve(...args);
      if (!args[1].fresh) return session;
      delete (accounts as Partial<AccountsService>).resolveRequestSession;
      await between();
      // Its events were published and heard back (over Redis too) before the socket is in any room.
      await settled();
      return session;
    };
  };

  it('a handshake reads the session from the database: one ended where this cache has not heard of it is refused', async () => {
    const member = await buildUser(t.app);
    const phone = await secondDevice(member);
    // Changes heard so far are applied, then the phone's session is cached.
    await settled();
    expect((await phone.get('/api/me')).statusCode).toBe(200);
    expect(t.app.kindred.accounts.cachedRequestSession(phone.sessionToken()!)).toBeTruthy();

    // Ended by another instance, whose word has not reached this one's cache yet.
    await db().deleteFrom('sessions').where('user_id', '=', member.id).where('id', '!=', member.actor.sessionId).execute();
    expect(t.app.kindred.accounts.cachedRequestSession(phone.sessionToken()!)).toBeTruthy();
    const socket = await TestSocket.open(t.app, phone);
    // Refused at the handshake ('sign in first'), not opened and closed later.
    expect(await socket.closed).toEqual({ code: 4401, reason: 'sign in first' });
  });

  it('a handshake reads roles from the database: a supervisor role removed where this cache has not heard of it is not carried', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    await settled();
    expect((await supervisor.client.get('/api/me')).statusCode).toBe(200);
    await db().deleteFrom('user_roles').where('user_id', '=', supervisor.id).where('role', '=', 'supervisor').execute();
    expect(t.app.kindred.accounts.cachedRequestSession(supervisor.client.sessionToken()!)?.actor.roles).toContain('supervisor');

    const socket = await TestSocket.open(t.app, supervisor.client);
    try {
      expect(await socket.subscribe('safety:all')).toMatchObject({ type: 'denied' });
    } finally {
      socket.ws.terminate();
    }
  });

  it('a session revoked between the handshake and the socket joining its rooms is closed all the same', async () => {
    const member = await buildUser(t.app);
    const phone = await secondDevice(member);
    const phoneSession = (await t.app.kindred.accounts.resolveSession(phone.sessionToken()!))!.sessionId;
    onNextHandshake(() => t.app.kindred.accounts.revokeSession(member.actor, phoneSession));
    const socket = await TestSocket.open(t.app, phone);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'session ended' });
    expect((await phone.get('/api/me')).statusCode).toBe(401);
  });

  it('a supervisor role removed between the handshake and the socket joining its rooms is not used, and safety:all events do not reach it', async () => {
    const admin = await ensureAdmin(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    onNextHandshake(async () => void (await t.app.kindred.accounts.setRoles(admin.actor, supervisor.id, ['member'])));
    const socket = await TestSocket.open(t.app, supervisor.client);
    try {
      expect(await socket.subscribe('safety:all')).toMatchObject({ type: 'denied' });
      const alert = { id: newId(), type: 'safety.alert_escalated', occurredAt: new Date().toISOString(), rooms: ['safety:all'], data: {} };
      await t.app.kindred.bus.publish(alert);
      await marker(socket, supervisor.id);
      expect(socket.messages.some((m) => m.type === 'event' && m.event.id === alert.id)).toBe(false);
    } finally {
      socket.ws.terminate();
    }
  });

  it('a session rotated between the handshake and the socket joining its rooms keeps its socket, which follows it to its new id', async () => {
    const admin = await ensureAdmin(t.app);
    const member = await buildUser(t.app);
    // A role change marks the session for rotation; the page's own /api/me, sent alongside the socket, rotates it.
    await t.app.kindred.accounts.setRoles(admin.actor, member.id, ['member', 'supervisor']);
    const before = member.client.sessionToken();
    onNextHandshake(async () => void expect((await member.client.get('/api/me')).statusCode).toBe(200));
    const socket = await TestSocket.open(t.app, member.client);
    expect(member.client.sessionToken()).not.toBe(before);
    // Answered only once the second check is done, and only while the socket is open; under the new roles.
    expect(await socket.subscribe('safety:all')).toMatchObject({ type: 'subscribed' });
    expect((await member.client.get('/api/me')).statusCode).toBe(200);
    // In the room of the session's new id: ending the session there still closes it.
    const current = (await t.app.kindred.accounts.resolveSession(member.client.sessionToken()!))!.sessionId;
    expect(current).not.toBe(member.actor.sessionId);
    await t.app.kindred.accounts.revokeSession(member.actor, current);
    expect(await socket.closed).toEqual({ code: 4401, reason: 'session ended' });
  });

  /** Holds `method` of the accounts service after its read until the returned `release` is called; `reached` settles when a call waits. */
  const holdAfterRead = <K extends 'currentRoles' | 'liveSessionRoles'>(method: K) => {
    const accounts = t.app.kindred.accounts;
    const real = accounts[method].bind(accounts) as (arg: string) => Promise<unknown>;
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const waiting = new Promise<void>((r) => (reached = r));
    (accounts as unknown as Record<K, (arg: string) => Promise<unknown>>)[method] = async (arg) => {
      delete (accounts as Partial<AccountsService>)[method];
      const result = await real(arg);
      reached();
      await gate;
      return result;
    };
    return { release, waiting };
  };

  it.each(['before', 'after'] as const)(
    "another device's socket whose session ended at its handshake (checked %s a roles read in flight ends) does not keep a removed supervisor role on the person's open socket",
    async (order) => {
      const admin = await ensureAdmin(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const phone = await secondDevice(supervisor);
      const laptop = await TestSocket.open(t.app, supervisor.client);
      try {
        expect(await laptop.subscribe('safety:all')).toMatchObject({ type: 'subscribed' });
        // The role is removed; the laptop socket's read of the roles after that is held.
        const refresh = holdAfterRead('currentRoles');
        await t.app.kindred.accounts.setRoles(admin.actor, supervisor.id, ['member']);
        await settled();
        await refresh.waiting;
        // The phone's session ends between its handshake and its socket joining, so that socket's check fails.
        const check = holdAfterRead('liveSessionRoles');
        onNextHandshake(async () => void (await db().deleteFrom('sessions').where('user_id', '=', supervisor.id).where('id', '!=', supervisor.actor.sessionId).execute()));
        const phoneSocket = await TestSocket.open(t.app, phone);
        await check.waiting;
        const denied = laptop.next((m) => m.type === 'denied' && m.room === 'safety:all');
        if (order === 'before') {
          check.release();
          expect(await phoneSocket.closed).toEqual({ code: 4401, reason: 'session ended' });
          refresh.release();
          await denied;
        } else {
          refresh.release();
          await denied;
          check.release();
          expect(await phoneSocket.closed).toEqual({ code: 4401, reason: 'session ended' });
        }
        const alert = { id: newId(), type: 'safety.alert_escalated', occurredAt: new Date().toISOString(), rooms: ['safety:all'], data: {} };
        await t.app.kindred.bus.publish(alert);
        await marker(laptop, supervisor.id);
        expect(laptop.messages.some((m) => m.type === 'event' && m.event.id === alert.id)).toBe(false);
      } finally {
        laptop.ws.terminate();
      }
    },
  );

  it('deleting the account closes its live sockets', async () => {
    const member = await buildUser(t.app);
    const phone = await secondDevice(member);
    const sockets = [await TestSocket.open(t.app, phone), await TestSocket.open(t.app, member.client)];
    await marker(sockets[0]!, member.id);
    expect((await member.client.post('/api/me/erase', { password: member.password, publicPosts: 'delete', confirm: 'DELETE' })).statusCode).toBe(200);
    await t.app.kindred.dispatcher.idle();
    for (const socket of sockets) expect(await socket.closed).toEqual({ code: 4401, reason: 'session ended' });
  });
});
