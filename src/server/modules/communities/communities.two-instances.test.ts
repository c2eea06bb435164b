import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import { buildTwoInstances } from '../../../../test/two-instances.js';

const redisUrl = process.env.TEST_REDIS_URL;

/**
 * Two app instances on one database, each with its own Redis bus connection (as two processes
 * behind a load balancer would be): a reply posted through A reaches a WebSocket held by B.
 * Needs a real Redis: CI sets TEST_REDIS_URL. Skipped (and said so) without it.
 */
describe.skipIf(!redisUrl).each(testDatabases)('community across two instances over Redis on $name', (database) => {
  it('delivers a reply posted on instance A to a socket on instance B, and its notification too; B\'s cached latest list shows it', async () => {
    const { a, b, close } = await buildTwoInstances(database, redisUrl!, 'community');
    let socket: TestSocket | null = null;
    try {
      await b.app.listen({ port: 0, host: '127.0.0.1' });
      const author = await buildUser(a.app);
      const replier = await buildUser(a.app);
      const space = (await author.client.get('/api/spaces')).json().spaces[0].id as string;
      const th = (await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Across two servers', body: 'Hello from instance A.' })).json();

      // The author's browser holds its socket on instance B (same session cookie, same database).
      socket = await TestSocket.open(b.app, author.client);
      expect(await socket.subscribe(`thread:${th.thread.id}`)).toMatchObject({ type: 'subscribed' });
      // B caches its latest list (ADR 015): the reply through A must empty it when its event arrives.
      const latestOnB = async () =>
        (await b.app.inject({ method: 'GET', url: '/api/threads?list=latest&limit=5', headers: { cookie: author.client.cookieHeader } })).json().threads as { id: string; replyCount: number }[];
      expect((await latestOnB()).find((t) => t.id === th.thread.id)?.replyCount).toBe(0);
      expect((await latestOnB()).find((t) => t.id === th.thread.id)?.replyCount).toBe(0);

      const reply = await replier.client.post(`/api/threads/${th.thread.id}/posts`, { body: 'A reply written on instance A.' });
      expect(reply.statusCode).toBe(201);
      await a.app.kindred.dispatcher.idle();
      const ev = await socket.next((m) => m.type === 'event' && m.event.type === 'community.post_created');
      expect(ev).toMatchObject({ room: `thread:${th.thread.id}`, event: { data: { post: { id: reply.json().post.id } } } });
      expect((await latestOnB()).find((t) => t.id === th.thread.id)?.replyCount).toBe(1);
      const note = await socket.next((m) => m.type === 'event' && m.event.type === 'notification.created');
      expect(note).toMatchObject({ room: `user:${author.id}`, event: { data: { notification: { kind: 'reply', actor: { handle: replier.handle } } } } });
    } finally {
      socket?.close();
      await close();
    }
  });
});
