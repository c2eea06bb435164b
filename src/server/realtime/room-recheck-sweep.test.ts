import { describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { testDatabases } from '../../../test/databases.js';
import { buildUser, ensureAdmin } from '../../../test/factories.js';
import { deniedNow, drained, TestSocket } from '../../../test/realtime.js';
import type { KindredApp } from '../app.js';
import type { RoomAsk } from '../platform/actor.js';
import { newId } from '../platform/ids.js';

/**
 * The minute's recheck of every room (ADR 036, amendment "every open room read again each minute",
 * review): the order of its kinds when a tick is given up at its timeout, the join a batched answer
 * is for, and a batch that throws. Real app, real sockets, the real batched rechecks, wrapped only
 * to be slow, held or broken where a test says.
 */

/** A read PostgreSQL's statement timeout cut off. */
const statementTimeout = () => Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });

async function alertReaches(app: KindredApp, socket: TestSocket): Promise<boolean> {
  const alert = newId();
  await app.kindred.bus.publish({ id: alert, type: 'safety.alert_raised', occurredAt: new Date().toISOString(), rooms: ['safety:duty'], data: { alertId: alert } });
  return (await drained(socket)).some((m) => m.type === 'event' && m.event.id === alert);
}

async function onDutySocket(app: KindredApp, sockets = 1) {
  const supervisor = await buildUser(app, { roles: ['supervisor'] });
  expect((await supervisor.client.put('/api/safety/duty', { onDuty: true })).statusCode).toBe(200);
  const opened: TestSocket[] = [];
  for (let i = 0; i < sockets; i++) {
    const socket = await TestSocket.open(app, supervisor.client);
    opened.push(socket);
    expect(await socket.subscribe('safety:duty')).toMatchObject({ type: 'subscribed' });
  }
  await app.kindred.dispatcher.idle();
  await app.kindred.realtime.roomRechecksDone();
  return { supervisor, sockets: opened };
}

/** Seven readers of one thread, each socket in its room. */
async function threadReaders(app: KindredApp) {
  const members = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => buildUser(app)));
  const space = (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'carers').executeTakeFirstOrThrow()).id;
  const th = await members[0]!.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Evenings', body: 'Resting more.' });
  const room = `thread:${(th.json() as { thread: { id: string } }).thread.id}`;
  const readers = await Promise.all(members.map((m) => TestSocket.open(app, m.client)));
  for (const s of readers) expect(await s.subscribe(room)).toMatchObject({ type: 'subscribed' });
  return readers;
}

/**
 * A batched recheck whose every call waits 15 s (PostgreSQL's statement timeout) and is cut off,
 * and `ticks` ticks run with fake timers moved on 15 s at each call, so that each tick reaches its
 * 30 s timeout after two calls.
 */
function slowBatches() {
  const calls: Array<() => void> = [];
  let nextCall: Promise<void> = new Promise((r) => calls.push(r));
  const recheckMany = async (_asked: readonly RoomAsk[]): Promise<boolean[]> => {
    const signal = calls.shift()!;
    nextCall = new Promise((r) => calls.push(r));
    signal();
    await new Promise((r) => setTimeout(r, 15_000));
    throw statementTimeout();
  };
  const ticks = async (app: KindredApp, n: number) => {
    for (let tick = 0; tick < n; tick++) {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const done = app.kindred.realtime.recheckSessions().then(() => 'done' as const);
        while ((await Promise.race([nextCall.then(() => 'call' as const), done])) === 'call') await vi.advanceTimersByTimeAsync(15_000);
      } finally {
        vi.useRealTimers();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { recheckMany, ticks };
}

describe.each(testDatabases)('the order of the sweep, on $name', (database) => {
  const t = useTestApp(database, { roomsRecheckChunk: 1 });

  it('thread batches slow enough to use up every tick: safety:duty and circles (registered after threads) are still checked first, and an off-duty supervisor (event lost) leaves safety:duty', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const { communities, safety, circles, realtime } = t.app.kindred;
    const slow = slowBatches();
    let safetyBatches = 0;
    let circleBatches = 0;
    realtime.authorizeRooms('thread', (a, id) => communities.mayJoinThreadRoom(a, id), { recheckMany: slow.recheckMany });
    realtime.authorizeRooms('safety', (a, r) => safety.mayJoinRoom(a, r), { recheckMany: async (asked) => { safetyBatches += 1; return safety.mayStayInRooms(asked); } });
    realtime.authorizeRooms('circle', (a, id) => circles.mayJoinCircleRoom(a, id), { recheckMany: async (asked) => { circleBatches += 1; return circles.mayStayInCircleRooms(asked); } });
    const readers = await threadReaders(t.app);
    const owner = await buildUser(t.app);
    const circle = await owner.client.post('/api/circles', { name: 'Close friends' });
    const inCircle = await TestSocket.open(t.app, owner.client);
    readers.push(inCircle);
    expect(await inCircle.subscribe(`circle:${(circle.json() as { id: string }).id}`)).toMatchObject({ type: 'subscribed' });
    const { supervisor, sockets: [socket] } = await onDutySocket(t.app);
    try {
      await t.app.kindred.database.db.updateTable('supervisor_duty').set({ on_duty: 0 }).where('user_id', '=', supervisor.id).execute();
      await slow.ticks(t.app, 1);
      expect(safetyBatches).toBe(1);
      expect(circleBatches).toBe(1);
      expect((await drained(socket!)).some(deniedNow('safety:duty'))).toBe(true);
      expect(await alertReaches(t.app, socket!)).toBe(false);
    } finally {
      socket!.ws.terminate();
      for (const s of readers) s.ws.terminate();
    }
  });

  it('a kind slow enough to use up every tick is taken last at the next tick, resuming where it stopped: the kinds after it are checked too', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const { communities, realtime } = t.app.kindred;
    const slow = slowBatches();
    let threadBatches = 0;
    // Seven sockets in safety:duty, one batch each: the first two use up a tick.
    realtime.authorizeRooms('safety', (a, r) => t.app.kindred.safety.mayJoinRoom(a, r), { recheckMany: slow.recheckMany });
    realtime.authorizeRooms('thread', (a, id) => communities.mayJoinThreadRoom(a, id), { recheckMany: async (asked) => { threadBatches += 1; return communities.mayStayInThreadRooms(asked); } });
    const readers = await threadReaders(t.app);
    const { sockets } = await onDutySocket(t.app, 7);
    try {
      await slow.ticks(t.app, 1);
      expect(threadBatches).toBe(0);
      await slow.ticks(t.app, 1);
      // Safety, given up at the first tick, is taken last at the second: the threads come first.
      expect(threadBatches).toBeGreaterThan(0);
    } finally {
      for (const s of [...sockets, ...readers]) s.ws.terminate();
    }
  });
});

describe.each(testDatabases)('batched answers, on $name', (database) => {
  const t = useTestApp(database);

  it('a batched "no" read before the socket subscribed again does not end the later join', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const { safety, realtime } = t.app.kindred;
    let release!: () => void;
    let reached!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const asked = new Promise<void>((r) => (reached = r));
    realtime.authorizeRooms('safety', (a, r) => safety.mayJoinRoom(a, r), {
      recheckMany: async (q) => {
        const answers = await safety.mayStayInRooms(q);
        reached();
        await held;
        return answers;
      },
    });
    const { supervisor, sockets: [socket] } = await onDutySocket(t.app);
    try {
      // Off duty (event lost): the tick reads "no", held; back on duty and subscribed again meanwhile.
      await t.app.kindred.database.db.updateTable('supervisor_duty').set({ on_duty: 0 }).where('user_id', '=', supervisor.id).execute();
      const tick = realtime.recheckSessions();
      await asked;
      await t.app.kindred.database.db.updateTable('supervisor_duty').set({ on_duty: 1 }).where('user_id', '=', supervisor.id).execute();
      expect(await socket!.subscribe('safety:duty')).toMatchObject({ type: 'subscribed' });
      release();
      await tick;
      expect((await drained(socket!)).filter((m) => m.type === 'denied')).toEqual([]);
      expect(await alertReaches(t.app, socket!)).toBe(true);
    } finally {
      socket!.ws.terminate();
    }
  });

  it('a batched "yes" read before a later recheck failed does not settle that failure: unknown again at the next tick leaves the room', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const { safety, realtime } = t.app.kindred;
    let release!: () => void;
    let reached!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const asked = new Promise<void>((r) => (reached = r));
    let holding = true;
    let failSingle = false;
    let failBatch = false;
    realtime.authorizeRooms('safety', async (a, r) => {
      if (failSingle) {
        failSingle = false;
        throw statementTimeout();
      }
      return safety.mayJoinRoom(a, r);
    }, {
      recheckMany: async (q) => {
        if (failBatch) throw statementTimeout();
        const answers = await safety.mayStayInRooms(q);
        if (holding) {
          reached();
          await held;
        }
        return answers;
      },
    });
    const admin = await ensureAdmin(t.app);
    const { supervisor, sockets: [socket] } = await onDutySocket(t.app);
    try {
      // The tick reads "yes", held; meanwhile a roles change rechecks the room, and that read fails (noted).
      const tick = realtime.recheckSessions();
      await asked;
      failSingle = true;
      expect((await admin.client.put(`/api/admin/users/${supervisor.id}/roles`, { roles: ['supervisor', 'facilitator'] })).statusCode).toBe(200);
      await t.app.kindred.dispatcher.idle();
      await realtime.roomRechecksDone();
      expect(failSingle).toBe(false);
      holding = false;
      release();
      await tick;
      // Unknown again at the next tick: its second failure in a row.
      failBatch = true;
      const from = socket!.messages.length;
      await realtime.recheckSessions();
      await socket!.next((m) => m.type === 'unavailable' && m.room === 'safety:duty', 5000, from);
    } finally {
      socket!.ws.terminate();
    }
  });

  it('a batch that throws (not the database) has its rooms checked one at a time: the supervisor on duty stays, the one off duty leaves', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const { safety, realtime } = t.app.kindred;
    let batches = 0;
    realtime.authorizeRooms('safety', (a, r) => safety.mayJoinRoom(a, r), {
      recheckMany: async () => {
        batches += 1;
        throw new TypeError("Cannot read properties of undefined (reading 'roles')");
      },
    });
    const onDuty = await onDutySocket(t.app);
    const offDuty = await onDutySocket(t.app);
    const [stays] = onDuty.sockets;
    const [leaves] = offDuty.sockets;
    try {
      await t.app.kindred.database.db.updateTable('supervisor_duty').set({ on_duty: 0 }).where('user_id', '=', offDuty.supervisor.id).execute();
      await realtime.recheckSessions();
      await realtime.roomRechecksDone();
      expect(batches).toBe(1);
      expect((await drained(stays!)).filter((m) => m.type === 'denied')).toEqual([]);
      expect((await drained(leaves!)).some(deniedNow('safety:duty'))).toBe(true);
      expect(await alertReaches(t.app, stays!)).toBe(true);
    } finally {
      stays!.ws.terminate();
      leaves!.ws.terminate();
    }
  });
});
