import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, precompiled, precompiledInsert, type DatabaseHandle, type ExecutedQuery } from '../../src/server/platform/db.js';
import { isolated, type TxMark } from '../../src/server/platform/outbox.js';
import { buildTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';

/**
 * Writes sent `later` (ADR 028, amendment of 2026-11-27 morning): on PostgreSQL a transaction's begin
 * waits for its first statement that has to go, and writes whose results nobody reads go together
 * in one statement, before the next one or with the commit. Same rows, same order, same failures as
 * when each went at once; on SQLite they do go at once.
 */
describe.each(testDatabases)('writes sent later on $name', (database) => {
  let handle: DatabaseHandle;
  const sent: ExecutedQuery[] = [];
  const insert = precompiledInsert<{ key: string; value: string }>('notes' as never, ['key', 'value']);
  // A literal `$1` in the SQL itself, which renumbering must leave alone.
  const insertMarked = precompiled((d, key: string, value: string) => d.insertInto('notes' as never).values({ key, value: sql`${value} || '$1'` } as never));
  const keys = async () => (await sql<{ key: string; value: string }>`select key, value from notes order by key`.execute(handle.db)).rows;
  const postgres = database.name === 'postgres';

  beforeAll(async () => {
    const created = await database.create();
    handle = openDatabase(created.url, { schema: created.pgSchema, onQuery: (q) => void sent.push(q) });
    await sql`create table notes (key text primary key, value text not null)`.execute(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('stores a transaction of later writes as one statement, without begin or commit on PostgreSQL', async () => {
    sent.length = 0;
    await handle.db.transaction().execute(async (trx) => {
      await insert.later(trx, { key: 'a1', value: 'first' });
      await insertMarked.later(trx, 'a2', 'second');
      await insert.later(trx, { key: 'a3', value: 'third' });
    });
    expect(await keys()).toEqual([
      { key: 'a1', value: 'first' },
      { key: 'a2', value: 'second$1' },
      { key: 'a3', value: 'third' },
    ]);
    const statements = sent.map((q) => q.sql).filter((s) => !s.includes('order by key'));
    if (postgres) {
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/^with w1 as \(insert into "notes".*\), w2 as \(insert into "notes".*\) insert into "notes"/);
    } else {
      expect(statements.filter((s) => /insert into "notes"/.test(s))).toHaveLength(3);
    }
  });

  it('sends later writes before the next statement of the transaction, which sees them', async () => {
    sent.length = 0;
    const seen = await handle.db.transaction().execute(async (trx) => {
      await insert.later(trx, { key: 'b1', value: 'x' });
      return (await sql<{ n: number }>`select cast(count(*) as integer) as n from notes where key = 'b1'`.execute(trx)).rows[0]!.n;
    });
    expect(seen).toBe(1);
    if (postgres) expect(sent.map((q) => q.sql.split(' ')[0])).toEqual(['begin', 'insert', 'select', 'commit']);
  });

  it('fails the transaction when a later write fails, and stores nothing of it; the connections stay usable', async () => {
    const failing = (first: 'now' | 'later') =>
      handle.db.transaction().execute(async (trx) => {
        if (first === 'now') await insert(trx, { key: `c-${first}`, value: 'x' });
        else await insert.later(trx, { key: `c-${first}`, value: 'x' });
        await insert.later(trx, { key: 'a1', value: 'a duplicate key' });
      });
    await expect(failing('now')).rejects.toMatchObject({ message: expect.stringMatching(/duplicate key|UNIQUE/) });
    await expect(failing('later')).rejects.toMatchObject({ message: expect.stringMatching(/duplicate key|UNIQUE/) });
    expect((await keys()).map((r) => r.key)).toEqual(['a1', 'a2', 'a3', 'b1']);
    // More transactions than the pool has connections: none was left inside a transaction.
    for (let i = 0; i < 12; i++) await handle.db.transaction().execute((trx) => insert.later(trx, { key: `d${String(i).padStart(2, '0')}`, value: 'x' }));
    expect((await keys()).filter((r) => r.key.startsWith('d'))).toHaveLength(12);
  });

  it('drops later writes when the transaction is rolled back', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await insert.later(trx, { key: 'e1', value: 'x' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await handle.db.transaction().execute((trx) => insert.later(trx, { key: 'e2', value: 'x' }));
    expect((await keys()).map((r) => r.key).filter((k) => k.startsWith('e'))).toEqual(['e2']);
  });

  it('runs a later write outside a transaction at once', async () => {
    await insert.later(handle.db, { key: 'f1', value: 'x' });
    expect((await keys()).map((r) => r.key)).toContain('f1');
  });
});

describe.each(testDatabases)('a check-in on $name', (database) => {
  it('is stored with its screening, in one statement on PostgreSQL (ADR 028, amendment of 2026-11-27 morning)', async () => {
    const sent: string[] = [];
    let capturing = false;
    const { app, close } = await buildTestApp(database, { onQuery: (q) => capturing && sent.push(q.sql) });
    try {
      const user = await buildUser(app);
      // The sign-up's events dispatched first: only the check-in's statements are captured.
      await app.kindred.dispatcher.idle();
      capturing = true;
      const res = await user.client.post('/api/me/checkins', { mood: 3, note: 'A calm day, a walk by the river.' });
      capturing = false;
      expect(res.statusCode).toBe(201);
      const id = (res.json() as { checkin: { id: string } }).checkin.id;
      const db = app.kindred.database.db;
      expect(await db.selectFrom('mood_checkins').select('mood').where('id', '=', id).executeTakeFirst()).toEqual({ mood: 3 });
      expect(await db.selectFrom('screenings').select('object_type').where('object_id', '=', id).execute()).toEqual([{ object_type: 'mood_checkin' }]);
      const writes = sent.filter((s) => /insert into "mood_checkins"/.test(s));
      expect(writes).toHaveLength(1);
      if (database.name === 'postgres') {
        expect(writes[0]).toMatch(/insert into "screenings".*insert into "mood_checkins"/);
        expect(sent.filter((s) => s === 'begin' || s === 'commit')).toEqual([]);
      }
    } finally {
      await close();
    }
  });
});

describe.each(testDatabases)('a later write failing in a dispatcher savepoint on $name', (database) => {
  it("is that consumer's failure, undone alone; the dispatch goes on (outbox.ts isolated, ADR 028)", async () => {
    const created = await database.create();
    const handle = openDatabase(created.url, { schema: created.pgSchema });
    try {
      await sql`create table consumer_notes (key text primary key, value text not null)`.execute(handle.db);
      await sql`insert into consumer_notes values ('taken', 'x')`.execute(handle.db);
      const insert = precompiledInsert<{ key: string; value: string }>('consumer_notes' as never, ['key', 'value']);
      const mark = (): TxMark => ({ pending: 0, committed: 0, beforeCommit: 0 });
      const outcome = await handle.db.transaction().execute(async (trx) => {
        const failed = await isolated(trx, mark, () => undefined, () => insert.later(trx, { key: 'taken', value: 'again' }));
        const fine = await isolated(trx, mark, () => undefined, () => insert.later(trx, { key: 'next', value: 'y' }));
        await insert(trx, { key: 'after', value: 'z' });
        return { failed: failed !== undefined, fine: fine === undefined };
      });
      expect(outcome).toEqual({ failed: true, fine: true });
      const rows = (await sql<{ key: string }>`select key from consumer_notes order by key`.execute(handle.db)).rows.map((r) => r.key);
      expect(rows).toEqual(['after', 'next', 'taken']);
    } finally {
      await handle.close();
    }
  });
});
