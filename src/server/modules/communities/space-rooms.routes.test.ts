import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../contracts/events.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import { buildTwoInstances } from '../../../../test/two-instances.js';
import type { KindredApp } from '../../app.js';

const redisUrl = process.env.TEST_REDIS_URL;

async function spaceWithThread(admin: BuiltUser, member: BuiltUser) {
  const created = await admin.client.post('/api/admin/spaces', { slug: 'night-shifts', name: 'Night shifts', description: 'Working nights.', houseRules: 'Be kind.' });
  expect(created.statusCode).toBe(201);
  const spaceId = (created.json() as { id: string }).id;
  const th = await member.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'story', title: 'Sleeping in the day', body: 'Blackout curtains helped me a lot.' });
  expect(th.statusCode).toBe(201);
  return { spaceId, threadId: (th.json() as { thread: { id: string } }).thread.id };
}

const isEvent = (type: string) => (m: ServerMessage) => m.type === 'event' && m.event.type === type;

/** Everything the server sent this socket before a ping it sent now (the server answers in order). */
async function drained(socket: TestSocket): Promise<string> {
  const from = socket.messages.length;
  socket.send({ type: 'ping' });
  await socket.next((m) => m.type === 'pong', 5000, from);
  return JSON.stringify(socket.messages);
}

/**
 * Live rooms follow a space's visibility: when a space is made program-only, sockets of people
 * outside the program leave its room and its threads' rooms, on every instance, and members of the
 * program keep them.
 */
async function makeProgramOnlyWhileWatched(o: { admin: BuiltUser; member: BuiltUser; outsider: BuiltUser; writeOn: KindredApp; watchOn: KindredApp; idle: () => Promise<void> }) {
  const { spaceId, threadId } = await spaceWithThread(o.admin, o.member);
  const program = (await o.admin.client.post('/api/admin/programs', { name: 'Night workers' })).json() as { id: string };
  expect((await o.admin.client.post(`/api/admin/programs/${program.id}/members`, { userId: o.member.id })).statusCode).toBe(201);
  await o.watchOn.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
  const memberSocket = await TestSocket.open(o.watchOn, o.member.client);
  const outsiderSocket = await TestSocket.open(o.watchOn, o.outsider.client);
  try {
    for (const socket of [memberSocket, outsiderSocket]) {
      expect(await socket.subscribe(`space:${spaceId}`)).toMatchObject({ type: 'subscribed' });
      expect(await socket.subscribe(`thread:${threadId}`)).toMatchObject({ type: 'subscribed' });
    }
    expect((await o.admin.client.patch(`/api/admin/spaces/${spaceId}`, { visibility: 'program', programId: program.id })).statusCode).toBe(200);
    await o.idle();
    // The outsider is told they left both rooms.
    await outsiderSocket.next((m) => m.type === 'denied' && m.room === `space:${spaceId}`);
    await outsiderSocket.next((m) => m.type === 'denied' && m.room === `thread:${threadId}`);

    const fresh = await o.member.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'story', title: 'Eating at 3am', body: 'Soup in a flask works for me.' });
    expect(fresh.statusCode).toBe(201);
    const freshId = (fresh.json() as { thread: { id: string } }).thread.id;
    const replied = await o.member.client.post(`/api/threads/${threadId}/posts`, { body: 'Earplugs too, the good foam ones.' });
    expect(replied.statusCode).toBe(201);
    const replyId = (replied.json() as { post: { id: string } }).post.id;
    await o.idle();
    await memberSocket.next((m) => isEvent('community.thread_created')(m) && JSON.stringify(m).includes(freshId));
    await memberSocket.next((m) => isEvent('community.post_created')(m) && JSON.stringify(m).includes(replyId));
    const seen = await drained(outsiderSocket);
    expect(seen).not.toContain(freshId);
    expect(seen).not.toContain(replyId);
    expect(seen).not.toContain('Eating at 3am');
    // And cannot join again.
    expect(await outsiderSocket.subscribe(`space:${spaceId}`)).toMatchObject({ type: 'denied' });
    expect(memberSocket.messages.some((m) => m.type === 'denied')).toBe(false);
  } finally {
    memberSocket.close();
    outsiderSocket.close();
  }
}

describe.each(testDatabases)('space rooms on $name', (database) => {
  const t = useTestApp(database);

  it('drops an outsider\'s socket from a space and its threads when the space is made program-only; a member\'s stays', async () => {
    const admin = await ensureAdmin(t.app);
    const member = await buildUser(t.app);
    const outsider = await buildUser(t.app);
    await makeProgramOnlyWhileWatched({ admin, member, outsider, writeOn: t.app, watchOn: t.app, idle: () => t.app.kindred.dispatcher.idle() });
  });
});

describe.skipIf(!redisUrl).each(testDatabases)('space rooms across two instances over Redis on $name', (database) => {
  it('drops the outsider\'s socket on the other instance too', async () => {
    const { a, b, close } = await buildTwoInstances(database, redisUrl!, 'space-rooms');
    try {
      const admin = await ensureAdmin(a.app);
      const member = await buildUser(a.app);
      const outsider = await buildUser(a.app);
      const idle = async () => {
        await a.app.kindred.dispatcher.idle();
        await b.app.kindred.dispatcher.idle();
      };
      await makeProgramOnlyWhileWatched({ admin, member, outsider, writeOn: a.app, watchOn: b.app, idle });
    } finally {
      await close();
    }
  });
});
