import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent, ServerMessage } from '../../../contracts/events.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, programSpace, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket, deniedNow } from '../../../../test/realtime.js';
import { newId } from '../../platform/ids.js';
import { THREADS_NARROWED } from './communities.service.js';

/**
 * An account's erasure tells the rooms of what it changed (ADR 059, amendment 2026-11-28): every thread
 * whose readers had words of the erased person hears one `community.thread_changed` (`gone` for a thread
 * the erasure deleted), every space whose lists showed one of them one `community.space_lists_changed`,
 * and nothing names the person or carries their words. On real sockets, after the dispatcher is idle and
 * a marker published behind the erasure's events has reached each socket.
 */
describe.each(testDatabases)('an erasure tells the rooms it changed on $name', (database) => {
  const t = useTestApp(database);
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => {
    for (const s of sockets) s.ws.terminate();
  });

  async function ok<R extends { statusCode: number; body: string }>(res: R, status = 200): Promise<R> {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return res;
  }

  async function socketIn(who: BuiltUser, rooms: string[]): Promise<TestSocket> {
    const s = await TestSocket.open(t.app, who.client);
    sockets.push(s);
    for (const room of rooms) expect(await s.subscribe(room)).toMatchObject({ type: 'subscribed' });
    return s;
  }

  async function thread(author: BuiltUser, space: string, title: string, body: string, anonymous = false): Promise<{ threadId: string; openingId: string }> {
    const opened = (await ok(await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body, anonymous }), 201)).json();
    return { threadId: opened.thread.id as string, openingId: opened.post.id as string };
  }

  async function reply(who: BuiltUser, threadId: string, body: string, anonymous = false): Promise<string> {
    return (await ok(await who.client.post(`/api/threads/${threadId}/posts`, { body, anonymous }), 201)).json().post.id as string;
  }

  /**
   * The events each socket got in its rooms (`user:` rooms left out) for `write`: a marker is published
   * after the dispatcher is idle to a room of each socket's own, and what came before it is the write's
   * (one connection's frames arrive in the order the bus gave them).
   */
  async function heard(socketsAndUsers: [TestSocket, BuiltUser][], write: () => Promise<unknown>): Promise<RealtimeEvent[][]> {
    const from = socketsAndUsers.map(([s]) => s.messages.length);
    await write();
    await t.app.kindred.dispatcher.idle();
    const markers = socketsAndUsers.map(([, u]) => ({ id: newId(), type: 'community.space_lists_changed', occurredAt: new Date().toISOString(), rooms: [`user:${u.id}`], data: { spaceId: 'marker' } }));
    for (const m of markers) await t.app.kindred.bus.publish(m);
    return Promise.all(
      socketsAndUsers.map(async ([s], i) => {
        await s.next((m) => m.type === 'event' && m.event.id === markers[i]!.id, 5000, from[i]);
        return s.messages
          .slice(from[i])
          .filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && !m.room.startsWith('user:'))
          .map((m) => m.event);
      }),
    );
  }

  const publicSpace = async (who: BuiltUser) => ((await who.client.get('/api/spaces')).json().spaces as { id: string; allowAnonymous: boolean }[]).find((s) => s.allowAnonymous)!.id;

  it.each(['delete', 'anonymize'] as const)(
    'publicPosts %s: one event in each thread room their shown words were in (a thread deleted says gone), one in the space room; none names them or carries their words',
    async (publicPosts) => {
      const [leaving, other, watcher] = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app)]);
      const space = await publicSpace(watcher);
      const words = {
        alone: ['Quiet evenings ahead', 'Nobody else wrote here yet, just me.'],
        answered: ['Mornings with the dog', 'Walking helps me more than anything.'],
        replied: 'I walk at dawn too, it helps me a lot.',
        anonymous: 'Said without my name: the dark months are hard.',
        anonymousOnly: 'Also without my name: I keep a journal now.',
      };
      const alone = await thread(leaving, space, words.alone[0]!, words.alone[1]!);
      const answered = await thread(leaving, space, words.answered[0]!, words.answered[1]!);
      await reply(other, answered.threadId, 'Same for me, thank you for writing.');
      const elsewhere = await thread(other, space, 'Tea before bed', 'Anyone else find chamomile helps?');
      await reply(leaving, elsewhere.threadId, words.replied);
      await reply(leaving, elsewhere.threadId, words.anonymous, true);
      const untouched = await thread(other, space, 'Nothing of theirs here', 'Only my words in this one.');
      // Only an anonymous reply of theirs: `anonymize` keeps it as readers had it ("Anonymous member"),
      // so its room hears nothing (the event would tie it to their signed posts); `delete` takes it.
      const anonymousOnly = await thread(other, space, 'Journals and notebooks', 'Does anyone else write things down?');
      const anonymousReply = await reply(leaving, anonymousOnly.threadId, words.anonymousOnly, true);
      await t.app.kindred.dispatcher.idle();

      const rooms = [alone, answered, elsewhere, untouched, anonymousOnly].map((x) => `thread:${x.threadId}`);
      const inThreads = await socketIn(watcher, rooms);
      const inSpace = await socketIn(other, [`space:${space}`]);

      const [threadEvents, spaceEvents] = await heard(
        [
          [inThreads, watcher],
          [inSpace, other],
        ],
        async () => ok(await leaving.client.post('/api/me/erase', { password: leaving.password, publicPosts, confirm: 'DELETE' })),
      );
      const gone = publicPosts === 'delete';
      const byRoom = (inThreads.messages as ServerMessage[]).filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && threadEvents!.includes(m.event));
      expect(byRoom.map((m) => [m.room, m.event.type, m.event.data]).sort()).toEqual(
        [
          [`thread:${alone.threadId}`, 'community.thread_changed', { threadId: alone.threadId, spaceId: space, gone }],
          [`thread:${answered.threadId}`, 'community.thread_changed', { threadId: answered.threadId, spaceId: space, gone: false }],
          [`thread:${elsewhere.threadId}`, 'community.thread_changed', { threadId: elsewhere.threadId, spaceId: space, gone: false }],
          ...(gone ? [[`thread:${anonymousOnly.threadId}`, 'community.thread_changed', { threadId: anonymousOnly.threadId, spaceId: space, gone: false }]] : []),
        ].sort(),
      );
      expect(spaceEvents!.map((e) => [e.type, e.data])).toEqual([['community.space_lists_changed', { spaceId: space }]]);

      const frames = JSON.stringify([...threadEvents!, ...spaceEvents!]);
      for (const leak of [leaving.id, leaving.handle, ...words.alone, ...words.answered, words.replied, words.anonymous, words.anonymousOnly, anonymousReply]) expect(frames).not.toContain(leak);

      // What a refetch on those events finds: a thread deleted is not found, the others no longer carry them.
      expect((await watcher.client.get(`/api/threads/${alone.threadId}`)).statusCode).toBe(gone ? 404 : 200);
      const page = (await ok(await watcher.client.get(`/api/threads/${elsewhere.threadId}`))).body;
      expect(page).not.toContain(leaving.handle);
      if (gone) for (const w of [words.replied, words.anonymous]) expect(page).not.toContain(w);
      const kept = ((await ok(await watcher.client.get(`/api/threads/${anonymousOnly.threadId}`))).json().posts as { id: string; author: { label: string; user: unknown } }[]).find((p) => p.id === anonymousReply);
      if (gone) expect(kept).toBeUndefined();
      else expect(kept?.author).toMatchObject({ label: 'Anonymous member', user: null });
    },
  );

  it.each(['delete', 'anonymize'] as const)(
    "publicPosts %s: a thread where they only reacted hears one thread_changed and its space one space_lists_changed; the counts are recounted; a reaction to their own anonymous reply tells no room under anonymize",
    async (publicPosts) => {
      const [leaving, other, watcher] = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app)]);
      const space = await publicSpace(watcher);
      // They reacted here and wrote nothing: the opening post's count drops from 2 to 1 with the erasure.
      const reacted = await thread(other, space, 'Small kindnesses', 'Someone held the door for me today.');
      for (const who of [leaving, watcher]) await ok(await who.client.put(`/api/posts/${reacted.openingId}/reactions/relate`));
      // Their anonymous reply, and their reaction to it: under `anonymize` the reply stays as readers had it,
      // and a count dropping on it at the erasure would tie it to them.
      const ownAnonymous = await thread(other, space, 'Rainy walks', 'Anyone else like walking in the rain?');
      const anonymousReply = await reply(leaving, ownAnonymous.threadId, 'I do, it clears my head.', true);
      await ok(await leaving.client.put(`/api/posts/${anonymousReply}/reactions/strength`));
      await t.app.kindred.dispatcher.idle();
      const reactionCount = async (threadId: string) =>
        (await t.app.kindred.database.db.selectFrom('threads').select('reaction_count').where('id', '=', threadId).executeTakeFirstOrThrow()).reaction_count;
      expect(await reactionCount(reacted.threadId)).toBe(2);

      const inThreads = await socketIn(watcher, [`thread:${reacted.threadId}`, `thread:${ownAnonymous.threadId}`]);
      const inSpace = await socketIn(other, [`space:${space}`]);
      const [threadEvents, spaceEvents] = await heard(
        [
          [inThreads, watcher],
          [inSpace, other],
        ],
        async () => ok(await leaving.client.post('/api/me/erase', { password: leaving.password, publicPosts, confirm: 'DELETE' })),
      );
      // In any order (as JSON: a pair's object sorts as "[object Object]"; a thread whose words went is told first).
      expect(threadEvents!.map((e) => JSON.stringify([e.type, e.data])).sort()).toEqual(
        [
          ['community.thread_changed', { threadId: reacted.threadId, spaceId: space, gone: false }],
          // Under `delete` the anonymous reply goes: its thread hears it for the reply itself.
          ...(publicPosts === 'delete' ? [['community.thread_changed', { threadId: ownAnonymous.threadId, spaceId: space, gone: false }]] : []),
        ]
          .map((x) => JSON.stringify(x))
          .sort(),
      );
      expect(spaceEvents!.map((e) => [e.type, e.data])).toEqual([['community.space_lists_changed', { spaceId: space }]]);
      const frames = JSON.stringify([...threadEvents!, ...spaceEvents!]);
      for (const leak of [leaving.id, leaving.handle, reacted.openingId, anonymousReply]) expect(frames).not.toContain(leak);

      // What the refetch finds: the stored counts (lists) and the post's count (the page) without theirs.
      expect(await reactionCount(reacted.threadId)).toBe(1);
      const page = (await ok(await watcher.client.get(`/api/threads/${reacted.threadId}`))).json();
      expect(page.thread.reactionCount).toBe(1);
      expect((page.posts as { id: string; reactions: Record<string, number> }[]).find((p) => p.id === reacted.openingId)!.reactions).toEqual({ relate: 1, strength: 0, helped: 0 });
      const listed = ((await ok(await watcher.client.get(`/api/threads?list=latest&space=${space}&limit=50`))).json().threads as { id: string; reactionCount: number }[]).find((x) => x.id === reacted.threadId);
      expect(listed?.reactionCount).toBe(1);
      if (publicPosts === 'anonymize') {
        // The reaction went (a private thing); the count on the anonymous reply is recounted, unannounced.
        expect(await reactionCount(ownAnonymous.threadId)).toBe(0);
      }
    },
  );

  it("publicPosts anonymize: a thread holding their kept anonymous reply, or their anonymous opening post, hears nothing though they reacted to others' posts there; the counts are recounted", async () => {
    const [leaving, other, watcher] = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app)]);
    const space = await publicSpace(watcher);
    // Someone else's thread: their anonymous reply, their reaction to it and to the opening post.
    const withReply = await thread(other, space, 'Evening routines', 'What helps you wind down?');
    const anonymousReply = await reply(leaving, withReply.threadId, 'A warm drink and no screens.', true);
    await ok(await leaving.client.put(`/api/posts/${anonymousReply}/reactions/relate`));
    // The anonymous thread they started: their reaction to another's reply in it.
    const started = await thread(leaving, space, 'A quiet question', 'Does anyone else feel tired after good days?', true);
    const othersReply = await reply(other, started.threadId, 'Yes, all the time.');
    // Where they only reacted: told, as before.
    const onlyReacted = await thread(other, space, 'Garden news', 'The tomatoes finally came up.');
    for (const who of [leaving, watcher]) {
      await ok(await who.client.put(`/api/posts/${withReply.openingId}/reactions/relate`));
      await ok(await who.client.put(`/api/posts/${othersReply}/reactions/strength`));
      await ok(await who.client.put(`/api/posts/${onlyReacted.openingId}/reactions/relate`));
    }
    await t.app.kindred.dispatcher.idle();
    const reactionCount = async (threadId: string) =>
      (await t.app.kindred.database.db.selectFrom('threads').select('reaction_count').where('id', '=', threadId).executeTakeFirstOrThrow()).reaction_count;
    expect([await reactionCount(withReply.threadId), await reactionCount(started.threadId), await reactionCount(onlyReacted.threadId)]).toEqual([3, 2, 2]);

    const inThreads = await socketIn(watcher, [withReply.threadId, started.threadId, onlyReacted.threadId].map((id) => `thread:${id}`));
    const [threadEvents] = await heard([[inThreads, watcher]], async () =>
      ok(await leaving.client.post('/api/me/erase', { password: leaving.password, publicPosts: 'anonymize', confirm: 'DELETE' })),
    );
    expect(threadEvents!.map((e) => [e.type, e.data])).toEqual([['community.thread_changed', { threadId: onlyReacted.threadId, spaceId: space, gone: false }]]);
    // Recounted all the same, silently: lists and a later fetch have the right counts.
    expect([await reactionCount(withReply.threadId), await reactionCount(started.threadId), await reactionCount(onlyReacted.threadId)]).toEqual([1, 1, 1]);
    const postCounts = async (threadId: string) =>
      Object.fromEntries(((await ok(await watcher.client.get(`/api/threads/${threadId}`))).json().posts as { id: string; reactions: { relate: number; strength: number } }[]).map((p) => [p.id, p.reactions.relate + p.reactions.strength]));
    expect(await postCounts(withReply.threadId)).toEqual({ [withReply.openingId]: 1, [anonymousReply]: 0 });
    expect(await postCounts(started.threadId)).toEqual({ [started.openingId]: 0, [othersReply]: 1 });
  });

  it("a thread the erasure deletes: its watcher hears `gone` before the recheck takes them out of its room (the bus carries it before the narrowing)", async () => {
    const [leaving, watcher] = await Promise.all([buildUser(t.app), buildUser(t.app)]);
    const space = await publicSpace(watcher);
    const alone = await thread(leaving, space, 'Only mine', 'Nobody answered this one.');
    await t.app.kindred.dispatcher.idle();
    const room = `thread:${alone.threadId}`;
    const member = await socketIn(watcher, [room]);
    const onBus: string[] = [];
    const stop = t.app.kindred.bus.subscribe((e) => {
      const data = e.data as { threadId?: string; threadIds?: string[] } | null;
      if (data?.threadId === alone.threadId || data?.threadIds?.includes(alone.threadId)) onBus.push(e.type);
    });
    try {
      const from = member.messages.length;
      await ok(await leaving.client.post('/api/me/erase', { password: leaving.password, publicPosts: 'delete', confirm: 'DELETE' }));
      await member.next(deniedNow(room), 5000, from);
      // Everything the erasure published has reached this instance's subscribers: a marker behind it has.
      await t.app.kindred.dispatcher.idle();
      const marker = { id: newId(), type: 'community.space_lists_changed', occurredAt: new Date().toISOString(), rooms: [`user:${watcher.id}`], data: { spaceId: 'marker' } };
      await t.app.kindred.bus.publish(marker);
      await member.next((m) => m.type === 'event' && m.event.id === marker.id, 5000, from);
      expect(onBus.filter((type) => type === 'community.thread_changed' || type === THREADS_NARROWED)).toEqual(['community.thread_changed', THREADS_NARROWED]);
      const frames = member.messages.slice(from).filter((m): m is Extract<ServerMessage, { type: 'event' | 'denied' }> => (m.type === 'event' && m.room === room) || m.type === 'denied');
      expect(frames.map((m) => (m.type === 'event' ? [m.event.type, m.event.data] : [m.type, m.room]))).toEqual([
        ['community.thread_changed', { threadId: alone.threadId, spaceId: space, gone: true }],
        ['denied', room],
      ]);
    } finally {
      stop();
    }
  });

  it("a program-only space: its member hears the erasure in the thread's and the space's rooms; someone outside the program is refused both rooms and hears nothing", async () => {
    const { leaver: leaving, stayer, spaceId } = await programSpace(t.app);
    const outsider = await buildUser(t.app);
    const started = await thread(leaving, spaceId, 'Night shift thoughts', 'Working nights is lonely sometimes.');
    await reply(stayer, started.threadId, 'It is, I hear you.');
    await t.app.kindred.dispatcher.idle();
    const rooms = [`thread:${started.threadId}`, `space:${spaceId}`];
    const member = await socketIn(stayer, rooms);
    const outside = await TestSocket.open(t.app, outsider.client);
    sockets.push(outside);
    for (const room of rooms) expect(await outside.subscribe(room)).toMatchObject({ type: 'denied' });
    // The outsider watches a public space too: the program's events must not reach it through another room.
    expect(await outside.subscribe(`space:${await publicSpace(outsider)}`)).toMatchObject({ type: 'subscribed' });

    const [memberEvents, outsiderEvents] = await heard(
      [
        [member, stayer],
        [outside, outsider],
      ],
      async () => ok(await leaving.client.post('/api/me/erase', { password: leaving.password, publicPosts: 'delete', confirm: 'DELETE' })),
    );
    expect(memberEvents!.map((e) => [e.type, e.data])).toEqual([
      ['community.thread_changed', { threadId: started.threadId, spaceId, gone: false }],
      ['community.space_lists_changed', { spaceId }],
    ]);
    expect(outsiderEvents).toEqual([]);
  });

  it('words readers do not have (held from their creation, or shown then edited into a hold) tell no room', async () => {
    const [leaving, other, watcher] = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app)]);
    const space = await publicSpace(watcher);
    const elsewhere = await thread(other, space, 'Small wins', 'What went well today?');
    // Words the safety screen holds for a supervisor: never shown to the thread's readers.
    await reply(leaving, elsewhere.threadId, 'I have saved up 40 pills and I am going to take them all tonight.');
    // An anonymous reply readers had, then edited into words the screen holds: off readers' pages
    // (pending, `published_at` still set). Telling its room would tie it to the erasure's other rooms.
    const quiet = await thread(other, space, 'Slow Sundays', 'How do you spend a quiet day?');
    const edited = await reply(leaving, quiet.threadId, 'Reading in the park, mostly.', true);
    const held = (await ok(await leaving.client.patch(`/api/posts/${edited}`, { body: 'I have saved up 40 pills and I am going to take them all tonight.' }))).json();
    expect(held.post.state).toBe('pending');
    await t.app.kindred.dispatcher.idle();
    expect((await ok(await watcher.client.get(`/api/threads/${quiet.threadId}`))).body).not.toContain(edited);
    const inThread = await socketIn(watcher, [`thread:${elsewhere.threadId}`, `thread:${quiet.threadId}`, `space:${space}`]);
    const [events] = await heard([[inThread, watcher]], async () => ok(await leaving.client.post('/api/me/erase', { password: leaving.password, publicPosts: 'delete', confirm: 'DELETE' })));
    expect(events).toEqual([]);
  });
});

/**
 * Bounded: an erasure tells at most a cap of thread rooms (ERASURE_THREAD_ROOMS_MAX, 2 here), those of
 * the threads most recently active before it; every space whose lists showed one of its threads still
 * hears it once.
 */
describe.each(testDatabases)('an erasure past the cap of thread rooms on $name', (database) => {
  const t = useTestApp(database, { erasureThreadRoomsMax: 2 });
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => {
    for (const s of sockets) s.ws.terminate();
  });

  it('tells the two most recently active threads of three, and the space once', async () => {
    const [leaving, other, watcher] = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app)]);
    const space = ((await watcher.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
    const threadIds: string[] = [];
    for (const title of ['Oldest talk', 'Middle talk', 'Newest talk']) {
      t.clock.advance(60_000);
      const threadId = (await other.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body: 'How was your week?' })).json().thread.id as string;
      expect((await leaving.client.post(`/api/threads/${threadId}/posts`, { body: 'Better than the last one.' })).statusCode).toBe(201);
      threadIds.push(threadId);
    }
    await t.app.kindred.dispatcher.idle();
    const s = await TestSocket.open(t.app, watcher.client);
    sockets.push(s);
    for (const room of [...threadIds.map((id) => `thread:${id}`), `space:${space}`]) expect(await s.subscribe(room)).toMatchObject({ type: 'subscribed' });
    const from = s.messages.length;
    expect((await leaving.client.post('/api/me/erase', { password: leaving.password, publicPosts: 'delete', confirm: 'DELETE' })).statusCode).toBe(200);
    await t.app.kindred.dispatcher.idle();
    const marker = { id: newId(), type: 'community.space_lists_changed', occurredAt: new Date().toISOString(), rooms: [`user:${watcher.id}`], data: { spaceId: 'marker' } };
    await t.app.kindred.bus.publish(marker);
    await s.next((m) => m.type === 'event' && m.event.id === marker.id, 5000, from);
    const got = s.messages.slice(from).filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && !m.room.startsWith('user:'));
    expect(got.map((m) => m.room).sort()).toEqual([`thread:${threadIds[1]}`, `thread:${threadIds[2]}`, `space:${space}`].sort());
  });

  it("tells the threads whose words vanished before those where only counts fell, however recent those are", async () => {
    const [leaving, other, watcher] = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app)]);
    const space = ((await watcher.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
    const opened = async (title: string) => {
      t.clock.advance(60_000);
      const res = (await other.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body: 'How was your week?' })).json();
      return { threadId: res.thread.id as string, openingId: res.post.id as string };
    };
    const withWords: string[] = [];
    for (const title of ['Their words, older', 'Their words, old']) {
      const { threadId } = await opened(title);
      expect((await leaving.client.post(`/api/threads/${threadId}/posts`, { body: 'Better than the last one.' })).statusCode).toBe(201);
      withWords.push(threadId);
    }
    // Newer, and only reacted in: their counts fall too, but they must not take the cap from the words.
    const reactedOnly: string[] = [];
    for (const title of ['Their reaction, new', 'Their reaction, newest']) {
      const { threadId, openingId } = await opened(title);
      expect((await leaving.client.put(`/api/posts/${openingId}/reactions/relate`)).statusCode).toBe(200);
      reactedOnly.push(threadId);
    }
    await t.app.kindred.dispatcher.idle();
    const s = await TestSocket.open(t.app, watcher.client);
    sockets.push(s);
    for (const id of [...withWords, ...reactedOnly]) expect(await s.subscribe(`thread:${id}`)).toMatchObject({ type: 'subscribed' });
    const from = s.messages.length;
    expect((await leaving.client.post('/api/me/erase', { password: leaving.password, publicPosts: 'delete', confirm: 'DELETE' })).statusCode).toBe(200);
    await t.app.kindred.dispatcher.idle();
    const marker = { id: newId(), type: 'community.space_lists_changed', occurredAt: new Date().toISOString(), rooms: [`user:${watcher.id}`], data: { spaceId: 'marker' } };
    await t.app.kindred.bus.publish(marker);
    await s.next((m) => m.type === 'event' && m.event.id === marker.id, 5000, from);
    const got = s.messages.slice(from).filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && m.room.startsWith('thread:'));
    expect(got.map((m) => m.room).sort()).toEqual(withWords.map((id) => `thread:${id}`).sort());
    // The ones past the cap are recounted all the same.
    for (const id of reactedOnly) expect((await t.app.kindred.database.db.selectFrom('threads').select('reaction_count').where('id', '=', id).executeTakeFirstOrThrow()).reaction_count).toBe(0);
  });
});

/**
 * Bounded in statements: the recount of the threads an erasure touched is one statement per 500 threads,
 * so an erasure of someone who reacted in many threads sends as many statements as one who reacted in two.
 */
describe.each(testDatabases)('an erasure of someone who reacted in many threads on $name', (database) => {
  let capturing = false;
  const statements: string[] = [];
  const t = useTestApp(database, { onQuery: (q) => void (capturing && statements.push(q.sql)) });

  /** The statements an erasure sent for someone who reacted to the opening posts of `n` threads. */
  async function erasureStatements(n: number): Promise<number> {
    const [leaving, other] = await Promise.all([buildUser(t.app), buildUser(t.app)]);
    const space = ((await other.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
    for (let i = 0; i < n; i += 1) {
      const opening = (await other.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: `Week ${i}`, body: 'How was your week?' })).json().post.id as string;
      expect((await leaving.client.put(`/api/posts/${opening}/reactions/relate`)).statusCode).toBe(200);
    }
    await t.app.kindred.dispatcher.idle();
    statements.length = 0;
    capturing = true;
    try {
      expect((await leaving.client.post('/api/me/erase', { password: leaving.password, publicPosts: 'delete', confirm: 'DELETE' })).statusCode).toBe(200);
    } finally {
      capturing = false;
    }
    return statements.length;
  }

  it('sends as many statements for reactions in 12 threads as in 2', async () => {
    const few = await erasureStatements(2);
    const many = await erasureStatements(12);
    expect(many).toBe(few);
  });
});
