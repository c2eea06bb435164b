import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.js';
import { openDatabase, precompiled, precompiledInsert, precompiledPerShape, precompiledTogether, type DatabaseHandle, type Executor } from './db.js';

describe.each(testDatabases)('precompiled statements (ADR 020) on $name', (database) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const created = await database.create();
    cleanup = created.cleanup;
    handle = openDatabase(created.url, { schema: created.pgSchema });
    // Just the one table this test reads, shaped as the app's.
    await handle.db.schema.createTable('warning_prefs').addColumn('user_id', 'text').addColumn('warning', 'text').addColumn('mode', 'text').execute();
    await handle.db
      .insertInto('warning_prefs')
      .values([
        { user_id: 'x', warning: 'eating', mode: 'show' },
        { user_id: 'y', warning: 'loss', mode: 'hide' },
        { user_id: 'x', warning: 'loss', mode: 'ask' },
        { user_id: "x' or '1'='1", warning: 'abuse', mode: 'show' },
      ])
      .execute();
  });
  afterAll(async () => {
    await handle?.close();
    await cleanup?.();
  });

  it("runs the statement built once with each call's values, in a transaction too", async () => {
    let built = 0;
    const prefsOf = precompiled((d, userId: string) => {
      built += 1;
      return d.selectFrom('warning_prefs').select('warning').where('user_id', '=', userId).where('mode', '!=', 'ask').orderBy('warning');
    });
    expect(await prefsOf(handle.db, 'x')).toEqual([{ warning: 'eating' }]);
    expect(await prefsOf(handle.db, 'y')).toEqual([{ warning: 'loss' }]);
    expect(await handle.db.transaction().execute((trx) => prefsOf(trx, 'x'))).toEqual([{ warning: 'eating' }]);
    // A value that would change the statement if it were written into the SQL matches only itself.
    expect(await prefsOf(handle.db, "x' or '1'='1")).toEqual([{ warning: 'abuse' }]);
    expect(built).toBe(1);
  });

  it('reads the same rows outside a transaction (SQLite: rows as arrays made objects, ADR 058) as inside one: names quoted or spaced, nulls, numbers, order kept', async () => {
    const odd = precompiled((d, userId: string) =>
      d
        .selectFrom('warning_prefs')
        .select(['warning', sql<string>`mode`.as('a "quoted", spaced name'), sql<null>`null`.as('nothing'), sql<number>`42`.as('n'), 'user_id'])
        .where('user_id', '=', userId)
        .orderBy('warning'),
    );
    const outside = await odd(handle.db, 'x');
    const inside = await handle.db.transaction().execute((trx) => odd(trx, 'x'));
    expect(outside).toStrictEqual(inside);
    expect(outside).toEqual([
      { warning: 'eating', 'a "quoted", spaced name': 'show', nothing: null, n: 42, user_id: 'x' },
      { warning: 'loss', 'a "quoted", spaced name': 'ask', nothing: null, n: 42, user_id: 'x' },
    ]);
    expect(Object.keys(outside[0]!)).toEqual(['warning', 'a "quoted", spaced name', 'nothing', 'n', 'user_id']);
  });

  it('builds a statement over lists once per shape (the lists\' lengths), each shape with its own split, and beyond the bound every time (ADR 031)', async () => {
    let built = 0;
    const prefsOf = precompiledPerShape(3, (d, [users, warnings]) => {
      built += 1;
      return d
        .selectFrom('warning_prefs')
        .select(['user_id', 'warning'])
        .where('user_id', 'in', users as string[])
        .where('warning', 'in', warnings as string[])
        .orderBy('user_id')
        .orderBy('warning');
    });
    expect(await prefsOf(handle.db, [['x'], ['loss', 'eating']])).toEqual([
      { user_id: 'x', warning: 'eating' },
      { user_id: 'x', warning: 'loss' },
    ]);
    expect(await handle.db.transaction().execute((trx) => prefsOf(trx, [['y'], ['loss', 'abuse']]))).toEqual([{ user_id: 'y', warning: 'loss' }]);
    expect(built).toBe(1);
    // The same number of values split otherwise is another statement, not the first one's split.
    expect(await prefsOf(handle.db, [['x', 'y'], ['loss']])).toEqual([
      { user_id: 'x', warning: 'loss' },
      { user_id: 'y', warning: 'loss' },
    ]);
    expect(built).toBe(2);
    // More values than the bound: built for each call.
    const many = [['x', 'y', "x' or '1'='1"], ['abuse']];
    expect(await prefsOf(handle.db, many)).toEqual([{ user_id: "x' or '1'='1", warning: 'abuse' }]);
    expect(await prefsOf(handle.db, many)).toEqual([{ user_id: "x' or '1'='1", warning: 'abuse' }]);
    expect(built).toBe(4);
    // An empty list would be `in ()`, which PostgreSQL refuses: a programming error on both engines, before anything is built.
    for (const lists of [[['x'], []], [[], ['loss']], [[], []]]) await expect(prefsOf(handle.db, lists)).rejects.toThrow(/every list must hold at least one value/);
    expect(built).toBe(4);
    // An executor with plugins: built each time, through them, not refused as `precompiled` does.
    const seen: string[] = [];
    const watching = handle.db.withPlugin({ transformQuery: ({ node }) => node, transformResult: async ({ result }) => (seen.push('result'), result) });
    expect(await prefsOf(watching, [['x'], ['loss', 'eating']])).toEqual([{ user_id: 'x', warning: 'eating' }, { user_id: 'x', warning: 'loss' }]);
    expect([built, seen]).toEqual([5, ['result']]);
  });

  it('reads several statements together as each alone would, in one round trip on PostgreSQL', async () => {
    const counted: string[] = [];
    const created = await database.create();
    const h = openDatabase(created.url, { schema: created.pgSchema, onQuery: (q) => counted.push(q.sql) });
    try {
      await h.db.schema.createTable('warning_prefs').addColumn('user_id', 'text').addColumn('warning', 'text').addColumn('mode', 'text').addColumn('n', 'integer').execute();
      // A column the app's warning_prefs has not (an integer), and a null.
      await (h.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
        .insertInto('warning_prefs')
        .values([
          { user_id: 'x', warning: 'loss', mode: 'hide', n: 2 },
          { user_id: 'x', warning: 'abuse', mode: null, n: -7 },
          { user_id: 'y', warning: 'eating', mode: 'show', n: 0 },
        ])
        .execute();
      const ordered = (d: Executor, userId: string) =>
        d.selectFrom('warning_prefs').select(['user_id', 'warning', 'mode', sql.ref<number>('n').as('n')]).where('user_id', '=', userId).orderBy('warning', 'desc');
      const counts = (d: Executor, userId: string) => d.selectFrom('warning_prefs').select(sql<number>`cast(count(*) as integer)`.as('c')).where('user_id', '!=', userId);
      const together = precompiledTogether((d, a: string, b: string) => [ordered(d, a), ordered(d, b), counts(d, a)] as const);
      const alone = async (a: string, b: string) => [await ordered(h.db, a).execute(), await ordered(h.db, b).execute(), await counts(h.db, a).execute()];
      for (const [a, b] of [['x', 'y'], ['y', 'nobody'], ['x', "x' or '1'='1"]] as const) {
        counted.length = 0;
        const rows = await together(h.db, a, b);
        expect(counted).toHaveLength(database.name === 'postgres' ? 1 : 3);
        expect(rows).toEqual(await alone(a, b));
      }
      expect((await together(h.db, 'x', 'y'))[0]).toEqual([
        { user_id: 'x', warning: 'loss', mode: 'hide', n: 2 },
        { user_id: 'x', warning: 'abuse', mode: null, n: -7 },
      ]);
      expect(await h.db.transaction().execute((trx) => together(trx, 'y', 'x'))).toEqual(await alone('y', 'x'));
    } finally {
      await h.close();
    }
  });

  it('reads together outside a transaction only: one open elsewhere is waited for and its rows are not seen; a failed read leaves none open (ADR 030, amendment 2)', async () => {
    const prefsOf = (d: Executor, userId: string) => d.selectFrom('warning_prefs').select(['warning', 'mode']).where('user_id', '=', userId).orderBy('warning');
    const together = precompiledTogether((d, a: string, b: string) => [prefsOf(d, a), prefsOf(d, b)] as const);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    // Another caller's transaction, open with a row not yet committed.
    const writer = handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('warning_prefs').values({ user_id: 'w', warning: 'abuse', mode: 'hide' }).execute();
      inserted();
      await held;
      await trx.deleteFrom('warning_prefs').where('user_id', '=', 'w').execute();
    });
    await insertedYet;
    // On SQLite the one connection is in the writer's transaction: a read run on it now would see
    // the row (a direct read runs at once, before `release` below); it waits for the transaction,
    // which removes the row before it ends. On PostgreSQL it reads the committed state at once.
    const read = together(handle.db, 'w', 'y');
    release();
    await writer;
    expect(await read).toEqual([[], [{ warning: 'loss', mode: 'hide' }]]);

    // A read that fails while it runs (an integer overflow, after the first read of the group) leaves the connection free for the next transaction.
    const broken = precompiledTogether((d, a: string) => [prefsOf(d, a), d.selectFrom('warning_prefs').select(sql<number>`abs(-9223372036854775807 - 1)`.as('v')).where('user_id', '=', a)] as const);
    await expect(broken(handle.db, 'x')).rejects.toThrow(/overflow|out of range/);
    await handle.db.transaction().execute((trx) => trx.insertInto('warning_prefs').values({ user_id: 'z', warning: 'abuse', mode: 'show' }).execute());
    expect(await together(handle.db, 'z', 'nobody')).toEqual([[{ warning: 'abuse', mode: 'show' }], []]);
    await handle.db.deleteFrom('warning_prefs').where('user_id', '=', 'z').execute();
  });

  it.runIf(database.name === 'sqlite')('reads together in one read transaction on SQLite: a row another connection commits between two reads of the group is not seen by the second (ADR 030, amendment 2)', async () => {
    // A file, so that a second connection (as another process would) shares it.
    const created = await database.create({ persistent: true });
    let other: SQLite.Database | null = null;
    let armed = false;
    // Called by the group's first read while it runs (once armed): commits a row from the other connection.
    const commitElsewhere = () => {
      if (armed) {
        armed = false;
        other!.prepare("insert into warning_prefs (user_id, warning, mode) values ('w', 'abuse', 'hide')").run();
      }
      return 1;
    };
    const h = openDatabase(created.url, { sqliteFunctions: { commit_elsewhere: commitElsewhere } });
    try {
      await h.db.schema.createTable('warning_prefs').addColumn('user_id', 'text').addColumn('warning', 'text').addColumn('mode', 'text').execute();
      await h.db.insertInto('warning_prefs').values({ user_id: 'x', warning: 'eating', mode: 'show' }).execute();
      other = new SQLite(created.url.slice('sqlite:'.length), { fileMustExist: true });
      other.pragma('busy_timeout = 5000');
      // The first reads the table (its snapshot taken) before it calls the function for its row.
      const first = (d: Executor, a: string) => d.selectFrom('warning_prefs').select(['warning', sql<number>`commit_elsewhere()`.as('c')]).where('user_id', '=', a);
      const second = (d: Executor, b: string) => d.selectFrom('warning_prefs').select(['warning', 'mode']).where('user_id', '=', b);
      const together = precompiledTogether((d, a: string, b: string) => [first(d, a), second(d, b)] as const);
      armed = true;
      const rows = await together(h.db, 'x', 'w');
      // The row was committed while the first read ran; read one by one, each its own transaction, the second would see it.
      expect(armed).toBe(false);
      expect(rows).toEqual([[{ warning: 'eating', c: 1 }], []]);
      // The next group is a new read transaction: it sees the row.
      expect(await together(h.db, 'nobody', 'w')).toEqual([[], [{ warning: 'abuse', mode: 'hide' }]]);
    } finally {
      other?.close();
      await h.close();
      await created.cleanup();
    }
  });

  it('refuses a builder that writes an argument into the SQL text instead of binding it', async () => {
    const unsafe = precompiled((d, column: string) => d.selectFrom('warning_prefs').select(sql.ref<string>(column).as('v')));
    await expect(unsafe(handle.db, 'warning')).rejects.toThrow(/every argument must be a bound value/);
  });

  it('refuses an executor with plugins, whose SQL the per-dialect cache would share with everyone', async () => {
    const prefsOf = precompiled((d, userId: string) => d.selectFrom('warning_prefs').select('warning').where('user_id', '=', userId));
    await expect(prefsOf(handle.db.withSchema('elsewhere'), 'x')).rejects.toThrow(/plugins/);
  });

  it('inserts whole rows with numbers and nulls bound as they are, built once (ADR 027)', async () => {
    await handle.db.schema.createTable('settings').addColumn('key', 'text').addColumn('value', 'text').addColumn('updated_at', 'text').execute();
    await handle.db.schema.alterTable('settings').addColumn('n', 'integer').execute();
    const insert = precompiledInsert<{ key: string; value: string | null; updated_at: string; n: number | null }>('settings', ['key', 'value', 'updated_at', 'n']);
    await insert(handle.db, { key: 'a', value: null, updated_at: 't1', n: 3 });
    await handle.db.transaction().execute((trx) => insert(trx, { key: "b' ); drop table settings; --", value: 'v', updated_at: 't2', n: null }));
    const rows = (await handle.db.selectFrom('settings').selectAll().orderBy('key').execute()) as unknown as { key: string; value: string | null; updated_at: string; n: number | string | null }[];
    expect(rows.map((r) => ({ ...r, n: r.n === null ? null : Number(r.n) }))).toEqual([
      { key: 'a', value: null, updated_at: 't1', n: 3 },
      { key: "b' ); drop table settings; --", value: 'v', updated_at: 't2', n: null },
    ]);
  });
  it('reads as before after a migration added a column to the table, in a transaction first (ADR 028, second amendment)', async () => {
    await handle.db.schema.createTable('thread_follows').addColumn('thread_id', 'text').addColumn('user_id', 'text').execute();
    await handle.db.insertInto('thread_follows').values({ thread_id: 't', user_id: 'x' } as never).execute();
    const followsOf = precompiled((d, userId: string) => d.selectFrom('thread_follows').select(['thread_id', 'user_id']).where('user_id', '=', userId));
    expect(await handle.db.transaction().execute((trx) => followsOf(trx, 'x'))).toEqual([{ thread_id: 't', user_id: 'x' }]);
    await handle.db.schema.alterTable('thread_follows').addColumn('since', 'text').execute();
    // Its columns named, the prepared statement's result type is the same: PostgreSQL keeps the plan
    // (with `*` it refused it, which inside a transaction failed the transaction).
    expect(await handle.db.transaction().execute((trx) => followsOf(trx, 'x'))).toEqual([{ thread_id: 't', user_id: 'x' }]);
    expect(await followsOf(handle.db, 'x')).toEqual([{ thread_id: 't', user_id: 'x' }]);
  });

  it('refuses a statement that reads or returns * (selectAll, returningAll), alone or read together with others, and takes count(*)', async () => {
    const refused = /name the columns/;
    const all = precompiled((d, userId: string) => d.selectFrom('warning_prefs').selectAll().where('user_id', '=', userId));
    await expect(all(handle.db, 'x')).rejects.toThrow(refused);
    const allOfOne = precompiled((d, userId: string) => d.selectFrom('warning_prefs').selectAll('warning_prefs').select('user_id').where('user_id', '=', userId));
    await expect(allOfOne(handle.db, 'x')).rejects.toThrow(refused);
    const returning = precompiled((d, userId: string) => d.updateTable('warning_prefs').set({ mode: 'hide' }).where('user_id', '=', userId).returningAll());
    await expect(returning(handle.db, 'nobody')).rejects.toThrow(refused);
    const together = precompiledTogether((d, userId: string) => [d.selectFrom('warning_prefs').select('mode').where('user_id', '=', userId), d.selectFrom('warning_prefs').selectAll().where('user_id', '=', userId)] as const);
    await expect(together(handle.db, 'x')).rejects.toThrow(refused);
    const counted = precompiled((d, userId: string) => d.selectFrom('warning_prefs').select(sql<number>`count(*)`.as('n')).where('user_id', '=', userId));
    expect((await counted(handle.db, 'x')).map((r) => Number(r.n))).toEqual([2]);
  });
});

/** PostgreSQL only: precompiled statements are named prepared statements there (ADR 028). */
describe.each(testDatabases.filter((d) => d.name === 'postgres'))('precompiled statements prepared by name on $name', (database) => {
  const opened: DatabaseHandle[] = [];
  const open = async () => {
    const created = await database.create();
    const handle = openDatabase(created.url, { schema: created.pgSchema });
    opened.push(handle);
    await handle.db.schema.createTable('warning_prefs').addColumn('user_id', 'text').addColumn('warning', 'text').addColumn('mode', 'text').execute();
    return handle;
  };
  afterAll(async () => {
    for (const h of opened) await h.close();
  });
  const prefsOf = precompiled((d, userId: string) => d.selectFrom('warning_prefs').select(['user_id', 'warning', 'mode']).where('user_id', '=', userId).orderBy('warning'));
  /** The statements this connection has prepared, read on the connection a transaction holds. */
  const preparedOn = (d: DatabaseHandle['db'], userId: string) =>
    d.transaction().execute(async (trx) => {
      await prefsOf(trx, userId);
      return (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx)).rows.map((r) => r.statement);
    });

  it('prepares the statement once per connection under a name, and each schema reads its own tables', async () => {
    const a = await open();
    const b = await open();
    await a.db.insertInto('warning_prefs').values({ user_id: 'x', warning: 'loss', mode: 'hide' }).execute();
    await b.db.insertInto('warning_prefs').values({ user_id: 'x', warning: 'eating', mode: 'show' }).execute();
    const statements = await preparedOn(a.db, 'x');
    expect(statements.filter((s) => s.includes('from "warning_prefs" where "user_id" = $1'))).toHaveLength(1);
    // The same name on another pool (another schema, as every test file has) is prepared there against its own table.
    expect(await prefsOf(a.db, 'x')).toEqual([{ user_id: 'x', warning: 'loss', mode: 'hide' }]);
    expect(await prefsOf(b.db, 'x')).toEqual([{ user_id: 'x', warning: 'eating', mode: 'show' }]);
    expect(await prefsOf(a.db, 'x')).toEqual([{ user_id: 'x', warning: 'loss', mode: 'hide' }]);
  });

  // Named columns keep a statement's result type when a column is added; a column's type changed
  // by a migration still changes it: the retry under new names stays for that (ADR 028, amendments).
  const retype = (h: DatabaseHandle, type: string) => sql`alter table warning_prefs alter column mode type ${sql.raw(type)}`.execute(h.db);

  it('reads again after a migration changed the type of a column a prepared statement reads', async () => {
    const h = await open();
    await h.db.insertInto('warning_prefs').values({ user_id: 'x', warning: 'loss', mode: 'hide' }).execute();
    expect(await prefsOf(h.db, 'x')).toEqual([{ user_id: 'x', warning: 'loss', mode: 'hide' }]);
    // Outside a transaction: run again, prepared anew (PostgreSQL refuses the old plan's result type).
    await retype(h, 'varchar(20)');
    expect(await prefsOf(h.db, 'x')).toEqual([{ user_id: 'x', warning: 'loss', mode: 'hide' }]);
    // Inside a transaction the refusal aborts it; the next call (on that connection) prepares anew.
    await retype(h, 'varchar(30)');
    await expect(h.db.transaction().execute((trx) => prefsOf(trx, 'x'))).rejects.toThrow(/cached plan must not change result type/);
    expect(await prefsOf(h.db, 'x')).toEqual([{ user_id: 'x', warning: 'loss', mode: 'hide' }]);
  });

  it("after one connection met a stale plan, the pool's other connections prepare anew before meeting theirs, in a transaction too", async () => {
    const h = await open();
    await h.db.insertInto('warning_prefs').values({ user_id: 'x', warning: 'loss', mode: 'hide' }).execute();
    // Two connections held at once, each with the statement prepared.
    await h.db.connection().execute((a) =>
      h.db.connection().execute(async (b) => {
        const pid = async (c: typeof a) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(c)).rows[0]!.pid;
        expect(await pid(a)).not.toBe(await pid(b));
        for (const c of [a, b]) expect(await prefsOf(c, 'x')).toHaveLength(1);
        await retype(h, 'varchar(20)');
        expect(await prefsOf(a, 'x')).toEqual([{ user_id: 'x', warning: 'loss', mode: 'hide' }]);
        // `b` never met the refusal itself: its transaction is not the one to pay for it.
        await sql`begin`.execute(b);
        expect(await prefsOf(b, 'x')).toEqual([{ user_id: 'x', warning: 'loss', mode: 'hide' }]);
        await sql`commit`.execute(b);
      }),
    );
  });

  it('prepares anew on a new connection after the old one was ended', async () => {
    const h = await open();
    await h.db.insertInto('warning_prefs').values({ user_id: 'x', warning: 'loss', mode: 'hide' }).execute();
    expect(await prefsOf(h.db, 'x')).toHaveLength(1);
    const pids = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(h.db)).rows.map((r) => r.pid);
    const admin = openDatabase(process.env.TEST_DATABASE_URL!);
    await sql`select pg_terminate_backend(${pids[0]}::int)`.execute(admin.db);
    await admin.close();
    // The pool learns of the ended connection on its next uses at the latest: those calls fail with it.
    let rows: unknown[] | undefined;
    const failures: string[] = [];
    while (!rows && failures.length < 3) rows = await prefsOf(h.db, 'x').catch((err: Error) => void failures.push(err.message));
    expect(rows).toEqual([{ user_id: 'x', warning: 'loss', mode: 'hide' }]);
    const pidAfter = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(h.db)).rows[0]!.pid;
    expect(pidAfter).not.toBe(pids[0]);
  });
});
