import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/server/platform/db.js';
import { migrateToLatest } from '../../src/server/platform/migrator.js';
import { buildTestApp, LogCapture } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, type BuiltUser } from '../factories.js';

/**
 * PostgreSQL's bounds on the pool (ADR 041): a statement over the requests' timeout is cancelled,
 * its unit of work rolled back, the request answered 503 (the server's trouble, not the input's),
 * only the error's kind logged, and the pool serves on; no free connection in time is a 503 too.
 * The long units of work (erasure, export) and migrations are not cut off by it.
 */
const postgres = testDatabases.find((d) => d.name === 'postgres');

/** The requests' bound in these tests: far below anything here that blocks or sleeps. */
const STATEMENT_MS = 200;

describe.skipIf(!postgres)('PostgreSQL statement timeout', () => {
  const logs = new LogCapture();
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: pg.Client;
  let schema: string;
  let author: BuiltUser;
  let replier: BuiltUser;
  let threadId: string;

  beforeAll(async () => {
    t = await buildTestApp(postgres!, {
      logStream: logs,
      config: { pgStatementTimeoutMs: STATEMENT_MS, pgLongStatementTimeoutMs: 10_000, pgIdleInTransactionTimeoutMs: 10_000, pgConnectTimeoutMs: 300 },
    });
    schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(t.app.kindred.database.db)).rows[0]!.schema;
    admin = new pg.Client({ connectionString: t.app.kindred.config.databaseUrl, options: `-c search_path=${schema}` });
    await admin.connect();
    [author, replier] = [await buildUser(t.app), await buildUser(t.app)];
    const space = await t.app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'carers').executeTakeFirstOrThrow();
    const res = await author.client.post(`/api/spaces/${space.id}/threads`, { kind: 'story', title: 'Evenings after work', body: 'How do you wind down?' });
    expect(res.statusCode).toBe(201);
    threadId = res.json().thread.id;
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  const db = () => t.app.kindred.database.db;
  const timeoutOfPool = async () => (await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db())).rows[0]!.statement_timeout;

  it('cancels a statement over the bound inside a unit of work: nothing it wrote is kept, and the pool serves on', async () => {
    expect(await timeoutOfPool()).toBe(`${STATEMENT_MS}ms`);
    const key = `timeout-test-${Date.now()}`;
    await expect(
      t.app.kindred.uow.run(async (tx) => {
        await tx.trx.insertInto('settings').values({ key, value: 'written before the slow statement', updated_at: tx.now.toISOString() }).execute();
        await sql`select pg_sleep(5)`.execute(tx.trx);
      }),
    ).rejects.toMatchObject({ code: '57014' });
    expect(await db().selectFrom('settings').select('key').where('key', '=', key).execute()).toEqual([]);
    // Every connection still answers (the one that was cancelled among them: the pool hands back the last one freed).
    expect((await sql<{ n: number }>`select 1 as n`.execute(db())).rows).toEqual([{ n: 1 }]);
    await t.app.kindred.uow.run((tx) => tx.trx.insertInto('settings').values({ key, value: 'v', updated_at: tx.now.toISOString() }).execute());
    expect(await db().selectFrom('settings').select('key').where('key', '=', key).execute()).toEqual([{ key }]);
  });

  it('classes a unit of work that lost a deadlock (40P01) as the database unavailable (a 503 to try again), nothing it wrote kept', async () => {
    // Another device's write during an erasure can meet the erasure's locks in the other order; PostgreSQL rolls one
    // back. That request did nothing wrong: it is told to try again (503), not a 500.
    const stamp = Date.now();
    const [a, b] = [`deadlock-a-${stamp}`, `deadlock-b-${stamp}`];
    const iso = new Date().toISOString();
    await t.app.kindred.uow.run((tx) => tx.trx.insertInto('settings').values([{ key: a, value: 'a', updated_at: iso }, { key: b, value: 'b', updated_at: iso }]).execute());
    await admin.query(`set deadlock_timeout = '10s'`); // the unit of work below detects the deadlock first, and loses it
    await admin.query('begin');
    await admin.query('update settings set value = $1 where key = $2', ['other', b]);
    let otherDone: Promise<unknown> | undefined;
    const lost = await t.app.kindred.uow
      .run(async (tx) => {
        await sql`set local deadlock_timeout = '20ms'`.execute(tx.trx);
        await tx.trx.updateTable('settings').set({ value: 'mine' }).where('key', '=', a).execute();
        otherDone = admin.query('update settings set value = $1 where key = $2', ['other', a]); // waits for this unit of work
        await new Promise((resolve) => setTimeout(resolve, 50));
        await tx.trx.updateTable('settings').set({ value: 'mine' }).where('key', '=', b).execute(); // waits for the other: a deadlock
      })
      .then(() => null, (err: unknown) => err);
    await otherDone;
    await admin.query('commit');
    expect(lost).toMatchObject({ code: '40P01' });
    expect(isDatabaseUnavailable(lost)).toBe(true);
    expect(await db().selectFrom('settings').select(['key', 'value']).where('key', 'in', [a, b]).orderBy('key').execute()).toEqual([
      { key: a, value: 'other' },
      { key: b, value: 'other' },
    ]);
  });

  it('answers a reply blocked past the bound with a 503 to try again, keeps none of its writes, logs the kind only, and takes the reply once unblocked', async () => {
    const body = `A walk round the block, phone left at home (${Date.now()}).`;
    const before = await db().selectFrom('threads').select(['reply_count', 'content_version']).where('id', '=', threadId).executeTakeFirstOrThrow();
    // The thread's own events delivered and their rows deleted first: left published, the dispatcher's
    // settle timer (1 s of real time) deleted them during the blocked reply on a slow machine, and the
    // count below came out lower (1 of 6 runs under load here, with 2 rows counted before).
    await t.app.kindred.dispatcher.idle();
    const outboxBefore = (await db().selectFrom('outbox').select('id').execute()).length;
    // Another session's uncommitted follow of the thread by the replier: the reply's own follow
    // (after its post was inserted) waits for it, longer than the bound.
    await admin.query('begin');
    await admin.query('insert into thread_follows (thread_id, user_id, created_at) values ($1, $2, $3)', [threadId, replier.id, new Date().toISOString()]);
    let res;
    try {
      res = await replier.client.post(`/api/threads/${threadId}/posts`, { body });
    } finally {
      await admin.query('rollback');
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.json()).toEqual({ error: { code: 'unavailable', message: 'The server is too busy to finish this right now. Please try again in a moment.' } });
    // Rolled back: the post it had inserted, the thread's counts the insert moved, its events.
    expect(await db().selectFrom('posts').select('id').where('body_source', '=', body).execute()).toEqual([]);
    expect(await db().selectFrom('threads').select(['reply_count', 'content_version']).where('id', '=', threadId).executeTakeFirstOrThrow()).toEqual(before);
    expect((await db().selectFrom('outbox').select('id').execute()).length).toBe(outboxBefore);
    const logged = logs.lines.filter((l) => l.includes('answered 503')).map((l) => JSON.parse(l) as { level: number; database: { name: string; code?: string } });
    expect(logged).toEqual([expect.objectContaining({ level: 40, database: { name: 'error', code: '57014' } })]);
    expect(logs.text).not.toContain(body);
    expect(logs.text).not.toMatch(/canceling statement|insert into|thread_follows/i);

    const again = await replier.client.post(`/api/threads/${threadId}/posts`, { body });
    expect(again.statusCode).toBe(201);
    expect(await db().selectFrom('posts').select('id').where('body_source', '=', body).execute()).toHaveLength(1);
  });

  it('answers 503 when no connection comes free in time, and serves again once they do', async () => {
    // Every connection of the pool (10) held, as by as many slow requests.
    let answered: { statusCode: number; json(): unknown } | undefined;
    const holdAll = async (n: number): Promise<void> => {
      if (n === 0) {
        answered = await replier.client.post(`/api/threads/${threadId}/posts`, { body: 'Same here: a bath and a podcast.' });
        return;
      }
      await db().connection().execute(async (c) => {
        await sql`select 1`.execute(c);
        await holdAll(n - 1);
      });
    };
    await holdAll(10);
    expect(answered?.statusCode).toBe(503);
    expect(answered?.json()).toMatchObject({ error: { code: 'unavailable' } });
    const logged = logs.lines.filter((l) => l.includes('answered 503')).map((l) => JSON.parse(l) as { database: { name: string } });
    expect(logged.at(-1)!.database.name).toBe('DatabaseUnavailableError');
    expect((await replier.client.post(`/api/threads/${threadId}/posts`, { body: 'Same here: a bath and a podcast.' })).statusCode).toBe(201);
  });

  it("does not cut off a long unit of work (erasure, export), and leaves the pool's bound as it was", async () => {
    await t.app.kindred.uow.runLong(async (tx) => {
      await sql`select pg_sleep(${(STATEMENT_MS * 3) / 1000})`.execute(tx.trx);
    });
    expect(await timeoutOfPool()).toBe(`${STATEMENT_MS}ms`);
    // The export, a long unit of work, over HTTP: its read of the threads waits on another
    // session's lock longer than the requests' bound, and is not cut off (a thread's page is).
    await admin.query('begin');
    let exported: Promise<{ statusCode: number }> | undefined;
    try {
      await admin.query('lock table threads in access exclusive mode');
      expect((await author.client.get(`/api/threads/${threadId}`)).statusCode).toBe(503);
      exported = author.client.get('/api/me/export');
      await new Promise((resolve) => setTimeout(resolve, STATEMENT_MS * 3));
    } finally {
      await admin.query('rollback');
    }
    expect((await exported!).statusCode).toBe(200);
    expect(await timeoutOfPool()).toBe(`${STATEMENT_MS}ms`);
  });

  it('does not cut off migrations, nor an instance waiting for another one to finish migrating, and restores the bound after', async () => {
    // Another instance migrating holds the schema's migration lock longer than the bound.
    await admin.query(`select pg_advisory_lock(hashtext('kindred-migrate:' || $1::text))`, [schema]);
    let released = false;
    const migrating = migrateToLatest(db(), 'postgres', schema).then(() => released);
    await new Promise((resolve) => setTimeout(resolve, STATEMENT_MS * 3));
    released = true;
    await admin.query(`select pg_advisory_unlock(hashtext('kindred-migrate:' || $1::text))`, [schema]);
    // It waited for the lock (and was not cancelled), then found nothing left to do.
    expect(await migrating).toBe(true);
    expect(await timeoutOfPool()).toBe(`${STATEMENT_MS}ms`);
  });
});
