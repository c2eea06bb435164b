import { describe, expect, it } from 'vitest';
import { FOLLOWED_NOTICE_COUNT_CAP } from '../../../contracts/notifications.js';
import { newId } from '../../platform/ids.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import type { KindredApp } from '../../app.js';

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

describe.each(testDatabases)('notifications on $name', (database) => {
  const t = useTestApp(database);

  it('counts the new replies a followed-thread notice stands for, on read, without a row per reply (ADR 012)', async () => {
    const author = await buildUser(t.app);
    const follower = await buildUser(t.app);
    const replier = await buildUser(t.app);
    const created = await author.client.post(`/api/spaces/${await carersSpace(t.app)}/threads`, { kind: 'story', title: 'Looking after dad at weekends', body: 'Saturdays are long and I am tired by Sunday night.' });
    expect(created.statusCode).toBe(201);
    const threadId = (created.json() as { thread: { id: string } }).thread.id;
    expect((await follower.client.put(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
    const followed = async () => ((await follower.client.get('/api/notifications')).json().notifications as NoticeJson[]).filter((n) => n.kind === 'followed');
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
    const model = await db.selectFrom('posts').select(['thread_id', 'space_id', 'author_id', 'anonymous', 'is_opening', 'body_source', 'body_html', 'body_text', 'search_title', 'warnings', 'state', 'pending_reason', 'edited_at', 'created_at', 'updated_at']).where('id', '=', later.post.id).executeTakeFirstOrThrow();
    await db.insertInto('posts').values(Array.from({ length: FOLLOWED_NOTICE_COUNT_CAP + 20 }, () => ({ ...model, id: newId(t.clock.now().getTime()) }))).execute();
    expect((await followed())[0]).toMatchObject({ postId: later.post.id, newReplies: FOLLOWED_NOTICE_COUNT_CAP });
    await db.deleteFrom('posts').where('thread_id', '=', threadId).where('id', '>', later.post.id).execute();

    // The data export presents notices the same way.
    const exported = (await follower.client.get('/api/me/export')).json() as { notifications?: { notifications: NoticeJson[] } };
    expect(exported.notifications?.notifications.filter((n) => n.kind === 'followed').map((n) => n.newReplies)).toEqual([1, 3]);
  });
});
