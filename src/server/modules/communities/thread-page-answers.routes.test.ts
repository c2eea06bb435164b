import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, programSpace, type BuiltUser } from '../../../../test/factories.js';
import type { ThreadPageCache } from './thread-page-cache.js';

interface Page {
  thread: { title: string; collapsed: boolean; following: boolean; helpedPostId: string | null; slowModeSeconds: number };
  space: { name: string };
  posts: { id: string; collapsed: boolean; myReactions: string[]; helpedMost: boolean }[];
}

/**
 * A shared thread page keeps whole responses by the values its readers fill in (ADR 058). Every
 * response is also checked by the test app against zod's text of the page presented afresh for that
 * reader from this request's rows (`checkResponses`): a kept response that is not exactly theirs, now,
 * fails with a 500. Each reader reads twice, so the second read of a kind comes from what was kept.
 */
describe.each(testDatabases)('whole thread-page responses kept per reader values on $name', (database) => {
  const t = useTestApp(database);
  const url = (threadId: string) => `/api/threads/${threadId}?limit=21`;
  const read = async (u: BuiltUser, threadId: string) => {
    const first = await u.client.get(url(threadId));
    expect(first.statusCode, first.body).toBe(200);
    const second = await u.client.get(url(threadId));
    expect(second.body).toBe(first.body);
    return { text: first.body, page: JSON.parse(first.body) as Page };
  };
  /** The kept responses of the thread's first page, at its current content version. */
  const keptAnswers = async (threadId: string) => {
    const { content_version } = await t.app.kindred.database.db.selectFrom('threads').select('content_version').where('id', '=', threadId).executeTakeFirstOrThrow();
    const pages = (t.app.kindred.communities as unknown as { pages: ThreadPageCache }).pages;
    return pages.get(threadId, Number(content_version), null, 21)?.answers.size ?? 0;
  };
  /** How many reads of the thread's first page, at its current content version, got a kept response. */
  const keptHits = async (threadId: string) => {
    const { content_version } = await t.app.kindred.database.db.selectFrom('threads').select('content_version').where('id', '=', threadId).executeTakeFirstOrThrow();
    const pages = (t.app.kindred.communities as unknown as { pages: ThreadPageCache }).pages;
    return pages.get(threadId, Number(content_version), null, 21)?.answers.hits ?? 0;
  };
  /** One read by `u`: whether it got a kept response. */
  const readOnce = async (u: BuiltUser, threadId: string) => {
    const before = await keptHits(threadId);
    const response = await u.client.get(url(threadId));
    expect(response.statusCode, response.body).toBe(200);
    return (await keptHits(threadId)) > before;
  };

  it('keeps one response for readers filling in the same values, one each for a follower and a reactor, and never gives one reader another\'s', async () => {
    const admin = await ensureAdmin(t.app);
    const author = await buildUser(t.app);
    const writer = await buildUser(t.app);
    const [a, c, follower, reactor] = [await buildUser(t.app), await buildUser(t.app), await buildUser(t.app), await buildUser(t.app)];
    const space = ((await author.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
    const threadId = (await author.client.post(`/api/spaces/${space}/threads`, { kind: 'question', title: 'What helps on the bad evenings?', body: 'Evenings are the hardest part.' })).json().thread.id as string;
    const warned = (await writer.client.post(`/api/threads/${threadId}/posts`, { body: 'Some evenings the grief about my dad comes back hard.', warnings: ['loss'] })).json().post.id as string;
    const plain = (await writer.client.post(`/api/threads/${threadId}/posts`, { body: 'A walk after dinner, every day.' })).json().post.id as string;
    expect((await follower.client.put(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
    expect((await reactor.client.put(`/api/posts/${plain}/reactions/relate`)).statusCode).toBe(200);
    // Events still on their way (an earlier test's space change, heard back over the bus, replaces the
    // cached space row and so every kept answer) delivered before counting kept answers.
    await t.app.kindred.dispatcher.idle();

    // a and c fill in the same values: one response kept, the same bytes for both.
    // Each `read` is two requests: the second of a kind is given what was kept (counted: a kept
    // answer never matching this request's rows, say on one database's types, would be no gain).
    const aPage = await read(a, threadId);
    expect(await keptAnswers(threadId)).toBe(1);
    expect(await keptHits(threadId)).toBe(1);
    expect((await read(c, threadId)).text).toBe(aPage.text);
    expect(await keptAnswers(threadId)).toBe(1);
    expect(await keptHits(threadId)).toBe(3);
    // The follower and the reactor: a response each, with their own values, which nobody else gets.
    expect((await read(follower, threadId)).page.thread.following).toBe(true);
    expect((await read(reactor, threadId)).page.posts.find((p) => p.id === plain)!.myReactions).toEqual(['relate']);
    expect(await keptAnswers(threadId)).toBe(3);
    expect(await keptHits(threadId)).toBe(5);
    const cPage = (await read(c, threadId)).page;
    expect(await keptHits(threadId)).toBe(7);
    expect(cPage.thread.following).toBe(false);
    expect(cPage.posts.every((p) => p.myReactions.length === 0)).toBe(true);
    expect(cPage.posts.find((p) => p.id === warned)!.collapsed).toBe(true);

    // The reader's own choices, at once: a follow, a warning shown.
    expect((await a.client.put(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
    expect((await read(a, threadId)).page.thread.following).toBe(true);
    expect((await a.client.put('/api/me/content-warnings', { prefs: { loss: 'show' } })).statusCode).toBe(200);
    expect((await read(a, threadId)).page.posts.find((p) => p.id === warned)!.collapsed).toBe(false);
    expect((await read(c, threadId)).page.posts.find((p) => p.id === warned)!.collapsed).toBe(true);

    // Changes to the thread row and the space that move no content version, at once for everyone.
    expect((await author.client.put(`/api/threads/${threadId}/helped`, { postId: plain })).statusCode).toBe(200);
    expect((await read(c, threadId)).page.posts.find((p) => p.id === plain)!.helpedMost).toBe(true);
    expect((await read(c, threadId)).page.thread.helpedPostId).toBe(plain);
    expect((await admin.client.put(`/api/moderation/threads/${threadId}/slow-mode`, { seconds: 60 })).statusCode).toBe(200);
    expect((await read(c, threadId)).page.thread.slowModeSeconds).toBe(60);
    expect((await admin.client.patch(`/api/admin/spaces/${space}`, { name: 'Evenings and nights' })).statusCode).toBe(200);
    expect((await read(c, threadId)).page.space.name).toBe('Evenings and nights');
    expect(await keptHits(threadId)).toBeGreaterThan(7);
  });

  it('keeps the answer readers without reactions share while reactors read, and the most recently used of each kind', async () => {
    const author = await buildUser(t.app);
    const writer = await buildUser(t.app);
    const space = ((await author.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
    const threadId = (await author.client.post(`/api/spaces/${space}/threads`, { kind: 'question', title: 'Evenings', body: 'They are hard.' })).json().thread.id as string;
    const postId = (await writer.client.post(`/api/threads/${threadId}/posts`, { body: 'A walk after dinner.' })).json().post.id as string;
    const reactors: BuiltUser[] = [];
    for (let i = 0; i < 4; i++) {
      const reactor = await buildUser(t.app);
      expect((await reactor.client.put(`/api/posts/${postId}/reactions/relate`)).statusCode).toBe(200);
      reactors.push(reactor);
    }
    const [r0, r1, r2, r3] = reactors as [BuiltUser, BuiltUser, BuiltUser, BuiltUser];
    const c = await buildUser(t.app);
    await t.app.kindred.dispatcher.idle();

    expect(await readOnce(c, threadId)).toBe(false);
    for (const r of [r0, r1, r2]) expect(await readOnce(r, threadId)).toBe(false);
    expect(await readOnce(c, threadId)).toBe(true);
    // A fourth reactor's answer of their own: the shared one stays.
    expect(await readOnce(r3, threadId)).toBe(false);
    expect(await readOnce(c, threadId)).toBe(true);
    // Reactors' answers go least recently used first: r2's, just used, outlives r3's.
    expect(await readOnce(r2, threadId)).toBe(true);
    expect(await readOnce(r0, threadId)).toBe(false);
    expect(await readOnce(r2, threadId)).toBe(true);
    expect(await readOnce(r3, threadId)).toBe(false);
  });

  it('answers 404 to a member who left the program at once, though their page was kept', async () => {
    const { leaver, stayer, programId, spaceId } = await programSpace(t.app);
    const author = await buildUser(t.app);
    const admin = await ensureAdmin(t.app);
    expect((await admin.client.post(`/api/admin/programs/${programId}/members`, { userId: author.id })).statusCode).toBe(201);
    const threadId = (await author.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'story', title: 'Night shifts again', body: 'Back on nights this week.' })).json().thread.id as string;
    // The setup's events delivered first: the space's creation, heard back over the bus, replaces the
    // cached space row, and arriving between two reads it made the second a fresh answer (CI: 4 for 5).
    await t.app.kindred.dispatcher.idle();
    const kept = await read(leaver, threadId);
    expect((await read(stayer, threadId)).text).toBe(kept.text);
    expect(await keptAnswers(threadId)).toBe(1);
    expect(await keptHits(threadId)).toBe(3);
    expect((await leaver.client.delete(`/api/programs/${programId}/membership`)).statusCode).toBe(200);
    expect((await leaver.client.get(url(threadId))).statusCode).toBe(404);
    expect((await read(stayer, threadId)).text).toBe(kept.text);
    expect(await keptHits(threadId)).toBe(5);
  });
});
