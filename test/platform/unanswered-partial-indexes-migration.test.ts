import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import type { Database } from '../../src/server/platform/schema.js';
import { buildTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { TestClient } from '../client.js';
import { buildUser, type BuiltUser } from '../factories.js';

// Migration 0045: the unanswered list's and count's indexes become partial (questions with no reply
// alone), on a live database that holds answered questions and threads of other kinds. The list and
// the count read the same before and after it, and stay right as replies arrive.

const dialectOf = (name: string) => (name === 'postgres' ? 'postgres' : 'sqlite') as 'postgres' | 'sqlite';

async function indexDefinitions(db: Kysely<Database>, dialect: 'postgres' | 'sqlite'): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? (await sql<{ def: string }>`select indexdef as def from pg_indexes where schemaname = current_schema() and indexname in ('threads_unanswered_idx', 'threads_unanswered_count_idx') order by indexname`.execute(db)).rows
      : (await sql<{ def: string }>`select sql as def from sqlite_master where name in ('threads_unanswered_idx', 'threads_unanswered_count_idx') order by name`.execute(db)).rows;
  return rows.map((r) => r.def);
}

describe.each(testDatabases)('migration 0045 on a database with answered and unanswered threads, on $name', (database) => {
  it('makes both unanswered indexes partial; the list and the count read the same, and follow replies', async () => {
    const made = await database.create({ persistent: true });
    // The first app must leave the database behind for the second: only the last one cleans up.
    const testDb = { ...database, create: async () => ({ ...made, cleanup: async () => undefined }) };
    const dialect = dialectOf(database.name);
    let built = await buildTestApp(testDb);
    let supporter: BuiltUser;
    let asker: BuiltUser;
    const read = async (u: BuiltUser, limit: number) => ({
      listed: ((await u.client.get(`/api/threads?list=unanswered&limit=${limit}`)).json().threads as { id: string }[]).map((t) => t.id),
      counted: (await u.client.get('/api/me/today')).json().supporter.unansweredQuestions as number,
    });
    let before: { listed: string[]; counted: number };
    const ids: Record<string, string> = {};
    try {
      const app = built.app;
      const db = app.kindred.database.db;
      // The indexes as migrations 0002 and 0033 made them. (Later migrations may have run on this
      // database and cannot be undone, so 0045 is run again by hand below, not by a restart.)
      await sql`drop index threads_unanswered_idx`.execute(db);
      await sql`drop index threads_unanswered_count_idx`.execute(db);
      await db.schema.createIndex('threads_unanswered_idx').on('threads').columns(['kind', 'reply_count', 'id']).execute();
      await db.schema.createIndex('threads_unanswered_count_idx').on('threads').columns(['kind', 'reply_count', 'state', 'space_id', 'warnings']).execute();
      expect((await indexDefinitions(db, dialect)).filter((d) => /where/i.test(d))).toEqual([]);

      supporter = await buildUser(app, { roles: ['peer_supporter'] });
      asker = await buildUser(app);
      const space = ((await asker.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
      const post = async (name: string, kind: string, title: string) => {
        const res = await asker.client.post(`/api/spaces/${space}/threads`, { kind, title, body: `${title}: what has worked for you?` });
        expect(res.statusCode, res.body).toBe(201);
        ids[name] = res.json().thread.id;
      };
      await post('waiting', 'question', 'Getting up in the morning');
      await post('answered', 'question', 'Talking to my sister');
      await post('story', 'story', 'A good week at last');
      await post('later', 'question', 'Starting a new job');
      expect((await supporter.client.post(`/api/threads/${ids.answered}/posts`, { body: 'Writing it down first helped me.' })).statusCode).toBe(201);
      before = await read(supporter, 50);
      expect(before.listed).toEqual([ids.waiting, ids.later]);
      expect(before.counted).toBe(2);

      await migrations['0045_unanswered_partial_indexes']!.up(db, { dialect });
    } finally {
      await built.close();
    }

    // A later start reads the same through the partial indexes.
    built = await buildTestApp(testDb);
    try {
      const db = built.app.kindred.database.db;
      // Signed in to the new process (the clients above spoke to the closed one).
      const again = async (u: BuiltUser, ip: string): Promise<BuiltUser> => {
        const client = new TestClient(built.app, ip);
        const res = await client.post('/api/auth/sign-in', { handle: u.handle, password: u.password });
        expect(res.statusCode, res.body).toBe(200);
        return { ...u, client };
      };
      supporter = await again(supporter!, '10.45.0.1');
      asker = await again(asker!, '10.45.0.2');
      const definitions = await indexDefinitions(db, dialect);
      expect(definitions, definitions.join('\n')).toHaveLength(2);
      for (const d of definitions) expect(d).toMatch(/where[\s(]+kind\)? = 'question'(::text)?\)? and \(?reply_count = 0/i);
      expect(await read(supporter!, 51)).toEqual(before!);
      // A question's first reply takes it out of both; a reply to a thread already answered changes neither.
      expect((await supporter!.client.post(`/api/threads/${ids.waiting}/posts`, { body: 'A glass of water by the bed helps me.' })).statusCode).toBe(201);
      expect((await asker!.client.post(`/api/threads/${ids.answered}/posts`, { body: 'Thank you, I will try that.' })).statusCode).toBe(201);
      expect(await read(supporter!, 52)).toEqual({ listed: [ids.later], counted: 1 });
      // What the indexes hold: the one question still waiting.
      const waiting = await db.selectFrom('threads').select('id').where(sql<boolean>`kind = 'question' and reply_count = 0`).where('id', 'in', Object.values(ids)).execute();
      expect(waiting.map((r) => r.id)).toEqual([ids.later]);
    } finally {
      await built.close();
      await made.cleanup();
    }
  });
});
