import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser } from '../../../../test/factories.js';
import { queuedBehindRowLock } from '../../../../test/row-lock.js';

/**
 * A reply takes its locks in the community's one order, users → posts → threads (ADR 052,
 * amendment "replies too"). A reply that makes its writer follow the thread moves their reader
 * version (migration 0034's trigger on `thread_follows`), which updates their `users` row; it used
 * to do so after locking the thread (`replyContext`), while an edit of an opening post takes its
 * author's `users` row, then the post, then the thread. The same member replying to their own
 * thread (not following it) while editing its opening post deadlocked on PostgreSQL: a 500.
 *
 * PostgreSQL only: the opening post's row is held by another connection so that the edit (holding
 * the author's `users` row) waits behind it and the reply queues behind the edit, in a known order.
 * SQLite has one writer at a time; the same two requests one after the other are checked there too.
 */
describe.each(testDatabases)('a reply and an edit of the same member at once on $name', (database) => {
  const t = useTestApp(database);
  const racing = it.runIf(database.name === 'postgres');

  async function ownThreadNotFollowed() {
    const author = await buildUser(t.app);
    const space = ((await author.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
    const created = await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Evenings after work', body: 'I have been trying to rest more in the evenings.' });
    expect(created.statusCode).toBe(201);
    const threadId = created.json().thread.id as string;
    const openingId = created.json().post.id as string;
    // Not following: the reply will insert the follow, and the trigger moves the author's version.
    expect((await author.client.delete(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
    return { author, threadId, openingId };
  }

  async function following(threadId: string, userId: string): Promise<boolean> {
    const row = await t.app.kindred.database.db.selectFrom('thread_follows').select('user_id').where('thread_id', '=', threadId).where('user_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  racing('an author\'s reply to their own thread, queued behind their edit of its opening post: both succeed, no deadlock', async () => {
    const { author, threadId, openingId } = await ownThreadNotFollowed();
    const [edit, reply] = await queuedBehindRowLock(
      t.app.kindred.database.db,
      'posts',
      openingId,
      // Takes the author's `users` row, then waits for the opening post's.
      () => author.client.patch(`/api/posts/${openingId}`, { body: 'I have been trying to rest more in the evenings, and to walk.' }),
      // Locks the thread and (before the fix) then needs the author's `users` row, held by the edit.
      () => author.client.post(`/api/threads/${threadId}/posts`, { body: 'An update: the walks are helping.' }),
    );
    expect({ edit: edit.statusCode, body: edit.statusCode === 200 ? '' : edit.body }).toEqual({ edit: 200, body: '' });
    expect({ reply: reply.statusCode, body: reply.statusCode === 201 ? '' : reply.body }).toEqual({ reply: 201, body: '' });
    const page = (await author.client.get(`/api/threads/${threadId}`)).json() as { thread: { replyCount: number }; posts: { id: string; bodyHtml: string | null }[] };
    expect(page.thread.replyCount).toBe(1);
    expect(page.posts.find((p) => p.id === openingId)?.bodyHtml).toContain('and to walk');
    expect(await following(threadId, author.id)).toBe(true);
  });

  it('the same reply and edit one after the other: both succeed, the reply follows the thread', async () => {
    const { author, threadId, openingId } = await ownThreadNotFollowed();
    expect((await author.client.patch(`/api/posts/${openingId}`, { body: 'I have been trying to rest more in the evenings, and to walk.' })).statusCode).toBe(200);
    expect((await author.client.post(`/api/threads/${threadId}/posts`, { body: 'An update: the walks are helping.' })).statusCode).toBe(201);
    expect(await following(threadId, author.id)).toBe(true);
  });
});
