import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import { InProcessBus, type BusEvent } from '../../platform/bus.js';

/** Words the safety screen holds for a supervisor (a method detail). */
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

/**
 * A post is published once (ADR 052, amendment "published once"): one held from its creation and then
 * hidden, removed or deleted was never read, so readers get no placeholder naming its author; its first
 * showing (a restore after the release) announces it as new; a released held edit of a post readers
 * already had announces an update, and no one named in it is told again.
 */
describe.each(testDatabases)('a post published once on $name', (database) => {
  const bus = new InProcessBus();
  const events: BusEvent[] = [];
  bus.subscribe((e) => void events.push(e));
  const t = useTestApp(database, { bus });
  let n = 0;
  const unique = () => `larkspur${(n += 1)}q${Date.now().toString(36)}`;

  async function ok<R extends { statusCode: number; body: string }>(res: R, status = 200): Promise<R> {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return res;
  }
  async function cast() {
    const [author, reader, watcher, supervisor] = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app), buildUser(t.app, { roles: ['supervisor'] })]);
    const space = ((await reader.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
    return { author, reader, watcher, supervisor, space };
  }
  type Cast = Awaited<ReturnType<typeof cast>>;
  /** The author's reply in a thread the reader started. */
  async function reply(c: Cast, body: string) {
    const th = await ok(await c.reader.client.post(`/api/spaces/${c.space}/threads`, { kind: 'story', title: `Checking in ${unique()}`, body: 'How is everyone doing?' }), 201);
    const threadId = th.json().thread.id as string;
    const res = await ok(await c.author.client.post(`/api/threads/${threadId}/posts`, { body }), 201);
    return { threadId, postId: res.json().post.id as string };
  }
  async function opening(c: Cast, body: string) {
    const res = await ok(await c.author.client.post(`/api/spaces/${c.space}/threads`, { kind: 'story', title: `Evening ${unique()}`, body }), 201);
    return { threadId: res.json().thread.id as string, postId: res.json().post.id as string };
  }
  async function heldItemOf(c: Cast, postId: string) {
    const items = (await c.supervisor.client.get('/api/safety/held?limit=100')).json().items as { id: string; objectId: string }[];
    return items.find((i) => i.objectId === postId)!.id;
  }
  const decide = async (c: Cast, postId: string, action: 'release' | 'remove') => ok(await c.supervisor.client.post(`/api/safety/held/${await heldItemOf(c, postId)}/decision`, { action }));
  const hide = async (c: Cast, postId: string) => ok(await c.supervisor.client.post(`/api/moderation/posts/${postId}/hide`, { note: 'Checking in with you first.' }));
  const restore = async (c: Cast, postId: string) => ok(await c.supervisor.client.post(`/api/moderation/posts/${postId}/restore`));
  /** The post on its thread's page as `who` reads it (null: not there, or the thread is not readable). */
  async function postAs(who: BuiltUser, p: { threadId: string; postId: string }) {
    const res = await who.client.get(`/api/threads/${p.threadId}`);
    if (res.statusCode === 404) return null;
    return (res.json().posts as { id: string; state: string }[]).find((x) => x.id === p.postId) ?? null;
  }
  async function mentionsOf(who: BuiltUser, postId: string) {
    await t.app.kindred.dispatcher.idle();
    return ((await who.client.get('/api/notifications')).json().notifications as { kind: string; postId: string | null }[]).filter((x) => x.kind === 'mention' && x.postId === postId).length;
  }
  async function eventsSoFar() {
    await t.app.kindred.dispatcher.idle();
    return events.length;
  }
  const eventsFor = (since: number, type: string, id: string) => events.slice(since).filter((e) => e.type === type && JSON.stringify(e.data).includes(id)).length;

  const takenDown = {
    'a moderator hides it': (c: Cast, postId: string) => hide(c, postId),
    'the safety queue removes it': (c: Cast, postId: string) => decide(c, postId, 'remove'),
    'its author deletes it': async (c: Cast, postId: string) => ok(await c.author.client.delete(`/api/posts/${postId}`)),
  };
  for (const [how, takeDown] of Object.entries(takenDown)) {
    it(`a reply held from its creation that ${how} stays off readers' pages: no placeholder names its author`, async () => {
      const c = await cast();
      const p = await reply(c, METHOD);
      expect(await postAs(c.reader, p)).toBeNull(); // the thread's page is read (and kept) while it is held
      await takeDown(c, p.postId);
      const page = await c.reader.client.get(`/api/threads/${p.threadId}`);
      expect(page.statusCode).toBe(200);
      expect({ onPage: page.body.includes(p.postId), named: page.body.includes(c.author.handle) }).toEqual({ onPage: false, named: false });
      expect((await c.reader.client.get(`/api/posts/${p.postId}`)).statusCode).toBe(404);
      expect((await c.reader.client.get(`/api/threads/${p.threadId}/posts`)).body).not.toContain(p.postId);
      // Its author and moderators still have it.
      expect(await postAs(c.author, p)).not.toBeNull();
      expect(await postAs(c.supervisor, p)).not.toBeNull();
    });
  }

  /**
   * What `socket` heard of `act`: a visible reply in `thread` is written after it and its
   * `post_created` waited for. Events reach a socket in the order they were committed, so anything
   * `act` sent to the socket's rooms has arrived by then.
   */
  async function heardOf(socket: TestSocket, c: Cast, thread: string, act: () => Promise<unknown>): Promise<string> {
    const from = socket.messages.length;
    await act();
    const marker = await ok(await c.reader.client.post(`/api/threads/${thread}/posts`, { body: `Still here, ${unique()}.` }), 201);
    const markerId = marker.json().post.id as string;
    await t.app.kindred.dispatcher.idle();
    await socket.next((m) => m.type === 'event' && m.event.type === 'community.post_created' && JSON.stringify(m).includes(markerId), 5000, from);
    return JSON.stringify(socket.messages.slice(from));
  }

  for (const [how, takeDown] of Object.entries(takenDown)) {
    it(`a post held from its creation that ${how}: a reader's open thread and space rooms hear nothing of it`, async () => {
      const c = await cast();
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const p = await reply(c, METHOD);
      const o = await opening(c, METHOD);
      const socket = await TestSocket.open(t.app, c.reader.client);
      try {
        expect(await socket.subscribe(`thread:${p.threadId}`)).toMatchObject({ type: 'subscribed' });
        expect(await socket.subscribe(`space:${c.space}`)).toMatchObject({ type: 'subscribed' });
        const heard = await heardOf(socket, c, p.threadId, async () => {
          await takeDown(c, p.postId);
          await takeDown(c, o.postId);
        });
        expect({ reply: heard.includes(p.postId), opening: heard.includes(o.postId) || heard.includes(o.threadId) }).toEqual({ reply: false, opening: false });
      } finally {
        socket.close();
      }
    });
  }

  it('a reply readers had, hidden: its open thread room hears of it (the check above can fail)', async () => {
    const c = await cast();
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const p = await reply(c, 'A quiet week, mostly good.');
    const socket = await TestSocket.open(t.app, c.reader.client);
    try {
      expect(await socket.subscribe(`thread:${p.threadId}`)).toMatchObject({ type: 'subscribed' });
      const heard = await heardOf(socket, c, p.threadId, () => hide(c, p.postId));
      expect(heard).toContain('community.post_updated');
      expect(heard).toContain(p.postId);
    } finally {
      socket.close();
    }
  });

  it('a reply readers had, hidden, still shows them its placeholder', async () => {
    const c = await cast();
    const p = await reply(c, 'A quiet week, mostly good.');
    await hide(c, p.postId);
    expect((await postAs(c.reader, p))?.state).toBe('hidden');
  });

  for (const kind of ['reply', 'opening'] as const) {
    it(`${kind === 'reply' ? 'a reply' : 'an opening post'} held from its creation, hidden, released and restored is announced once, as new`, async () => {
      const c = await cast();
      const body = `${METHOD} @${c.watcher.handle}`;
      const p = kind === 'reply' ? await reply(c, body) : await opening(c, body);
      await hide(c, p.postId);
      const activityBefore = (await c.reader.client.get(`/api/threads/${p.threadId}`)).json().thread?.lastActivityAt as string | undefined;
      const since = await eventsSoFar();
      await decide(c, p.postId, 'release');
      t.clock.advance(60_000);
      await restore(c, p.postId);
      await t.app.kindred.dispatcher.idle();
      const live = kind === 'reply' ? eventsFor(since, 'community.post_created', p.postId) : eventsFor(since, 'community.thread_created', p.threadId);
      expect({ state: (await postAs(c.reader, p))?.state, live, mentions: await mentionsOf(c.watcher, p.postId) }).toEqual({ state: 'visible', live: 1, mentions: 1 });
      if (kind === 'reply') {
        // The thread's author hears of the reply, and the thread moves up.
        const told = ((await c.reader.client.get('/api/notifications')).json().notifications as { postId: string | null }[]).some((x) => x.postId === p.postId);
        expect(told).toBe(true);
        const activityAfter = (await c.reader.client.get(`/api/threads/${p.threadId}`)).json().thread.lastActivityAt as string;
        expect(activityAfter > activityBefore!).toBe(true);
      }
    });
  }

  it('a visible reply naming someone, its held edit released: an update, not a new post; no one is told again', async () => {
    const c = await cast();
    const p = await reply(c, `Thanks @${c.watcher.handle}, a quiet week.`);
    expect(await mentionsOf(c.watcher, p.postId)).toBe(1);
    await ok(await c.author.client.patch(`/api/posts/${p.postId}`, { body: `${METHOD} @${c.watcher.handle}` }));
    const since = await eventsSoFar();
    await decide(c, p.postId, 'release');
    await t.app.kindred.dispatcher.idle();
    expect({
      created: eventsFor(since, 'community.post_created', p.postId),
      published: eventsFor(since, 'community.post_published', p.postId),
      updated: eventsFor(since, 'community.post_updated', p.postId),
      mentions: await mentionsOf(c.watcher, p.postId),
      state: (await postAs(c.reader, p))?.state,
    }).toEqual({ created: 0, published: 0, updated: 1, mentions: 1, state: 'visible' });
  });

  it('a visible reply naming someone, hidden, its held edit, restored, released: an update, no one told again', async () => {
    const c = await cast();
    const p = await reply(c, `Thanks @${c.watcher.handle}, a quiet week.`);
    expect(await mentionsOf(c.watcher, p.postId)).toBe(1);
    await hide(c, p.postId);
    await ok(await c.author.client.patch(`/api/posts/${p.postId}`, { body: `${METHOD} @${c.watcher.handle}` }));
    await restore(c, p.postId);
    const since = await eventsSoFar();
    await decide(c, p.postId, 'release');
    await t.app.kindred.dispatcher.idle();
    expect({ created: eventsFor(since, 'community.post_created', p.postId), updated: eventsFor(since, 'community.post_updated', p.postId), mentions: await mentionsOf(c.watcher, p.postId) }).toEqual({
      created: 0,
      updated: 1,
      mentions: 1,
    });
  });

  it('a visible opening post whose held edit is released: its thread is not announced again', async () => {
    const c = await cast();
    const p = await opening(c, 'A quiet week, mostly good.');
    await ok(await c.author.client.patch(`/api/posts/${p.postId}`, { body: METHOD }));
    expect(await postAs(c.reader, p)).toBeNull(); // back on hold: the thread is its author's and the moderators'
    const since = await eventsSoFar();
    await decide(c, p.postId, 'release');
    await t.app.kindred.dispatcher.idle();
    expect({ created: eventsFor(since, 'community.thread_created', p.threadId), published: eventsFor(since, 'community.post_published', p.postId), state: (await postAs(c.reader, p))?.state }).toEqual({
      created: 0,
      published: 0,
      state: 'visible',
    });
  });
});
