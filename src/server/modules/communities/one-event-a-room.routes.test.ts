import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent, ServerMessage } from '../../../contracts/events.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, programSpace, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket, deniedNow, drained } from '../../../../test/realtime.js';
import { newId } from '../../platform/ids.js';
import { THREADS_NARROWED } from './communities.service.js';

/** Words the safety screen holds for a supervisor (a method detail). */
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

/**
 * One change, one frame a room (ADR 059 and its amendment "one event a room for every change"): every
 * community write that tells a thread's watchers something (a reply, a reaction, an edit, a hide, a
 * restore, a delete, a release, a removal or an edit by the safety queue, a report's hide) sends its
 * thread's room exactly one event, carrying the thread's counts where it is a post's, and its space's
 * room at most one (`community.thread_activity`, for a thread its lists show or showed until now).
 * Counted on real sockets, after the dispatcher is idle and a marker published behind the write's
 * events has arrived: what a socket got before the marker is all the write sent it.
 */
describe.each(testDatabases)('one event a room for every community change on $name', (database) => {
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

  async function socketIn(who: BuiltUser, room: string): Promise<TestSocket> {
    const s = await TestSocket.open(t.app, who.client);
    sockets.push(s);
    expect(await s.subscribe(room)).toMatchObject({ type: 'subscribed' });
    return s;
  }

  /** A thread (its opening post by `author`), a watcher on its page and a member on its space's. */
  async function scene(opts: { spaceId?: string; author?: BuiltUser; watcher?: BuiltUser; lister?: BuiltUser; moderatorWatches?: boolean } = {}) {
    const [author, replier, watcher, lister, supervisor] = await Promise.all([
      opts.author ?? buildUser(t.app),
      buildUser(t.app),
      opts.watcher ?? buildUser(t.app),
      opts.lister ?? buildUser(t.app),
      buildUser(t.app, { roles: ['supervisor'] }),
    ]);
    const space = opts.spaceId ?? ((await watcher.client.get('/api/spaces')).json().spaces as { id: string; allowAnonymous: boolean }[]).find((s) => s.allowAnonymous)!.id;
    const opened = (await ok(await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Nights are long this week', body: 'Some nights I cannot settle.' }), 201)).json();
    const threadId = opened.thread.id as string;
    const rooms = { thread: `thread:${threadId}`, space: `space:${space}` };
    await t.app.kindred.dispatcher.idle();
    const inThread = await socketIn(opts.moderatorWatches ? supervisor : watcher, rooms.thread);
    const inSpace = await socketIn(lister, rooms.space);

    /**
     * A marker to both rooms on the bus, behind everything published so far (the dispatcher is idle
     * first); resolves once both sockets have it, with its id. Frames from before it have all arrived.
     */
    async function marked(from: { thread: number; space: number }): Promise<string> {
      await t.app.kindred.dispatcher.idle();
      const marker = { id: newId(), type: 'community.reactions_changed', occurredAt: new Date().toISOString(), rooms: [rooms.thread, rooms.space], data: { threadId, postId: 'marker', reactions: { relate: 0, strength: 0, helped: 0 } } };
      await t.app.kindred.bus.publish(marker);
      await inThread.next((m) => m.type === 'event' && m.event.id === marker.id, 5000, from.thread);
      await inSpace.next((m) => m.type === 'event' && m.event.id === marker.id, 5000, from.space);
      return marker.id;
    }
    // The thread's creation delivered to the gateway (on the Redis path it may reach the space's
    // socket after it subscribed) before anything is counted: what the sockets get below is the writes'.
    await marked({ thread: 0, space: 0 });

    /** The events each room's socket got for `write`: the frames before a marker sent after it are the write's. */
    async function heard(write: () => Promise<unknown>): Promise<{ thread: RealtimeEvent[]; space: RealtimeEvent[] }> {
      const from = { thread: inThread.messages.length, space: inSpace.messages.length };
      await write();
      const markerId = await marked(from);
      const events = (s: TestSocket, room: string, start: number) =>
        // Its room's frames (a socket is in its person's own room too: notifications are not counted here).
        s.messages
          .slice(start)
          .filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && m.room === room && m.event.id !== markerId)
          .map((m) => m.event);
      return { thread: events(inThread, rooms.thread, from.thread), space: events(inSpace, rooms.space, from.space) };
    }

    /** The thread's counts and activity time as stored now (what the events must carry). */
    const stored = async () => {
      const row = await t.app.kindred.database.db.selectFrom('threads').select(['reply_count', 'reaction_count', 'last_activity_at']).where('id', '=', threadId).executeTakeFirstOrThrow();
      return { replyCount: row.reply_count, reactionCount: row.reaction_count, lastActivityAt: row.last_activity_at };
    };

    /** The supervisors' review item waiting for this post. */
    const heldItemOf = async (postId: string) => {
      const items = (await supervisor.client.get('/api/safety/held?limit=100')).json().items as { id: string; objectId: string }[];
      return items.find((i) => i.objectId === postId)!.id;
    };

    return { author, replier, watcher, lister, supervisor, space, threadId, openingId: opened.post.id as string, rooms, heard, stored, heldItemOf };
  }

  /** The thread's room got one `post_updated` for this post and state, with the stored counts; the space's room the same counts once. */
  async function onePostUpdated(s: Awaited<ReturnType<typeof scene>>, got: { thread: RealtimeEvent[]; space: RealtimeEvent[] }, postId: string, state: string) {
    const counts = await s.stored();
    expect(got.thread.map((e) => e.type)).toEqual(['community.post_updated']);
    expect(got.thread[0]!.data).toEqual({ threadId: s.threadId, spaceId: s.space, postId, state, ...counts });
    expect(got.space.map((e) => [e.type, e.data])).toEqual([['community.thread_activity', { threadId: s.threadId, spaceId: s.space, ...counts }]]);
  }

  it("a reply's life: posted, reacted to, edited, hidden, restored, edited by a moderator, hidden by a report, deleted — one event in the thread's room each, with the counts; one in the space's; the anonymous author never named", async () => {
    const s = await scene();
    let replyId = '';
    let got = await s.heard(async () => {
      replyId = (await ok(await s.replier.client.post(`/api/threads/${s.threadId}/posts`, { body: 'Same here, most nights.', anonymous: true }), 201)).json().post.id;
    });
    expect(got.thread.map((e) => e.type)).toEqual(['community.post_created']);
    expect(got.thread[0]!.data).toMatchObject({ threadId: s.threadId, post: { id: replyId }, ...(await s.stored()) });
    expect(got.space.map((e) => e.type)).toEqual(['community.thread_activity']);
    const leaks: string[] = [];
    const noAuthor = (g: typeof got) => leaks.push(...[...g.thread, ...g.space].map((e) => JSON.stringify(e)).filter((j) => j.includes(s.replier.id) || j.includes(s.replier.handle)));
    noAuthor(got);

    got = await s.heard(async () => ok(await s.watcher.client.put(`/api/posts/${replyId}/reactions/relate`)));
    expect(got.thread.map((e) => [e.type, e.data])).toEqual([['community.reactions_changed', { threadId: s.threadId, postId: replyId, reactions: { relate: 1, strength: 0, helped: 0 } }]]);
    expect(got.space.map((e) => [e.type, e.data])).toEqual([['community.thread_activity', { threadId: s.threadId, spaceId: s.space, ...(await s.stored()) }]]);
    expect((await s.stored()).reactionCount).toBe(1);
    noAuthor(got);

    const steps: [string, () => Promise<unknown>, string, { replyCount: number; reactionCount: number }][] = [
      ['edited by its author', async () => ok(await s.replier.client.patch(`/api/posts/${replyId}`, { body: 'Same here, most nights. Tea helps a little.' })), 'visible', { replyCount: 1, reactionCount: 1 }],
      ['hidden by a moderator', async () => ok(await s.supervisor.client.post(`/api/moderation/posts/${replyId}/hide`, { note: 'Checking something.' })), 'hidden', { replyCount: 0, reactionCount: 0 }],
      ['restored by a moderator', async () => ok(await s.supervisor.client.post(`/api/moderation/posts/${replyId}/restore`)), 'visible', { replyCount: 1, reactionCount: 1 }],
      ['edited by a moderator', async () => ok(await s.supervisor.client.post(`/api/moderation/posts/${replyId}/edit`, { body: 'Same here, most nights.', note: 'Trimmed.' })), 'visible', { replyCount: 1, reactionCount: 1 }],
      [
        'hidden by resolving a report',
        async () => {
          const report = (await ok(await s.watcher.client.post(`/api/posts/${replyId}/reports`, { reason: 'spam' }), 201)).json().id as string;
          return ok(await s.supervisor.client.post(`/api/moderation/reports/${report}/resolve`, { action: 'hide', note: 'Hidden for now.' }));
        },
        'hidden',
        { replyCount: 0, reactionCount: 0 },
      ],
      ['restored again', async () => ok(await s.supervisor.client.post(`/api/moderation/posts/${replyId}/restore`)), 'visible', { replyCount: 1, reactionCount: 1 }],
      ['deleted by its author', async () => ok(await s.replier.client.delete(`/api/posts/${replyId}`)), 'deleted', { replyCount: 0, reactionCount: 0 }],
    ];
    for (const [what, write, state, counts] of steps) {
      got = await s.heard(write);
      const { replyCount, reactionCount } = await s.stored();
      expect({ what, replyCount, reactionCount }).toEqual({ what, ...counts });
      await onePostUpdated(s, got, replyId, state);
      noAuthor(got);
    }
    expect(leaks).toEqual([]);
  });

  it("a held edit of a shown reply, then its release; another's removal and another's edit by the safety queue; a reply held from its creation, then released — one event a room each", async () => {
    const s = await scene();
    const replies: string[] = [];
    await s.heard(async () => {
      for (const body of ['First of three.', 'Second of three.', 'Third of three.']) replies.push((await ok(await s.replier.client.post(`/api/threads/${s.threadId}/posts`, { body }), 201)).json().post.id);
    });
    const [released, removed, rewritten] = replies as [string, string, string];

    for (const id of [released, removed, rewritten]) {
      const got = await s.heard(async () => ok(await s.replier.client.patch(`/api/posts/${id}`, { body: METHOD })));
      await onePostUpdated(s, got, id, 'pending');
    }
    expect((await s.stored()).replyCount).toBe(0);

    let got = await s.heard(async () => ok(await s.supervisor.client.post(`/api/safety/held/${await s.heldItemOf(released)}/decision`, { action: 'release' })));
    await onePostUpdated(s, got, released, 'visible');
    got = await s.heard(async () => ok(await s.supervisor.client.post(`/api/safety/held/${await s.heldItemOf(removed)}/decision`, { action: 'remove' })));
    await onePostUpdated(s, got, removed, 'removed');
    got = await s.heard(async () => ok(await s.supervisor.client.post(`/api/safety/held/${await s.heldItemOf(rewritten)}/decision`, { action: 'edit', text: 'Third of three, gently put.' })));
    await onePostUpdated(s, got, rewritten, 'visible');
    expect((await s.stored()).replyCount).toBe(2);

    // Held from its creation: nothing at all until its release, then the post with the counts, once.
    let held = '';
    got = await s.heard(async () => {
      held = (await ok(await s.replier.client.post(`/api/threads/${s.threadId}/posts`, { body: METHOD }), 201)).json().post.id;
    });
    expect(got).toEqual({ thread: [], space: [] });
    got = await s.heard(async () => ok(await s.supervisor.client.post(`/api/safety/held/${await s.heldItemOf(held)}/decision`, { action: 'release' })));
    expect(got.thread.map((e) => e.type)).toEqual(['community.post_created']);
    expect(got.thread[0]!.data).toMatchObject({ threadId: s.threadId, post: { id: held }, ...(await s.stored()) });
    expect(got.space.map((e) => e.type)).toEqual(['community.thread_activity']);
  });

  it("a listed thread's opening post edited, then hidden: one event in the thread's room each; its space hears it change and leave once each", async () => {
    // A moderator watches: a member's socket leaves the room of a thread taken off the pages (a recheck).
    const s = await scene({ moderatorWatches: true });
    await s.heard(async () => ok(await s.replier.client.post(`/api/threads/${s.threadId}/posts`, { body: 'Glad you wrote this.' }), 201));
    let got = await s.heard(async () => ok(await s.author.client.patch(`/api/posts/${s.openingId}`, { title: 'Nights are shorter now', body: 'Some nights I still cannot settle.' })));
    await onePostUpdated(s, got, s.openingId, 'visible');
    got = await s.heard(async () => ok(await s.supervisor.client.post(`/api/moderation/posts/${s.openingId}/hide`, { note: 'Checking something.' })));
    await onePostUpdated(s, got, s.openingId, 'hidden');
    // Off the lists now: a restore that puts it back is heard, and nothing of the change's words rides along.
    got = await s.heard(async () => ok(await s.supervisor.client.post(`/api/moderation/posts/${s.openingId}/restore`)));
    await onePostUpdated(s, got, s.openingId, 'visible');
    expect(JSON.stringify(got)).not.toContain('Nights are shorter now');
  });

  /**
   * A change that takes a thread off its members' pages (its opening post hidden, or edited into words the
   * screen holds) sends its `post_updated` before the narrowing that rechecks the thread's room
   * (NARROWED_AFTER_EVENT): on the bus every gateway hears, in that order, and so on a member's socket the
   * update, then `denied`. The other way round, a recheck answered before the update arrived (a later
   * batch, another Redis message) took the member out of the room first: their page, which does not
   * refetch on `denied`, kept the words taken down.
   */
  it.each([
    ['hidden by a moderator', (s: Awaited<ReturnType<typeof scene>>) => s.supervisor.client.post(`/api/moderation/posts/${s.openingId}/hide`, { note: 'Checking something.' }), 'hidden'],
    ['edited by its author into words the screen holds', (s: Awaited<ReturnType<typeof scene>>) => s.author.client.patch(`/api/posts/${s.openingId}`, { body: METHOD }), 'pending'],
  ] as const)("a listed thread's opening post %s while a member has it open: the update reaches them before the recheck takes them out of its room", async (_what, write, state) => {
    const s = await scene();
    const member = await socketIn(s.watcher, s.rooms.thread);
    const onBus: string[] = [];
    const stop = t.app.kindred.bus.subscribe((e) => {
      const data = e.data as { threadId?: string; threadIds?: string[] } | null;
      if (data?.threadId === s.threadId || data?.threadIds?.includes(s.threadId)) onBus.push(e.type);
    });
    try {
      const from = member.messages.length;
      await ok(await write(s));
      await member.next(deniedNow(s.rooms.thread), 5000, from);
      // Everything the write published has reached this instance's subscribers: a marker behind it has.
      await t.app.kindred.dispatcher.idle();
      const marker = { id: newId(), type: 'community.space_lists_changed', occurredAt: new Date().toISOString(), rooms: [`user:${s.watcher.id}`], data: { spaceId: 'marker' } };
      await t.app.kindred.bus.publish(marker);
      await member.next((m) => m.type === 'event' && m.event.id === marker.id, 5000, from);
      expect(onBus.filter((type) => type === 'community.post_updated' || type === THREADS_NARROWED)).toEqual(['community.post_updated', THREADS_NARROWED]);
      const frames = member.messages.slice(from).filter((m): m is Extract<ServerMessage, { type: 'event' | 'denied' }> => (m.type === 'event' && m.room === s.rooms.thread) || m.type === 'denied');
      expect(frames.map((m) => (m.type === 'event' ? [m.event.type, (m.event.data as { state?: string }).state] : [m.type, m.room]))).toEqual([
        ['community.post_updated', state],
        ['denied', s.rooms.thread],
      ]);
      expect(JSON.stringify(frames)).not.toContain('Some nights');
    } finally {
      stop();
    }
  });

  /**
   * The safety queue's `remove` of an opening post held for an edit takes the same order (NARROWED_AFTER_EVENT):
   * on the bus, its `post_updated` (state `removed`) before the narrowing. Its thread was off members'
   * pages since the held edit (its watcher was refused the room then), so only the bus order is held here.
   */
  it("an opening post held for an edit, removed by the safety queue: post_updated before threads_narrowed on the bus", async () => {
    const s = await scene();
    const member = await socketIn(s.watcher, s.rooms.thread);
    const from = member.messages.length;
    await ok(await s.author.client.patch(`/api/posts/${s.openingId}`, { body: METHOD }));
    await member.next(deniedNow(s.rooms.thread), 5000, from);
    await t.app.kindred.dispatcher.idle();
    const onBus: string[] = [];
    const stop = t.app.kindred.bus.subscribe((e) => {
      const data = e.data as { threadId?: string; threadIds?: string[] } | null;
      if (data?.threadId === s.threadId || data?.threadIds?.includes(s.threadId)) onBus.push(e.type);
    });
    try {
      await ok(await s.supervisor.client.post(`/api/safety/held/${await s.heldItemOf(s.openingId)}/decision`, { action: 'remove' }));
      // Everything the removal published has reached this instance's subscribers: a marker behind it has.
      await t.app.kindred.dispatcher.idle();
      const marker = { id: newId(), type: 'community.space_lists_changed', occurredAt: new Date().toISOString(), rooms: [`user:${s.watcher.id}`], data: { spaceId: 'marker' } };
      await t.app.kindred.bus.publish(marker);
      await member.next((m) => m.type === 'event' && m.event.id === marker.id, 5000, from);
      expect(onBus.filter((type) => type === 'community.post_updated' || type === THREADS_NARROWED)).toEqual(['community.post_updated', THREADS_NARROWED]);
    } finally {
      stop();
    }
  });

  it("a program-only space's thread: its members hear an edit once a room; a member outside the program is refused both rooms and hears nothing", async () => {
    const { leaver: watcher, stayer: author, spaceId } = await programSpace(t.app);
    const s = await scene({ spaceId, author, watcher, lister: author });
    const outsider = await TestSocket.open(t.app, (await buildUser(t.app)).client);
    sockets.push(outsider);
    expect(await outsider.subscribe(s.rooms.thread)).toMatchObject({ type: 'denied' });
    expect(await outsider.subscribe(s.rooms.space)).toMatchObject({ type: 'denied' });
    const got = await s.heard(async () => ok(await s.author.client.patch(`/api/posts/${s.openingId}`, { body: 'Some nights I still cannot settle.' })));
    await onePostUpdated(s, got, s.openingId, 'visible');
    expect((await drained(outsider)).filter((m) => m.type === 'event')).toEqual([]);
  });
});
