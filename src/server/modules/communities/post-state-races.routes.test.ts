import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';
import { queuedBehindRowLock } from '../../../../test/row-lock.js';

/** Words the safety screen holds for a supervisor (a method detail). */
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

interface PostJson {
  id: string;
  state: string;
  bodyHtml: string | null;
}

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

  async function reply(c: Cast, body: string): Promise<{ threadId: string; postId: string }> {
    const thread = await c.reader.client.post(`/api/spaces/${c.space}/threads`, { kind: 'story', title: `Checking in ${unique()}`, body: 'How is everyone doing this week?' });
    await ok(thread, 201);
    const res = await c.author.client.post(`/api/threads/${thread.json().thread.id}/posts`, { body });
    await ok(res, 201);
    return { threadId: thread.json().thread.id, postId: res.json().post.id };
  }

  async function postAs(who: BuiltUser, p: { threadId: string; postId: string }): Promise<PostJson | null> {
    const res = await who.client.get(`/api/threads/${p.threadId}`);
    if (res.statusCode === 404) return null;
    return (res.json().posts as PostJson[]).find((x) => x.id === p.postId) ?? null;
  }

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
    const [hide, release] = await queuedBehindRowLock(
      t.app.kindred.database.db,
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

  racing('the safety queue\'s new words queued behind its author\'s delete: the post stays deleted', async () => {
    const c = await cast();
    const p = await reply(c, METHOD);
    const item = await heldItemOf(c, p.postId);
    const word = unique();
    const [del, edit] = await queuedBehindRowLock(
      t.app.kindred.database.db,
      'posts',
      p.postId,
      () => c.author.client.delete(`/api/posts/${p.postId}`),
      () => c.supervisor.client.post(`/api/safety/held/${item}/decision`, { action: 'edit', text: `Feeling calmer, ${word}.` }),
    );
    await ok(del);
    await ok(edit);
    expect(await postAs(c.author, p)).toMatchObject({ state: 'deleted', bodyHtml: null });
    expect(JSON.stringify(await postAs(c.reader, p))).not.toContain(word);
  });

  racing('a release queued behind a restore of a held, hidden reply: it ends visible, as one after the other', async () => {
    const c = await cast();
    const p = await reply(c, METHOD);
    await ok(await c.supervisor.client.post(`/api/moderation/posts/${p.postId}/hide`, { note: 'Checking in with you.' }));
    const item = await heldItemOf(c, p.postId);
    const [restore, release] = await queuedBehindRowLock(
      t.app.kindred.database.db,
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
    const [hide, edit] = await queuedBehindRowLock(
      t.app.kindred.database.db,
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
});
