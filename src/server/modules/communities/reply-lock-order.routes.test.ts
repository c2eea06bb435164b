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

/**
 * A member's Follow or Unfollow click takes their `users` row before anything else (PostgreSQL), as
 * their reply that follows the thread does (users, then the thread, then the follow): either write
 * moves their reader version (migration 0034's trigger). A Follow click used to insert its row first
 * (its foreign-key check waiting for the thread's row) and then update `users`: with the member's
 * reply at once, the reply waited for the click's uncommitted follow row and the click for the
 * reply's `users` row, a deadlock (40P01, a 500). PostgreSQL only, each queued in a known order
 * behind a row another connection holds; SQLite has one writer at a time.
 */
describe.each(testDatabases)('a reply and a follow or unfollow of the same member at once on $name', (database) => {
  const t = useTestApp(database);
  const racing = it.runIf(database.name === 'postgres');

  /** A thread by someone else, which `member` does not follow. */
  async function threadOfAnother() {
    const author = await buildUser(t.app);
    const member = await buildUser(t.app);
    const space = ((await author.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
    const created = await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Evenings after work', body: 'I have been trying to rest more in the evenings.' });
    expect(created.statusCode).toBe(201);
    return { member, threadId: created.json().thread.id as string };
  }

  async function following(threadId: string, userId: string): Promise<boolean> {
    const row = await t.app.kindred.database.db.selectFrom('thread_follows').select('user_id').where('thread_id', '=', threadId).where('user_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  racing('a reply, then the same member\'s Follow click, queued behind the thread\'s row: both succeed, no deadlock', async () => {
    const { member, threadId } = await threadOfAnother();
    const [reply, follow] = await queuedBehindRowLock(
      t.app.kindred.database.db,
      'threads',
      threadId,
      // Takes the member's `users` row (they do not follow yet), then waits for the thread's.
      () => member.client.post(`/api/threads/${threadId}/posts`, { body: 'Walks help me too.' }),
      // Before the fix: its insert's foreign-key check waited for the thread, then its trigger for
      // the reply's `users` row, while the reply's follow insert waited for this one's row.
      () => member.client.put(`/api/threads/${threadId}/follow`, {}),
    );
    expect({ reply: reply.statusCode, follow: follow.statusCode }).toEqual({ reply: 201, follow: 200 });
    expect(await following(threadId, member.id)).toBe(true);
  });

  racing('a Follow click, then the same member\'s reply, queued behind the thread\'s row: both succeed, no deadlock', async () => {
    const { member, threadId } = await threadOfAnother();
    const [follow, reply] = await queuedBehindRowLock(
      t.app.kindred.database.db,
      'threads',
      threadId,
      // Takes the member's `users` row, then its follow's foreign-key check waits for the thread's.
      () => member.client.put(`/api/threads/${threadId}/follow`, {}),
      // Waits for the member's `users` row (before the fix: took it, then waited for the thread
      // behind the click, which then needed that row while the reply's insert waited for its follow).
      () => member.client.post(`/api/threads/${threadId}/posts`, { body: 'Walks help me too.' }),
    );
    expect({ reply: reply.statusCode, follow: follow.statusCode }).toEqual({ reply: 201, follow: 200 });
    expect(await following(threadId, member.id)).toBe(true);
    const page = (await member.client.get(`/api/threads/${threadId}`)).json() as { thread: { replyCount: number } };
    expect(page.thread.replyCount).toBe(1);
  });

  racing('a reply that follows, then the same member\'s Unfollow click, queued behind their `users` row: the unfollow comes after, and stays', async () => {
    const { member, threadId } = await threadOfAnother();
    const [reply, unfollow] = await queuedBehindRowLock(
      t.app.kindred.database.db,
      'users',
      member.id,
      // Waits for the member's `users` row (they do not follow yet: the reply will follow).
      () => member.client.post(`/api/threads/${threadId}/posts`, { body: 'Walks help me too.' }),
      // Waits behind the reply for the same row; before the fix it took no lock and answered at
      // once, and the reply's follow then undid the Unfollow the member had clicked after it.
      () => member.client.delete(`/api/threads/${threadId}/follow`),
    );
    expect({ reply: reply.statusCode, unfollow: unfollow.statusCode }).toEqual({ reply: 201, unfollow: 200 });
    expect(await following(threadId, member.id)).toBe(false);
  });

  it('the same reply and Follow, and a reply and Unfollow, one after the other: each succeeds, the last one decides', async () => {
    const { member, threadId } = await threadOfAnother();
    expect((await member.client.post(`/api/threads/${threadId}/posts`, { body: 'Walks help me too.' })).statusCode).toBe(201);
    expect((await member.client.put(`/api/threads/${threadId}/follow`, {})).statusCode).toBe(200);
    expect(await following(threadId, member.id)).toBe(true);
    expect((await member.client.delete(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
    expect(await following(threadId, member.id)).toBe(false);
  });
});
