import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.js';
import { buildUser, type BuiltUser } from '../factories.js';
import { outboxApp, type OutboxApp } from '../outbox.js';

/**
 * A rolling deploy (ADR 028, amendment): another instance's migration adds a column to `threads`
 * while this one keeps its connections, whose prepared statements read `threads.*`. PostgreSQL
 * refuses those plans once (0A000, "cached plan must not change result type"); reads must still
 * answer and the dispatch (crisis alerts go the same way) must still deliver. On SQLite the
 * statements are re-prepared by SQLite itself (better-sqlite3 statements survive a schema change).
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
    const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL, options: `-c search_path=${schema}` });
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

  it("the dispatch (its read of the replies' threads runs in a transaction) delivers after the column was added, at its retry at the latest", async () => {
    // Inside a transaction PostgreSQL aborts it on the refusal, so the first batch on a connection
    // still holding an old plan fails once; every connection prepares anew from then on, and the
    // event's retry goes out.
    const deliver = async () => {
      await t.drain();
      if ((await t.outbox()).some((r) => r.consumed_at === null && r.failed_at !== null)) {
        t.clock.advance(10 * 60_000);
        await t.poll();
      }
    };
    t.start();
    const first = await reply('The nights are the hardest; I keep a flask of tea by the bed.');
    await deliver();
    expect(await noticesOf(author)).toEqual([first]);

    // The next reply's events wait while the column is added, so that the dispatch is what meets the old plans.
    t.options.enabled = false;
    const second = await reply('A neighbour sits with mine one evening a week.');
    await addColumnElsewhere('test_extra_dispatch');
    t.options.enabled = true;
    await deliver();
    expect(await noticesOf(author)).toEqual([first, second]);
    expect((await t.outbox()).filter((r) => r.consumed_at === null && r.dead_at === null)).toEqual([]);
  });

  it('a thread page read with a prepared `threads.*` answers after the column was added (run again, prepared anew)', async () => {
    // Twice, one request after the other: the pool hands back the connection it just had, which has the statement prepared.
    const titleOfPage = async () => {
      const res = await author.client.get(`/api/threads/${threadId}`);
      expect(res.statusCode).toBe(200);
      return res.json().thread.title;
    };
    for (let i = 0; i < 2; i++) expect(await titleOfPage()).toBe('Nights caring for mum');
    await addColumnElsewhere('test_extra_read');
    // Each of these would be a 500 had the connection kept its old plan (it is not in a transaction: run again, never refused).
    for (let i = 0; i < 3; i++) expect(await titleOfPage()).toBe('Nights caring for mum');
  });
});
