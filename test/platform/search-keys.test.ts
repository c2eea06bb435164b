import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { NewPostBody, NewThreadBody } from '../../src/contracts/communities.js';
import type { KindredApp } from '../../src/server/app.js';
import { buildTestApp, useTestApp } from '../app.js';
import { sqliteTestDatabase, type TestDatabase } from '../databases.js';
import { buildUser, type BuiltUser } from '../factories.js';

/**
 * SQLite's full-text indexes (FTS5, external content) must find the right rows after the rowids of
 * their tables change. SQLite only keeps the rowids of tables with an INTEGER PRIMARY KEY; ours
 * are keyed by text ids, so VACUUM may renumber them, and a table rebuild or a `.dump` restore
 * (rows re-inserted without their rowid) does. Migration 0013 keys the indexes on a column of
 * their own (`search_key`) that nothing renumbers.
 */
const sqliteFile: TestDatabase = { name: 'sqlite', create: () => sqliteTestDatabase.create({ persistent: true }) };

/** What VACUUM may do to a table without an INTEGER PRIMARY KEY (and a re-insert does): rowids become 1…n in order. */
async function renumberRowids(app: KindredApp, table: 'posts' | 'coping_strategies'): Promise<void> {
  const db = app.kindred.database.db;
  const t = sql.table(table);
  await sql`update ${t} set rowid = -rowid`.execute(db);
  // Dense renumbering from a fixed map (negative rowids, in reverse, are the old order).
  await sql`create temp table renumbered as select rowid as old, row_number() over (order by rowid desc) as new from ${t}`.execute(db);
  await sql`update ${t} set rowid = (select new from renumbered where old = ${t}.rowid) where rowid < 0`.execute(db);
  await sql`drop table renumbered`.execute(db);
}

const word = (i: number) => `kw${randomBytes(3).toString('hex')}q${i}`;

describe('full-text search keys on SQLite', () => {
  const t = useTestApp(sqliteFile);

  async function searchPosts(u: BuiltUser, w: string): Promise<string[]> {
    const res = await u.client.get(`/api/search?q=${w}`);
    expect(res.statusCode).toBe(200);
    return (res.json().hits as { postId: string }[]).map((h) => h.postId);
  }

  async function searchStrategies(u: BuiltUser, w: string): Promise<string[]> {
    const res = await u.client.get(`/api/library/strategies?q=${w}`);
    expect(res.statusCode).toBe(200);
    return (res.json().strategies as { id: string }[]).map((s) => s.id);
  }

  it('community search finds the right posts after rows are deleted, VACUUM runs and rowids are renumbered', async () => {
    const a = await buildUser(t.app);
    const space = (await t.app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'anxiety').executeTakeFirstOrThrow()).id;
    // Its title goes to the title index (migration 0016), keyed the same way.
    const titleWord = word(50);
    const thread = await a.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: `Small steps with ${titleWord}`, body: 'A walk every morning helped a little.' });
    expect(thread.statusCode).toBe(201);
    const threadId = thread.json().thread.id as string;
    const words = Array.from({ length: 8 }, (_, i) => word(i));
    const posts: string[] = [];
    for (const w of words) {
      const res = await a.client.post(`/api/threads/${threadId}/posts`, { body: `Thank you for writing, ${w} helped me too.` });
      expect(res.statusCode).toBe(201);
      posts.push(res.json().post.id as string);
    }
    const opening = thread.json().post.id as string;
    const expectFound = async () => {
      for (const [i, w] of words.entries()) expect(await searchPosts(a, w), w).toEqual(i < 3 ? [] : [posts[i]]);
      expect(await searchPosts(a, titleWord)).toEqual([opening]);
    };
    // Gone for good (an erasure or a moderator's hard delete removes rows like this).
    await t.app.kindred.database.db.deleteFrom('posts').where('id', 'in', posts.slice(0, 3)).execute();
    await expectFound();
    await sql`vacuum`.execute(t.app.kindred.database.db);
    await expectFound();
    await renumberRowids(t.app, 'posts');
    await expectFound();
    // A post written after the renumbering is found, and does not take an older post's place.
    const late = word(99);
    const res = await a.client.post(`/api/threads/${threadId}/posts`, { body: `And ${late} today.` });
    expect(await searchPosts(a, late)).toEqual([res.json().post.id]);
    await expectFound();
    // Editing and deleting after the renumbering keep the index in step.
    await a.client.delete(`/api/posts/${posts[4]}`);
    expect(await searchPosts(a, words[4]!)).toEqual([]);
    expect(await searchPosts(a, words[5]!)).toEqual([posts[5]]);
  });

  it('posts stored in one transaction enter the indexes together, as one FTS5 segment, keyed in the order stored (migration 0032)', async () => {
    const a = await buildUser(t.app);
    const db = t.app.kindred.database.db;
    const space = (await db.selectFrom('spaces').select('id').where('slug', '=', 'anxiety').executeTakeFirstOrThrow()).id;
    const thread = await a.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Small steps', body: 'A walk every morning helped a little.' });
    const threadId = thread.json().thread.id as string;
    // Segments counted as they are written: nothing merges them meanwhile (the file is this test's own).
    await sql`insert into posts_fts(posts_fts, rank) values ('automerge', 0)`.execute(db);
    await sql`insert into posts_fts(posts_fts, rank) values ('crisismerge', 64)`.execute(db);
    const segments = async () => Number((await sql<{ n: number }>`select count(distinct segid) as n from posts_fts_idx`.execute(db)).rows[0]!.n);
    const before = await segments();
    const lastKey = Number((await sql<{ k: number }>`select max(search_key) as k from posts`.execute(db)).rows[0]!.k);
    const words = Array.from({ length: 6 }, (_, i) => word(70 + i));
    const titleWord = word(80);
    // Called in one turn of the event loop: one SQLite transaction, a unit of work (a savepoint) each (ADR 017).
    const written = await Promise.all([
      ...words.map((w) => t.app.kindred.communities.reply(a.actor, threadId, NewPostBody.parse({ body: `Thank you for writing, ${w} helped me too.` }))),
      t.app.kindred.communities.createThread(a.actor, space, NewThreadBody.parse({ kind: 'story', title: `Quiet nights with ${titleWord}`, body: 'A lamp and a blanket.' })),
    ]);
    // One segment for the seven posts, where each unit's savepoint used to write one of its own.
    expect(await segments()).toBe(before + 1);
    const ids = written.map((w) => w.result.post.id);
    const keyed = (await sql<{ id: string; search_key: number }>`select id, search_key from posts where id in (${sql.join(ids)}) order by search_key`.execute(db)).rows;
    expect(keyed.map((p) => p.id)).toEqual(ids);
    expect(keyed.map((p) => p.search_key)).toEqual(ids.map((_, i) => lastKey + 1 + i));
    // Each is found once its call has returned, by its words and, for the thread, its title.
    for (const [i, w] of words.entries()) expect(await searchPosts(a, w), w).toEqual([ids[i]]);
    expect(await searchPosts(a, titleWord)).toEqual([ids[6]]);
    expect((await sql`select id from posts where search_key is null`.execute(db)).rows).toEqual([]);
    await sql`insert into posts_fts(posts_fts, rank) values ('integrity-check', 1)`.execute(db);
    await sql`insert into posts_title_fts(posts_title_fts, rank) values ('integrity-check', 1)`.execute(db);
  });

  it('the title index stays whole when one UPDATE changes both the search key and the title (migration 0018)', async () => {
    const a = await buildUser(t.app);
    const db = t.app.kindred.database.db;
    const space = (await db.selectFrom('spaces').select('id').where('slug', '=', 'anxiety').executeTakeFirstOrThrow()).id;
    const [before, after, other, renamed] = [word(60), word(61), word(62), word(63)];
    const first = await a.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: `Mornings with ${before}`, body: 'A walk every morning helped a little.' });
    const second = await a.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: `Evenings with ${other}`, body: 'Tea and a book.' });
    const [opening, otherOpening] = [first.json().post.id as string, second.json().post.id as string];
    // Both columns at once (0016's two triggers each took the old row out of the index: twice).
    await sql`update posts set search_key = (select max(search_key) + 1 from posts), search_title = ${`Mornings with ${after}`} where id = ${opening}`.execute(db);
    // Both columns set, the key to the value it has and a new title: 0016 fired both triggers, and
    // the second took the old title out of a row that already held the new one.
    await sql`update posts set search_key = search_key, search_title = ${`Evenings with ${renamed}`} where id = ${otherOpening}`.execute(db);
    await sql`insert into posts_title_fts(posts_title_fts, rank) values ('integrity-check', 1)`.execute(db);
    expect(await searchPosts(a, before)).toEqual([]);
    expect(await searchPosts(a, after)).toEqual([opening]);
    expect(await searchPosts(a, other)).toEqual([]);
    expect(await searchPosts(a, renamed)).toEqual([otherOpening]);
    const titleHits = await sql<{ n: number }>`select count(*) as n from posts_title_fts where posts_title_fts match ${`"${after}" OR "${renamed}" OR "evenings" OR "mornings"`}`.execute(db);
    expect(Number(titleHits.rows[0]!.n)).toBe(2);
  });

  it('library search finds the right strategies after rows are deleted, VACUUM runs and rowids are renumbered', async () => {
    const a = await buildUser(t.app);
    const words = Array.from({ length: 6 }, (_, i) => word(i));
    const ids: string[] = [];
    for (const w of words) {
      const res = await a.client.post('/api/library/strategies', { title: `Evening ${w}`, steps: ['Sit somewhere quiet.'], whenItHelps: 'When the evening feels long.' });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().strategy.id as string);
    }
    const expectFound = async () => {
      for (const [i, w] of words.entries()) expect(await searchStrategies(a, w), w).toEqual(i < 2 ? [] : [ids[i]]);
    };
    await t.app.kindred.database.db.deleteFrom('coping_strategies').where('id', 'in', ids.slice(0, 2)).execute();
    await expectFound();
    await sql`vacuum`.execute(t.app.kindred.database.db);
    await expectFound();
    await renumberRowids(t.app, 'coping_strategies');
    await expectFound();
  });
});

describe('posts stored without a search key on SQLite', () => {
  it('are keyed and found by search after a restart: a post written in SQL (as an older release would) is not left unsearchable', async () => {
    const file = await sqliteTestDatabase.create({ persistent: true });
    // Both instances open the same file; it is removed once, at the end.
    const sameFile: TestDatabase = { name: 'sqlite', create: async () => ({ url: file.url, cleanup: async () => undefined }) };
    try {
      const first = await buildTestApp(sameFile);
      const a = await buildUser(first.app);
      const db = first.app.kindred.database.db;
      const space = (await db.selectFrom('spaces').select('id').where('slug', '=', 'anxiety').executeTakeFirstOrThrow()).id;
      const thread = await a.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Small steps', body: 'A walk every morning helped a little.' });
      const opening = thread.json().post.id as string;
      // A copy of the opening post with words of its own, inserted without a key as a release before 0032 did.
      const late = word(90);
      const { search_key: _key, ...post } = (await db.selectFrom('posts').selectAll().where('id', '=', opening).executeTakeFirstOrThrow()) as Record<string, unknown>;
      await db.insertInto('posts').values({ ...post, id: `${opening}-sql`, is_opening: 0, body_text: `Written by hand, ${late} too.`, search_title: '' } as never).execute();
      expect((await sql`select id from posts where search_key is null`.execute(db)).rows).toEqual([{ id: `${opening}-sql` }]);
      await first.close();

      const second = await buildTestApp(sameFile);
      try {
        const b = await buildUser(second.app);
        const res = await b.client.get(`/api/search?q=${late}`);
        expect((res.json().hits as { postId: string }[]).map((h) => h.postId)).toEqual([`${opening}-sql`]);
        expect((await sql`select id from posts where search_key is null`.execute(second.app.kindred.database.db)).rows).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      await file.cleanup();
    }
  });
});
