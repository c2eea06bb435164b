import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { bodyReadTwice, buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';

interface ThreadJson {
  id: string;
  collapsed: boolean;
  following: boolean;
  replyCount: number;
  reactionCount: number;
  author: { label: string; user: { id: string; handle: string } | null; isMe: boolean };
}

const LATEST = '/api/threads?list=latest&limit=50';

/**
 * A shared latest list keeps its threads array as bytes, by the values its readers fill in (ADR
 * 037, amendment): each thread's fold and follow. Each response here is also checked by the test
 * app against zod's text of the list presented afresh for that reader (`checkResponses`), so a
 * reader given bytes that are not exactly theirs fails with a 500 (with one key for every reader,
 * the follower, the reader who shows a warning and the anonymous author would all get someone
 * else's). Readers take turns, each read twice, so every read after the first of a kind comes from
 * what an earlier one kept.
 */
describe.each(testDatabases)('latest list bytes kept per reader values on $name', (database) => {
  const t = useTestApp(database);
  const body = (u: BuiltUser, url = LATEST) => bodyReadTwice(u, url);
  const threads = async (u: BuiltUser) => (JSON.parse(await body(u)) as { threads: ThreadJson[] }).threads;
  const byId = (ts: ThreadJson[], id: string) => ts.find((x) => x.id === id);
  const ids = async (u: BuiltUser) => (await threads(u)).map((x) => x.id);

  it('gives each reader their own folds, follows and spaces, the latest threads, and never an anonymous author', async () => {
    const admin = await ensureAdmin(t.app);
    const author = await buildUser(t.app);
    const anon = await buildUser(t.app, { handle: `masked_${Date.now().toString(36)}` });
    const a = await buildUser(t.app);
    const b = await buildUser(t.app);
    const c = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const spaces = ((await author.client.get('/api/spaces')).json().spaces as { id: string; allowAnonymous: boolean }[]).filter((s) => s.allowAnonymous);
    const [space, other] = [spaces[0]!.id, spaces[1]!.id];
    const create = async (u: BuiltUser, where: string, title: string, extra: object = {}) => {
      const res = await u.client.post(`/api/spaces/${where}/threads`, { kind: 'story', title, body: `${title}, in a few words.`, ...extra });
      expect(res.statusCode).toBe(201);
      const created = res.json() as { thread: { id: string }; post: { id: string } };
      return { id: created.thread.id, opening: created.post.id };
    };
    const warned = await create(author, space, 'Bad evenings', { warnings: ['self_harm'] });
    const masked = await create(anon, space, 'Not out at work', { anonymous: true });
    const plain = await create(author, space, 'A better week');
    const elsewhere = await create(author, other, 'Night shifts');

    // a and c fill in the same values (nothing of theirs in the list): the same bytes; so does a moderator.
    const aBody = await body(a);
    expect(await body(c)).toBe(aBody);
    expect(await body(supervisor)).toBe(aBody);
    expect(aBody).not.toContain(anon.handle);
    expect(aBody).not.toContain(anon.id);
    expect(byId(await threads(a), warned.id)).toMatchObject({ collapsed: true, following: false });
    expect(byId(await threads(a), masked.id)!.author).toEqual({ user: null, label: 'Anonymous member', anonymous: true, isMe: false });
    // The anonymous author sees themselves (presented for them); nobody else does, before or after.
    expect(byId(await threads(anon), masked.id)!.author).toMatchObject({ label: 'you (anonymous)', isMe: true });
    expect(await body(c)).toBe(aBody);
    // The author gets their own threads presented for them (and follows them).
    expect(byId(await threads(author), plain.id)).toMatchObject({ author: { isMe: true }, following: true });

    // A follow (not a community change: the same shared list) is b's alone.
    expect((await b.client.put(`/api/threads/${plain.id}/follow`)).statusCode).toBe(200);
    expect(byId(await threads(b), plain.id)!.following).toBe(true);
    expect(byId(await threads(a), plain.id)!.following).toBe(false);
    expect((await b.client.delete(`/api/threads/${plain.id}/follow`)).statusCode).toBe(200);
    expect(await body(b)).toBe(await body(a));

    // A warning choice: a's fold opens, c's stays; "hide" leaves the thread out of a's list only.
    expect((await a.client.put('/api/me/content-warnings', { prefs: { self_harm: 'show' } })).statusCode).toBe(200);
    expect(byId(await threads(a), warned.id)!.collapsed).toBe(false);
    expect(byId(await threads(c), warned.id)!.collapsed).toBe(true);
    expect((await a.client.put('/api/me/content-warnings', { prefs: { self_harm: 'hide' } })).statusCode).toBe(200);
    expect(await ids(a)).not.toContain(warned.id);
    expect(await ids(c)).toContain(warned.id);
    expect((await a.client.put('/api/me/content-warnings', { prefs: { self_harm: 'ask' } })).statusCode).toBe(200);
    expect(await body(a)).toBe(await body(c));

    // A new thread and a reply: first in the list on the next read, for readers whose values did not change.
    const fresh = await create(author, space, 'First week back at work');
    expect((await ids(a))[0]).toBe(fresh.id);
    expect((await ids(c))[0]).toBe(fresh.id);
    const reply = (await b.client.post(`/api/threads/${plain.id}/posts`, { body: 'Glad to hear it.' })).json().post.id as string;
    expect(byId(await threads(c), plain.id)).toMatchObject({ replyCount: 1 });
    expect(byId(await threads(a), plain.id)).toMatchObject({ replyCount: 1 });
    // b replied (and so follows the thread): their own value, not a's.
    expect(byId(await threads(b), plain.id)!.following).toBe(true);
    expect(byId(await threads(a), plain.id)!.following).toBe(false);

    // A reaction moves the thread's count for everyone.
    expect((await a.client.put(`/api/posts/${reply}/reactions/relate`)).statusCode).toBe(200);
    expect(byId(await threads(c), plain.id)!.reactionCount).toBe(1);
    expect((await a.client.delete(`/api/posts/${reply}/reactions/relate`)).statusCode).toBe(200);
    expect(byId(await threads(a), plain.id)!.reactionCount).toBe(0);

    // Hidden (its opening post hidden by a moderator): gone for every reader at once; restored: back.
    expect((await supervisor.client.post(`/api/moderation/posts/${warned.opening}/hide`, { note: 'Checking with the author.' })).statusCode).toBe(200);
    expect(await ids(a)).not.toContain(warned.id);
    expect(await ids(c)).not.toContain(warned.id);
    expect((await supervisor.client.post(`/api/moderation/posts/${warned.opening}/restore`)).statusCode).toBe(200);
    expect(await ids(a)).toContain(warned.id);
    expect(await body(a)).toBe(await body(c));

    // A space made program-only: its threads only for the program's members.
    const program = (await admin.client.post('/api/admin/programs', { name: 'Night workers' })).json() as { id: string };
    expect((await admin.client.post(`/api/admin/programs/${program.id}/members`, { userId: a.id })).statusCode).toBe(201);
    expect(await ids(c)).toContain(elsewhere.id);
    expect((await admin.client.patch(`/api/admin/spaces/${other}`, { visibility: 'program', programId: program.id })).statusCode).toBe(200);
    expect(await ids(a)).toContain(elsewhere.id);
    expect(await ids(c)).not.toContain(elsewhere.id);
    expect(await ids(b)).not.toContain(elsewhere.id);
    expect(await ids(a)).toContain(elsewhere.id);

    // A newcomer's held thread is in their own list only (merged in: not the shared list's bytes).
    expect((await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 1 })).statusCode).toBe(200);
    try {
      const newcomer = await buildUser(t.app);
      const held = await create(newcomer, space, 'My first thread here');
      expect(await ids(newcomer)).toContain(held.id);
      expect(await ids(c)).not.toContain(held.id);
      expect(await ids(newcomer)).toContain(held.id);
    } finally {
      await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 0 });
    }

    // Sent as bytes: the same headers as JSON text had, and compressed for a browser as before.
    const sent = await t.app.inject({ method: 'GET', url: LATEST, headers: { cookie: c.client.cookieHeader } });
    expect(sent.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(sent.headers['content-length']).toBe(String(Buffer.byteLength(sent.body)));
    const br = await t.app.inject({ method: 'GET', url: LATEST, headers: { cookie: c.client.cookieHeader, 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(sent.body);
  });
});
