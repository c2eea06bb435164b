import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { testDatabases } from '../../../test/databases.js';
import { buildUser, ensureAdmin, programSpace } from '../../../test/factories.js';
import { deniedNow, drained, gotInRoom, withSockets } from '../../../test/realtime.js';
import { assignSupervisor, matchedPair } from '../../../test/supervision-factories.js';
import type { Actor } from '../platform/actor.js';
import { newId } from '../platform/ids.js';

/**
 * Races between a room recheck and the socket's own subscribes (ADR 036, amendment "rooms
 * rechecked on every change", races): real app, real sockets, real authorizers. A test only
 * wraps an authorizer to note its calls and, where the race needs it, hold one answer until the
 * test lets it go (a slow read, made to come at the worst moment).
 */

/** A gate on an authorizer's answers: `held` settles when one was held, `release` lets it go. */
class Gate {
  calls: { userId: string; room: string }[] = [];
  private holdNext: ((answer: boolean) => boolean) | null = null;
  private onHeld!: () => void;
  private open!: () => void;
  held = Promise.resolve();
  private opened = Promise.resolve();

  /** Holds the next answer `when` picks (by its answer), until release(). */
  hold(when: (answer: boolean) => boolean = () => true): void {
    this.holdNext = when;
    this.held = new Promise((resolve) => (this.onHeld = resolve));
    this.opened = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  wrap(real: (actor: Actor, id: string) => Promise<boolean>, prefix: string) {
    return async (actor: Actor, id: string): Promise<boolean> => {
      this.calls.push({ userId: actor.userId, room: `${prefix}:${id}` });
      const answer = await real(actor, id);
      if (this.holdNext?.(answer)) {
        this.holdNext = null;
        this.onHeld();
        await this.opened;
      }
      return answer;
    };
  }
}

describe.each(testDatabases)('room recheck races on $name', (database) => {
  // Chunks of one socket's room for the minute's recheck of rooms whose authorizer has no batched form, as each wrapped here (see the last test).
  const t = useTestApp(database, { roomRecheckChunk: 1 });
  const gates = { space: new Gate(), safety: new Gate(), mentorship: new Gate() };
  const listen = async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const { communities, safety, mentoring } = t.app.kindred;
    const realtime = t.app.kindred.realtime;
    realtime.authorizeRooms('space', gates.space.wrap((actor, id) => communities.mayJoinSpaceRoom(actor, id), 'space'));
    realtime.authorizeRooms('safety', gates.safety.wrap((actor, room) => safety.mayJoinRoom(actor, room), 'safety'));
    // The mentorship recheck (no audit entry) is the one the minute's recheck uses.
    realtime.authorizeRooms(
      'mentorship',
      (actor, id) => mentoring.mayJoinMentorshipRoom(actor, id),
      { recheck: gates.mentorship.wrap(async (actor, id) => (await mentoring.mayReadConversation(actor, id)) !== null, 'mentorship') },
    );
  };
  const settled = async () => {
    await t.app.kindred.dispatcher.idle();
    await t.app.kindred.realtime.roomRechecksDone();
  };

  it('a subscribe authorized just before its person left the program is checked again once joined, and ends', async () => {
    await listen();
    const { leaver, stayer, programId, spaceId } = await programSpace(t.app);
    const room = `space:${spaceId}`;
    await withSockets(async (open) => {
      const socket = await open(t.app, leaver.client);
      gates.space.hold();
      const from = socket.messages.length;
      socket.send({ type: 'subscribe', room });
      // Authorized (still a member); the join waits while the member leaves and that change's recheck runs.
      await gates.space.held;
      expect((await leaver.client.delete(`/api/programs/${programId}/membership`)).statusCode).toBe(200);
      await settled();
      gates.space.release();
      await socket.next((m) => m.type === 'subscribed' && m.room === room, 5000, from);
      await socket.next(deniedNow(room), 5000, from);
      await settled();

      const th = await stayer.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'story', title: 'Members only now', body: 'Soup in a flask works for me.' });
      expect(th.statusCode).toBe(201);
      await t.app.kindred.dispatcher.idle();
      expect(await gotInRoom(socket, room, 'Members only now')).toBe(false);
    });
  });

  it('a subscribe authorized under a role removed before it joined is checked again under the new roles, and ends', async () => {
    await listen();
    const admin = await ensureAdmin(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    await withSockets(async (open) => {
      const socket = await open(t.app, supervisor.client);
      gates.safety.hold();
      const from = socket.messages.length;
      socket.send({ type: 'subscribe', room: 'safety:all' });
      await gates.safety.held;
      expect((await admin.client.put(`/api/admin/users/${supervisor.id}/roles`, { roles: [] })).statusCode).toBe(200);
      await settled();
      gates.safety.release();
      await socket.next(deniedNow('safety:all'), 5000, from);
      await settled();

      const overdue = newId();
      await t.app.kindred.bus.publish({ id: overdue, type: 'safety.alert_escalated', occurredAt: new Date().toISOString(), rooms: ['safety:all'], data: { alertId: overdue } });
      expect(await gotInRoom(socket, 'safety:all', overdue)).toBe(false);
    });
  });

  it("a recheck's late \"no\" does not end a room the socket joined again since, allowed anew (a supervisor back on duty)", async () => {
    await listen();
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const duty = (onDuty: boolean) => supervisor.client.put('/api/safety/duty', { onDuty });
    expect((await duty(true)).statusCode).toBe(200);
    await withSockets(async (open) => {
      const socket = await open(t.app, supervisor.client);
      expect(await socket.subscribe('safety:duty')).toMatchObject({ type: 'subscribed' });
      // Off duty: that change's recheck reads "no", and its answer is held (a slow read)...
      gates.safety.hold((answer) => !answer);
      expect((await duty(false)).statusCode).toBe(200);
      await t.app.kindred.dispatcher.idle();
      await gates.safety.held;
      // ...while they go back on duty, and the web client subscribes again.
      expect((await duty(true)).statusCode).toBe(200);
      socket.send({ type: 'unsubscribe', room: 'safety:duty' });
      expect(await socket.subscribe('safety:duty')).toMatchObject({ type: 'subscribed' });
      const from = socket.messages.length;
      gates.safety.release();
      await settled();

      const alert = newId();
      await t.app.kindred.bus.publish({ id: alert, type: 'safety.alert_raised', occurredAt: new Date().toISOString(), rooms: ['safety:duty'], data: { alertId: alert } });
      await socket.next((m) => m.type === 'event' && m.event.id === alert, 5000, from);
      expect(socket.messages.slice(from).some((m) => m.type === 'denied')).toBe(false);
    });
  });

  it("a change about one person rechecks that person's sockets only, not everyone's in the room", async () => {
    await listen();
    const { leaver, stayer, programId, spaceId } = await programSpace(t.app);
    const room = `space:${spaceId}`;
    await withSockets(async (open) => {
      const [gone, kept, keptToo] = [await open(t.app, leaver.client), await open(t.app, stayer.client), await open(t.app, stayer.client)];
      for (const socket of [gone, kept, keptToo]) expect(await socket.subscribe(room)).toMatchObject({ type: 'subscribed' });
      await settled();
      gates.space.calls = [];
      expect((await leaver.client.delete(`/api/programs/${programId}/membership`)).statusCode).toBe(200);
      await gone.next(deniedNow(room));
      await settled();
      expect(gates.space.calls).toEqual([{ userId: leaver.id, room }]);
      for (const socket of [kept, keptToo]) expect((await drained(socket)).some((m) => m.type === 'denied')).toBe(false);
    });
  });

  it("the minute's recheck of supervisors' conversations reads a chunk at a time, and the tick waits for it (one at a time)", async () => {
    await listen();
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const pairs = [await matchedPair(t.app), await matchedPair(t.app)];
    for (const { supporter, member, mentorshipId } of pairs) {
      await assignSupervisor(t.app, supporter, supervisor);
      expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, { grant: true, days: 2 })).statusCode).toBe(200);
    }
    await withSockets(async (open) => {
      const socket = await open(t.app, supervisor.client);
      for (const { mentorshipId } of pairs) expect(await socket.subscribe(`mentorship:${mentorshipId}`)).toMatchObject({ type: 'subscribed' });
      await settled();
      const realtime = t.app.kindred.realtime;
      gates.mentorship.calls = [];
      gates.mentorship.hold();
      let done = false;
      const tick = realtime.recheckSessions().then(() => (done = true));
      await gates.mentorship.held;
      // Let everything ready run: no second read started (a chunk of one), and the tick is not over.
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(gates.mentorship.calls).toHaveLength(1);
      expect(done).toBe(false);
      // A tick that comes now joins the one under way, reading nothing more.
      const again = realtime.recheckSessions();
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(gates.mentorship.calls).toHaveLength(1);
      gates.mentorship.release();
      await Promise.all([tick, again]);
      expect(gates.mentorship.calls.map((c) => c.room).sort()).toEqual(pairs.map((p) => `mentorship:${p.mentorshipId}`).sort());
      expect((await drained(socket)).some((m) => m.type === 'denied')).toBe(false);
    });
  });
});
