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
 * while their `users.reader_version` holds (ADR 048, migration 0036). Each change below is made after
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

    // Held threads: a newcomer's own held thread is in their list at once; removed by a moderator, gone.
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
});
