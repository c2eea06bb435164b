import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';

interface ThreadJson {
  id: string;
  collapsed: boolean;
  following: boolean;
}

const LATEST = '/api/threads?list=latest&limit=50';

/**
 * A list keeps what it knows of its reader (programs, warning choices, own held threads, follows)
 * while their `users.reader_version` holds (ADR 048, migration 0034). Each change below is made after
 * the reader's facts were kept by a read, and must show on their very next read: through the API
 * (follow, a reply's follow, unfollow, a warning choice, a program joined by an admin and left, a held
 * thread of theirs) and by direct SQL, as a path that forgot to tell anyone would (a fix by hand). Without the trigger for a kind of change, its check here fails: the list would be written
 * from the facts kept before it.
 */
describe.each(testDatabases)('what a list knows of its reader, kept by version, on $name', (database) => {
  const statements: string[] = [];
  const t = useTestApp(database, { onQuery: (q) => statements.push(q.sql) });
  const threads = async (u: BuiltUser) => {
    const res = await u.client.get(LATEST);
    expect(res.statusCode).toBe(200);
    return (res.json() as { threads: ThreadJson[] }).threads;
  };
  const byId = async (u: BuiltUser, id: string) => (await threads(u)).find((x) => x.id === id);
  const ids = async (u: BuiltUser) => (await threads(u)).map((x) => x.id);
  const create = async (u: BuiltUser, space: string, title: string, extra: object = {}) => {
    const res = await u.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body: `${title}, in a few words.`, ...extra });
    expect(res.statusCode).toBe(201);
    return (res.json() as { thread: { id: string } }).thread.id;
  };
  const spaceIds = async (u: BuiltUser) => ((await u.client.get('/api/spaces')).json().spaces as { id: string }[]).map((s) => s.id);

  it('reads only the reader version while nothing of theirs changed', async () => {
    const reader = await buildUser(t.app);
    await threads(reader);
    statements.length = 0;
    await threads(reader);
    const touching = (table: string) => statements.filter((s) => s.includes(`"${table}"`));
    expect(touching('program_members')).toEqual([]);
    expect(touching('warning_prefs')).toEqual([]);
    expect(touching('thread_follows')).toEqual([]);
    expect(statements.filter((s) => s.includes('"reader_version"'))).toHaveLength(1);
  });

  it('shows every change to the reader’s follows, warning choices, programs and held threads on their next read', async () => {
    const admin = await ensureAdmin(t.app);
    const author = await buildUser(t.app);
    const reader = await buildUser(t.app);
    const [space, other] = await spaceIds(author);
    const warned = await create(author, space!, 'Bad evenings', { warnings: ['self_harm'] });
    const plain = await create(author, space!, 'A better week');
    const elsewhere = await create(author, other!, 'Night shifts');

    // Follows: a follow, a reply's own follow, an unfollow.
    expect(await byId(reader, plain)).toMatchObject({ following: false });
    expect((await reader.client.put(`/api/threads/${plain}/follow`)).statusCode).toBe(200);
    expect(await byId(reader, plain)).toMatchObject({ following: true });
    expect((await reader.client.delete(`/api/threads/${plain}/follow`)).statusCode).toBe(200);
    expect(await byId(reader, plain)).toMatchObject({ following: false });
    expect((await reader.client.post(`/api/threads/${warned}/posts`, { body: 'Thinking of you tonight.' })).statusCode).toBe(201);
    expect(await byId(reader, warned)).toMatchObject({ following: true });

    // Warning choices: shown (an insert), hidden (the same row updated), asked again.
    expect(await byId(reader, warned)).toMatchObject({ collapsed: true });
    expect((await reader.client.put('/api/me/content-warnings', { prefs: { self_harm: 'show' } })).statusCode).toBe(200);
    expect(await byId(reader, warned)).toMatchObject({ collapsed: false });
    expect((await reader.client.put('/api/me/content-warnings', { prefs: { self_harm: 'hide' } })).statusCode).toBe(200);
    expect(await ids(reader)).not.toContain(warned);
    expect((await reader.client.put('/api/me/content-warnings', { prefs: { self_harm: 'ask' } })).statusCode).toBe(200);
    expect(await byId(reader, warned)).toMatchObject({ collapsed: true });

    // Programs: a program-only space's threads once an admin adds the reader, not after they leave.
    const program = (await admin.client.post('/api/admin/programs', { name: 'Night workers' })).json() as { id: string };
    expect((await admin.client.patch(`/api/admin/spaces/${other}`, { visibility: 'program', programId: program.id })).statusCode).toBe(200);
    expect(await ids(reader)).not.toContain(elsewhere);
    expect((await admin.client.post(`/api/admin/programs/${program.id}/members`, { userId: reader.id })).statusCode).toBe(201);
    expect(await ids(reader)).toContain(elsewhere);
    expect((await reader.client.delete(`/api/programs/${program.id}/membership`)).statusCode).toBe(200);
    expect(await ids(reader)).not.toContain(elsewhere);

    // Held threads: a newcomer's own held thread is in their list at once, and no one else's (a
    // moderator's decisions on it: below).
    expect((await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 1 })).statusCode).toBe(200);
    try {
      const newcomer = await buildUser(t.app);
      await threads(newcomer);
      const held = await create(newcomer, space!, 'My first thread here');
      expect(await ids(newcomer)).toContain(held);
      expect(await ids(reader)).not.toContain(held);
    } finally {
      await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 0 });
    }
  });

  it('shows changes made by direct SQL, as a fix by hand would make them, on the next read', async () => {
    const db = t.app.kindred.database.db;
    const author = await buildUser(t.app);
    const reader = await buildUser(t.app);
    const [space, other] = await spaceIds(author);
    const warned = await create(author, space!, 'Long nights', { warnings: ['self_harm'] });
    const plain = await create(author, space!, 'Small steps');
    const elsewhere = await create(author, other!, 'Shift work');
    const now = new Date().toISOString();

    expect(await byId(reader, plain)).toMatchObject({ following: false });
    await db.insertInto('thread_follows').values({ thread_id: plain, user_id: reader.id, created_at: now }).execute();
    expect(await byId(reader, plain)).toMatchObject({ following: true });
    await db.deleteFrom('thread_follows').where('user_id', '=', reader.id).execute();
    expect(await byId(reader, plain)).toMatchObject({ following: false });

    await db.insertInto('warning_prefs').values({ user_id: reader.id, warning: 'self_harm', mode: 'show' }).execute();
    expect(await byId(reader, warned)).toMatchObject({ collapsed: false });
    await db.updateTable('warning_prefs').set({ mode: 'hide' }).where('user_id', '=', reader.id).execute();
    expect(await ids(reader)).not.toContain(warned);
    await db.deleteFrom('warning_prefs').where('user_id', '=', reader.id).execute();
    expect(await byId(reader, warned)).toMatchObject({ collapsed: true });

    const admin = await ensureAdmin(t.app);
    const program = (await admin.client.post('/api/admin/programs', { name: 'Carers' })).json() as { id: string };
    expect((await admin.client.patch(`/api/admin/spaces/${other}`, { visibility: 'program', programId: program.id })).statusCode).toBe(200);
    expect(await ids(reader)).not.toContain(elsewhere);
    await db.insertInto('program_members').values({ program_id: program.id, user_id: reader.id, role: 'member', joined_at: now }).execute();
    expect(await ids(reader)).toContain(elsewhere);
    await db.updateTable('program_members').set({ user_id: author.id }).where('user_id', '=', reader.id).execute();
    expect(await ids(reader)).not.toContain(elsewhere);

    // A held thread of the reader's (through the API: in their list alone), then given to someone
    // else by hand: no longer in the reader's list.
    expect((await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 1 })).statusCode).toBe(200);
    try {
      const newcomer = await buildUser(t.app);
      const held = await create(newcomer, space!, 'Mine, for now');
      expect(await ids(newcomer)).toContain(held);
      await db.updateTable('threads').set({ author_id: author.id }).where('id', '=', held).execute();
      expect(await ids(newcomer)).not.toContain(held);
    } finally {
      await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 0 });
    }
  });

  async function heldThread(admin: BuiltUser, space: string, title: string) {
    expect((await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 1 })).statusCode).toBe(200);
    try {
      const newcomer = await buildUser(t.app);
      await threads(newcomer); // their facts kept
      const res = await newcomer.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body: `${title}, in a few words.` });
      expect(res.statusCode).toBe(201);
      const body = res.json() as { thread: { id: string }; post: { id: string; state: string } };
      expect(body.post.state).toBe('pending');
      return { newcomer, threadId: body.thread.id, postId: body.post.id };
    } finally {
      await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 0 });
    }
  }

  it('shows a moderator’s approval, hiding and restoring of a held thread on its author’s next read', async () => {
    const admin = await ensureAdmin(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const [space] = await spaceIds(admin);
    const a = await heldThread(admin, space!, 'Mine, approved');
    expect(await ids(a.newcomer)).toContain(a.threadId);
    expect((await supervisor.client.post(`/api/moderation/posts/${a.postId}/approve`)).statusCode).toBe(200);
    expect(await byId(a.newcomer, a.threadId)).toBeDefined(); // now everyone's
    const b = await heldThread(admin, space!, 'Mine, hidden');
    expect(await ids(b.newcomer)).toContain(b.threadId);
    expect((await supervisor.client.post(`/api/moderation/posts/${b.postId}/hide`, { note: 'Not here, sorry.' })).statusCode).toBe(200);
    expect(await ids(b.newcomer)).not.toContain(b.threadId);
    expect(await ids(b.newcomer)).not.toContain(b.threadId); // and after the kept facts were read afresh
    // Restored: back to waiting for review, so in its author's list again (and no one else's).
    expect((await supervisor.client.post(`/api/moderation/posts/${b.postId}/restore`)).statusCode).toBe(200);
    expect(await ids(b.newcomer)).toContain(b.threadId);
    expect(await ids(a.newcomer)).not.toContain(b.threadId);
  });

  it('never shows another member’s held thread through a kept held id whose thread changed hands', async () => {
    const db = t.app.kindred.database.db;
    const a = await buildUser(t.app);
    const b = await buildUser(t.app);
    const [space] = await spaceIds(a);
    const id = await create(a, space!, 'Held, then handed on');
    await db.updateTable('threads').set({ state: 'pending' }).where('id', '=', id).execute();
    expect(await ids(a)).toContain(id); // A's facts kept with this held id
    // Out of hold (moves no version), to B while visible (no trigger), held again (moves B's only).
    await db.updateTable('threads').set({ state: 'visible' }).where('id', '=', id).execute();
    await db.updateTable('threads').set({ author_id: b.id }).where('id', '=', id).execute();
    await db.updateTable('threads').set({ state: 'pending' }).where('id', '=', id).execute();
    expect(await ids(a)).not.toContain(id);
    expect(await ids(b)).toContain(id);
  });

  it('an author’s edit held by the screen moves their version before it touches the thread (an erasure’s lock order)', async () => {
    const a = await buildUser(t.app);
    const [space] = await spaceIds(a);
    const res = await a.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Evenings', body: 'Evenings are long.' });
    expect(res.statusCode).toBe(201);
    const { thread, post } = res.json() as { thread: { id: string }; post: { id: string } };
    expect(await ids(a)).toContain(thread.id);
    statements.length = 0;
    const edit = await a.client.patch(`/api/posts/${post.id}`, { body: 'I have saved up 40 pills and I am going to take them all tonight.' });
    expect(edit.statusCode).toBe(200);
    const state = (await t.app.kindred.database.db.selectFrom('threads').select('state').where('id', '=', thread.id).executeTakeFirstOrThrow()).state;
    expect(state).toBe('pending');
    const bump = statements.findIndex((q) => /update "users" set "reader_version"/.test(q));
    const threadUpdate = statements.findIndex((q) => /update "threads" set/.test(q));
    expect(bump).toBeGreaterThanOrEqual(0);
    expect(threadUpdate).toBeGreaterThan(bump);
    expect(await ids(a)).toContain(thread.id);
    expect(await ids(await buildUser(t.app))).not.toContain(thread.id);
  });

  it('erases a member with a held thread, follows, warning choices and a program', async () => {
    const admin = await ensureAdmin(t.app);
    const [space] = await spaceIds(admin);
    const a = await heldThread(admin, space!, 'Mine, then erased');
    expect((await a.newcomer.client.put('/api/me/content-warnings', { prefs: { self_harm: 'show' } })).statusCode).toBe(200);
    const program = (await admin.client.post('/api/admin/programs', { name: 'Erasure check' })).json() as { id: string };
    expect((await admin.client.post(`/api/admin/programs/${program.id}/members`, { userId: a.newcomer.id })).statusCode).toBe(201);
    await threads(a.newcomer);
    const res = await a.newcomer.client.post('/api/me/erase', { password: a.newcomer.password, publicPosts: 'delete', confirm: 'DELETE' });
    expect([200, 204]).toContain(res.statusCode);
    expect(await ids(admin)).not.toContain(a.threadId);
  });

  it('moves no follower’s version when a thread they follow is deleted (the follows’ cascade), and the list never shows it', async () => {
    const db = t.app.kindred.database.db;
    const author = await buildUser(t.app);
    const follower = await buildUser(t.app);
    const [space] = await spaceIds(author);
    const gone = await create(author, space!, 'To be deleted');
    expect((await follower.client.put(`/api/threads/${gone}/follow`)).statusCode).toBe(200);
    expect(await byId(follower, gone)).toMatchObject({ following: true });
    const version = async () => (await db.selectFrom('users').select('reader_version').where('id', '=', follower.id).executeTakeFirstOrThrow()).reader_version;
    const kept = await create(follower, space!, 'Still here');
    const before = await version();
    // The author erased with their public posts: their thread, no one else's words in it, deleted.
    const erased = await author.client.post('/api/me/erase', { password: author.password, publicPosts: 'delete', confirm: 'DELETE' });
    expect([200, 204]).toContain(erased.statusCode);
    expect(await db.selectFrom('threads').select('id').where('id', '=', gone).execute()).toEqual([]);
    expect(await db.selectFrom('thread_follows').select('user_id').where('thread_id', '=', gone).execute()).toEqual([]);
    expect(await version()).toBe(before);
    expect(await ids(follower)).not.toContain(gone);
    // A follow deleted on its own still moves it.
    expect((await follower.client.put(`/api/threads/${kept}/follow`)).statusCode).toBe(200);
    const followed = await version();
    await db.deleteFrom('thread_follows').where('user_id', '=', follower.id).execute();
    expect(await version()).toBeGreaterThan(followed);
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: a thread being deleted (a long erasure) holds no follower’s row', async () => {
    const db = t.app.kindred.database.db;
    const author = await buildUser(t.app);
    const follower = await buildUser(t.app);
    const [space] = await spaceIds(author);
    const gone = await create(author, space!, 'To be erased');
    expect((await follower.client.put(`/api/threads/${gone}/follow`)).statusCode).toBe(200);
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    let deleted!: () => void;
    const didDelete = new Promise<void>((r) => (deleted = r));
    const erasure = db.transaction().execute(async (trx) => {
      await trx.deleteFrom('threads').where('id', '=', gone).execute();
      deleted();
      await hold; // the rest of a long erasure (runLong)
    });
    await didDelete;
    // What the follower's own follow or warning choice elsewhere would need: their row, now.
    const locked = await db
      .transaction()
      .execute(async (trx) => {
        await sql`select id from users where id = ${follower.id} for update nowait`.execute(trx);
        return 'free';
      })
      .catch((e: { code?: string }) => e.code);
    release();
    await erasure;
    expect(locked).toBe('free');
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: an erasure (the member’s follows, then their held thread) and a moderator’s decision on that thread do not deadlock', async () => {
    const db = t.app.kindred.database.db;
    const admin = await ensureAdmin(t.app);
    const [space] = await spaceIds(admin);
    const a = await heldThread(admin, space!, 'Mine, held');
    expect((await a.newcomer.client.put(`/api/threads/${a.threadId}/follow`)).statusCode).toBe(200);
    let go!: () => void;
    const second = new Promise<void>((r) => (go = r));
    let firstDone!: () => void;
    const first = new Promise<void>((r) => (firstDone = r));
    const errors: string[] = [];
    // As the erasure: its follows first (their trigger takes the member's row), later their thread.
    const erasure = db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('thread_follows').where('user_id', '=', a.newcomer.id).execute();
        firstDone();
        await second;
        await trx.updateTable('threads').set({ author_id: null, anonymous: 0 }).where('id', '=', a.threadId).execute();
      })
      .catch((e: { code?: string }) => errors.push(`erasure ${e.code}`));
    await first;
    // As a moderator removing the held thread: the thread's row (before the fix, its trigger then wanted the author's).
    const moderator = db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('threads').set({ state: 'removed' }).where('id', '=', a.threadId).execute();
      })
      .catch((e: { code?: string }) => errors.push(`moderator ${e.code}`));
    // Let the moderator's update reach its lock wait (or, before the fix, its trigger's) before the erasure goes on.
    for (let i = 0; i < 50; i += 1) {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_locks where not granted`.execute(db);
      if (waiting.rows[0]!.n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    go();
    await Promise.all([erasure, moderator]);
    expect(errors).toEqual([]);
  });
});
