import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { holdAfterCommit } from '../../../test/commit-gate.js';
import { testDatabases, type TestDatabase } from '../../../test/databases.js';
import { buildUser, ensureAdmin, programSpace } from '../../../test/factories.js';
import { deniedNow, drained, gotInRoom, TestSocket, withSockets } from '../../../test/realtime.js';
import { assignSupervisor, matchedPair } from '../../../test/supervision-factories.js';
import { buildTwoInstances } from '../../../test/two-instances.js';
import type { KindredApp } from '../app.js';
import { SPACES_CHANGED, THREADS_NARROWED } from '../modules/communities/communities.service.js';
import { PROGRAM_LEFT } from '../modules/groups/groups.service.js';
import { DUTY_ENDED } from '../modules/safety/safety.service.js';
import { SUPERVISOR_REPLACED } from '../modules/supervision/supervision.service.js';
import { InProcessBus, type BusEvent } from '../platform/bus.js';
import { newId } from '../platform/ids.js';

const redisUrl = process.env.TEST_REDIS_URL;

/**
 * Where a scenario makes its changes (`write`: the API, through inject), where its sockets are
 * open (`watch`, listening), and how to wait until both have delivered what was committed. On one
 * instance they are the same app; across two over Redis, the change is made on A and the sockets
 * are on B, so B hears of it only through the bus.
 */
interface Setup {
  write: KindredApp;
  watch: KindredApp;
  idle: () => Promise<void>;
}

/**
 * Returns once the watching instance heard every event committed before (one bus, in order): a
 * user-room event published now has reached the person's socket there.
 */
async function heard(write: KindredApp, socket: TestSocket, userId: string): Promise<void> {
  const id = newId();
  await write.kindred.bus.publish({ id, type: 'notification.created', occurredAt: new Date().toISOString(), rooms: [`user:${userId}`], data: {} });
  await socket.next((m) => m.type === 'event' && m.event.id === id);
}

/** A member who leaves a program loses the live rooms of its program-only space and that space's threads; one who stays keeps them. */
async function leavingAProgram({ write, watch, idle }: Setup) {
  const { leaver, stayer, programId, spaceId } = await programSpace(write);
  const th = await stayer.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'story', title: 'Sleeping in the day', body: 'Blackout curtains helped me a lot.' });
  expect(th.statusCode).toBe(201);
  const threadId = (th.json() as { thread: { id: string } }).thread.id;
  await withSockets(async (open) => {
    const [gone, kept] = [await open(watch, leaver.client), await open(watch, stayer.client)];
    for (const socket of [gone, kept]) {
      expect(await socket.subscribe(`space:${spaceId}`)).toMatchObject({ type: 'subscribed' });
      expect(await socket.subscribe(`thread:${threadId}`)).toMatchObject({ type: 'subscribed' });
    }
    expect((await leaver.client.delete(`/api/programs/${programId}/membership`)).statusCode).toBe(200);
    await idle();
    await gone.next(deniedNow(`space:${spaceId}`));
    await gone.next(deniedNow(`thread:${threadId}`));

    // What the program writes next reaches the one who stayed, not the one who left.
    const fresh = await stayer.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'story', title: 'Eating at 3am', body: 'Soup in a flask works for me.' });
    expect(fresh.statusCode).toBe(201);
    const replied = await stayer.client.post(`/api/threads/${threadId}/posts`, { body: 'Earplugs too, the good foam ones.' });
    expect(replied.statusCode).toBe(201);
    const replyId = (replied.json() as { post: { id: string } }).post.id;
    await idle();
    await kept.next((m) => m.type === 'event' && m.room === `thread:${threadId}` && JSON.stringify(m.event).includes(replyId));
    await kept.next((m) => m.type === 'event' && m.room === `space:${spaceId}` && JSON.stringify(m.event).includes('Eating at 3am'));
    expect(await gotInRoom(gone, `thread:${threadId}`, replyId)).toBe(false);
    expect(await gotInRoom(gone, `space:${spaceId}`, 'Eating at 3am')).toBe(false);
    expect(kept.messages.some((m) => m.type === 'denied')).toBe(false);
    expect(await gone.subscribe(`thread:${threadId}`)).toMatchObject({ type: 'denied', reason: 'not allowed' });
  });
}

/** A thread whose opening post a moderator hides is its author's and the moderators' only: a reader's socket leaves its room. */
async function hidingAThread({ write, watch, idle }: Setup) {
  const moderator = await buildUser(write, { roles: ['supervisor'] });
  const [author, reader] = await Promise.all([buildUser(write), buildUser(write)]);
  const space = (await author.client.get('/api/spaces')).json().spaces[0].id as string;
  const th = await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'A hard week', body: 'Writing it down helps me.' });
  expect(th.statusCode).toBe(201);
  const { thread, post } = th.json() as { thread: { id: string }; post: { id: string } };
  const room = `thread:${thread.id}`;
  await withSockets(async (open) => {
    const [own, other] = [await open(watch, author.client), await open(watch, reader.client)];
    for (const socket of [own, other]) expect(await socket.subscribe(room)).toMatchObject({ type: 'subscribed' });
    expect((await moderator.client.post(`/api/moderation/posts/${post.id}/hide`, { note: 'Personal details.' })).statusCode).toBe(200);
    await idle();
    await other.next(deniedNow(room));

    const note = await moderator.client.post(`/api/threads/${thread.id}/posts`, { body: 'I hid this while we talk with you about it.' });
    expect(note.statusCode).toBe(201);
    const noteId = (note.json() as { post: { id: string } }).post.id;
    await idle();
    await own.next((m) => m.type === 'event' && m.room === room && JSON.stringify(m.event).includes(noteId));
    expect(await gotInRoom(other, room, noteId)).toBe(false);
    expect(own.messages.some((m) => m.type === 'denied')).toBe(false);
  });
}

/** An author's edit of the opening post held by the safety screen: the thread waits for review, its author's and the moderators' only. */
async function holdingAnEditedThread({ write, watch, idle }: Setup) {
  const moderator = await buildUser(write, { roles: ['supervisor'] });
  const [author, reader] = await Promise.all([buildUser(write), buildUser(write)]);
  const space = (await author.client.get('/api/spaces')).json().spaces[0].id as string;
  const th = await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Tonight', body: 'A long day, writing to get through it.' });
  expect(th.statusCode).toBe(201);
  const { thread, post } = th.json() as { thread: { id: string }; post: { id: string } };
  const room = `thread:${thread.id}`;
  await withSockets(async (open) => {
    const [own, other] = [await open(watch, author.client), await open(watch, reader.client)];
    for (const socket of [own, other]) expect(await socket.subscribe(room)).toMatchObject({ type: 'subscribed' });
    const edited = await author.client.patch(`/api/posts/${post.id}`, { body: 'I have saved up 40 pills and I am going to take them all tonight.' });
    expect(edited.statusCode).toBe(200);
    expect((edited.json() as { post: { state: string } }).post.state).toBe('pending');
    await idle();
    await other.next(deniedNow(room));

    const reply = await moderator.client.post(`/api/threads/${thread.id}/posts`, { body: 'We are here with you. Could you tell us where you are?' });
    expect(reply.statusCode).toBe(201);
    const replyId = (reply.json() as { post: { id: string } }).post.id;
    await idle();
    await own.next((m) => m.type === 'event' && m.room === room && JSON.stringify(m.event).includes(replyId));
    expect(await gotInRoom(other, room, replyId)).toBe(false);
    expect(own.messages.some((m) => m.type === 'denied')).toBe(false);
  });
}

/** A thread deleted with its erased author (nobody else wrote in it): its readers' sockets leave its room. */
async function erasingAThreadsAuthor({ write, watch, idle }: Setup) {
  const [author, reader] = await Promise.all([buildUser(write), buildUser(write)]);
  const space = (await author.client.get('/api/spaces')).json().spaces[0].id as string;
  const th = await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Leaving soon', body: 'Thank you all for this year.' });
  expect(th.statusCode).toBe(201);
  const threadId = (th.json() as { thread: { id: string } }).thread.id;
  const room = `thread:${threadId}`;
  await withSockets(async (open) => {
    const other = await open(watch, reader.client);
    expect(await other.subscribe(room)).toMatchObject({ type: 'subscribed' });
    expect((await author.client.post('/api/me/erase', { password: author.password, publicPosts: 'delete', confirm: 'DELETE' })).statusCode).toBe(200);
    await idle();
    await other.next(deniedNow(room));
    // Nothing is written to a thread that is gone; an event for its room all the same.
    const late = newId();
    await write.kindred.bus.publish({ id: late, type: 'community.thread_activity', occurredAt: new Date().toISOString(), rooms: [room], data: { threadId } });
    await heard(write, other, reader.id);
    expect(await gotInRoom(other, room, late)).toBe(false);
  });
}

/** A supervisor who goes off duty leaves `safety:duty` (every new alert); they stay in `safety:all`. */
async function goingOffDuty({ write, watch, idle }: Setup) {
  const supervisor = await buildUser(write, { roles: ['supervisor'] });
  expect((await supervisor.client.put('/api/safety/duty', { onDuty: true })).statusCode).toBe(200);
  await withSockets(async (open) => {
    const socket = await open(watch, supervisor.client);
    expect(await socket.subscribe('safety:duty')).toMatchObject({ type: 'subscribed' });
    expect(await socket.subscribe('safety:all')).toMatchObject({ type: 'subscribed' });
    expect((await supervisor.client.put('/api/safety/duty', { onDuty: false })).statusCode).toBe(200);
    await idle();
    await socket.next(deniedNow('safety:duty'));
    // The next alert to those on duty, as any instance's outbox publishes it.
    const alert = newId();
    await write.kindred.bus.publish({ id: alert, type: 'safety.alert_raised', occurredAt: new Date().toISOString(), rooms: ['safety:duty'], data: { alertId: alert } });
    const overdue = newId();
    await write.kindred.bus.publish({ id: overdue, type: 'safety.alert_escalated', occurredAt: new Date().toISOString(), rooms: ['safety:all'], data: { alertId: overdue } });
    await socket.next((m) => m.type === 'event' && m.event.id === overdue);
    expect(await gotInRoom(socket, 'safety:duty', alert)).toBe(false);
    expect(socket.messages.filter((m) => m.type === 'denied')).toHaveLength(1);
  });
}

/**
 * A supporter's supervisor replaced: the former one leaves the rooms of the supporter's supervision
 * requests and of a mentoring conversation the member's consent opened to the supporter's
 * supervisor (now the new one); the participants stay.
 */
async function replacingASupervisor({ write, watch, idle }: Setup) {
  const admin = await ensureAdmin(write);
  const [former, next] = await Promise.all([buildUser(write, { roles: ['supervisor'] }), buildUser(write, { roles: ['supervisor'] })]);
  const { supporter, member, mentorshipId } = await matchedPair(write);
  await assignSupervisor(write, supporter, former);
  const asked = await supporter.client.post('/api/me/supervision/requests', { body: 'Could we talk about a hard conversation?' });
  expect(asked.statusCode).toBe(201);
  const requestId = (asked.json() as { request: { id: string } }).request.id;
  expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, { grant: true, days: 2 })).statusCode).toBe(200);
  const conversation = `mentorship:${mentorshipId}`;
  const request = `supervision:${requestId}`;
  await withSockets(async (open) => {
    const [formerSocket, supporterSocket] = [await open(watch, former.client), await open(watch, supporter.client)];
    for (const room of [conversation, request]) {
      expect(await formerSocket.subscribe(room)).toMatchObject({ type: 'subscribed' });
      expect(await supporterSocket.subscribe(room)).toMatchObject({ type: 'subscribed' });
    }
    expect((await admin.client.put(`/api/supervision/assignments/${supporter.id}`, { supervisorId: next.id })).statusCode).toBe(200);
    await idle();
    await formerSocket.next(deniedNow(conversation));
    await formerSocket.next(deniedNow(request));

    const said = await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'I had a better week, thank you.', clientId: randomUUID() });
    expect(said.statusCode).toBe(201);
    const messageId = (said.json() as { message: { id: string } }).message.id;
    // The request closed with the reassignment (nothing more is written to it); an event for its room all the same.
    const late = newId();
    await write.kindred.bus.publish({ id: late, type: 'supervision.request_updated', occurredAt: new Date().toISOString(), rooms: [request], data: { requestId, status: 'closed' } });
    await idle();
    await supporterSocket.next((m) => m.type === 'event' && m.room === conversation && JSON.stringify(m.event).includes(messageId));
    await supporterSocket.next((m) => m.type === 'event' && m.event.id === late);
    expect(await gotInRoom(formerSocket, conversation, messageId)).toBe(false);
    expect(await gotInRoom(formerSocket, request, late)).toBe(false);
    expect(supporterSocket.messages.some((m) => m.type === 'denied')).toBe(false);
  });
}

/** A member who takes back their consent ends their supporter's supervisor's live room of the conversation (audited once, at the join). */
async function takingBackConsent({ write, watch, idle }: Setup) {
  const supervisor = await buildUser(write, { roles: ['supervisor'] });
  const { supporter, member, mentorshipId } = await matchedPair(write);
  await assignSupervisor(write, supporter, supervisor);
  const consent = (grant: boolean) => member.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, grant ? { grant, days: 2 } : { grant });
  expect((await consent(true)).statusCode).toBe(200);
  const room = `mentorship:${mentorshipId}`;
  const openings = async () => ((await member.client.get('/api/me/audit')).json().entries as { action: string }[]).filter((e) => e.action === 'mentoring.conversation_opened').length;
  await withSockets(async (open) => {
    const [watching, own] = [await open(watch, supervisor.client), await open(watch, member.client)];
    expect(await watching.subscribe(room)).toMatchObject({ type: 'subscribed' });
    expect(await own.subscribe(room)).toMatchObject({ type: 'subscribed' });
    expect(await openings()).toBe(1);
    // Consent given again (for longer): the room is checked again, and the supervisor stays, with
    // no second "opened your conversation" in the member's audit log (joining was the opening).
    expect((await consent(true)).statusCode).toBe(200);
    await idle();
    await heard(write, watching, supervisor.id);
    await watch.kindred.realtime.roomRechecksDone();
    expect(await openings()).toBe(1);
    expect(watching.messages.some((m) => m.type === 'denied')).toBe(false);

    expect((await consent(false)).statusCode).toBe(200);
    await idle();
    await watching.next(deniedNow(room));

    const said = await supporter.client.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'How did the interview go?', clientId: randomUUID() });
    expect(said.statusCode).toBe(201);
    const messageId = (said.json() as { message: { id: string } }).message.id;
    await idle();
    await own.next((m) => m.type === 'event' && m.room === room && JSON.stringify(m.event).includes(messageId));
    expect(await gotInRoom(watching, room, messageId)).toBe(false);
    expect(own.messages.some((m) => m.type === 'denied')).toBe(false);
  });
}

/** Whether an event for `room` published now reaches `kept` and not `gone` (the room's next message, as any instance's outbox publishes it). */
async function nextEventReachesOnly(setup: Setup, room: string, kept: { socket: TestSocket; userId: string }, gone: { socket: TestSocket; userId: string }): Promise<void> {
  const id = newId();
  await setup.write.kindred.bus.publish({ id, type: 'circle.message_created', occurredAt: new Date().toISOString(), rooms: [room], data: {} });
  await kept.socket.next((m) => m.type === 'event' && m.event.id === id);
  await heard(setup.write, gone.socket, gone.userId);
  expect(await gotInRoom(gone.socket, room, id)).toBe(false);
  expect(kept.socket.messages.some((m) => m.type === 'denied')).toBe(false);
}

/** Someone the owner removes from a circle leaves its live room; the owner stays. */
async function removingFromACircle(setup: Setup) {
  const { write, watch, idle } = setup;
  const [owner, friend] = await Promise.all([buildUser(write), buildUser(write)]);
  const circle = await owner.client.post('/api/circles', { name: 'Close friends' });
  expect(circle.statusCode).toBe(201);
  const circleId = (circle.json() as { id: string }).id;
  const invitation = await owner.client.post(`/api/circles/${circleId}/invitations`, {});
  expect((await friend.client.post('/api/circle-invitations/accept', { token: (invitation.json() as { token: string }).token })).statusCode).toBe(200);
  const room = `circle:${circleId}`;
  await withSockets(async (open) => {
    const [own, other] = [await open(watch, owner.client), await open(watch, friend.client)];
    for (const socket of [own, other]) expect(await socket.subscribe(room)).toMatchObject({ type: 'subscribed' });
    expect((await owner.client.delete(`/api/circles/${circleId}/members/${friend.id}`)).statusCode).toBe(200);
    await idle();
    await other.next(deniedNow(room));
    await nextEventReachesOnly(setup, room, { socket: own, userId: owner.id }, { socket: other, userId: friend.id });
  });
}

/** A group's agreement changed: a member who has not accepted the new version leaves its live room; its facilitator stays. */
async function changingAGroupAgreement(setup: Setup) {
  const { write, watch, idle } = setup;
  const admin = await ensureAdmin(write);
  const [facilitator, member] = await Promise.all([buildUser(write, { roles: ['facilitator'] }), buildUser(write)]);
  const agreement = 'What is said in the group stays in the group. We listen with respect and give no advice unless asked.';
  const org = (await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' })).json() as { id: string };
  const program = (await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: 'open' })).json() as { id: string };
  const created = await admin.client.post(`/api/programs/${program.id}/groups`, { name: 'Thursday group', description: 'Anxiety, Thursday evenings.', timeZone: 'Europe/London', agreement, facilitatorIds: [facilitator.id] });
  expect(created.statusCode).toBe(201);
  const groupId = (created.json() as { id: string }).id;
  expect((await member.client.post(`/api/programs/${program.id}/join`, {})).statusCode).toBe(200);
  expect((await member.client.post(`/api/groups/${groupId}/join`, { agreementVersion: 1 })).statusCode).toBe(200);
  const room = `group:${groupId}`;
  await withSockets(async (open) => {
    const [leading, taking] = [await open(watch, facilitator.client), await open(watch, member.client)];
    for (const socket of [leading, taking]) expect(await socket.subscribe(room)).toMatchObject({ type: 'subscribed' });
    expect((await admin.client.patch(`/api/groups/${groupId}`, { agreement: `${agreement} Phones on silent.` })).statusCode).toBe(200);
    await idle();
    await taking.next(deniedNow(room));
    await nextEventReachesOnly(setup, room, { socket: leading, userId: facilitator.id }, { socket: taking, userId: member.id });
  });
}

/** A space made program-only: a reader outside the program leaves its live room; a program member stays. */
async function narrowingASpace(setup: Setup) {
  const { write, watch, idle } = setup;
  const admin = await ensureAdmin(write);
  const { stayer, programId, spaceId } = await programSpace(write);
  const outsider = await buildUser(write);
  expect((await admin.client.patch(`/api/admin/spaces/${spaceId}`, { visibility: 'members', programId: null })).statusCode).toBe(200);
  await idle();
  const room = `space:${spaceId}`;
  await withSockets(async (open) => {
    const [member, other] = [await open(watch, stayer.client), await open(watch, outsider.client)];
    for (const socket of [member, other]) expect(await socket.subscribe(room)).toMatchObject({ type: 'subscribed' });
    expect((await admin.client.patch(`/api/admin/spaces/${spaceId}`, { visibility: 'program', programId })).statusCode).toBe(200);
    await idle();
    await other.next(deniedNow(room));
    await nextEventReachesOnly(setup, room, { socket: member, userId: stayer.id }, { socket: other, userId: outsider.id });
  });
}

const scenarios = {
  leavingAProgram,
  hidingAThread,
  holdingAnEditedThread,
  erasingAThreadsAuthor,
  goingOffDuty,
  replacingASupervisor,
  takingBackConsent,
  removingFromACircle,
  changingAGroupAgreement,
  narrowingASpace,
};

/** The events that tell an instance a room may have been taken from someone (app.ts): what a lost-event scenario loses. */
const ROOM_CHANGES = new Set(['group.changed', 'circle.changed', 'mentoring.supervisor_access_changed', 'account.roles_changed', SPACES_CHANGED, THREADS_NARROWED, PROGRAM_LEFT, DUTY_ENDED, SUPERVISOR_REPLACED]);

/** The in-process bus, but the events `lost` picks never reach this instance's subscribers (a Redis subscription reconnecting, a push the outbox dropped). */
class LossyBus extends InProcessBus {
  constructor(private readonly lost: (event: BusEvent) => boolean) {
    super();
  }
  override async publish(event: BusEvent): Promise<void> {
    if (!this.lost(event)) await super.publish(event);
  }
}

/**
 * Every change that takes a room from someone ends their live subscription to it, told with
 * `denied` / 'no longer allowed', and nothing of that room reaches them afterwards (ADR 036,
 * amendment "rooms rechecked on every change"). Real app, real sockets; with TEST_REDIS_URL also
 * across two instances (the change made on A, the sockets on B).
 */
describe.each(testDatabases)('room rechecks on $name', (database) => {
  const t = useTestApp(database);

  for (const [name, scenario] of Object.entries(scenarios)) {
    it(name, async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      await scenario({ write: t.app, watch: t.app, idle: () => t.app.kindred.dispatcher.idle() });
    });
  }

  // Last in the file: it moves the app's clock on by days.
  it('a supervisor whose consent grant expired leaves the conversation at the next periodic recheck; the participants stay', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const { supporter, member, mentorshipId } = await matchedPair(t.app);
    await assignSupervisor(t.app, supporter, supervisor);
    expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, { grant: true, days: 1 })).statusCode).toBe(200);
    const room = `mentorship:${mentorshipId}`;
    await withSockets(async (open) => {
      const [watching, own] = [await open(t.app, supervisor.client), await open(t.app, member.client)];
      for (const socket of [watching, own]) expect(await socket.subscribe(room)).toMatchObject({ type: 'subscribed' });
      // Still current: the minute's recheck keeps them.
      await t.app.kindred.realtime.recheckSessions();
      await t.app.kindred.realtime.roomRechecksDone();
      expect(watching.messages.some((m) => m.type === 'denied')).toBe(false);

      t.clock.advance(25 * 3_600_000);
      await t.app.kindred.realtime.recheckSessions();
      await watching.next(deniedNow(room));
      await t.app.kindred.realtime.roomRechecksDone();
      const said = await supporter.client.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'Checking in after the weekend.', clientId: randomUUID() });
      expect(said.statusCode).toBe(201);
      const messageId = (said.json() as { message: { id: string } }).message.id;
      await t.app.kindred.dispatcher.idle();
      await own.next((m) => m.type === 'event' && m.room === room && JSON.stringify(m.event).includes(messageId));
      expect(await gotInRoom(watching, room, messageId)).toBe(false);
      expect(own.messages.some((m) => m.type === 'denied')).toBe(false);
    });
  });
});

/**
 * The same changes with their events lost (never heard by the instance holding the sockets): the
 * minute's recheck of every open room (ADR 036, amendment "every room read again each minute")
 * ends the rooms at its next tick, which the scenarios trigger as the app's timer would.
 */
describe.each(testDatabases)('room rechecks with the change\'s event lost, on $name', (database) => {
  const bus = new LossyBus((event) => ROOM_CHANGES.has(event.type));
  const t = useTestApp(database, { bus });

  for (const [name, scenario] of Object.entries(scenarios)) {
    it(name, async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const idle = async () => {
        await t.app.kindred.dispatcher.idle();
        await t.app.kindred.realtime.roomRechecksDone();
        await t.app.kindred.realtime.recheckSessions();
      };
      await scenario({ write: t.app, watch: t.app, idle });
    });
  }
});

describe.skipIf(!redisUrl).each(testDatabases)('room rechecks across two instances over Redis on $name', (database) => {
  it('every change made on A ends the rooms concerned on B', async () => {
    const { a, b, close } = await buildTwoInstances(database, redisUrl!, 'room-rechecks');
    try {
      await b.app.listen({ port: 0, host: '127.0.0.1' });
      const idle = async () => {
        await a.app.kindred.dispatcher.idle();
        await b.app.kindred.dispatcher.idle();
      };
      for (const scenario of Object.values(scenarios)) await scenario({ write: a.app, watch: b.app, idle });
    } finally {
      await close();
    }
  });
});

/**
 * The writer's own space change (ADR 062): A writes and does not dispatch, B dispatches, so the
 * event may reach A before A's commit hooks ran (its COMMIT answer slower than B's dispatch), or
 * with no hook ever running (the answer lost). A's room check of the space must read it as it is
 * now in every order: an outsider subscribed to a space just made program-only loses the room.
 */
async function writerAndDispatcher(database: TestDatabase, redis: string | undefined): Promise<{ a: KindredApp; b: KindredApp; close(): Promise<void> }> {
  const { a, b, close } = await buildTwoInstances(database, redis, 'own-space-recheck', { a: { dispatchEvents: false } });
  return { a: a.app, b: b.app, close };
}

function ownSpaceChange(redis: string | undefined) {
  return (database: TestDatabase) => {
    const orders = { 'normal order': 'normal', 'the event heard before the writer\'s commit hooks ran': 'heard', 'the COMMIT stored, its answer lost': 'lost' } as const;
    for (const [name, order] of Object.entries(orders)) {
      it(`the writer's room check of a space made program-only ends an outsider's room: ${name}`, async () => {
        const p = await writerAndDispatcher(database, redis);
        try {
          await p.a.listen({ port: 0, host: '127.0.0.1' });
          const admin = await ensureAdmin(p.a);
          const { stayer, programId, spaceId } = await programSpace(p.a);
          const outsider = await buildUser(p.a);
          expect((await admin.client.patch(`/api/admin/spaces/${spaceId}`, { visibility: 'members', programId: null })).statusCode).toBe(200);
          await p.b.kindred.dispatcher.idle();
          const gate = holdAfterCommit(p.a, p.b.kindred.dispatcher);
          const room = `space:${spaceId}`;
          await withSockets(async (open) => {
            const other = await open(p.a, outsider.client);
            // Also fills A's space cache with the space open to members.
            expect(await other.subscribe(room)).toMatchObject({ type: 'subscribed' });
            if (order === 'heard') gate.heardFirst(SPACES_CHANGED);
            if (order === 'lost') gate.lost();
            const res = await admin.client.patch(`/api/admin/spaces/${spaceId}`, { visibility: 'program', programId });
            expect(res.statusCode).toBe(order === 'lost' ? 500 : 200);
            await p.b.kindred.dispatcher.idle();
            await heard(p.b, other, outsider.id);
            await p.a.kindred.realtime.roomRechecksDone();
            expect((await drained(other)).some(deniedNow(room))).toBe(true);
            const fresh = await stayer.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'story', title: 'Only for the program', body: 'Program members only.' });
            expect(fresh.statusCode).toBe(201);
            await p.b.kindred.dispatcher.idle();
            await heard(p.b, other, outsider.id);
            expect(await gotInRoom(other, room, 'Only for the program')).toBe(false);
          });
          gate.restore();
        } finally {
          await p.close();
        }
      });
    }
  };
}

describe.each(testDatabases)('room rechecks of the writer\'s own space change, two instances on one in-process bus, on $name', (database) => ownSpaceChange(undefined)(database));

describe.skipIf(!redisUrl).each(testDatabases)('room rechecks of the writer\'s own space change, two instances over Redis, on $name', (database) => ownSpaceChange(redisUrl)(database));
