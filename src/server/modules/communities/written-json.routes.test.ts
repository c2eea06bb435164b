import { describe, expect, it } from 'vitest';
import type { KindredApp } from '../../app.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';

interface AuthorJson {
  user: { id: string; handle: string } | null;
  label: string;
  anonymous: boolean;
  isMe: boolean;
}
interface PostJson {
  id: string;
  author: AuthorJson;
  bodySource: string | null;
  collapsed: boolean;
  reactions: { relate: number; strength: number; helped: number };
  myReactions: string[];
  helpedMost: boolean;
}
interface ThreadJson {
  id: string;
  author: AuthorJson;
  collapsed: boolean;
  following: boolean;
}

async function spaceId(app: KindredApp, slug: string): Promise<string> {
  return (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/**
 * Posts and threads are written from JSON kept with the cached page or list, open at each reader's
 * own values (ADR 020). Readers take turns on the same cached page here, so a value of one reader
 * left in the shared text, or a value that changed without moving the page's version, would show.
 * (The suite's app also checks every such response against zod's serialization, byte for byte.)
 */
describe.each(testDatabases)('JSON written ahead on $name', (database) => {
  const t = useTestApp(database);
  const page = async (u: BuiltUser, threadId: string) => {
    const res = await u.client.get(`/api/threads/${threadId}?limit=21`);
    expect(res.statusCode).toBe(200);
    return res.json() as { thread: ThreadJson; posts: PostJson[] };
  };
  const latest = async (u: BuiltUser) => {
    const res = await u.client.get('/api/threads?list=latest&limit=50');
    expect(res.statusCode).toBe(200);
    return res.json() as { threads: ThreadJson[] };
  };

  it("gives each reader of one cached page their own reactions, folds and follows, and the helped mark as soon as it is set", async () => {
    const asker = await buildUser(t.app);
    const helper = await buildUser(t.app);
    const shows = await buildUser(t.app);
    const asks = await buildUser(t.app);
    expect((await shows.client.put('/api/me/content-warnings', { prefs: { eating: 'show' } })).statusCode).toBe(200);
    const space = (await asker.client.get('/api/spaces')).json().spaces[0].id as string;
    const q = (await asker.client.post(`/api/spaces/${space}/threads`, { kind: 'question', title: 'Eating with others again', body: 'How did you start eating with friends again?', warnings: ['eating'] })).json();
    const threadId = q.thread.id as string;
    const reply = (await helper.client.post(`/api/threads/${threadId}/posts`, { body: 'Small snacks with one friend first.', warnings: ['eating'] })).json().post.id as string;
    expect((await shows.client.put(`/api/posts/${reply}/reactions/relate`)).statusCode).toBe(200);
    expect((await shows.client.put(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);

    // The same page (same content version) read in turn by readers with different values.
    for (let round = 0; round < 2; round++) {
      const a = await page(asks, threadId);
      const s = await page(shows, threadId);
      const ra = a.posts.find((p) => p.id === reply)!;
      const rs = s.posts.find((p) => p.id === reply)!;
      expect(ra.reactions).toEqual({ relate: 1, strength: 0, helped: 0 });
      expect(rs.reactions).toEqual({ relate: 1, strength: 0, helped: 0 });
      expect(ra.myReactions).toEqual([]);
      expect(rs.myReactions).toEqual(['relate']);
      expect(ra.collapsed).toBe(true);
      expect(rs.collapsed).toBe(false);
      expect(a.thread).toMatchObject({ collapsed: true, following: false });
      expect(s.thread).toMatchObject({ collapsed: false, following: true });
      expect(ra.helpedMost).toBe(false);
      // Neither sees an author's Markdown source (theirs and moderators' only).
      expect(ra.bodySource).toBeNull();
      expect(rs.bodySource).toBeNull();
    }

    // Marking the helpful answer changes the thread, not its posts (the page's version stays).
    expect((await asker.client.put(`/api/threads/${threadId}/helped`, { postId: reply })).statusCode).toBe(200);
    for (const u of [asks, shows, helper]) expect((await page(u, threadId)).posts.find((p) => p.id === reply)!.helpedMost).toBe(true);

    // A preference changed between two reads of the same page applies to the next one.
    expect((await asks.client.put('/api/me/content-warnings', { prefs: { eating: 'show' } })).statusCode).toBe(200);
    expect((await page(asks, threadId)).posts.find((p) => p.id === reply)!.collapsed).toBe(false);
    // The author still gets their own source; a moderator reads it too, and the next member again does not.
    expect((await page(helper, threadId)).posts.find((p) => p.id === reply)!.bodySource).toContain('Small snacks');
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    expect((await page(supervisor, threadId)).posts.find((p) => p.id === reply)!.bodySource).toContain('Small snacks');
    expect((await page(asks, threadId)).posts.find((p) => p.id === reply)!.bodySource).toBeNull();
  });

  it('never puts an anonymous author, or their own view of their post, into what other readers get from the shared page and list', async () => {
    const anon = await buildUser(t.app, { handle: `masked_${Date.now().toString(36)}` });
    const reader = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const space = await spaceId(t.app, 'lgbtq');
    const opener = await buildUser(t.app);
    const threadId = (await opener.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Telling my family', body: 'I told my sister first.' })).json().thread.id as string;
    const mine = (await anon.client.post(`/api/threads/${threadId}/posts`, { body: 'I have not told anyone yet.', anonymous: true })).json().post.id as string;
    const anonThread = (await anon.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Not out at work', body: 'Still deciding.', anonymous: true })).json().thread.id as string;

    // The author first, then others, then the author again: each read comes from the same cached page and list.
    for (const u of [anon, reader, supervisor, anon, reader]) {
      const p = await page(u, threadId);
      const mineAsSeen = p.posts.find((x) => x.id === mine)!;
      const listed = (await latest(u)).threads.find((x) => x.id === anonThread)!;
      if (u === anon) {
        expect(mineAsSeen.author).toEqual({ user: { id: anon.id, handle: anon.handle }, label: 'you (anonymous)', anonymous: true, isMe: true });
        expect(mineAsSeen.bodySource).toContain('not told anyone');
        expect(listed.author).toMatchObject({ label: 'you (anonymous)', isMe: true });
      } else {
        expect(mineAsSeen.author).toEqual({ user: null, label: 'Anonymous member', anonymous: true, isMe: false });
        expect(listed.author).toEqual({ user: null, label: 'Anonymous member', anonymous: true, isMe: false });
        const texts = JSON.stringify(p) + JSON.stringify(await latest(u));
        expect(texts).not.toContain(anon.handle);
        expect(texts).not.toContain(anon.id);
      }
    }
  });

  it("marks each reader's own threads and follows in one cached latest list", async () => {
    const author = await buildUser(t.app);
    const follower = await buildUser(t.app);
    const other = await buildUser(t.app);
    const space = (await author.client.get('/api/spaces')).json().spaces[0].id as string;
    const threadId = (await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'A better week', body: 'Slept well most nights.' })).json().thread.id as string;
    expect((await follower.client.put(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
    for (let round = 0; round < 2; round++) {
      const asAuthor = (await latest(author)).threads.find((x) => x.id === threadId)!;
      const asFollower = (await latest(follower)).threads.find((x) => x.id === threadId)!;
      const asOther = (await latest(other)).threads.find((x) => x.id === threadId)!;
      expect(asAuthor.author).toMatchObject({ isMe: true, label: author.handle });
      expect(asAuthor.following).toBe(true); // a thread's author follows it
      expect(asFollower.author).toMatchObject({ isMe: false, label: author.handle });
      expect(asFollower.following).toBe(true);
      expect(asOther.author).toMatchObject({ isMe: false, label: author.handle });
      expect(asOther.following).toBe(false);
    }
  });
});
