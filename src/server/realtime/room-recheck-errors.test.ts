import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildTestApp, LogCapture, useTestApp } from '../../../test/app.js';
import { testDatabases } from '../../../test/databases.js';
import { buildUser, ensureAdmin } from '../../../test/factories.js';
import { drained, TestSocket } from '../../../test/realtime.js';
import type { KindredApp } from '../app.js';
import type { RoomAsk } from '../platform/actor.js';
import { newId } from '../platform/ids.js';

/**
 * A room check that fails is "unknown", not "no" (ADR 036, amendment "a failed recheck"): a
 * recheck keeps the socket in its room and the next tick checks it again; a subscribe is told
 * `unavailable` (the web client asks again). Real app, real sockets, the real authorizer, wrapped
 * only to throw on the calls a test picks (a read cut by the statement timeout, a lock held elsewhere).
 */

/** A read PostgreSQL's statement timeout cut off: the database unavailable (isDatabaseUnavailable). */
const statementTimeout = () => Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
/** Not the database: a bug in an authorizer. */
const bug = () => new TypeError("Cannot read properties of undefined (reading 'roles')");

class Failing {
  private failures = 0;
  private error: () => Error = statementTimeout;
  calls = 0;
  /** The next `n` calls throw `error` (by default as a read the database cut off does). */
  failNext(n = 1, error: () => Error = statementTimeout): void {
    this.failures = n;
    this.error = error;
  }
  /** `real` (a room's authorizer, or its batched recheck), counting its calls and failing the next ones asked for. */
  wrap<Args extends unknown[], Answer>(real: (...args: Args) => Promise<Answer>) {
    return async (...args: Args): Promise<Answer> => {
      this.calls += 1;
      if (this.failures > 0) {
        this.failures -= 1;
        throw this.error();
      }
      return real(...args);
    };
  }
}

async function onDutySupervisor(app: KindredApp) {
  const supervisor = await buildUser(app, { roles: ['supervisor'] });
  expect((await supervisor.client.put('/api/safety/duty', { onDuty: true })).statusCode).toBe(200);
  return supervisor;
}

/**
 * An admin, and an on-duty supervisor whose socket is in `safety:duty`, once the set-up's own events
 * (roles given, duty started) were delivered and their rechecks done: under load they can come late,
 * and a recheck of theirs would take a failure a test means for its own change.
 */
async function subscribedOnDuty(app: KindredApp) {
  const admin = await ensureAdmin(app);
  const supervisor = await onDutySupervisor(app);
  const socket = await TestSocket.open(app, supervisor.client);
  try {
    expect(await socket.subscribe('safety:duty')).toMatchObject({ type: 'subscribed' });
    await app.kindred.dispatcher.idle();
    await app.kindred.realtime.roomRechecksDone();
  } catch (err) {
    socket.ws.terminate();
    throw err;
  }
  return { admin, supervisor, socket };
}

async function alertReaches(app: KindredApp, socket: TestSocket): Promise<boolean> {
  const alert = newId();
  await app.kindred.bus.publish({ id: alert, type: 'safety.alert_raised', occurredAt: new Date().toISOString(), rooms: ['safety:duty'], data: { alertId: alert } });
  return (await drained(socket)).some((m) => m.type === 'event' && m.event.id === alert);
}

describe.each(testDatabases)('room checks that fail, on $name', (database) => {
  const t = useTestApp(database);
  const failing = new Failing();
  const listen = async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const safety = t.app.kindred.safety;
    t.app.kindred.realtime.authorizeRooms('safety', failing.wrap((actor, room) => safety.mayJoinRoom(actor, room)));
  };
  const settled = async () => {
    await t.app.kindred.dispatcher.idle();
    await t.app.kindred.realtime.roomRechecksDone();
  };

  it('a recheck that throws keeps an on-duty supervisor in safety:duty, and the next tick checks the room again', async () => {
    await listen();
    const { admin, supervisor, socket } = await subscribedOnDuty(t.app);
    try {
      // A role added (not removed) rechecks their rooms; that read fails.
      failing.failNext();
      const before = failing.calls;
      expect((await admin.client.put(`/api/admin/users/${supervisor.id}/roles`, { roles: ['supervisor', 'facilitator'] })).statusCode).toBe(200);
      await settled();
      expect(failing.calls).toBeGreaterThan(before);
      expect((await drained(socket)).filter((m) => m.type === 'denied')).toEqual([]);
      expect(await alertReaches(t.app, socket)).toBe(true);

      // Off duty with no event reaching this instance (a live push lost): only the tick's recheck of
      // the room whose check failed can find it out.
      await t.app.kindred.database.db.updateTable('supervisor_duty').set({ on_duty: 0 }).where('user_id', '=', supervisor.id).execute();
      const from = socket.messages.length;
      await t.app.kindred.realtime.recheckSessions();
      await settled();
      await socket.next((m) => m.type === 'denied' && m.room === 'safety:duty' && m.reason === 'no longer allowed', 5000, from);
      expect(await alertReaches(t.app, socket)).toBe(false);
    } finally {
      socket.ws.terminate();
    }
  });

  it("the minute's batched recheck of every room: unknown keeps the room once, twice in a row leaves it with unavailable; any other error has the room checked alone", async () => {
    await listen();
    const safety = t.app.kindred.safety;
    const batch = new Failing();
    t.app.kindred.realtime.authorizeRooms('safety', (actor, room) => safety.mayJoinRoom(actor, room), { recheckMany: batch.wrap((asked: readonly RoomAsk[]) => safety.mayStayInRooms(asked)) });
    const { socket } = await subscribedOnDuty(t.app);
    try {
      const tick = async () => {
        await t.app.kindred.realtime.recheckSessions();
        await settled();
      };
      await tick();
      expect(batch.calls).toBe(1);
      // The batch's read cut off (one statement for every socket's room of the kind): kept, noted.
      batch.failNext(2);
      await tick();
      expect((await drained(socket)).filter((m) => m.type === 'denied' || m.type === 'unavailable')).toEqual([]);
      expect(await alertReaches(t.app, socket)).toBe(true);
      // Unknown again at the next tick: left, told to subscribe again (not denied).
      const from = socket.messages.length;
      await tick();
      await socket.next((m) => m.type === 'unavailable' && m.room === 'safety:duty', 5000, from);
      expect(socket.messages.slice(from).filter((m) => m.type === 'denied')).toEqual([]);
      expect(await alertReaches(t.app, socket)).toBe(false);
      // Subscribed again: a fresh join, answered by the next tick; then a bug in the batch is a no.
      expect(await socket.subscribe('safety:duty')).toMatchObject({ type: 'subscribed' });
      await tick();
      expect(await alertReaches(t.app, socket)).toBe(true);
      // A bug in the batch answers for no one: the room is checked alone (on duty: it stays).
      batch.failNext(1, bug);
      const later = socket.messages.length;
      await tick();
      expect(batch.calls).toBe(5);
      expect(socket.messages.slice(later).filter((m) => m.type === 'denied' || m.type === 'unavailable')).toEqual([]);
      expect(await alertReaches(t.app, socket)).toBe(true);
    } finally {
      socket.ws.terminate();
    }
  });

  it('a recheck that throws anything but "database unavailable" is a no: denied at once', async () => {
    await listen();
    const { admin, supervisor, socket } = await subscribedOnDuty(t.app);
    try {
      failing.failNext(1, bug);
      const from = socket.messages.length;
      expect((await admin.client.put(`/api/admin/users/${supervisor.id}/roles`, { roles: ['supervisor', 'facilitator'] })).statusCode).toBe(200);
      await settled();
      await socket.next((m) => m.type === 'denied' && m.room === 'safety:duty' && m.reason === 'no longer allowed', 5000, from);
      expect(await alertReaches(t.app, socket)).toBe(false);
    } finally {
      socket.ws.terminate();
    }
  });

  it('a recheck the database cannot answer twice in a row leaves the room with unavailable at the tick; subscribing again rejoins', async () => {
    await listen();
    const { admin, supervisor, socket } = await subscribedOnDuty(t.app);
    try {
      failing.failNext(2);
      const before = failing.calls;
      expect((await admin.client.put(`/api/admin/users/${supervisor.id}/roles`, { roles: ['supervisor', 'facilitator'] })).statusCode).toBe(200);
      await settled();
      expect(failing.calls).toBe(before + 1);
      // Once: kept.
      expect(await alertReaches(t.app, socket)).toBe(true);
      // The tick's check of that room fails too: left, told to subscribe again (not denied).
      const from = socket.messages.length;
      await t.app.kindred.realtime.recheckSessions();
      await settled();
      expect(failing.calls).toBe(before + 2);
      await socket.next((m) => m.type === 'unavailable' && m.room === 'safety:duty', 5000, from);
      expect(socket.messages.slice(from).filter((m) => m.type === 'denied')).toEqual([]);
      expect(await alertReaches(t.app, socket)).toBe(false);
      // The client's retry is a fresh check: an on-duty supervisor is back once the database answers.
      expect(await socket.subscribe('safety:duty')).toMatchObject({ type: 'subscribed' });
      expect(await alertReaches(t.app, socket)).toBe(true);
    } finally {
      socket.ws.terminate();
    }
  });

  it('a subscribe whose check throws anything but "database unavailable" is denied', async () => {
    await listen();
    const supervisor = await onDutySupervisor(t.app);
    const socket = await TestSocket.open(t.app, supervisor.client);
    try {
      failing.failNext(1, bug);
      expect(await socket.subscribe('safety:duty')).toEqual({ type: 'denied', room: 'safety:duty', reason: 'not allowed' });
    } finally {
      socket.ws.terminate();
    }
  });

  it('a room id with a control character is denied before any authorizer runs', async () => {
    await listen();
    const supervisor = await onDutySupervisor(t.app);
    const socket = await TestSocket.open(t.app, supervisor.client);
    try {
      const before = failing.calls;
      for (const room of ['safety:duty\u0000', 'safety:\u0000', 'safety:duty\u0007', 'safety:duty\u009f']) {
        expect(await socket.subscribe(room)).toEqual({ type: 'denied', room, reason: 'not allowed' });
      }
      expect(failing.calls).toBe(before);
    } finally {
      socket.ws.terminate();
    }
  });

  it('a subscribe whose check throws is told unavailable (not denied), and joins when asked again', async () => {
    await listen();
    const supervisor = await onDutySupervisor(t.app);
    const socket = await TestSocket.open(t.app, supervisor.client);
    try {
      failing.failNext();
      expect(await socket.subscribe('safety:duty')).toEqual({ type: 'unavailable', room: 'safety:duty', afterMs: expect.any(Number) });
      expect(await socket.subscribe('safety:duty')).toMatchObject({ type: 'subscribed' });
      expect(await alertReaches(t.app, socket)).toBe(true);
    } finally {
      socket.ws.terminate();
    }
  });
});

const postgres = testDatabases.find((d) => d.name === 'postgres');
describe.skipIf(!postgres)('a recheck read cut by the statement timeout (PostgreSQL)', () => {
  it('keeps an on-duty supervisor in safety:duty while another session holds the duty table, logging the kind only', async () => {
    const logs = new LogCapture();
    const t = await buildTestApp(postgres!, { logStream: logs, config: { pgStatementTimeoutMs: 200, pgLongStatementTimeoutMs: 10_000 } });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { admin, supervisor, socket } = await subscribedOnDuty(t.app);
      try {
        const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.app.kindred.database.db)).rows[0]!.s;
        const other = new pg.Client({ connectionString: t.app.kindred.config.databaseUrl, options: `-c search_path=${schema}` });
        await other.connect();
        // Another session (a backup, a migration elsewhere, a VACUUM FULL) holds the duty table past the statement timeout.
        await other.query('begin');
        await other.query('lock table supervisor_duty in access exclusive mode');
        try {
          expect((await admin.client.put(`/api/admin/users/${supervisor.id}/roles`, { roles: ['supervisor', 'facilitator'] })).statusCode).toBe(200);
          await t.app.kindred.dispatcher.idle();
          await t.app.kindred.realtime.roomRechecksDone();
          // A subscribe now cannot be checked either: told to try again, not refused.
          expect(await socket.subscribe('safety:duty')).toMatchObject({ type: 'unavailable' });
        } finally {
          await other.query('rollback');
          await other.end();
        }
        expect((await drained(socket)).filter((m) => m.type === 'denied')).toEqual([]);
        expect(await alertReaches(t.app, socket)).toBe(true);
        const failed = logs.lines.filter((l) => l.includes('a room recheck could not be answered'));
        expect(failed.length).toBe(1);
        expect(JSON.parse(failed[0]!).err).toEqual({ name: 'error', code: '57014' });
        // The next tick checks it again, now answered: still on duty, still in the room.
        await t.app.kindred.realtime.recheckSessions();
        await t.app.kindred.realtime.roomRechecksDone();
        expect((await drained(socket)).filter((m) => m.type === 'denied')).toEqual([]);
        expect(await alertReaches(t.app, socket)).toBe(true);
      } finally {
        socket.ws.terminate();
      }
    } finally {
      await t.close();
    }
  }, 30_000);
});
