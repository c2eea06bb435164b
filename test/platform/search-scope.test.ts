import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import type { KindredApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/platform/db.js';
import { schemaMigrator } from '../../src/server/platform/migrator.js';
import { buildTestApp, useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../factories.js';

/**
 * ADR 025: a search narrowed to a space or a kind names them in the full-text match (each post
 * carries its thread's space and kind as words, migration 0024), so the index, not a filter after
 * it, narrows the walk. These tests hold it to the same answers as the filters: exactly the
 * threads of that space and kind, after the thread moves or its posts change, never a thread the
 * reader may not see, never an anonymous author, and on data written before the migration.
 */

interface Hit {
  postId: string;
  thread: { id: string; author: unknown };
  snippet: { text: string; ranges: [number, number][] };
}

const word = () => `sw${randomBytes(3).toString('hex')}`;

async function spaceId(app: KindredApp, slug: string): Promise<string> {
  return (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function newThread(u: BuiltUser, space: string, over: Record<string, unknown>): Promise<{ thread: { id: string }; post: { id: string } }> {
  const res = await u.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'A small win this week', body: 'A short walk helped.', ...over });
  if (res.statusCode !== 201) throw new Error(`thread: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function search(u: BuiltUser, q: string, filters: { space?: string; kind?: string } = {}): Promise<Hit[]> {
  const params = new URLSearchParams({ q, ...(filters.space ? { space: filters.space } : {}), ...(filters.kind ? { kind: filters.kind } : {}) });
  const res = await u.client.get(`/api/search?${params}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { hits: Hit[] }).hits;
}

const ids = (hits: Hit[]) => hits.map((h) => h.thread.id);

/** SQLite: both full-text indexes hold exactly what their content says (FTS5's own check against it). */
async function expectIndexesWhole(app: KindredApp): Promise<void> {
  if (app.kindred.database.dialect !== 'sqlite') return;
  const db = app.kindred.database.db;
  await sql`insert into posts_fts(posts_fts, rank) values ('integrity-check', 1)`.execute(db);
  await sql`insert into posts_title_fts(posts_title_fts, rank) values ('integrity-check', 1)`.execute(db);
}

describe.each(testDatabases)('search narrowed by the full-text index on $name (ADR 025)', (database) => {
  const t = useTestApp(database);

  it('finds exactly the threads of a space, a kind and both, and follows a thread that moves, a reply and an edit', async () => {
    const a = await buildUser(t.app);
    const reader = await buildUser(t.app);
    const [anxiety, students, sleep] = [await spaceId(t.app, 'anxiety'), await spaceId(t.app, 'students'), await spaceId(t.app, 'depression')];
    const w = word();
    const storyA = await newThread(a, anxiety, { kind: 'story', title: `Walking with ${w}`, body: 'Every morning.' });
    const questionA = await newThread(a, anxiety, { kind: 'question', title: 'Anyone else?', body: `Does ${w} help you too?` });
    const storyS = await newThread(a, students, { kind: 'story', title: 'Exams', body: `I took ${w} to the library.`, anonymous: true });
    const questionS = await newThread(a, students, { kind: 'question', title: `Is ${w} allowed in exams?`, body: 'Asking for the first time.' });

    // Title hits first, then post hits, newest first; each filter alone and both.
    expect(ids(await search(reader, w))).toEqual([questionS.thread.id, storyA.thread.id, storyS.thread.id, questionA.thread.id]);
    expect(ids(await search(reader, w, { space: anxiety }))).toEqual([storyA.thread.id, questionA.thread.id]);
    expect(ids(await search(reader, w, { kind: 'question' }))).toEqual([questionS.thread.id, questionA.thread.id]);
    expect(ids(await search(reader, w, { space: students, kind: 'story' }))).toEqual([storyS.thread.id]);
    expect(await search(reader, w, { space: sleep })).toEqual([]);
    // Words the engine drops (PostgreSQL's stop words) find nothing, narrowed or not.
    expect(await search(reader, 'the', { space: anxiety, kind: 'story' })).toEqual([]);
    // The anonymous author stays anonymous in a narrowed search.
    const [anon] = await search(reader, w, { space: students, kind: 'story' });
    expect(anon!.thread.author).toEqual({ user: null, label: 'Anonymous member', anonymous: true, isMe: false });

    // A thread moved to another space and kind (no route does it today; an admin tool or a
    // migration could): its posts' index words follow, replies included.
    const reply = await a.client.post(`/api/threads/${storyA.thread.id}/posts`, { body: `More ${w} today.` });
    expect(reply.statusCode).toBe(201);
    const db = t.app.kindred.database.db;
    const version = async () => (await db.selectFrom('threads').select('content_version').where('id', '=', storyA.thread.id).executeTakeFirstOrThrow()).content_version;
    const before = await version();
    await db.updateTable('threads').set({ space_id: sleep, kind: 'question' }).where('id', '=', storyA.thread.id).execute();
    // One move, one version step (its posts' re-indexing is not a change of what readers see).
    expect(Number(await version())).toBe(Number(before) + 1);
    await db.updateTable('posts').set({ space_id: sleep }).where('thread_id', '=', storyA.thread.id).execute();
    expect(ids(await search(reader, w, { space: anxiety }))).toEqual([questionA.thread.id]);
    expect(ids(await search(reader, w, { space: sleep }))).toEqual([storyA.thread.id]);
    expect(ids(await search(reader, w, { space: sleep, kind: 'question' }))).toEqual([storyA.thread.id]);
    expect(await search(reader, w, { space: sleep, kind: 'story' })).toEqual([]);
    expect(ids(await search(reader, w, { kind: 'story' }))).toEqual([storyS.thread.id]);
    // The reply is found under the new scope by its own word (the title tier does not have it).
    const replyWord = word();
    const edited = await a.client.patch(`/api/posts/${reply.json().post.id}`, { body: `More ${replyWord} today.` });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await search(reader, replyWord, { space: sleep, kind: 'question' })).map((h) => h.postId)).toEqual([reply.json().post.id]);
    expect(await search(reader, replyWord, { space: anxiety })).toEqual([]);
    // A title edit keeps the thread in its scope, under its new words only.
    const titleWord = word();
    const retitled = await a.client.patch(`/api/posts/${questionS.post.id}`, { title: `Is ${titleWord} allowed?`, body: 'Asking for the first time.' });
    expect(retitled.statusCode, retitled.body).toBe(200);
    expect(ids(await search(reader, titleWord, { space: students, kind: 'question' }))).toEqual([questionS.thread.id]);
    expect(await search(reader, titleWord, { space: students, kind: 'story' })).toEqual([]);
    await expectIndexesWhole(t.app);
  });

  it('keeps a program-only space out of narrowed searches for outsiders, also for a thread moved into it', async () => {
    const admin = await ensureAdmin(t.app);
    const insider = await buildUser(t.app);
    const outsider = await buildUser(t.app);
    const program = (await admin.client.post('/api/admin/programs', { name: `Scope program ${word()}` })).json().id as string;
    expect((await admin.client.post(`/api/admin/programs/${program}/members`, { userId: insider.id })).statusCode).toBe(201);
    const closed = (await admin.client.post('/api/admin/spaces', { slug: `scope-${word()}`, name: 'Closed', description: 'Program only.', houseRules: 'Kind.', visibility: 'program', programId: program })).json().id as string;
    const open = await spaceId(t.app, 'anxiety');
    const w = word();
    const inside = await newThread(insider, closed, { kind: 'question', title: 'Inside', body: `A ${w} inside.` });
    const outside = await newThread(insider, open, { kind: 'question', title: 'Outside', body: `A ${w} outside.` });
    expect(ids(await search(insider, w, { space: closed }))).toEqual([inside.thread.id]);
    expect(ids(await search(insider, w, { kind: 'question' }))).toEqual([outside.thread.id, inside.thread.id]);
    expect(await search(outsider, w, { space: closed })).toEqual([]);
    expect(await search(outsider, w, { space: closed, kind: 'question' })).toEqual([]);
    expect(ids(await search(outsider, w, { kind: 'question' }))).toEqual([outside.thread.id]);
    // Moved into the program-only space: gone for the outsider under every filter.
    await t.app.kindred.database.db.updateTable('threads').set({ space_id: closed }).where('id', '=', outside.thread.id).execute();
    expect(await search(outsider, w, { kind: 'question' })).toEqual([]);
    expect(await search(outsider, w)).toEqual([]);
    expect(await search(outsider, w, { space: open })).toEqual([]);
    expect(ids(await search(insider, w, { space: closed, kind: 'question' }))).toEqual([outside.thread.id, inside.thread.id]);
    await expectIndexesWhole(t.app);
  });

  // A person's words match the text only: SQLite names the title and body columns, PostgreSQL
  // asks the text's weights (A, B) where the scope words are D. Typed as a query, a space's or a
  // kind's index word finds nothing, narrowed or not.
  it('never matches the index words of a space or kind typed as a query', async () => {
    const a = await buildUser(t.app);
    const space = await spaceId(t.app, 'anxiety');
    const own = await newThread(a, space, { kind: 'question', title: 'A question', body: 'Plain words.' });
    const token = `s${space.replace(/-/g, '')}0`;
    expect(await search(a, token)).toEqual([]);
    expect(await search(a, 'kquestion0')).toEqual([]);
    expect(await search(a, 'kquestion0', { kind: 'question' })).toEqual([]);
    expect(await search(a, `plain ${token}`, { space })).toEqual([]);
    // The words themselves still find it, narrowed and not.
    expect(ids(await search(a, 'plain words', { space, kind: 'question' }))).toEqual([own.thread.id]);
    expect(ids(await search(a, 'question'))).toContain(own.thread.id);
  });
});

describe.each(testDatabases)('migration 0024 on data written before it, on $name', (database) => {
  it('indexes the existing posts by space and kind, so narrowed searches find them', async () => {
    const made = await database.create({ persistent: true });
    const handle = openDatabase(made.url, made.pgSchema ? { schema: made.pgSchema } : {});
    const w = word();
    const spaces: string[] = [];
    const threads: Record<string, string> = {};
    try {
      // The schema as it was at 0023, with rows written then (the triggers of then indexed them).
      const before: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) if (name < '0024') before[name] = { up: (db) => m.up(db, { dialect: handle.dialect }) };
      const migrator = schemaMigrator(handle.db, { getMigrations: async () => before }, made.pgSchema);
      const { error } = await migrator.migrateToLatest();
      if (error) throw error;
      const db = handle.db;
      spaces.push(...(await db.selectFrom('spaces').select('id').orderBy('sort_order').limit(2).execute()).map((s) => s.id));
      const now = new Date().toISOString();
      for (const [i, [space, kind]] of ([[spaces[0], 'story'], [spaces[0], 'question'], [spaces[1], 'story']] as const).entries()) {
        const id = randomUUID();
        threads[`${i}`] = id;
        await db.insertInto('threads').values({ id, space_id: space, author_id: null, anonymous: 1, kind, title: `Thread ${i}`, state: 'visible', warnings: '[]', last_activity_at: now, created_at: now, updated_at: now } as never).execute();
        for (const [n, text] of [`Opening ${i}`, `A reply about ${w}, number ${i}.`].entries()) {
          await db.insertInto('posts').values({
            id: randomUUID(), thread_id: id, space_id: space, author_id: null, anonymous: 1, is_opening: n === 0 ? 1 : 0, body_source: text, body_html: `<p>${text}</p>`,
            body_text: text, search_title: n === 0 ? `Thread ${i}` : '', warnings: '[]', state: 'visible', created_at: now, updated_at: now,
          } as never).execute();
        }
      }
    } finally {
      await handle.close();
    }
    // The app migrates it on start (0024 and every later one).
    const built = await buildTestApp({ ...database, create: async () => made });
    try {
      const reader = await buildUser(built.app);
      expect(new Set(ids(await search(reader, w)))).toEqual(new Set([threads['0'], threads['1'], threads['2']]));
      expect(new Set(ids(await search(reader, w, { space: spaces[0] })))).toEqual(new Set([threads['0'], threads['1']]));
      expect(ids(await search(reader, w, { space: spaces[0], kind: 'question' }))).toEqual([threads['1']]);
      expect(ids(await search(reader, w, { kind: 'story', space: spaces[1] }))).toEqual([threads['2']]);
      expect(ids(await search(reader, 'thread', { kind: 'question' }))).toEqual([threads['1']]);
      // New posts in an old thread join the same scope.
      const more = word();
      const res = await reader.client.post(`/api/threads/${threads['1']}/posts`, { body: `And ${more} too.` });
      expect(res.statusCode, res.body).toBe(201);
      expect(ids(await search(reader, more, { space: spaces[0], kind: 'question' }))).toEqual([threads['1']]);
      expect(await search(reader, more, { kind: 'story' })).toEqual([]);
      await expectIndexesWhole(built.app);
    } finally {
      await built.close();
    }
  });
});
