import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, postAs, replyInNewThread } from '../../../../test/factories.js';
import { answeredWhileRowLocked, queuedBehindRowLock } from '../../../../test/row-lock.js';

/** Words the safety screen holds for a supervisor (a method detail). */
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';
/** Other words the screen holds, for a second held edit of the same post. */
const METHOD2 = 'I bought a rope and I am going to hang myself from the beam tonight.';

/**
 * Two writes that each decide a post's state from what they read (a hide, a restore, a decision on
 * its hold, a delete, an author's edit) meet on PostgreSQL: each must see what the other committed,
 * never overwrite it (ADR 052, amendment). The post's row is held by another connection so both
 * requests queue behind it, in a known order, and then run into each other.
 *
 * PostgreSQL only: SQLite has one writer at a time (a unit of work reads and writes alone), so the
 * two cannot interleave there; the same sequences run one after the other are in
 * hold-and-hide.routes.test.ts on both databases.
 */
describe.each(testDatabases)('a post two writes decide at once on $name', (database) => {
  const t = useTestApp(database);
  const racing = it.runIf(database.name === 'postgres');
  let words = 0;
  const unique = () => `fennelwort${(words += 1)}x${Date.now().toString(36)}`;

  async function ok(res: { statusCode: number; body: string }, status = 200) {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  }

  async function cast() {
    const [author, reader, supervisor] = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app, { roles: ['supervisor'] })]);
    const space = ((await reader.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
    return { author, reader, supervisor, space };
  }
  type Cast = Awaited<ReturnType<typeof cast>>;

  const reply = (c: Cast, body: string) => replyInNewThread(c.reader, c.author, c.space, body);

  /**
   * `queuedBehindRowLock` on this app's database, once the events written so far are delivered. A
   * visible reply's notice, written by its dispatch, names the post, its thread and their people (its
   * foreign keys take `key share` on those rows): a dispatch still to come when the row is held waits
   * behind it too, and counted as the first queued request it let the second start before the first
   * waited, so the two could take the row in the other order (the race c2aca86 fixed for one check).
   */
  const queued = async <A, B>(table: Parameters<typeof queuedBehindRowLock>[1], id: string, first: () => Promise<A>, second: () => Promise<B>) => {
    await t.app.kindred.dispatcher.idle();
    return queuedBehindRowLock(t.app.kindred.database.db, table, id, first, second);
  };

  async function heldItemOf(c: Cast, postId: string): Promise<string> {
    const items = (await c.supervisor.client.get('/api/safety/held?limit=100')).json().items as { id: string; objectId: string }[];
    const item = items.find((i) => i.objectId === postId);
    if (!item) throw new Error(`no held item for post ${postId}`);
    return item.id;
  }

  racing('a release queued behind a moderator\'s hide: the post stays hidden, its words unpublished', async () => {
    const c = await cast();
    const word = unique();
    const p = await reply(c, `${METHOD} ${word}`);
    const item = await heldItemOf(c, p.postId);
    const [hide, release] = await queued(
      'posts',
      p.postId,
      () => c.supervisor.client.post(`/api/moderation/posts/${p.postId}/hide`, { note: 'Checking in with you.' }),
      () => c.supervisor.client.post(`/api/safety/held/${item}/decision`, { action: 'release' }),
    );
    await ok(hide);
    await ok(release);
    await t.app.kindred.dispatcher.idle();
    expect(await postAs(c.author, p)).toMatchObject({ state: 'hidden' });
    expect((await postAs(c.reader, p))?.bodyHtml ?? null).toBeNull();
  });

  racing('the safety queue\'s new words queued behind its author\'s delete: refused (409), the post stays deleted', async () => {
    const c = await cast();
    const p = await reply(c, METHOD);
    const item = await heldItemOf(c, p.postId);
    const word = unique();
    const [del, edit] = await queued(
      'posts',
      p.postId,
      () => c.author.client.delete(`/api/posts/${p.postId}`),
      () => c.supervisor.client.post(`/api/safety/held/${item}/decision`, { action: 'edit', text: `Feeling calmer, ${word}.` }),
    );
    await ok(del);
    // The delete withdrew the item (ADR 055, amendment): the edit meets that, not a half state or a 500.
    expect({ status: edit.statusCode, message: edit.json().error.message }).toEqual({
      status: 409,
      message: 'The writer deleted it (or took it back) before anyone decided: these words will never be shown, and the item has left the list. There is nothing to decide.',
    });
    expect(await t.app.kindred.database.db.selectFrom('held_content').select('status').where('id', '=', item).executeTakeFirstOrThrow()).toEqual({ status: 'withdrawn' });
    expect(await postAs(c.author, p)).toMatchObject({ state: 'deleted', bodyHtml: null });
    expect(JSON.stringify(await postAs(c.reader, p))).not.toContain(word);
  });

  racing('its author\'s delete queued behind a release: the release stands (the item stays released, not withdrawn), the post ends deleted', async () => {
    const c = await cast();
    const p = await reply(c, METHOD);
    const item = await heldItemOf(c, p.postId);
    const [release, del] = await queued(
      'posts',
      p.postId,
      () => c.supervisor.client.post(`/api/safety/held/${item}/decision`, { action: 'release' }),
      () => c.author.client.delete(`/api/posts/${p.postId}`),
    );
    await ok(release);
    await ok(del);
    expect(await t.app.kindred.database.db.selectFrom('held_content').select(['status', 'decided_by']).where('id', '=', item).executeTakeFirstOrThrow()).toEqual({ status: 'released', decided_by: c.supervisor.id });
    expect(await postAs(c.author, p)).toMatchObject({ state: 'deleted', bodyHtml: null });
  });

  racing('a release queued behind a restore of a held, hidden reply: it ends visible, as one after the other', async () => {
    const c = await cast();
    const p = await reply(c, METHOD);
    await ok(await c.supervisor.client.post(`/api/moderation/posts/${p.postId}/hide`, { note: 'Checking in with you.' }));
    const item = await heldItemOf(c, p.postId);
    const [restore, release] = await queued(
      'posts',
      p.postId,
      () => c.supervisor.client.post(`/api/moderation/posts/${p.postId}/restore`),
      () => c.supervisor.client.post(`/api/safety/held/${item}/decision`, { action: 'release' }),
    );
    await ok(restore);
    await ok(release);
    expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible' });
  });

  racing('an author\'s held edit queued behind a moderator\'s hide: the post stays hidden', async () => {
    const c = await cast();
    const p = await reply(c, 'A quiet week, mostly good.');
    const word = unique();
    const [hide, edit] = await queued(
      'posts',
      p.postId,
      () => c.supervisor.client.post(`/api/moderation/posts/${p.postId}/hide`, { note: 'Checking in with you.' }),
      () => c.author.client.patch(`/api/posts/${p.postId}`, { body: `${METHOD} ${word}` }),
    );
    await ok(hide);
    await ok(edit);
    expect(await postAs(c.author, p)).toMatchObject({ state: 'hidden' });
    // The hold is noted: a restore gives back a post that waits for review, not the held words.
    await ok(await c.supervisor.client.post(`/api/moderation/posts/${p.postId}/restore`));
    expect(await postAs(c.author, p)).toMatchObject({ state: 'pending' });
    expect(JSON.stringify(await postAs(c.reader, p))).not.toContain(word);
  });

  /** The post's held items, oldest first, straight from the table (superseded ones are not listed). */
  async function heldRowsOf(postId: string) {
    return t.app.kindred.database.db
      .selectFrom('held_content')
      .select(['id', 'status', 'user_id', 'created_at'])
      .where('object_type', '=', 'post')
      .where('object_id', '=', postId)
      .orderBy('id')
      .execute();
  }

  racing('a release queued behind a moderator\'s held edit: no deadlock, the newer words wait and the release meets a conflict', async () => {
    const c = await cast();
    const p = await reply(c, `${METHOD} ${unique()}`);
    const item = await heldItemOf(c, p.postId);
    const newer = `${METHOD2} ${unique()}`;
    // The release read its item before the edit's screen supersedes it: object lock first, then held_content.
    const [edit, release] = await queued(
      'posts',
      p.postId,
      () => c.supervisor.client.post(`/api/moderation/posts/${p.postId}/edit`, { body: newer, note: 'Trimmed a little.' }),
      () => c.supervisor.client.post(`/api/safety/held/${item}/decision`, { action: 'release' }),
    );
    await ok(edit);
    await ok(release, 409);
    expect(release.json().error.message).toMatch(/newer words/i);
    expect(await postAs(c.author, p)).toMatchObject({ state: 'pending' });
    expect(JSON.stringify(await postAs(c.reader, p))).not.toContain('rope');
    expect((await heldRowsOf(p.postId)).map((r) => r.status)).toEqual(['superseded', 'pending']);
  });

  racing('an author\'s held edit queued behind a release: no deadlock, the release publishes what it read and the new words wait', async () => {
    const c = await cast();
    const p = await reply(c, `${METHOD} ${unique()}`);
    const item = await heldItemOf(c, p.postId);
    const [release, edit] = await queued(
      'posts',
      p.postId,
      () => c.supervisor.client.post(`/api/safety/held/${item}/decision`, { action: 'release' }),
      () => c.author.client.patch(`/api/posts/${p.postId}`, { body: `${METHOD2} ${unique()}` }),
    );
    await ok(release);
    await ok(edit);
    expect(await postAs(c.author, p)).toMatchObject({ state: 'pending' });
    expect((await heldRowsOf(p.postId)).map((r) => r.status)).toEqual(['released', 'pending']);
  });

  racing('a release queued behind its author\'s edit into words the screen passes: the release meets a conflict, the new words are shown', async () => {
    const c = await cast();
    const p = await reply(c, 'A quiet week, mostly good.');
    await ok(await c.author.client.patch(`/api/posts/${p.postId}`, { body: METHOD }));
    const item = await heldItemOf(c, p.postId);
    const word = unique();
    const [edit, release] = await queued(
      'posts',
      p.postId,
      () => c.author.client.patch(`/api/posts/${p.postId}`, { body: `Better today, I walked to the ${word} pond.` }),
      () => c.supervisor.client.post(`/api/safety/held/${item}/decision`, { action: 'release' }),
    );
    await ok(edit);
    await ok(release, 409);
    expect(release.json().error.message).toMatch(/newer words/i);
    expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
    expect((await heldRowsOf(p.postId)).map((r) => r.status)).toEqual(['superseded']);
  });

  racing('two held edits of one post at once: exactly one item waits, for the newest words', async () => {
    const c = await cast();
    const p = await reply(c, `A calm reply ${unique()}.`);
    const first = `${METHOD} ${unique()}`;
    const second = `${METHOD2} ${unique()}`;
    const [a, b] = await queued(
      'posts',
      p.postId,
      () => c.author.client.patch(`/api/posts/${p.postId}`, { body: first }),
      () => c.author.client.patch(`/api/posts/${p.postId}`, { body: second }),
    );
    await ok(a);
    await ok(b);
    expect((await heldRowsOf(p.postId)).map((r) => r.status)).toEqual(['superseded', 'pending']);
    const items = (await c.supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string; text: string }[];
    expect(items.filter((i) => i.objectId === p.postId).map((i) => i.text)).toEqual([second]);
  });

  racing('marking a reply as the one that helped, queued behind its author\'s delete: refused, the thread marks no deleted reply', async () => {
    const c = await cast();
    const thread = await c.reader.client.post(`/api/spaces/${c.space}/threads`, { kind: 'question', title: `How do you rest? ${unique()}`, body: 'What helps you switch off in the evening?' });
    await ok(thread, 201);
    const threadId = thread.json().thread.id as string;
    const answer = await c.author.client.post(`/api/threads/${threadId}/posts`, { body: 'A walk before dinner helps me.' });
    await ok(answer, 201);
    const postId = answer.json().post.id as string;
    // The mark read the reply visible before the delete committed: it decides from the locked row.
    const [del, mark] = await queued(
      'posts',
      postId,
      () => c.author.client.delete(`/api/posts/${postId}`),
      () => c.reader.client.put(`/api/threads/${threadId}/helped`, { postId }),
    );
    await ok(del);
    expect(mark.statusCode).toBe(400);
    expect((await c.reader.client.get(`/api/threads/${threadId}`)).json().thread.helpedPostId).toBeNull();
  });

  racing('marking a post of another thread: refused without waiting for that post\'s row', async () => {
    const c = await cast();
    const elsewhere = await reply(c, `A walk before dinner helps me. ${unique()}`);
    const thread = await c.reader.client.post(`/api/spaces/${c.space}/threads`, { kind: 'question', title: `How do you rest? ${unique()}`, body: 'What helps you switch off in the evening?' });
    await ok(thread, 201);
    // The replies' own background work delivered first: `waited` counts any session the lock holds up, and a late
    // dispatch touching the reply's row made this flaky in CI.
    await t.app.kindred.dispatcher.idle();
    // The other thread's reply is locked by someone else (its author's edit, a moderator): the mark
    // reads it, sees it is not a reply of this thread and answers; it used to lock it first and wait.
    const { waited, answer } = await answeredWhileRowLocked(t.app.kindred.database.db, 'posts', elsewhere.postId, () =>
      c.reader.client.put(`/api/threads/${thread.json().thread.id}/helped`, { postId: elsewhere.postId }),
    );
    expect({ waited, status: answer.statusCode }).toEqual({ waited: false, status: 400 });
  });

  racing('a mark moved to another of a member\'s replies, queued while their erasure deletes their replies: both succeed, no deadlock', async () => {
    const c = await cast();
    const thread = await c.reader.client.post(`/api/spaces/${c.space}/threads`, { kind: 'question', title: `How do you rest? ${unique()}`, body: 'What helps you switch off in the evening?' });
    await ok(thread, 201);
    const threadId = thread.json().thread.id as string;
    const first = await c.author.client.post(`/api/threads/${threadId}/posts`, { body: 'A walk before dinner helps me.' });
    await ok(first, 201);
    const second = await c.author.client.post(`/api/threads/${threadId}/posts`, { body: 'And no screens after nine.' });
    await ok(second, 201);
    const [firstId, secondId] = [first.json().post.id as string, second.json().post.id as string];
    await ok(await c.reader.client.put(`/api/threads/${threadId}/helped`, { postId: firstId }));
    // Their reaction's removal moves the thread's content version (migration 0015): the thread's row too.
    await ok(await c.author.client.put(`/api/posts/${thread.json().post.id}/reactions/relate`, {}));
    const [mark, erased] = await queued(
      'posts',
      secondId,
      // Waits for the second reply's row, then would update the thread.
      () => c.reader.client.put(`/api/threads/${threadId}/helped`, { postId: secondId }),
      // Before the fix: took the thread's row (removing their reaction; clearing the mark of the
      // first reply), then waited for the second reply's row behind the mark, which waited for the thread.
      () => c.author.client.post('/api/me/erase', { password: c.author.password, publicPosts: 'delete', confirm: 'DELETE' }),
    );
    expect({ mark: mark.statusCode, erased: erased.statusCode }).toEqual({ mark: 200, erased: 200 });
    // The mark came first; the erasure then deleted the reply and cleared the mark.
    const page = (await c.reader.client.get(`/api/threads/${threadId}`)).json() as { thread: { helpedPostId: string | null }; posts: { id: string }[] };
    expect(page.thread.helpedPostId).toBeNull();
    expect(page.posts.map((p) => p.id)).not.toContain(secondId);
  });

  it('newer held words keep the post\'s place in the review queue and its waiting time', async () => {
    const c = await cast();
    const older = await reply(c, `${METHOD} ${unique()}`);
    const waitingSince = (await heldRowsOf(older.postId))[0]!.created_at;
    t.clock.advance(60_000);
    const later = await reply(c, `${METHOD} ${unique()}`);
    t.clock.advance(60_000);
    await ok(await c.author.client.patch(`/api/posts/${older.postId}`, { body: `${METHOD2} ${unique()}` }));
    const items = (await c.supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string; createdAt: string }[];
    const mine = items.filter((i) => i.objectId === older.postId || i.objectId === later.postId);
    expect(mine.map((i) => i.objectId)).toEqual([older.postId, later.postId]);
    expect(mine[0]!.id).toBe((await heldRowsOf(older.postId)).find((r) => r.status === 'pending')!.id);
    expect(mine[0]!.createdAt).toBe(new Date(waitingSince).toISOString());
  });

  it('a moderator\'s edit the screen holds waits as the author\'s words: their item, their handle, their decision', async () => {
    const c = await cast();
    const p = await reply(c, `${METHOD} ${unique()}`);
    await ok(await c.supervisor.client.post(`/api/moderation/posts/${p.postId}/edit`, { body: `${METHOD2} ${unique()}`, note: 'Trimmed a little.' }));
    const rows = await heldRowsOf(p.postId);
    expect(rows.map((r) => [r.status, r.user_id])).toEqual([
      ['superseded', c.author.id],
      ['pending', c.author.id],
    ]);
    const items = (await c.supervisor.client.get('/api/safety/held')).json().items as { objectId: string; authorHandle: string | null }[];
    expect(items.find((i) => i.objectId === p.postId)?.authorHandle).toBe(c.author.handle);
  });
});
