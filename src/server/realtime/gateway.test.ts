import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../contracts/events.js';
import { buildTestApp } from '../../../test/app.js';
import { testDatabases } from '../../../test/databases.js';
import { buildUser, ensureAdmin } from '../../../test/factories.js';
import { TestSocket } from '../../../test/realtime.js';
import { createBus, type BusEvent } from '../platform/bus.js';
import { newId } from '../platform/ids.js';
import { CORK_FLUSH_BYTES, MAX_BUFFERED_BYTES, SLOW_CONSUMER_CLOSE } from './gateway.js';

const redisUrl = process.env.TEST_REDIS_URL;

/** The reaction count carried by a `community.reactions_changed` message: the storm's sequence number. */
function seqOf(m: ServerMessage): number | null {
  return m.type === 'event' && m.event.type === 'community.reactions_changed' ? (m.event.data as { reactions: { relate: number } }).reactions.relate : null;
}

/**
 * What the server hands each accepted TCP socket to write, one entry per write: a write the kernel
 * is given at once, or several chunks corked together (Node's `_write` / `_writev`).
 */
function recordWrites(server: import('node:http').Server): string[] {
  const writes: string[] = [];
  server.on('connection', (tcp: Socket) => {
    const raw = tcp as unknown as { _write: (chunk: Buffer, enc: string, cb: () => void) => void; _writev: (chunks: { chunk: Buffer }[], cb: () => void) => void };
    const write = raw._write.bind(tcp);
    const writev = raw._writev.bind(tcp);
    raw._write = (chunk, enc, cb) => (writes.push(Buffer.from(chunk).toString('latin1')), write(chunk, enc, cb));
    raw._writev = (chunks, cb) => (writes.push(chunks.map((c) => Buffer.from(c.chunk).toString('latin1')).join('')), writev(chunks, cb));
  });
  return writes;
}

/**
 * Bounded send buffers, on the real app listening on a real port, with real WebSocket clients
 * (and events crossing Redis when TEST_REDIS_URL is set, as between instances).
 */
describe.each(testDatabases)(`realtime gateway on $name${redisUrl ? ' with a Redis bus' : ''}`, (database) => {
  it('closes a socket that stops reading once its send buffer is over the bound; the others in the room get every event, in order', async () => {
    const bus = redisUrl ? await createBus(redisUrl, `kindred:test:gateway:${newId()}`) : undefined;
    const metricsToken = 'gateway-test-metrics-token-0123456789';
    const t = await buildTestApp(database, { config: { metricsToken }, ...(bus ? { bus } : {}) });
    const sockets: TestSocket[] = [];
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const author = await buildUser(t.app);
      const space = (await author.client.get('/api/spaces')).json().spaces[0].id as string;
      const opened = (await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'A busy evening', body: 'Many people are reading this one.' })).json();
      const threadId = opened.thread.id as string;
      const room = `thread:${threadId}`;

      // Two readers who keep up, and one whose tab froze: it stops reading from the network.
      const readers = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app)]);
      for (const r of readers) sockets.push(await TestSocket.open(t.app, r.client));
      const [fastA, fastB, slow] = sockets as [TestSocket, TestSocket, TestSocket];
      const fast = [fastA, fastB];
      for (const s of sockets) expect(await s.subscribe(room)).toMatchObject({ type: 'subscribed' });
      let slowBytes = 0;
      slow.ws.on('message', (raw: Buffer) => (slowBytes += raw.length));
      slow.ws.pause();

      // A real reply first, through the outbox like every event.
      const replier = await buildUser(t.app);
      const first = await replier.client.post(`/api/threads/${threadId}/posts`, { body: 'I am here too, reading along.' });
      expect(first.statusCode).toBe(201);
      await t.app.kindred.dispatcher.idle();
      for (const s of fast) await s.next((m) => m.type === 'event' && m.event.type === 'community.post_created');

      // Then a storm of reaction counts on the bus (as the outbox of any instance publishes them),
      // in batches: the readers who keep up read each batch before the next, as a live tab does;
      // the frozen one reads nothing, so its queue grows until it passes the bound.
      let seq = 0;
      const storm = async (n: number) => {
        const from = fast.map((s) => s.messages.length);
        const batch = Array.from({ length: n }, () => {
          seq += 1;
          return t.app.kindred.bus.publish({
            id: newId(),
            type: 'community.reactions_changed',
            occurredAt: new Date().toISOString(),
            rooms: [room],
            data: { threadId, postId: opened.post.id, reactions: { relate: seq, strength: 0, helped: 0 } },
          });
        });
        await Promise.all(batch);
        const last = seq;
        await Promise.all(fast.map((s, i) => s.next((m) => seqOf(m) === last, 10_000, from[i])));
      };
      // The kernel takes a few MB first (loopback buffers); the cap only stops a broken test.
      while (t.app.kindred.realtime.slowConsumersClosed === 0) {
        if (seq > 200_000) throw new Error(`the frozen socket was never closed after ${seq} events`);
        await storm(500);
      }
      const closedAfter = seq;
      // Life goes on for the others: more of the storm, and a real reply.
      await storm(500);
      const second = await replier.client.post(`/api/threads/${threadId}/posts`, { body: 'Thank you all for being here tonight.' });
      expect(second.statusCode).toBe(201);
      await t.app.kindred.dispatcher.idle();
      const secondId = second.json().post.id as string;
      for (const s of fast) await s.next((m) => m.type === 'event' && m.event.type === 'community.post_created' && (m.event.data as { post: { id: string } }).post.id === secondId);

      // Every event reached each reader who kept up, once and in order, the replies where they belong.
      const all = Array.from({ length: seq }, (_, i) => i + 1);
      for (const s of fast) {
        const events = s.messages.filter((m) => m.type === 'event' && m.room === room);
        expect(events.map(seqOf).filter((n) => n !== null)).toEqual(all);
        const posts = events.flatMap((m, i) => (m.type === 'event' && m.event.type === 'community.post_created' ? [i] : []));
        const storm = events.flatMap((m, i) => (seqOf(m) !== null ? [i] : []));
        expect(posts).toHaveLength(2);
        expect(posts[0]).toBeLessThan(storm[0]!);
        expect(posts[1]).toBeGreaterThan(storm.at(-1)!);
        expect(s.ws.readyState).toBe(s.ws.OPEN);
      }

      // The frozen tab wakes up: what was queued before the close arrives in order, then the close
      // code that tells the web client to reconnect and refetch.
      const closed = new Promise<{ code: number; reason: string }>((resolve) => slow.ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
      slow.ws.resume();
      expect(await closed).toEqual({ code: SLOW_CONSUMER_CLOSE.code, reason: SLOW_CONSUMER_CLOSE.reason });
      const got = slow.messages.map(seqOf).filter((n) => n !== null);
      expect(got).toEqual(all.slice(0, got.length));
      // Closed for being over the bound, not before it; and nothing was queued for it after that.
      expect(slowBytes).toBeGreaterThan(MAX_BUFFERED_BYTES);
      expect(got.length).toBeLessThan(closedAfter);
      // Operators see it: the counter on /metrics.
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
      expect(metrics.body).toMatch(/^kindred_websocket_slow_closed_total 1$/m);
    } finally {
      for (const s of sockets) s.ws.terminate();
      await t.close();
      await bus?.close();
    }
  });

  it('a socket in several rooms of one event gets it once, and once only when the same event id arrives again', async () => {
    const bus = redisUrl ? await createBus(redisUrl, `kindred:test:gateway:${newId()}`) : undefined;
    const t = await buildTestApp(database, { ...(bus ? { bus } : {}) });
    let socket: TestSocket | undefined;
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const author = await buildUser(t.app);
      const space = (await author.client.get('/api/spaces')).json().spaces[0].id as string;
      const opened = (await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'My own thread', body: 'Reading my own thread live.' })).json();
      const room = `thread:${opened.thread.id as string}`;
      socket = await TestSocket.open(t.app, author.client);
      expect(await socket.subscribe(room)).toMatchObject({ type: 'subscribed' });

      // A real reply by someone else: its notification and thread events reach the author.
      const replier = await buildUser(t.app);
      expect((await replier.client.post(`/api/threads/${opened.thread.id as string}/posts`, { body: 'You are not alone in this.' })).statusCode).toBe(201);
      await t.app.kindred.dispatcher.idle();
      await socket.next((m) => m.type === 'event' && m.event.type === 'community.post_created');

      // One event for the author's own room and the thread they are reading, published twice (a
      // publish that timed out yet reached Redis is published again by the outbox, ADR 033).
      const event = {
        id: newId(),
        type: 'community.reactions_changed',
        occurredAt: new Date().toISOString(),
        rooms: [room, `user:${author.id}`],
        data: { threadId: opened.thread.id, postId: opened.post.id, reactions: { relate: 7, strength: 0, helped: 0 } },
      };
      await t.app.kindred.bus.publish(event);
      await t.app.kindred.bus.publish(event);
      // A last event after them: once it is here, the ones before it are too (one connection, in order).
      const last = { ...event, id: newId(), rooms: [`user:${author.id}`], data: { ...event.data, reactions: { relate: 8, strength: 0, helped: 0 } } };
      await t.app.kindred.bus.publish(last);
      await socket.next((m) => m.type === 'event' && m.event.id === last.id);
      const frames = socket.messages.filter((m) => m.type === 'event' && m.event.id === event.id);
      expect(frames).toHaveLength(1);
      // The frame names a room of the event the socket is in.
      expect(frames[0]).toMatchObject({ type: 'event', room, event: { id: event.id, type: 'community.reactions_changed' } });
      // No event id reached this socket twice.
      const ids = socket.messages.flatMap((m) => (m.type === 'event' ? [m.event.id] : []));
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      socket?.ws.terminate();
      await t.close();
      await bus?.close();
    }
  });
  // The in-process bus here, whatever TEST_REDIS_URL says: what is measured is how the gateway
  // writes the events it is handed together, not how they travel between instances.
  it("a reply reaches each watcher as one event carrying the thread's counts; a turn's events leave in one write; a burst bigger than the bound, in one turn, still reaches a socket that keeps up", async () => {
    const t = await buildTestApp(database);
    const sockets: TestSocket[] = [];
    try {
      const writes = recordWrites(t.app.server);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const author = await buildUser(t.app);
      const space = (await author.client.get('/api/spaces')).json().spaces[0].id as string;
      const opened = (await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Watched live', body: 'Two people have this thread open.' })).json();
      const threadId = opened.thread.id as string;
      const room = `thread:${threadId}`;
      const readers = await Promise.all([buildUser(t.app), buildUser(t.app)]);
      for (const r of readers) sockets.push(await TestSocket.open(t.app, r.client));
      for (const s of sockets) expect(await s.subscribe(room)).toMatchObject({ type: 'subscribed' });
      const lister = await TestSocket.open(t.app, (await buildUser(t.app)).client);
      sockets.push(lister);
      expect(await lister.subscribe(`space:${space}`)).toMatchObject({ type: 'subscribed' });
      await t.app.kindred.dispatcher.idle();

      // A reply: its thread's watchers get one event, the post with the thread's new counts (ADR 059).
      const reply = await (await buildUser(t.app)).client.post(`/api/threads/${threadId}/posts`, { body: 'Reading along with you tonight.' });
      expect(reply.statusCode).toBe(201);
      const postId = reply.json().post.id as string;
      await t.app.kindred.dispatcher.idle();
      const stored = await t.app.kindred.database.db.selectFrom('threads').select(['reply_count', 'reaction_count', 'last_activity_at']).where('id', '=', threadId).executeTakeFirstOrThrow();
      // Published after everything the reply emitted: what a socket got before it is all it gets.
      const marker = { id: newId(), type: 'community.reactions_changed', occurredAt: new Date().toISOString(), rooms: [room, `space:${space}`], data: { threadId, postId, reactions: { relate: 0, strength: 0, helped: 0 } } };
      await t.app.kindred.bus.publish(marker);
      for (const s of sockets) await s.next((m) => m.type === 'event' && m.event.id === marker.id);
      for (const s of sockets.slice(0, 2)) {
        const events = s.messages.flatMap((m) => (m.type === 'event' && m.event.id !== marker.id ? [m.event] : []));
        expect(events.map((e) => e.type)).toEqual(['community.post_created']);
        expect(events[0]!.data).toMatchObject({ threadId, post: { id: postId }, replyCount: stored.reply_count, reactionCount: stored.reaction_count, lastActivityAt: stored.last_activity_at });
      }
      // The space's lists: the counts alone, once.
      const listed = lister.messages.flatMap((m) => (m.type === 'event' && m.event.id !== marker.id ? [m.event] : []));
      expect(listed.map((e) => [e.type, e.data])).toEqual([['community.thread_activity', { threadId, spaceId: space, replyCount: stored.reply_count, reactionCount: stored.reaction_count, lastActivityAt: stored.last_activity_at }]]);
      expect(writes.filter((w) => w.includes(`"id":"${postId}"`))).toHaveLength(2);

      // Two events published in one turn reach each watcher in one write (ADR 056).
      const pair = [0, 1].map((i) => ({ id: newId(), type: 'community.reactions_changed', occurredAt: new Date().toISOString(), rooms: [room], data: { threadId, postId, reactions: { relate: 10 + i, strength: 0, helped: 0 } } }));
      await Promise.all(pair.map((e) => t.app.kindred.bus.publish(e)));
      for (const s of sockets.slice(0, 2)) await s.next((m) => m.type === 'event' && m.event.id === pair[1]!.id);
      const withFirst = writes.filter((w) => w.includes('"relate":10,'));
      expect(withFirst).toHaveLength(2);
      for (const w of withFirst) expect(w).toContain('"relate":11,');

      // Events held back for one write count against the bound, so they are written as soon as a
      // socket holds CORK_FLUSH_BYTES: a burst of more than MAX_BUFFERED_BYTES in one turn (the
      // kernel takes it) does not close a reader that keeps up as if it were slow.
      const [reader] = sockets as [TestSocket];
      const filler = 'x'.repeat(16 * 1024);
      const n = Math.ceil((MAX_BUFFERED_BYTES * 1.25) / filler.length);
      expect(filler.length * n).toBeGreaterThan(MAX_BUFFERED_BYTES + CORK_FLUSH_BYTES);
      const burst = Array.from({ length: n }, (_, i) => ({ id: newId(), type: 'community.reactions_changed', occurredAt: new Date().toISOString(), rooms: [room], data: { threadId, postId, reactions: { relate: i + 1, strength: 0, helped: 0 }, filler } }));
      const before = reader.messages.length;
      // One turn: the in-process bus hands each event to the gateway as it is published.
      await Promise.all(burst.map((e) => t.app.kindred.bus.publish(e)));
      expect(t.app.kindred.realtime.slowConsumersClosed).toBe(0);
      await reader.next((m) => m.type === 'event' && m.event.id === burst.at(-1)!.id, 10_000);
      expect(reader.messages.slice(before).map(seqOf).filter((x) => x !== null)).toEqual(burst.map((_, i) => i + 1));
      expect(reader.ws.readyState).toBe(reader.ws.OPEN);
    } finally {
      for (const s of sockets) s.ws.terminate();
      await t.close();
    }
  });
  it('a roles change heard late or twice never gives back a revoked role: the roles come from the database', async () => {
    const bus = redisUrl ? await createBus(redisUrl, `kindred:test:gateway:${newId()}`) : undefined;
    const t = await buildTestApp(database, { ...(bus ? { bus } : {}) });
    const heard: BusEvent[] = [];
    t.app.kindred.bus.subscribe((e) => void heard.push(e));
    let socket: TestSocket | undefined;
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const admin = await ensureAdmin(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      await t.app.kindred.dispatcher.idle();
      // Published once idle; heard here once the bus delivers it (over Redis, a moment later).
      const grant = await vi.waitFor(
        () => {
          const event = heard.find((e) => e.type === 'account.roles_changed' && (e.data as { userId: string }).userId === supervisor.id);
          expect(event?.data).toMatchObject({ roles: expect.arrayContaining(['supervisor']) });
          return event!;
        },
        { timeout: 10_000, interval: 20 },
      );
      socket = await TestSocket.open(t.app, supervisor.client);
      expect(await socket.subscribe('safety:all')).toMatchObject({ type: 'subscribed' });

      // An admin revokes the role: the live socket loses the room.
      await t.app.kindred.accounts.setRoles(admin.actor, supervisor.id, ['member']);
      await t.app.kindred.dispatcher.idle();
      await vi.waitFor(async () => expect(await socket!.subscribe('safety:all')).toMatchObject({ type: 'denied' }), { timeout: 10_000, interval: 50 });

      // The grant is heard again (a publish that timed out yet reached Redis, published again; or
      // an older event retried after the newer one), then a marker: once the marker is here, the
      // grant was handled (one bus connection, in order).
      await t.app.kindred.bus.publish(grant);
      const marker = { id: newId(), type: 'notification.created', occurredAt: new Date().toISOString(), rooms: [`user:${supervisor.id}`], data: {} };
      await t.app.kindred.bus.publish(marker);
      await socket.next((m) => m.type === 'event' && m.event.id === marker.id);
      expect(await socket.subscribe('safety:all')).toMatchObject({ type: 'denied' });
      // It was told when it lost the room, as at any recheck.
      expect(socket.messages).toContainEqual({ type: 'denied', room: 'safety:all', reason: 'no longer allowed' });
      // A new grant, read from the database, still takes effect.
      await t.app.kindred.accounts.setRoles(admin.actor, supervisor.id, ['member', 'supervisor']);
      await t.app.kindred.dispatcher.idle();
      await vi.waitFor(async () => expect(await socket!.subscribe('safety:all')).toMatchObject({ type: 'subscribed' }), { timeout: 10_000, interval: 50 });
    } finally {
      socket?.ws.terminate();
      await t.close();
      await bus?.close();
    }
  });
});
