import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompiledStatementTexts } from '../../src/server/platform/db.js';
import { testDatabases } from '../databases.js';
import { buildUser, type BuiltUser } from '../factories.js';
import { outboxApp, type OutboxApp } from '../outbox.js';

/**
 * A rolling deploy (ADR 028, amendments): another instance's migration adds a column to `threads`
 * while this one keeps its connections and their prepared statements. Those name their columns
 * (never `threads.*`), so their result type is unchanged and PostgreSQL keeps every plan: reads
 * answer and the dispatch (crisis alerts go the same way) delivers at once, not at a retry. On
 * SQLite the statements are re-prepared by SQLite itself (better-sqlite3 statements survive a
 * schema change).
 */
describe.each(testDatabases)('prepared statements after another instance migrates, on $name', (database) => {
  let t: OutboxApp;
  let author: BuiltUser;
  let replier: BuiltUser;
  let threadId: string;
  beforeAll(async () => {
    // Dispatching waits until the first test's replies are written.
    t = await outboxApp(database);
    [author, replier] = [await buildUser(t.app), await buildUser(t.app)];
    const space = await t.app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'carers').executeTakeFirstOrThrow();
    const res = await author.client.post(`/api/spaces/${space.id}/threads`, { kind: 'story', title: 'Nights caring for mum', body: 'Some words to start with.' });
    threadId = res.json().thread.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The migration, as another instance runs it: on its own connection, not this app's pool. */
  async function addColumnElsewhere(column: string): Promise<void> {
    const { db } = t.app.kindred.database;
    if (database.name === 'sqlite') {
      await sql`alter table threads add column ${sql.id(column)} text`.execute(db);
      return;
    }
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema;
    const other = new pg.Client({ connectionString: t.app.kindred.config.databaseUrl, options: `-c search_path=${schema}` });
    await other.connect();
    try {
      await other.query(`alter table threads add column ${column} text`);
    } finally {
      await other.end();
    }
  }

  const reply = async (body: string) => {
    const res = await replier.client.post(`/api/threads/${threadId}/posts`, { body });
    expect(res.statusCode).toBe(201);
    return res.json().post.id as string;
  };
  const noticesOf = async (u: BuiltUser) =>
    (await t.app.kindred.database.db.selectFrom('notifications').select('post_id').where('user_id', '=', u.id).orderBy('id').execute()).map((r) => r.post_id);

  it("the dispatch (its read of the replies' threads runs in a transaction) delivers at once after the column was added", async () => {
    // Had a prepared statement read `threads.*`, PostgreSQL would refuse its plan inside the
    // dispatch's transaction, aborting it: the batch would fail once and go out at its retry only.
    t.start();
    const first = await reply('The nights are the hardest; I keep a flask of tea by the bed.');
    await t.drain();
    expect(await noticesOf(author)).toEqual([first]);

    // The next reply's events wait while the column is added, so that the dispatch is what meets the prepared plans.
    t.options.enabled = false;
    const second = await reply('A neighbour sits with mine one evening a week.');
    await addColumnElsewhere('test_extra_dispatch');
    t.options.enabled = true;
    await t.drain();
    expect(await noticesOf(author)).toEqual([first, second]);
    const rows = await t.outbox();
    expect(rows.filter((r) => r.consumed_at === null)).toEqual([]);
    expect(rows.filter((r) => r.failed_at !== null)).toEqual([]);
  });

  it('a thread page, read with a prepared statement, answers after the column was added', async () => {
    // Twice, one request after the other: the pool hands back the connection it just had, which has the statement prepared.
    const titleOfPage = async () => {
      const res = await author.client.get(`/api/threads/${threadId}`);
      expect(res.statusCode).toBe(200);
      return res.json().thread.title;
    };
    for (let i = 0; i < 2; i++) expect(await titleOfPage()).toBe('Nights caring for mum');
    await addColumnElsewhere('test_extra_read');
    for (let i = 0; i < 3; i++) expect(await titleOfPage()).toBe('Nights caring for mum');
  });

  it('no precompiled statement the hot paths ran reads or returns `*` (each is a prepared statement on PostgreSQL)', async () => {
    // The thread page, a list, a profile, the session, a reply and its dispatch: the precompiled statements of each.
    for (const url of [`/api/threads/${threadId}`, '/api/threads', `/api/users/${author.id}`, '/api/me', '/api/notifications']) {
      expect((await author.client.get(url)).statusCode, url).toBe(200);
    }
    await reply('Reading this at 3am helps, thank you.');
    await t.drain();
    const texts = precompiledStatementTexts();
    // The reads this file's paths run, among them the thread and account rows that read `*` once.
    expect(texts.some((q) => /from "threads"/.test(q) && /"threads"\."content_version"/.test(q))).toBe(true);
    expect(texts.some((q) => /from "users"/.test(q) && /"password_changed_at"/.test(q))).toBe(true);
    // The reply's count: on PostgreSQL sent later, in one statement with the reply's other writes (ADR 028, amendment of 2026-11-27 morning).
    expect(texts.some((q) => /^update "threads" set "reply_count"/.test(q))).toBe(true);
    if (database.name === 'postgres') expect(texts.some((q) => /^with w1 as .*update "threads" set "reply_count"/.test(q))).toBe(true);
    // Any `*` but count's: stricter than the check precompiled() makes (a `*` it missed shows here).
    expect(texts.filter((q) => q.replaceAll('count(*)', '').includes('*'))).toEqual([]);
    if (database.name === 'postgres') {
      // What the server itself holds prepared on a connection of the pool.
      const prepared = (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(t.app.kindred.database.db)).rows.map((r) => r.statement);
      expect(prepared.length).toBeGreaterThan(0);
      expect(prepared.filter((q) => q.replaceAll('count(*)', '').includes('*'))).toEqual([]);
    }
  });
});
