import { describe, expect, it } from 'vitest';
import { FOLLOWED_NOTICE_COUNT_CAP } from '../../../contracts/notifications.js';
import { newId } from '../../platform/ids.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import type { KindredApp } from '../../app.js';
import type { ContentState } from '../../platform/schema.js';

const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

interface NoticeJson {
  id: string;
  kind: string;
  postId: string | null;
  newReplies: number | null;
  read: boolean;
}

async function carersSpace(app: KindredApp): Promise<string> {
  return (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'carers').executeTakeFirstOrThrow()).id;
}

async function reply(u: BuiltUser, threadId: string, body: string) {
  const res = await u.client.post(`/api/threads/${threadId}/posts`, { body });
  if (res.statusCode !== 201) throw new Error(`reply: ${res.statusCode} ${res.body}`);
  return res.json() as { post: { id: string }; safety: { held: boolean } };
}

/** A thread by one member, followed by another, and a third member who will reply to it. */
async function followedThread(app: KindredApp, title: string, body: string) {
  const author = await buildUser(app);
  const follower = await buildUser(app);
  const replier = await buildUser(app);
  const created = await author.client.post(`/api/spaces/${await carersSpace(app)}/threads`, { kind: 'story', title, body });
  expect(created.statusCode).toBe(201);
  const threadId = (created.json() as { thread: { id: string } }).thread.id;
  expect((await follower.client.put(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
  const followed = async () => ((await follower.client.get('/api/notifications')).json().notifications as NoticeJson[]).filter((n) => n.kind === 'followed');
  return { author, follower, replier, threadId, followed };
}

describe.each(testDatabases)('notifications on $name', (database) => {
  const t = useTestApp(database);

  it('counts the new replies a followed-thread notice stands for, on read, without a row per reply (ADR 012)', async () => {
    const { author, follower, replier, threadId, followed } = await followedThread(t.app, 'Looking after dad at weekends', 'Saturdays are long and I am tired by Sunday night.');
    const rowsFor = async () => (await t.app.kindred.database.db.selectFrom('notifications').select('id').where('user_id', '=', follower.id).where('kind', '=', 'followed').execute()).length;

    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const socket = await TestSocket.open(t.app, follower.client);
    let first: { post: { id: string } };
    try {
      first = await reply(replier, threadId, 'Sundays were the hardest for me too; a short walk helped.');
      await t.app.kindred.dispatcher.idle();
      // The live notice is the one just written: one reply.
      const live = await socket.next((m) => m.type === 'event' && m.event.type === 'notification.created');
      expect(live).toMatchObject({ event: { data: { notification: { kind: 'followed', postId: first.post.id, newReplies: 1 } } } });
    } finally {
      socket.close();
    }
    expect(await followed()).toEqual([expect.objectContaining({ postId: first.post.id, newReplies: 1, read: false })]);

    // Two more replies, one by the follower themselves, one held by the safety screen: the same
    // notice, counting only what the follower has not written and can read.
    await reply(author, threadId, 'Thank you, I will try that this weekend.');
    await reply(follower, threadId, 'I am in the same place; weekends are long here too.');
    const held = await reply(replier, threadId, METHOD);
    expect(held.safety.held).toBe(true);
    await reply(replier, threadId, 'And be kind to yourself on the Monday after.');
    await t.app.kindred.dispatcher.idle();
    expect(await rowsFor()).toBe(1);
    expect(await followed()).toEqual([expect.objectContaining({ postId: first.post.id, newReplies: 3 })]);
    // Other kinds carry no count.
    const authorNotices = (await author.client.get('/api/notifications')).json().notifications as NoticeJson[];
    expect(authorNotices.length).toBeGreaterThan(0);
    expect(authorNotices.every((n) => n.newReplies === null)).toBe(true);

    // Read: the notice keeps the count it was read with; the next reply is a new notice, counting from one.
    await follower.client.post('/api/notifications/read', { all: true });
    t.clock.advanceMinutes(1);
    const later = await reply(replier, threadId, 'Checking in on you tonight.');
    await t.app.kindred.dispatcher.idle();
    expect(await rowsFor()).toBe(2);
    expect(await followed()).toEqual([
      expect.objectContaining({ postId: later.post.id, newReplies: 1, read: false }),
      expect.objectContaining({ postId: first.post.id, newReplies: 3, read: true }),
    ]);
    // A notice left unread in a very busy thread counts up to the cap, which the page reads as "or more".
    const db = t.app.kindred.database.db;
    const model = await db.selectFrom('posts').select(['thread_id', 'space_id', 'author_id', 'anonymous', 'is_opening', 'body_source', 'body_html', 'body_text', 'search_title', 'warnings', 'state', 'pending_reason', 'published_at', 'edited_at', 'created_at', 'updated_at']).where('id', '=', later.post.id).executeTakeFirstOrThrow();
    await db.insertInto('posts').values(Array.from({ length: FOLLOWED_NOTICE_COUNT_CAP + 20 }, () => ({ ...model, id: newId(t.clock.now().getTime()) }))).execute();
    expect((await followed())[0]).toMatchObject({ postId: later.post.id, newReplies: FOLLOWED_NOTICE_COUNT_CAP });
    await db.deleteFrom('posts').where('thread_id', '=', threadId).where('id', '>', later.post.id).execute();

    // The data export presents notices the same way.
    const exported = (await follower.client.get('/api/me/export')).json() as { notifications?: { notifications: NoticeJson[] } };
    expect(exported.notifications?.notifications.filter((n) => n.kind === 'followed').map((n) => n.newReplies)).toEqual([1, 3]);
  });
});

describe.each(testDatabases)('followed-thread notice counts on $name', (database) => {
  const t = useTestApp(database);


  /** Copies of a reply, straight into the table (thousands of replies without thousands of requests). */
  async function copies(postId: string, n: number, o: { authorId?: string; state?: ContentState } = {}) {
    const db = t.app.kindred.database.db;
    const model = await db.selectFrom('posts').select(['thread_id', 'space_id', 'author_id', 'anonymous', 'is_opening', 'body_source', 'body_html', 'body_text', 'search_title', 'warnings', 'state', 'pending_reason', 'published_at', 'edited_at', 'created_at', 'updated_at']).where('id', '=', postId).executeTakeFirstOrThrow();
    const rows = Array.from({ length: n }, () => ({ ...model, ...(o.authorId ? { author_id: o.authorId } : {}), ...(o.state ? { state: o.state } : {}), id: newId(t.clock.now().getTime()) }));
    for (let i = 0; i < rows.length; i += 100) await db.insertInto('posts').values(rows.slice(i, i + 100)).execute();
  }

  it('keeps the count a notice was read with, whatever comes after, and never counts it again', async () => {
    const { follower, replier, threadId, followed } = await followedThread(t.app, 'Nights with a newborn', 'Three hours of sleep at most, most nights.');
    const first = await reply(replier, threadId, 'It does get easier, slowly.');
    await reply(replier, threadId, 'Naps when the baby naps, if you can.');
    await reply(replier, threadId, 'And ask for help with one night a week.');
    await t.app.kindred.dispatcher.idle();
    const [notice] = await followed();
    expect(notice).toMatchObject({ postId: first.post.id, newReplies: 3, read: false });

    // Marked read by its id (the single mark): the count is stored on the row.
    expect((await follower.client.post('/api/notifications/read', { ids: [notice!.id] })).statusCode).toBe(200);
    const db = t.app.kindred.database.db;
    expect(await db.selectFrom('notifications').select('read_replies').where('id', '=', notice!.id).executeTakeFirstOrThrow()).toEqual({ read_replies: 3 });

    // Many more replies, and one of the counted ones hidden since: the read notice still says 3.
    t.clock.advanceMinutes(1);
    const later = await reply(replier, threadId, 'How was last night?');
    await copies(later.post.id, 300);
    await db.updateTable('posts').set({ state: 'hidden' }).where('id', '=', first.post.id).execute();
    await t.app.kindred.dispatcher.idle();
    expect(await followed()).toEqual([
      expect.objectContaining({ postId: later.post.id, newReplies: FOLLOWED_NOTICE_COUNT_CAP, read: false }),
      expect.objectContaining({ id: notice!.id, newReplies: 3, read: true }),
    ]);
    // "Mark all" stores the count too.
    expect((await follower.client.post('/api/notifications/read', { all: true })).statusCode).toBe(200);
    expect(await followed()).toEqual([
      expect.objectContaining({ postId: later.post.id, newReplies: FOLLOWED_NOTICE_COUNT_CAP, read: true }),
      expect.objectContaining({ id: notice!.id, newReplies: 3, read: true }),
    ]);
  });

  it('counts an unread notice without the follower\'s own, hidden or held replies, within a bounded range of the thread', async () => {
    const { follower, replier, threadId, followed } = await followedThread(t.app, 'Nights with a newborn', 'Three hours of sleep at most, most nights.');
    const first = await reply(replier, threadId, 'You are doing better than you think.');
    await t.app.kindred.dispatcher.idle();
    // 40 of the follower's own, 30 hidden, 20 held, then 25 anyone may read: 1 + 25.
    await copies(first.post.id, 40, { authorId: follower.id });
    await copies(first.post.id, 30, { state: 'hidden' });
    await copies(first.post.id, 20, { state: 'pending' });
    await copies(first.post.id, 25);
    expect(await followed()).toEqual([expect.objectContaining({ postId: first.post.id, newReplies: 26, read: false })]);

    // The range is cut at twice the cap before it is filtered: replies beyond it are not read, so a
    // long run of uncounted ones makes the count a lower bound rather than a scan to the thread's end.
    await copies(first.post.id, 2 * FOLLOWED_NOTICE_COUNT_CAP, { state: 'hidden' });
    await copies(first.post.id, 10);
    expect(await followed()).toEqual([expect.objectContaining({ postId: first.post.id, newReplies: 26 })]);
  });

  it('shows no count when the only reply was hidden since, and neither count nor title once the reader may no longer read the thread', async () => {
    const { follower, replier, threadId, followed } = await followedThread(t.app, 'Nights with a newborn', 'Three hours of sleep at most, most nights.');
    const first = await reply(replier, threadId, 'Thinking of you tonight.');
    await t.app.kindred.dispatcher.idle();
    const db = t.app.kindred.database.db;
    await db.updateTable('posts').set({ state: 'hidden' }).where('id', '=', first.post.id).execute();
    expect(await followed()).toEqual([expect.objectContaining({ postId: first.post.id, newReplies: null, read: false, threadTitle: 'Nights with a newborn' })]);
    await db.updateTable('posts').set({ state: 'visible' }).where('id', '=', first.post.id).execute();
    expect(await followed()).toEqual([expect.objectContaining({ newReplies: 1 })]);

    // Read, then the space is made program-only: the notice stays, without its count or the title.
    expect((await follower.client.post('/api/notifications/read', { all: true })).statusCode).toBe(200);
    const admin = await ensureAdmin(t.app);
    const program = (await admin.client.post('/api/admin/programs', { name: 'Carers circle' })).json() as { id: string };
    const spaceId = await carersSpace(t.app);
    expect((await admin.client.patch(`/api/admin/spaces/${spaceId}`, { visibility: 'program', programId: program.id })).statusCode).toBe(200);
    expect(await followed()).toEqual([expect.objectContaining({ postId: first.post.id, newReplies: null, read: true, threadTitle: null })]);
    // A member of the program still sees it.
    expect((await admin.client.post(`/api/admin/programs/${program.id}/members`, { userId: follower.id })).statusCode).toBe(201);
    expect(await followed()).toEqual([expect.objectContaining({ newReplies: 1, threadTitle: 'Nights with a newborn' })]);
    expect((await admin.client.patch(`/api/admin/spaces/${spaceId}`, { visibility: 'members' })).statusCode).toBe(200);

    // A thread removed by moderators: no count either.
    await db.updateTable('threads').set({ state: 'removed' }).where('id', '=', threadId).execute();
    expect(await followed()).toEqual([expect.objectContaining({ postId: first.post.id, newReplies: null, threadTitle: null })]);
  });
});
