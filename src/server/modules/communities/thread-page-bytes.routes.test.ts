import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressionCount } from '../../platform/compression.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { bodyReadTwice, buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';

interface PostJson {
  id: string;
  state: string;
  bodyHtml: string | null;
  bodySource: string | null;
  collapsed: boolean;
  myReactions: string[];
  helpedMost: boolean;
  author: { label: string; user: { handle: string } | null; isMe: boolean };
}

/**
 * A shared page keeps its posts array as bytes, by the values its readers fill in (ADR 037). Each
 * response here is also checked by the test app against zod's text of the page presented afresh
 * for that reader (`checkResponses`), so a reader given bytes that are not exactly theirs fails
 * with a 500. Readers take turns, each read twice, so that every read after the first of a kind
 * comes from what an earlier one kept.
 */
describe.each(testDatabases)('thread page bytes kept per reader values on $name', (database) => {
  const t = useTestApp(database);
  const body = bodyReadTwice;
  const posts = async (u: BuiltUser, threadId: string) => (JSON.parse(await body(u, `/api/threads/${threadId}?limit=21`)) as { posts: PostJson[] }).posts;
  const byId = (ps: PostJson[], id: string) => ps.find((p) => p.id === id)!;

  it('gives each reader their own folds, reactions, helped mark, role and the latest posts, and never an anonymous author', async () => {
    const admin = await ensureAdmin(t.app);
    const author = await buildUser(t.app);
    const anon = await buildUser(t.app);
    const a = await buildUser(t.app);
    const b = await buildUser(t.app);
    const c = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const space = ((await author.client.get('/api/spaces')).json().spaces as { id: string; allowAnonymous: boolean }[]).find((s) => s.allowAnonymous)!.id;
    const threadId = (await author.client.post(`/api/spaces/${space}/threads`, { kind: 'question', title: 'What helps on the bad evenings?', body: 'Evenings are the hardest part.' })).json().thread.id as string;
    const warned = (await anon.client.post(`/api/threads/${threadId}/posts`, { body: 'Some evenings I think about hurting myself, then I call a friend.', warnings: ['self_harm'], anonymous: true })).json().post.id as string;
    const plain = (await b.client.post(`/api/threads/${threadId}/posts`, { body: 'A walk after dinner, every day.' })).json().post.id as string;

    // a and c fill in the same values (nothing of theirs on the page): the same bytes.
    const aBody = await body(a, `/api/threads/${threadId}?limit=21`);
    expect(await body(c, `/api/threads/${threadId}?limit=21`)).toBe(aBody);
    expect(aBody).not.toContain(anon.handle);
    expect(byId(await posts(a, threadId), warned)).toMatchObject({ collapsed: true, author: { user: null, label: 'Anonymous member' } });
    // b wrote a post on the page: theirs is presented for them, the others still from templates.
    expect(byId(await posts(b, threadId), plain)).toMatchObject({ author: { isMe: true }, bodySource: 'A walk after dinner, every day.' });
    expect(byId(await posts(a, threadId), plain).bodySource).toBeNull();
    // The anonymous author sees themselves; nobody else does.
    expect(byId(await posts(anon, threadId), warned)).toMatchObject({ author: { isMe: true, label: 'you (anonymous)' } });
    expect(await body(b, `/api/threads/${threadId}?limit=21`)).not.toContain(anon.handle);

    // A warning preference: a's fold opens, c's stays.
    expect((await a.client.put('/api/me/content-warnings', { prefs: { self_harm: 'show' } })).statusCode).toBe(200);
    expect(byId(await posts(a, threadId), warned).collapsed).toBe(false);
    expect(byId(await posts(c, threadId), warned).collapsed).toBe(true);
    expect((await a.client.put('/api/me/content-warnings', { prefs: { self_harm: 'ask' } })).statusCode).toBe(200);
    expect(byId(await posts(a, threadId), warned).collapsed).toBe(true);
    expect(await body(a, `/api/threads/${threadId}?limit=21`)).toBe(await body(c, `/api/threads/${threadId}?limit=21`));

    // A reaction: a's own shows for a only (the counts for everyone).
    expect((await a.client.put(`/api/posts/${plain}/reactions/relate`)).statusCode).toBe(200);
    expect(byId(await posts(a, threadId), plain).myReactions).toEqual(['relate']);
    expect(byId(await posts(c, threadId), plain).myReactions).toEqual([]);
    expect((await a.client.delete(`/api/posts/${plain}/reactions/relate`)).statusCode).toBe(200);
    expect(byId(await posts(a, threadId), plain).myReactions).toEqual([]);

    // The helped mark lives in the thread row, not in the posts' version: shown at once all the same.
    expect((await author.client.put(`/api/threads/${threadId}/helped`, { postId: plain })).statusCode).toBe(200);
    expect(byId(await posts(c, threadId), plain).helpedMost).toBe(true);
    expect((await author.client.put(`/api/threads/${threadId}/helped`, { postId: null })).statusCode).toBe(200);
    expect(byId(await posts(c, threadId), plain).helpedMost).toBe(false);

    // A role: c made a supervisor sees what moderators see (every post's source), and not once made a member again.
    expect((await admin.client.put(`/api/admin/users/${c.id}/roles`, { roles: ['member', 'supervisor'] })).statusCode).toBe(200);
    expect(byId(await posts(c, threadId), plain).bodySource).toBe('A walk after dinner, every day.');
    expect(byId(await posts(c, threadId), warned).author.user).toBeNull();
    expect((await admin.client.put(`/api/admin/users/${c.id}/roles`, { roles: ['member'] })).statusCode).toBe(200);
    expect(byId(await posts(c, threadId), plain).bodySource).toBeNull();

    // Edit, a new reply, hide, delete: each on the next read, for readers whose values did not change.
    expect((await b.client.patch(`/api/posts/${plain}`, { body: 'A long walk after dinner, every day.' })).statusCode).toBe(200);
    expect(byId(await posts(a, threadId), plain).bodyHtml).toContain('long walk');
    const more = (await author.client.post(`/api/threads/${threadId}/posts`, { body: 'Thank you both, I will try the walk.' })).json().post.id as string;
    expect(byId(await posts(a, threadId), more).bodyHtml).toContain('try the walk');
    expect((await supervisor.client.post(`/api/moderation/posts/${plain}/hide`, { note: 'Checking with the author.' })).statusCode).toBe(200);
    expect(byId(await posts(a, threadId), plain)).toMatchObject({ state: 'hidden', bodyHtml: null });
    expect((await supervisor.client.post(`/api/moderation/posts/${plain}/restore`)).statusCode).toBe(200);
    expect((await b.client.delete(`/api/posts/${plain}`)).statusCode).toBe(200);
    expect(byId(await posts(a, threadId), plain)).toMatchObject({ state: 'deleted', bodyHtml: null });
    expect(byId(await posts(supervisor, threadId), plain)).toMatchObject({ state: 'deleted', bodyHtml: null });

    // Sent as bytes: the same headers as JSON text had, and compressed for a browser as before.
    const url = `/api/threads/${threadId}?limit=21`;
    const sent = await t.app.inject({ method: 'GET', url, headers: { cookie: a.client.cookieHeader } });
    expect(sent.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(sent.headers['content-length']).toBe(String(Buffer.byteLength(sent.body)));
    const br = await t.app.inject({ method: 'GET', url, headers: { cookie: a.client.cookieHeader, 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(sent.body);
    // The same kept bytes again: their Brotli copy is sent, not made again, and it is the same.
    const compressions = compressionCount();
    const brAgain = await t.app.inject({ method: 'GET', url, headers: { cookie: a.client.cookieHeader, 'accept-encoding': 'br' } });
    expect(compressionCount()).toBe(compressions);
    expect(brAgain.headers['content-encoding']).toBe('br');
    expect(brAgain.headers['content-length']).toBe(String(brAgain.rawPayload.length));
    expect(brAgain.rawPayload.equals(br.rawPayload)).toBe(true);

    // The posts alone (the same page's bytes) read the same as in the thread page.
    const page = JSON.parse(await body(a, `/api/threads/${threadId}?limit=21`)) as { posts: unknown[] };
    expect(JSON.parse(await body(a, `/api/threads/${threadId}/posts?limit=21`)).posts).toEqual(page.posts);
  });
});
